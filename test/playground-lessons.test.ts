// Every lesson's ```ts example runs in the playground as written, and prints what it prints as
// a program: pasted whole (as .editor takes it) and line by line (as the REPL reads a paste).
// The reference output is the example run as a file with tsx, as test/lesson-code.test.ts does.
import { execFile } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { Readable } from "node:stream";
import { promisify } from "node:util";
import { fileURLToPath } from "node:url";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { loadCourse } from "../src/content/fs-source.js";
import { runPiped } from "../src/playground/piped.js";
import { type TestPlayground, testPlayground } from "../src/playground/test-helpers.js";
import { codeBlocks } from "./helpers/code-blocks.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const dir = `${root}.tmp/playground-lessons`;
const course = loadCourse(root);
const examples = course.lessons.flatMap((lesson) =>
  codeBlocks(lesson.body)
    .filter((b) => (b.lang === "ts" || b.lang === "typescript") && b.runnable)
    .map((block) => ({ name: `${lesson.file}:${block.line}`, code: block.code, file: `${dir}/${lesson.number}-${block.line}.ts` })),
);

const expected = new Map<string, string>();

beforeAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const run = promisify(execFile);
  const queue = [...examples];
  // Two at a time: the machine is shared.
  const worker = async () => {
    for (let e = queue.shift(); e; e = queue.shift()) {
      writeFileSync(e.file, e.code);
      const { stdout } = await run(process.execPath, ["--import", "tsx", e.file], { cwd: root, timeout: 60_000 });
      expected.set(e.name, stdout);
    }
  };
  await Promise.all([worker(), worker()]);
}, 240_000);

let pg: TestPlayground | undefined;
afterEach(() => {
  pg?.dispose();
  pg = undefined;
});

it("finds an example in every lesson", () => {
  expect(new Set(examples.map((e) => e.name.split(":")[0])).size).toBe(course.lessons.length);
});

describe.each(examples.map((e) => [e.name, e] as const))("%s", (_name, e) => {
  it("runs pasted whole and prints what the program prints", async () => {
    pg = testPlayground();
    const outcome = await pg.evaluate(e.code);
    expect(outcome.kind === "error" ? String(outcome.error) : outcome.kind).toBe("value");
    const out = pg.take();
    expect(out.trim().length).toBeGreaterThan(0);
    expect(out).toBe(expected.get(e.name));
  });

  it("runs line by line, printing the program's lines in order among the values", async () => {
    pg = testPlayground();
    let err = "";
    const current = pg;
    const { failures } = await runPiped(current, { input: Readable.from([`${e.code}\n`]), write: (t) => current.write(t), writeErr: (t) => (err += t) });
    expect(err).toBe("");
    expect(failures).toBe(0);
    const out = current.take().split("\n");
    let at = 0;
    for (const line of expected.get(e.name)!.trimEnd().split("\n")) {
      const found = out.indexOf(line, at);
      expect(found, `"${line}" after line ${at} of:\n${out.join("\n")}`).toBeGreaterThanOrEqual(0);
      at = found + 1;
    }
  });
});
