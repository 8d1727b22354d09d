import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { ContentError, DataError } from "../errors.js";
import { defaultCourseRoot, loadCourse, readCourseFiles } from "./fs-source.js";

const repoRoot = fileURLToPath(new URL("../../", import.meta.url)).replace(/[\\/]$/, "");
const fixture = (name: string) => join(repoRoot, "test", "fixtures", name);

const temps: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "mqtutor-content-"));
  temps.push(dir);
  return dir;
}
function write(root: string, rel: string, text: string): void {
  const file = join(root, ...rel.split("/"));
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}
afterEach(() => {
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("readCourseFiles", () => {
  it("reads the lessons, quizzes and every exercise file of a course, sorted, with / paths", () => {
    const files = readCourseFiles(fixture("course-valid"));
    expect(files.map((f) => f.path)).toEqual([
      "exercises/03-retrying-consumer/check.test.ts",
      "exercises/03-retrying-consumer/exercise.md",
      "exercises/03-retrying-consumer/solution.ts",
      "exercises/03-retrying-consumer/starter.ts",
      "lessons/01-producer-consumer.md",
      "lessons/02-acknowledgements.md",
      "lessons/03-dead-letter-queues.md",
      "quizzes/01-redrive-order.md",
      "quizzes/02-queue-purpose.md",
      "quizzes/03-queue-roles.md",
      "quizzes/04-ack-redelivery.md",
      "quizzes/05-dlq-name.md",
    ]);
    expect(files.find((f) => f.path.endsWith("solution.ts"))?.text).toContain("Math.max(0, limit - attempts)");
  });

  it("treats missing folders as empty and skips non-markdown, dot and node_modules entries", () => {
    const root = tempDir();
    write(root, "lessons/01-a.md", "x");
    write(root, "lessons/notes.txt", "x");
    write(root, "lessons/.draft.md", "x");
    write(root, "lessons/sub/02-b.md", "x");
    write(root, "exercises/README.md", "x");
    write(root, "exercises/01-e/starter.ts", "x");
    write(root, "exercises/01-e/deep/er/a.test.ts", "x");
    write(root, "exercises/01-e/node_modules/m/index.js", "x");
    write(root, "exercises/01-e/.vscode/settings.json", "x");
    write(root, "exercises/.git/HEAD", "x");
    expect(readCourseFiles(root).map((f) => f.path)).toEqual([
      "exercises/01-e/deep/er/a.test.ts",
      "exercises/01-e/starter.ts",
      "lessons/01-a.md",
    ]);
  });

  it("follows symlinked lessons and exercise folders", () => {
    const root = tempDir();
    const elsewhere = tempDir();
    write(elsewhere, "01-linked.md", "x");
    write(elsewhere, "ex/starter.ts", "y");
    mkdirSync(join(root, "lessons"));
    mkdirSync(join(root, "exercises"));
    symlinkSync(join(elsewhere, "01-linked.md"), join(root, "lessons", "01-linked.md"));
    symlinkSync(join(elsewhere, "ex"), join(root, "exercises", "01-ex"), "dir");
    symlinkSync(join(elsewhere, "missing.md"), join(root, "lessons", "02-dangling.md"));
    expect(readCourseFiles(root)).toEqual([
      { path: "exercises/01-ex/starter.ts", text: "y" },
      { path: "lessons/01-linked.md", text: "x" },
    ]);
  });

  it("refuses a course root that does not exist", () => {
    const missing = join(tempDir(), "nope");
    expect(() => readCourseFiles(missing)).toThrow(DataError);
    expect(() => readCourseFiles(missing)).toThrow(/the course folder does not exist\.\nCheck MQTUTOR_CONTENT/);
  });
});

describe("loadCourse", () => {
  it("parses what it reads", () => {
    expect(loadCourse(fixture("course-valid")).lessons.map((l) => l.slug)).toEqual([
      "producer-consumer",
      "acknowledgements",
      "dead-letter-queues",
    ]);
    expect(() => loadCourse(fixture("course-defects"))).toThrow(ContentError);
  });

  it("refuses a folder with no lessons, naming its lessons/ folder (every screen needs one)", () => {
    const root = tempDir();
    write(root, "quizzes/01-q.md", "x");
    expect(() => loadCourse(root)).toThrow(DataError);
    expect(() => loadCourse(root)).toThrow(`${join(root, "lessons")}: holds no lessons`);
  });

  it("says a lesson file it cannot read is unreadable data, naming it", () => {
    const root = tempDir();
    write(root, "lessons/01-a.md", "x");
    const locked = join(root, "lessons", "02-locked.md");
    // root reads anything, but not /proc/self/mem at offset 0 (EIO).
    if (process.getuid?.() === 0) symlinkSync("/proc/self/mem", locked);
    else writeFileSync(locked, "x", { mode: 0 });
    expect(() => readCourseFiles(root)).toThrow(DataError);
    expect(() => readCourseFiles(root)).toThrow(new RegExp(`^${locked}: could not be read \\((EACCES|EIO)\\)`));
  });

  it("says a course root that is a file is a file", () => {
    const root = tempDir();
    write(root, "f", "x");
    expect(() => readCourseFiles(join(root, "f"))).toThrow(`${join(root, "f")}: is a file, not the course folder.`);
  });
});

describe("defaultCourseRoot", () => {
  it("finds the mqtutor package from src/content (as under vitest and tsx)", () => {
    expect(defaultCourseRoot()).toBe(repoRoot);
  });

  it("finds it from a bundled chunk, skipping package.json files of other names", () => {
    const root = tempDir();
    write(root, "package.json", JSON.stringify({ name: "mqtutor" }));
    write(root, "dist/package.json", JSON.stringify({ type: "module" }));
    write(root, "dist/chunks/broken/package.json", "{ not json");
    const chunk = join(root, "dist", "chunks", "broken", "fs-source-ABC123.js");
    expect(defaultCourseRoot(pathToFileURL(chunk))).toBe(root);
    expect(defaultCourseRoot(pathToFileURL(chunk).href)).toBe(root);
  });

  it("says what to do when no mqtutor package is above", () => {
    const root = tempDir();
    write(root, "package.json", JSON.stringify({ name: "other" }));
    const from = pathToFileURL(join(root, "a", "b.js"));
    // tmpdir is normally outside any mqtutor package; guard in case it is not
    let found: string | undefined;
    try {
      found = defaultCourseRoot(from);
    } catch (e) {
      expect(e).toBeInstanceOf(DataError);
      expect((e as DataError).message).toMatch(/no package\.json named "mqtutor".*\nSet MQTUTOR_CONTENT/);
      return;
    }
    expect(found).not.toBe(root);
  });
});
