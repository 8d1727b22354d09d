// From home and the reader, the keys that open other screens end the app with a destination
// (the navigator opens the screen and brings the learner back); continue goes to the next thing.
import { describe, expect, it } from "vitest";
import { keys, renderInk } from "../../test/helpers/ink.js";
import type { Course } from "../content/model.js";
import type { ProgressEvent } from "../learning/progress-events.js";
import { projectProgress } from "../learning/progress-state.js";
import { App, type AppProps } from "./App.js";
import { testCourse } from "./test-course.js";

function courseWithPractice(): Course {
  const c = testCourse();
  c.exercises = [
    { slug: "alpha-ex", dir: "exercises/01-alpha-ex", lesson: 1, title: "Alpha ex", difficulty: 1, hints: [], task: "t", starterFile: "s", solutionFile: "x", testFiles: ["c"] },
  ];
  c.quizzes = [
    { id: "q1", file: "quizzes/01-q1.md", lesson: 1, type: "boolean", prompt: "p", answer: true, bloom: "Remember", difficulty: 1, explanation: "e" },
    { id: "q2", file: "quizzes/02-q2.md", lesson: 2, type: "boolean", prompt: "p", answer: true, bloom: "Remember", difficulty: 1, explanation: "e" },
  ];
  return c;
}

function setup(initial: AppProps["initial"], prior: ProgressEvent[] = [], size = { columns: 100, rows: 30 }) {
  const events = [...prior];
  return renderInk(
    <App
      course={courseWithPractice()}
      progress={projectProgress(events)}
      record={(e) => (events.push(e), projectProgress(events))}
      initial={initial}
      color={false}
      now={() => "2026-01-02T00:00:00.000Z"}
    />,
    size,
  );
}

const finished = (lesson: string): ProgressEvent => ({ v: 1, type: "lesson-finished", at: "2026-01-01T00:00:00.000Z", lesson });

describe("navigation from home", () => {
  it("shows exercise and quiz marks, the figures and the continue entry", async () => {
    const app = setup({ screen: "home" }, [finished("alpha"), { v: 1, type: "exercise-passed", at: "2026-01-01T00:00:00.000Z", exercise: "alpha-ex" }]);
    const frame = await app.waitForFrame((f) => f.includes("Gamma"));
    expect(frame).toMatch(/\[x\] \[✓\] 0\/1 +1 Alpha Lesson/);
    expect(frame).toMatch(/\[ \] {5}0\/1 +2 Beta Lesson/);
    expect(frame).toContain("Exercises 1/1");
    expect(frame).toContain("c continue: read lesson 2");
    app.unmount();
  });

  it.each([
    ["e", { screen: "exercise", lesson: 2 }],
    ["t", { screen: "quiz", lesson: 2 }],
    ["r", { screen: "review" }],
    ["p", { screen: "progress" }],
    ["y", { screen: "playground" }],
  ])("%s opens its screen for the selected lesson", async (key, go) => {
    const app = setup({ screen: "home" });
    await app.waitForFrame((f) => f.includes("Gamma"));
    await app.press(keys.down);
    await app.press(key);
    await app.waitForFrame(() => app.exited());
    expect(app.exitResult()).toEqual({ go, lesson: "beta" });
  });

  it("continue opens the first unread lesson in the reader, then the exercise of a read lesson", async () => {
    const app = setup({ screen: "home" });
    await app.waitForFrame((f) => f.includes("Gamma"));
    await app.press("c");
    await app.waitForFrame((f) => f.includes("Lesson 1: Alpha Lesson"));
    app.unmount();
    const after = setup({ screen: "home" }, [finished("alpha")]);
    await after.waitForFrame((f) => f.includes("c continue: exercise 1 (alpha-ex)"));
    await after.press("c");
    await after.waitForFrame(() => after.exited());
    expect(after.exitResult()).toEqual({ go: { screen: "exercise", lesson: 1 }, lesson: "alpha" });
  });

  it("in the reader, e and t open this lesson's exercise and quiz", async () => {
    const app = setup({ screen: "reader", lesson: "alpha" });
    await app.waitForFrame((f) => f.includes("Alpha Lesson"));
    await app.press("t");
    await app.waitForFrame(() => app.exited());
    expect(app.exitResult()).toEqual({ go: { screen: "quiz", lesson: 1 }, lesson: "alpha" });
  });

  it("comes back home with the lesson it left selected, and shows why a screen did not open", async () => {
    const app = renderInk(
      <App
        course={courseWithPractice()}
        progress={projectProgress([])}
        record={() => projectProgress([])}
        initial={{ screen: "home", lesson: "gamma" }}
        notice="No card is due."
        color={false}
        now={() => "2026-01-02T00:00:00.000Z"}
      />,
      { columns: 100, rows: 30 },
    );
    const frame = await app.waitForFrame((f) => f.includes("Gamma"));
    expect(frame).toMatch(/> \[ \].*3 Gamma Lesson/);
    expect(frame).toContain("No card is due.");
    app.unmount();
  });
});
