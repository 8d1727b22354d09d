// The dev check of every exercise (rustlings' `dev check`), through the same runner learners
// get: each file is put in a workspace as the learner's file and checked in the check child.
// The solution passes every check; the starter fails the check its proof names (the intended
// reason); every hand-made mutant of the solution is caught by the check its proof names; the
// hints, the task and its rendering are what a learner needs.
import { copyFileSync, existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadCourse } from "../src/content/fs-source.js";
import type { Exercise } from "../src/content/model.js";
import { ExerciseSession } from "../src/exercises/node-session.js";
import type { RunResult } from "../src/exercises/result.js";
import { renderMarkdown } from "../src/ui/markdown.js";
import { expectTextFit } from "./helpers/text-fit.js";

const root = join(import.meta.dirname, "..");
const course = await loadCourse(root);
const workspace = mkdtempSync(join(tmpdir(), "mqtutor-devcheck-"));
const session = new ExerciseSession({ workspace, courseRoot: course.root });
afterAll(() => session.close());

interface Proof {
  starterFails: string;
  mutants: { file: string; what: string; caughtBy: string }[];
}

function proofOf(e: Exercise): Proof {
  return JSON.parse(readFileSync(join(root, "test/exercise-proofs", basename(e.dir), "proof.json"), "utf8")) as Proof;
}

/** Runs `source` as the learner's file of `e`. */
async function checkAs(e: Exercise, source: string): Promise<RunResult> {
  copyFileSync(source, session.fileFor(e));
  return session.check(e);
}

function failed(r: RunResult): string[] {
  return r.checks.filter((c) => !c.passed).map((c) => c.name);
}

function explain(r: RunResult): string {
  return JSON.stringify({ status: r.status, message: r.message, types: r.typeProblems, failed: r.checks.filter((c) => !c.passed) }, null, 1);
}

describe("the course has its exercises", () => {
  it("at least one per lesson, ten in all", () => {
    expect(course.exercises.length).toBeGreaterThanOrEqual(10);
    for (const lesson of course.lessons) {
      expect(course.exercises.some((e) => e.lesson === lesson.number), `lesson ${lesson.number} has an exercise`).toBe(true);
    }
  });
});

describe.each(course.exercises.map((e) => [e.slug, e] as const))("exercise %s", (_slug, e) => {
  const proof = proofOf(e);

  it("has three non-empty hints and a task that names the file to edit", () => {
    expect(e.hints).toHaveLength(3);
    for (const h of e.hints) expect(h.trim().length).toBeGreaterThan(10);
    expect(e.task).toContain(`${basename(e.dir)}.ts`);
  });

  it("renders its task with no text lost at 40 to 120 columns", () => {
    for (const width of [40, 50, 60, 72, 80, 100, 120]) {
      expectTextFit(e.task, renderMarkdown(e.task, { width }), width, `${e.slug} task at ${width}`);
    }
  });

  it("solution passes every check", async () => {
    const r = await checkAs(e, join(root, e.solutionFile));
    expect(r.status, explain(r)).toBe("passed");
  }, 60_000);

  it(`starter compiles and fails for the intended reason: "${proof.starterFails}"`, async () => {
    const r = await checkAs(e, join(root, e.starterFile));
    expect(r.typeProblems, "the starter type-checks").toEqual([]);
    expect(r.status, explain(r)).toBe("failed");
    expect(failed(r).some((n) => n.includes(proof.starterFails)), explain(r)).toBe(true);
    // A failing property that shows its broker brings the broker's final state back as pictures.
    if (e.slug === "worker-pool") expect(r.checks.find((c) => !c.passed)?.pictures?.length).toBeGreaterThan(0);
  }, 60_000);

  it.each(proof.mutants.map((m) => [m.what, m.caughtBy, m.file] as const))(
    "mutant (%s) is caught by: %s",
    async (_what, caughtBy, file) => {
      const path = join(root, "test/exercise-proofs", basename(e.dir), file);
      expect(existsSync(path), path).toBe(true);
      const r = await checkAs(e, path);
      expect(r.typeProblems, "the mutant type-checks").toEqual([]);
      expect(failed(r).some((n) => n.includes(caughtBy)), explain(r)).toBe(true);
    },
    60_000,
  );

  it("has at least two mutants", () => {
    expect(proof.mutants.length).toBeGreaterThanOrEqual(2);
  });
});
