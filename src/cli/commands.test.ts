// The commands in-process, on the fixture course, with a temporary progress home.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../../test/helpers/cli.js";

const valid = fileURLToPath(new URL("../../test/fixtures/course-valid", import.meta.url));
const defects = fileURLToPath(new URL("../../test/fixtures/course-defects", import.meta.url));
let home: string;
let env: NodeJS.ProcessEnv;

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), "mqtutor-cli-"));
  env = { MQTUTOR_CONTENT: valid, MQTUTOR_HOME: home };
});

const log = () => readFileSync(join(home, "progress.jsonl"), "utf8");

describe("lessons", () => {
  it("lists number, title, minutes and read status", async () => {
    const r = await runCli(["lessons"], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\[ \] +1 +\S.*\(\d+ min, producer-consumer\)/);
    expect(r.stdout.match(/^\[ \]/gm)).toHaveLength(3);
  });

  it("prints JSON for scripts, reflecting what was read", async () => {
    await runCli(["read", "2", "--plain"], env);
    const r = await runCli(["lessons", "--json"], env);
    const data = JSON.parse(r.stdout) as { lessons: { id: string; number: number; title: string; minutes: number; read: boolean }[] };
    expect(data.lessons.map((l) => [l.number, l.id, l.read])).toEqual([
      [1, "producer-consumer", false],
      [2, "acknowledgements", true],
      [3, "dead-letter-queues", false],
    ]);
    expect(typeof data.lessons[0]!.minutes).toBe("number");
  });
});

describe("read", () => {
  it("prints the rendered lesson without ANSI codes when not on a terminal, and records it", async () => {
    const r = await runCli(["read", "dead-letter-queues"], env);
    expect(r.code).toBe(0);
    // Headings are drawn (underlined), not printed as markdown.
    expect(r.stdout).toMatch(/^3\. .+\n═+\n/);
    expect(r.stdout).toContain("Cheat sheet\n───────────\n");
    expect(r.stdout).not.toContain("\u001b[");
    expect(log().split("\n").filter(Boolean).map((l) => JSON.parse(l).type)).toEqual(["lesson-opened", "lesson-finished"]);
  });

  it("lays plain output out for COLUMNS when not on a terminal: default 80, at most 100, at least 40", async () => {
    const widest = async (columns?: string) => {
      const r = await runCli(["read", "3"], columns === undefined ? env : { ...env, COLUMNS: columns });
      expect(r.code).toBe(0);
      return Math.max(...r.stdout.split("\n").map((l) => l.length));
    };
    expect(await widest()).toBeLessThanOrEqual(80);
    expect(await widest()).toBeGreaterThan(70);
    expect(await widest("50")).toBeLessThanOrEqual(50);
    expect(await widest("50")).toBeGreaterThan(40);
    expect(await widest("300")).toBeLessThanOrEqual(100);
    expect(await widest("300")).toBeGreaterThan(80);
    expect(await widest("12")).toBeLessThanOrEqual(40);
    expect(await widest("12")).toBeGreaterThan(30);
    expect(await widest("wide")).toBeLessThanOrEqual(80);
  });

  it("honours NO_COLOR even on a terminal with --plain", async () => {
    const r = await runCli(["read", "1", "--plain"], { ...env, NO_COLOR: "1" }, { tty: true });
    expect(r.stdout).not.toContain("\u001b[");
    const colored = await runCli(["read", "1", "--plain"], env, { tty: true });
    expect(colored.stdout).toContain("\u001b[");
    const dumb = await runCli(["read", "1", "--plain"], { ...env, TERM: "dumb" }, { tty: true });
    expect(dumb.stdout).not.toContain("\u001b[");
    const flag = await runCli(["--no-color", "read", "1", "--plain"], env, { tty: true });
    expect(flag.stdout).not.toContain("\u001b[");
  });

  it.each(["11", "0", "nope", "1.5"])("an unknown lesson %j exits 2 listing the valid ids", async (id) => {
    const r = await runCli(["read", id], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`Unknown lesson "${id}"`);
    expect(r.stderr).toMatch(/1\s+producer-consumer/);
    expect(r.stderr).toMatch(/3\s+dead-letter-queues/);
    expect(r.stdout).toBe("");
  });
});

describe("cheatsheet", () => {
  it("prints one lesson's cheat sheet, or all of them", async () => {
    const one = await runCli(["cheatsheet", "3"], env);
    expect(one.code).toBe(0);
    expect(one.stdout.match(/cheat sheet/g)).toHaveLength(1);
    const all = await runCli(["cheatsheet"], env);
    expect(all.stdout.match(/: cheat sheet/g)).toHaveLength(3);
    expect((await runCli(["cheatsheet", "42"], env)).code).toBe(2);
  });
});

describe("progress", () => {
  it("shows what is recorded, as text and as JSON", async () => {
    await runCli(["read", "1"], env);
    const text = await runCli(["progress"], env);
    expect(text.stdout).toContain("Lessons read: 1/3");
    expect(text.stdout).toContain(join(home, "progress.jsonl"));
    const json = JSON.parse((await runCli(["progress", "--json"], env)).stdout) as { lessons: unknown[] };
    expect(json.lessons[0]).toEqual({ id: "producer-consumer", number: 1, title: expect.any(String), read: true });
    expect(Object.keys(json.lessons[1] as object).sort()).toEqual(["id", "number", "read", "title"]);
  });

  it("takes --home over MQTUTOR_HOME", async () => {
    const other = mkdtempSync(join(tmpdir(), "mqtutor-cli-"));
    await runCli(["--home", other, "read", "1"], env);
    expect(readFileSync(join(other, "progress.jsonl"), "utf8")).toContain("lesson-finished");
  });

  it("warns about a corrupt line, keeps the rest and exits 0", async () => {
    await runCli(["read", "1"], env);
    writeFileSync(join(home, "progress.jsonl"), log() + "{not json\n" + log());
    const r = await runCli(["progress", "--json"], env);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/line 3/);
    expect(JSON.parse(r.stdout).lessons[0].read).toBe(true);
  });

  it("refuses a log from a newer mqtutor with exit 3, leaving it untouched", async () => {
    const newer = '{"v":99,"type":"lesson-opened","at":"2030-01-01T00:00:00.000Z","lesson":"x"}\n';
    writeFileSync(join(home, "progress.jsonl"), newer);
    const r = await runCli(["read", "1"], env);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(join(home, "progress.jsonl"));
    expect(log()).toBe(newer);
  });
});

