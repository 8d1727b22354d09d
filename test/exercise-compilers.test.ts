// The exercise loop with each of its compilers: TypeScript 7's native tsc (what learners get) and
// TypeScript 5 in-process (the fallback where the platform has no native binary). Either way a
// solution passes, a starter fails its intended check, and a file with a type error is reported
// as such; with the native compiler, that file is never run at all.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { loadCourse } from "../src/content/fs-source.js";
import { findNativeTsc } from "../src/exercises/native-tsc.js";
import { cacheDir } from "../src/exercises/node-compile.js";
import { ExerciseSession } from "../src/exercises/node-session.js";

const root = join(import.meta.dirname, "..");
const course = await loadCourse(root);
const exercise = course.exercises.find((e) => e.slug === "retrying-consumer")!;
const proof = JSON.parse(readFileSync(join(root, "test/exercise-proofs", basename(exercise.dir), "proof.json"), "utf8")) as { starterFails: string };
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe.each([
  ["the native tsc", findNativeTsc()],
  ["TypeScript 5 in-process", null],
] as const)("checking with %s", (_name, nativeTsc) => {
  const workspace = mkdtempSync(join(tmpdir(), "mqtutor-compilers-"));
  dirs.push(workspace);
  const session = new ExerciseSession({ workspace, courseRoot: course.root, nativeTsc });
  afterAll(() => session.close());
  const file = session.fileFor(exercise);

  it("passes the solution and fails the starter for its intended reason", async () => {
    copyFileSync(join(root, exercise.solutionFile), file);
    expect((await session.check(exercise)).status).toBe("passed");
    copyFileSync(join(root, exercise.starterFile), file);
    const starter = await session.check(exercise);
    expect(starter.status).toBe("failed");
    expect(starter.checks.some((c) => !c.passed && c.name.includes(proof.starterFails))).toBe(true);
    // TypeScript 5 in-process leaves a V8 code cache of itself in the workspace; the native one does not.
    const ts5Cache = readdirSync(cacheDir(workspace)).some((f) => /^typescript-5\..*\.v8cache$/.test(f));
    expect(ts5Cache, "which compiler ran").toBe(nativeTsc === null);
  }, 60_000);

  it("emits ES modules whatever the workspace's package.json says (npm init -y writes commonjs)", async () => {
    const pkg = join(workspace, "package.json");
    const before = readFileSync(pkg, "utf8");
    writeFileSync(pkg, JSON.stringify({ name: "my-exercises", version: "1.0.0", type: "commonjs" }));
    try {
      copyFileSync(join(root, exercise.solutionFile), file);
      writeFileSync(file, `${readFileSync(file, "utf8")}\n// saved again\n`);
      const r = await session.check(exercise);
      expect(r.status, JSON.stringify(r)).toBe("passed");
    } finally {
      writeFileSync(pkg, before);
    }
  }, 60_000);

  it("runs a file that imports modules of the learner's own, each run with fresh ones, and re-checks when one changes", async () => {
    // The solution moved into lib/, reached through a helper imported without an extension
    // (which the checker accepts); the helper notes each time it is loaded.
    const loads = join(workspace, "loads.txt");
    mkdirSync(join(workspace, "lib"), { recursive: true });
    const note =
      `// @ts-ignore -- the workspace has no Node types\nimport { appendFileSync } from "node:fs";\n` +
      `appendFileSync(${JSON.stringify(loads)}, "loaded\\n");\nexport const noted = true;\n`;
    writeFileSync(join(workspace, "lib", "note.ts"), note);
    const impl = join(workspace, "lib", "retrying.ts");
    const withNote = (text: string) => `import { noted } from "./note";\nvoid noted;\n${text}`;
    writeFileSync(impl, withNote(readFileSync(join(root, exercise.solutionFile), "utf8")));
    writeFileSync(file, `export * from "./lib/retrying.js";\n`);
    const first = await session.check(exercise);
    expect(first.status, JSON.stringify(first)).toBe("passed");
    // Unchanged, so cached: but the helper loads again, in a fresh process.
    expect((await session.check(exercise)).status).toBe("passed");
    expect(readFileSync(loads, "utf8")).toBe("loaded\nloaded\n");
    // Only the helper changes (the learner's file, and so its key, does not): checked anew.
    writeFileSync(impl, withNote(readFileSync(join(root, exercise.starterFile), "utf8")));
    const starter = await session.check(exercise);
    expect(starter.status).toBe("failed");
    expect(starter.checks.some((c) => !c.passed && c.name.includes(proof.starterFails))).toBe(true);
    // And back: the first version's compiled modules are still there, and used.
    writeFileSync(impl, withNote(readFileSync(join(root, exercise.solutionFile), "utf8")));
    expect((await session.check(exercise)).status).toBe("passed");
    expect(readdirSync(join(cacheDir(workspace), "lib")).filter((f) => !f.includes(".")), "one tree per version of the helpers").toHaveLength(2);
    // A helper that throws as it loads is named by its own path and line, not its compiled
    // copy's (the interface before the throw leaves no line in the JavaScript).
    const shape = `interface Shape {\n  a: number;\n  b: string;\n}\nexport type S = Shape;\n`;
    writeFileSync(join(workspace, "lib", "note.ts"), `${note}${shape}throw new Error("note is broken");\n`);
    const thrown = await session.check(exercise);
    expect(thrown.status).toBe("crashed");
    expect(thrown.message).toContain("note is broken");
    expect(thrown.message).not.toContain(".mqtutor");
    const throwLine = `${note}${shape}`.split("\n").length;
    expect(thrown.message).toContain(`${pathToFileURL(join(workspace, "lib", "note.ts")).href}:${throwLine}:7`);
    writeFileSync(join(workspace, "lib", "note.ts"), note);
    // A helper gone is the learner's file's type error (it imports what is not there).
    rmSync(impl);
    const gone = await session.check(exercise);
    expect(gone.status).toBe("type-error");
    expect(gone.typeProblems[0]).toMatchObject({ file, line: 1 });
  }, 60_000);

  it("reports a helper's type error at its place, and re-checks once a missing helper is written", async () => {
    const impl = join(workspace, "lib", "split.ts");
    rmSync(impl, { force: true });
    writeFileSync(file, `export * from "./lib/split.js";\n`);
    const missing = await session.check(exercise);
    expect(missing.status).toBe("type-error");
    expect(missing.typeProblems[0]).toMatchObject({ file, line: 1, message: expect.stringContaining("./lib/split.js") });
    // Written now: the learner's file did not change, but the verdict does.
    mkdirSync(join(workspace, "lib"), { recursive: true });
    writeFileSync(impl, `${readFileSync(join(root, exercise.solutionFile), "utf8")}\nexport const wrong: number = "1";\n`);
    const inHelper = await session.check(exercise);
    expect(inHelper.status).toBe("type-error");
    const line = readFileSync(impl, "utf8").split("\n").length - 1;
    expect(inHelper.typeProblems).toEqual([{ file: impl, line, column: 14, message: "Type 'string' is not assignable to type 'number'." }]);
    writeFileSync(impl, readFileSync(join(root, exercise.solutionFile), "utf8"));
    expect((await session.check(exercise)).status).toBe("passed");
  }, 60_000);

  it("re-checks a kept pass when a declaration file of the learner's changes", async () => {
    const dts = join(workspace, "tuning.d.ts");
    writeFileSync(dts, `export type Attempts = number;\n`);
    const text = readFileSync(join(root, exercise.solutionFile), "utf8");
    writeFileSync(file, `import type { Attempts } from "./tuning.js";\nexport const most: Attempts = 5;\n${text}`);
    expect((await session.check(exercise)).status).toBe("passed");
    expect((await session.check(exercise)).status, "kept").toBe("passed");
    writeFileSync(dts, `export type Attempts = string;\n`);
    const r = await session.check(exercise);
    expect(r.status).toBe("type-error");
    expect(r.typeProblems[0]).toMatchObject({ file, line: 2 });
    // Watched, so putting it right re-checks on the exercise screen.
    expect(session.ownFilesOf(file)).toContain(dts);
  }, 60_000);

  it("runs a helper that imports the learner's file back, with one instance of each", async () => {
    const loads = join(workspace, "cycle-loads.txt");
    rmSync(loads, { force: true });
    const text = readFileSync(join(root, exercise.solutionFile), "utf8");
    mkdirSync(join(workspace, "lib"), { recursive: true });
    writeFileSync(
      join(workspace, "lib", "describe.ts"),
      `import { backoffSeconds } from "../${basename(file, ".ts")}.js";\nexport const describeBackoff = () => backoffSeconds(3, 1, 60, () => 0.5);\n`,
    );
    writeFileSync(
      file,
      `// @ts-ignore -- the workspace has no Node types\nimport { appendFileSync } from "node:fs";\nimport { describeBackoff } from "./lib/describe.js";\n` +
        `appendFileSync(${JSON.stringify(loads)}, "loaded\\n");\nexport const described = describeBackoff;\n${text}`,
    );
    const r = await session.check(exercise);
    expect(r.status, JSON.stringify(r)).toBe("passed");
    expect(readFileSync(loads, "utf8"), "the checks' module is the helper's").toBe("loaded\n");
  }, 60_000);

  it("reports a type error at its place, before anything the checks say", async () => {
    const marker = join(workspace, "ran.txt");
    const text = readFileSync(join(root, exercise.solutionFile), "utf8");
    writeFileSync(
      file,
      `// @ts-ignore -- the workspace has no Node types\nimport { writeFileSync } from "node:fs";\nwriteFileSync(${JSON.stringify(marker)}, "ran");\n` +
        `${text}\nexport const broken: number = "one";\n`,
    );
    const r = await session.check(exercise);
    expect(r.status).toBe("type-error");
    expect(r.checks).toEqual([]);
    const lines = text.split("\n").length + 3;
    expect(r.typeProblems).toEqual([{ file, line: lines + 1, column: 14, message: "Type 'string' is not assignable to type 'number'." }]);
    // TypeScript 5 overlaps the run with its (slow) check; the native one knows first, and never runs it.
    if (nativeTsc) expect(existsSync(marker)).toBe(false);
  }, 60_000);
});
