// The exercise commands through the real binary, without a terminal, on the fixture course:
// what a learner (or a script) sees from verify, exercise, hint, reset, solution, exercises and
// progress; and what happens when the learner's code misbehaves.
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { beforeEach, describe, expect, it } from "vitest";
import { root, runBin } from "./helpers/binary.js";

const fixture = join(root, "test/fixtures/course-valid");
const solution = readFileSync(join(fixture, "exercises/03-retrying-consumer/solution.ts"), "utf8");
let home: string;
let ws: string;
let file: string;
const run = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  runBin(["--home", home, "--workspace", ws, ...args], { MQTUTOR_CONTENT: fixture, ...env });

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), "mqt-home-"));
  ws = mkdtempSync(join(tmpdir(), "mqt-ws-"));
  file = join(ws, "03-retrying-consumer.ts");
});

describe("verify", () => {
  it("says a missing file is not started, names the command that creates it, exit 1", () => {
    const r = run(["verify", "3"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("not started");
    expect(r.stdout).toContain("mqtutor exercise retrying-consumer");
    expect(r.stdout).toContain(file);
  });

  it("shows the first failure in full, with its timeline and replay seed, and the checklist", () => {
    run(["reset", "retrying-consumer"]);
    const r = run(["verify", "retrying-consumer"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("First failure: attemptsLeft › never goes below zero");
    expect(r.stdout).toMatch(/expected: >= 0\n\s+got: +-1/);
    expect(r.stdout).toContain("1. attemptsLeft(1, 2) returned -1");
    expect(r.stdout).toMatch(/Replay this case: mqtutor verify retrying-consumer --seed -?\d+/);
    expect(r.stdout).toMatch(/✓ attemptsLeft › counts the attempts left\n\s+✗ attemptsLeft › never goes below zero/);
  });

  it("passes a right file, exit 0, and records the pass in progress", () => {
    writeFileSync(file, solution);
    const r = run(["verify", "3"]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain("passed, all 2 checks");
    const p = JSON.parse(run(["progress", "--json"]).stdout);
    expect(p.exercises).toEqual([
      { id: "retrying-consumer", lesson: 3, status: "passed", hintsUsed: 0, passedAt: expect.any(String) },
    ]);
  });

  it("--json prints {id, file, passed, failures}", () => {
    run(["reset", "3"]);
    const r = run(["verify", "--json"]);
    expect(r.code).toBe(1);
    const [one] = JSON.parse(r.stdout);
    expect(one).toMatchObject({ id: "retrying-consumer", file, passed: false });
    expect(one.failures).toEqual([{ name: "attemptsLeft › never goes below zero", message: expect.stringContaining("expected at least 0") }]);
  });

  it("reports a type error with file:line:column before any check runs", () => {
    writeFileSync(file, 'export function attemptsLeft(limit: number, attempts: number): number {\n  return "many";\n}\n');
    const r = run(["verify", "3"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("does not compile");
    expect(r.stdout).toContain(`${file}:2:3`);
    expect(r.stdout).not.toContain("Checks:");
  });

  it("stops an endless loop at the time limit and says so; the app exits normally", () => {
    writeFileSync(file, "export function attemptsLeft(a: number, b: number): number {\n  for (;;) {}\n}\n");
    const r = run(["verify", "3"], { MQTUTOR_CHECK_TIME_LIMIT_MS: "1500" });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("did not finish within 1.5 s");
  });

  it("turns process.exit in the learner's code into a failed check, not a dead app", () => {
    writeFileSync(file, "export function attemptsLeft(a: number, b: number): number {\n  process.exit(3);\n}\ndeclare const process: { exit(code: number): never };\n");
    const r = run(["verify", "3"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("Your code called process.exit(3)");
  });

  it("reports a file that throws while loading", () => {
    writeFileSync(file, 'throw new Error("boom");\nexport function attemptsLeft(a: number, b: number): number { return a - b; }\n');
    const r = run(["verify", "3"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("Your file threw while it was loading: Error: boom");
    // Where: the learner's file and line, not the compiled copy in the cache.
    const joined = r.stdout.replace(/\n +/g, "");
    expect(joined).toContain(`${pathToFileURL(file).href}:1:7`);
    expect(joined).not.toContain(".mqtutor");
  });

  it("never lets the learner's code write outside the workspace (progress included)", () => {
    const target = join(home, "progress.jsonl");
    writeFileSync(
      file,
      `import { appendFileSync } from "node:fs";\nexport function attemptsLeft(a: number, b: number): number {\n  appendFileSync(${JSON.stringify(target)}, "junk\\n");\n  return Math.max(0, a - b);\n}\n`,
    );
    run(["verify", "3"]);
    const log = existsSync(target) ? readFileSync(target, "utf8") : "";
    expect(log).not.toContain("junk");
  });
});

describe("exercise without a terminal", () => {
  it("creates the file from the starter, prints the task, the full path and one run", () => {
    const r = run(["exercise", "3"]);
    expect(r.code).toBe(0);
    expect(existsSync(file)).toBe(true);
    expect(r.stdout).toMatch(/Write `?attemptsLeft\(limit, attempts\)`?: how many more times/);
    expect(r.stdout).toContain(`Your file: ${file} (just created from the starter)`);
    expect(r.stdout).toContain("failing, 1 of 2 checks pass");
    expect(existsSync(join(ws, "node_modules/mqtutor/package.json")), "the editor resolves mqtutor/broker").toBe(true);
    expect(existsSync(join(ws, "tsconfig.json"))).toBe(true);
  });
});

describe("hint, reset, solution, exercises", () => {
  it("hint shows the hints one at a time and records them", () => {
    expect(run(["hint", "3"]).stdout).toContain("Hint 1 of 2 for retrying-consumer:\n  Count the attempts per message id.");
    expect(run(["hint", "3"]).stdout).toContain("Hint 2 of 2");
    expect(run(["hint", "3"]).stdout).toContain("That was the last hint.");
    const p = JSON.parse(run(["progress", "--json"]).stdout);
    expect(p.exercises[0].hintsUsed).toBe(2);
  });

  it("reset keeps the learner's version as a timestamped backup beside it", () => {
    writeFileSync(file, "// my work\n");
    const r = run(["reset", "3"]);
    expect(r.code).toBe(0);
    const backups = readdirSync(ws).filter((f) => f.startsWith("03-retrying-consumer.ts.") && f.endsWith(".bak"));
    expect(backups).toHaveLength(1);
    expect(readFileSync(join(ws, backups[0]!), "utf8")).toBe("// my work\n");
    expect(readFileSync(file, "utf8")).toContain("return limit - attempts");
  });

  it("solution refuses before a pass (exit 2), --force shows it and marks the pass as assisted", () => {
    const refused = run(["solution", "3"]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("--force");
    const forced = run(["solution", "3", "--force"]);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain("Math.max(0, limit - attempts)");
    writeFileSync(file, solution);
    expect(run(["verify", "3"]).code).toBe(0);
    const list = JSON.parse(run(["exercises", "--json"]).stdout);
    expect(list.exercises[0]).toMatchObject({ id: "retrying-consumer", status: "passed with help" });
  });

  it("exercises lists each status in words", () => {
    expect(run(["exercises"]).stdout).toContain("retrying-consumer: not started");
    run(["reset", "3"]);
    expect(run(["exercises"]).stdout).toContain("retrying-consumer: failing");
  });

  it("an unknown exercise is a usage error naming the valid ones", () => {
    const r = run(["verify", "nope"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Unknown exercise "nope"');
    expect(r.stderr).toContain("3 retrying-consumer");
  });
});