describe("home", () => {
  it("prints the course overview when there is no terminal", async () => {
    const r = await runCli([], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Lessons read: 0/3");
    expect(r.stdout).toContain("mqtutor read <lesson>");
  });
});

describe("invalid content", () => {
  it("exits 3 naming each file, field and rule", async () => {
    const r = await runCli(["lessons"], { ...env, MQTUTOR_CONTENT: defects });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/lessons\/\S+\.md → front matter: "minutes" must be a number/);
    expect(r.stdout).toBe("");
  });
});

describe("where progress lives", () => {
  it.each([["--home=~/x"], ["--home", "~/x"]])("expands a leading ~ in %s as a shell would", async (...flag) => {
    const fakeHome = mkdtempSync(join(tmpdir(), "mqtutor-tilde-"));
    const r = await runCli([...flag, "read", "1"], { MQTUTOR_CONTENT: valid, HOME: fakeHome });
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(fakeHome, "x", "progress.jsonl"), "utf8")).toContain("lesson-finished");
    expect(existsSync(join(process.cwd(), "~"))).toBe(false);
  });

  it("expands ~ in a quoted MQTUTOR_HOME too, and prints the file in full", async () => {
    const fakeHome = mkdtempSync(join(tmpdir(), "mqtutor-tilde-"));
    const r = await runCli(["progress"], { MQTUTOR_CONTENT: valid, HOME: fakeHome, MQTUTOR_HOME: "~/p" });
    expect(r.stdout).toContain(join(fakeHome, "p", "progress.jsonl"));
  });

  it.each([
    ["MQTUTOR_HOME", (file: string) => ({ MQTUTOR_HOME: file }), [] as string[]],
    ["--home", () => ({}), ["--home"]],
    ["a folder under a file", (file: string) => ({ MQTUTOR_HOME: join(file, "sub") }), []],
  ])("says when %s names a file, not a directory (exit 3)", async (_name, envFor, flag) => {
    const file = join(home, "a-file");
    writeFileSync(file, "x");
    const r = await runCli([...flag, ...(flag.length ? [file] : []), "progress"], { MQTUTOR_CONTENT: valid, ...envFor(file) });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`${file}: is a file, not a directory.`);
    expect(r.stderr).toMatch(/Point --home \(or MQTUTOR_HOME\) at a directory/);
  });
});

/** A file the current user cannot read: mode 000, or (root reads anything) /proc/self/mem, which fails with EIO. */
function unreadableFile(path: string): void {
  if (process.getuid?.() === 0) return symlinkSync("/proc/self/mem", path);
  writeFileSync(path, "x", { mode: 0o000 });
}

describe("unreadable course content exits 3 naming the folder or file", () => {
  it("a content folder that is a file", async () => {
    const file = join(home, "not-a-course");
    writeFileSync(file, "x");
    const r = await runCli(["lessons"], { ...env, MQTUTOR_CONTENT: file });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`${file}: is a file, not the course folder.`);
  });

  it.each([[false], [true]])("a content folder with no lessons (lessons/ exists: %s)", async (withFolder) => {
    const root = mkdtempSync(join(tmpdir(), "mqtutor-empty-"));
    if (withFolder) mkdirSync(join(root, "lessons"));
    for (const argv of [["lessons"], []]) {
      const r = await runCli(argv, { ...env, MQTUTOR_CONTENT: root });
      expect(r.code).toBe(3);
      expect(r.stderr).toContain(`${join(root, "lessons")}: holds no lessons`);
      expect(r.stdout).toBe("");
    }
  });

  it("a lesson file that cannot be read", async () => {
    const root = mkdtempSync(join(tmpdir(), "mqtutor-unreadable-"));
    mkdirSync(join(root, "lessons"));
    writeFileSync(join(root, "lessons", "01-fine.md"), readFileSync(join(valid, "lessons", "01-producer-consumer.md")));
    unreadableFile(join(root, "lessons", "02-locked.md"));
    const r = await runCli(["read", "1"], { ...env, MQTUTOR_CONTENT: root });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(new RegExp(`^${join(root, "lessons", "02-locked.md")}: could not be read \\((EACCES|EIO)\\)`));
    expect(r.stderr).not.toContain("bug");
  });
});

describe("TERM=dumb", () => {
  it("gets the plain output even on a terminal (no alternate screen, no cursor codes)", async () => {
    const read = await runCli(["read", "1"], { ...env, TERM: "dumb" }, { tty: true });
    expect(read.code).toBe(0);
    expect(read.stdout).toContain("Producers and consumers");
    expect(read.stdout).not.toContain("\u001b");
    const bare = await runCli([], { ...env, TERM: "dumb" }, { tty: true });
    expect(bare.stdout).toContain("Lessons read: 1/3");
    expect(bare.stdout).not.toContain("\u001b");
  });
});
