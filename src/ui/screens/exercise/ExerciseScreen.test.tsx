import { describe, expect, it } from "vitest";
import type { Exercise } from "../../../content/model.js";
import type { RunResult } from "../../../exercises/result.js";
import { renderInk } from "../../../../test/helpers/ink.js";
import { ExerciseScreen, type ExerciseEffects } from "./ExerciseScreen.js";
import { exerciseReducer, initialExerciseState } from "./exercise-state.js";

const exercise: Exercise = {
  slug: "retrying-consumer",
  dir: "exercises/03-retrying-consumer",
  lesson: 3,
  title: "A retrying consumer",
  difficulty: 3,
  hints: ["Count the attempts.", "Stop at the limit."],
  task: "Write `attemptsLeft` in `03-retrying-consumer.ts`.",
  starterFile: "s",
  solutionFile: "x",
  testFiles: ["c.test.ts"],
};

const failing: RunResult = {
  exercise: "retrying-consumer",
  file: "/ws/03-retrying-consumer.ts",
  status: "failed",
  checks: [
    { name: "counts", passed: true, ms: 1 },
    { name: "never below zero", passed: false, ms: 2, message: "attempts left: expected at least 0", expected: ">= 0", actual: "-1", timeline: ["attemptsLeft(1, 2) returned -1"] },
  ],
  typeProblems: [],
  ms: 5,
};
const passing: RunResult = { ...failing, status: "passed", checks: failing.checks.map((c) => ({ name: c.name, passed: true, ms: 1 })) };

function fakes(results: RunResult[]) {
  let save: () => void = () => {};
  const runs: ((r: RunResult) => void)[] = [];
  let passedCalls = 0;
  let hints = 0;
  const effects: ExerciseEffects = {
    run: () => new Promise((resolve) => runs.push(resolve)),
    watch: (onSave) => {
      save = onSave;
      return () => {};
    },
    nextHint: () => exercise.hints[hints++] ?? null,
    solution: () => (passedCalls > 0 ? "export const solved = true;" : null),
    passed: () => void passedCalls++,
    openEditor: async () => null,
  };
  return {
    effects,
    save: () => save(),
    finish: () => runs.shift()?.(results.shift()!),
    pendingRuns: () => runs.length,
    passedCalls: () => passedCalls,
  };
}

const rows = [{ slug: "retrying-consumer", title: "A retrying consumer", status: "failing" }];

describe("ExerciseScreen", () => {
  it("checks at once, shows the first failure with its timeline, and re-checks on save until it passes", async () => {
    const f = fakes([failing, passing]);
    const ui = renderInk(<ExerciseScreen exercise={exercise} exercises={rows} file="/ws/03-retrying-consumer.ts" hintsSeen={[]} color={false} effects={f.effects} onExit={() => {}} />, { columns: 80, rows: 30 });
    await ui.waitForFrame((fr) => fr.includes("checking…"));
    f.finish();
    const frame = await ui.waitForFrame((fr) => fr.includes("First failure: never below zero"));
    expect(frame).toContain("1. attemptsLeft(1, 2) returned -1");
    expect(frame).toContain("Your file: /ws/03-retrying-consumer.ts");
    f.save();
    await ui.waitForFrame((fr) => fr.includes("checking…"));
    f.finish();
    await ui.waitForFrame((fr) => fr.includes("passed, all 2 checks"));
    expect(f.passedCalls()).toBe(1);
    ui.unmount();
  });

  it("ignores h and s while a check runs, then shows hints one at a time and the solution after a pass", async () => {
    const f = fakes([passing]);
    const ui = renderInk(<ExerciseScreen exercise={exercise} exercises={rows} file="/ws/f.ts" hintsSeen={[]} color={false} effects={f.effects} onExit={() => {}} />, { columns: 80, rows: 30 });
    await ui.waitForFrame((fr) => fr.includes("checking…"));
    await ui.press("h");
    expect(ui.lastFrame()).not.toContain("Hint 1");
    f.finish();
    await ui.waitForFrame((fr) => fr.includes("passed"));
    await ui.press("h");
    await ui.waitForFrame((fr) => fr.includes("Hint 1 of 2: Count the attempts."));
    await ui.press("s");
    await ui.waitForFrame((fr) => fr.includes("export const solved = true;"));
    ui.unmount();
  });

  it("a save during a run queues exactly one more run", async () => {
    const f = fakes([failing, passing]);
    const ui = renderInk(<ExerciseScreen exercise={exercise} exercises={rows} file="/ws/f.ts" hintsSeen={[]} color={false} effects={f.effects} onExit={() => {}} />);
    await ui.waitForFrame((fr) => fr.includes("checking…"));
    f.save();
    f.save();
    expect(f.pendingRuns()).toBe(1);
    f.finish();
    await ui.waitForFrame(() => f.pendingRuns() === 1);
    f.finish();
    await ui.waitForFrame((fr) => fr.includes("passed, all 2 checks"));
    expect(f.pendingRuns()).toBe(0);
    ui.unmount();
  });

  it("keeps every key of its legend on screen at 40 columns", async () => {
    const f = fakes([failing]);
    const ui = renderInk(<ExerciseScreen exercise={exercise} exercises={rows} file="/ws/f.ts" hintsSeen={[]} color={false} effects={f.effects} onExit={() => {}} />, { columns: 40, rows: 12 });
    const frame = await ui.waitForFrame((fr) => fr.includes("q back"));
    for (const k of ["h hint", "r re-run", "o open", "s solution", "n next", "l list"]) expect(frame).toContain(k);
    for (const line of frame.split("\n")) expect(line.length).toBeLessThanOrEqual(40);
    ui.unmount();
  });
});

describe("exerciseReducer", () => {
  it("a run requested while one runs is remembered, not started", () => {
    const running = exerciseReducer(initialExerciseState(), { type: "run-requested" });
    const again = exerciseReducer(running, { type: "run-requested" });
    expect(again).toMatchObject({ running: true, rerun: true });
  });
});
