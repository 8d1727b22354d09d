import { describe, expect, it } from "vitest";
import { keys, renderInk } from "../../test/helpers/ink.js";
import type { ProgressEvent } from "../learning/progress-events.js";
import { projectProgress } from "../learning/progress-state.js";
import { App, type AppProps } from "./App.js";
import { testCourse } from "./test-course.js";

function setup(initial: AppProps["initial"], size = { columns: 80, rows: 24 }, prior: ProgressEvent[] = []) {
  const events: ProgressEvent[] = [...prior];
  const record = (e: ProgressEvent) => {
    events.push(e);
    return projectProgress(events);
  };
  const app = renderInk(
    <App
      course={testCourse()}
      progress={projectProgress(events)}
      record={record}
      initial={initial}
      color={false}
      now={() => "2026-01-01T00:00:00.000Z"}
    />,
    size,
  );
  return { app, events };
}

describe("home screen", () => {
  it("wraps its head lines at spaces, none starting with one, at every width (ink's wrap left ' mastered')", async () => {
    for (let columns = 40; columns <= 120; columns++) {
      const { app } = setup({ screen: "home" }, { columns, rows: 30 });
      const frame = await app.waitForFrame((f) => f.includes("Gamma Lesson"));
      const head = frame.split("\n").slice(1, frame.split("\n").indexOf(""));
      expect(head.length, `${columns} columns`).toBeGreaterThanOrEqual(3);
      for (const line of head) {
        expect(line, `${columns} columns`).not.toMatch(/^ /);
        expect([...line].length).toBeLessThanOrEqual(columns);
      }
      expect(head.join(" ").replace(/\s+/g, " "), `${columns} columns`).toContain("1/2 quiz cards mastered");
      app.unmount();
    }
  });

  it("lists the lessons with their read status and opens the selected one", async () => {
    const prior: ProgressEvent[] = [{ v: 1, type: "lesson-finished", at: "x", lesson: "beta" }];
    const { app, events } = setup({ screen: "home" }, undefined, prior);
    const frame = await app.waitForFrame((f) => f.includes("Gamma Lesson"));
    expect(frame).toContain("Read 1/3");
    expect(frame).toMatch(/> \[ \] +1 Alpha Lesson/);
    expect(frame).toMatch(/\[x\] +2 Beta Lesson/);
    // The selected lesson's summary is shown under the list.
    expect(frame).toContain("Summary of Alpha Lesson.");
    await app.press(keys.down);
    await app.press(keys.enter);
    await app.waitForFrame((f) => f.includes("Lesson 2: Beta Lesson"));
    expect(events.at(-1)).toMatchObject({ type: "lesson-opened", lesson: "beta" });
    await app.press("q");
    await app.waitForFrame((f) => f.includes("Read "));
    expect(events.at(-1)).toMatchObject({ type: "reading-position", lesson: "beta" });
    await app.press("q");
    expect(app.exited()).toBe(true);
  });

  it("jumps to a lesson by its number", async () => {
    const { app } = setup({ screen: "home" });
    await app.waitForFrame((f) => f.includes("Alpha"));
    await app.press("3");
    await app.waitForFrame((f) => f.includes("Lesson 3: Gamma Lesson"));
    app.unmount();
  });
});

describe("reader", () => {
  it("scrolls by line and page, shows where it is, and marks the lesson read at the end", async () => {
    const { app, events } = setup({ screen: "reader", lesson: "alpha" });
    let frame = await app.waitForFrame((f) => f.includes("Lesson 1: Alpha Lesson"));
    expect(frame).toMatch(/lines 1-21 of \d+/);
    expect(events).toEqual([{ v: 1, type: "lesson-opened", at: "2026-01-01T00:00:00.000Z", lesson: "alpha" }]);
    await app.press("j");
    frame = await app.waitForFrame((f) => /lines 2-22 of/.test(f));
    await app.press(keys.down);
    await app.press("k");
    frame = await app.waitForFrame((f) => /lines 2-22 of/.test(f));
    await app.press(" ");
    frame = await app.waitForFrame((f) => /lines 22-42 of/.test(f));
    await app.press(keys.pageUp);
    frame = await app.waitForFrame((f) => /lines 2-22 of/.test(f));
    expect(events.some((e) => e.type === "lesson-finished")).toBe(false);
    await app.press("G");
    frame = await app.waitForFrame((f) => f.includes("last line of alpha"));
    expect(frame).toContain("(100%)");
    expect(events.filter((e) => e.type === "lesson-finished")).toHaveLength(1);
    await app.press("g");
    await app.waitForFrame((f) => /lines 1-21 of/.test(f));
    await app.press("q");
    expect(app.exited()).toBe(true);
    expect(events.at(-1)).toMatchObject({ type: "reading-position", lesson: "alpha", line: 0 });
  });

  it("resumes where the learner left off", async () => {
    const prior: ProgressEvent[] = [{ v: 1, type: "reading-position", at: "x", lesson: "gamma", line: 30, of: 60 }];
    const { app } = setup({ screen: "reader", lesson: "gamma" }, undefined, prior);
    const frame = await app.waitForFrame((f) => f.includes("Gamma"));
    const m = /lines (\d+)-\d+ of (\d+)/.exec(frame);
    expect(m).not.toBeNull();
    const [first, total] = [Number(m![1]), Number(m![2])];
    // Half way through the previous rendering is half way through this one.
    expect(Math.abs(first - 1 - Math.round(total / 2))).toBeLessThanOrEqual(1);
    app.unmount();
  });

  it("goes to the next and previous lesson with n and p, saving the position", async () => {
    // Tall enough for all of Beta to be on screen at once.
    const { app, events } = setup({ screen: "reader", lesson: "alpha" }, { columns: 80, rows: 30 });
    await app.waitForFrame((f) => f.includes("Alpha"));
    await app.press("n");
    await app.waitForFrame((f) => f.includes("Lesson 2: Beta Lesson"));
    await app.press("p");
    await app.waitForFrame((f) => f.includes("Lesson 1: Alpha Lesson"));
    expect(events.map((e) => `${e.type}:${"lesson" in e ? e.lesson : ""}`)).toEqual([
      "lesson-opened:alpha",
      "reading-position:alpha",
      "lesson-opened:beta",
      // Beta is short: its end was on screen at once, so it counts as read.
      "lesson-finished:beta",
      "reading-position:beta",
      "lesson-opened:alpha",
    ]);
    app.unmount();
  });

  it("re-lays out on resize and survives a tiny terminal", async () => {
    const { app } = setup({ screen: "reader", lesson: "alpha" });
    await app.waitForFrame((f) => f.includes("Alpha"));
    await app.resize(40, 12);
    let frame = await app.waitForFrame((f) => /lines 1-9 of/.test(f));
    for (const line of frame.split("\n")) expect(line.length).toBeLessThanOrEqual(40);
    await app.resize(30, 8);
    frame = await app.waitForFrame((f) => f.includes("Terminal too small"));
    expect(frame).toContain("at least 40×12");
    await app.resize(80, 24);
    await app.waitForFrame((f) => /lines 1-21 of/.test(f));
    app.unmount();
  });

  it("shows the help overlay on ? and hides it on any key", async () => {
    const { app } = setup({ screen: "reader", lesson: "beta" });
    await app.waitForFrame((f) => f.includes("Beta"));
    await app.press("?");
    const frame = await app.waitForFrame((f) => f.includes("Keys"));
    expect(frame).toContain("next / previous lesson");
    await app.press("x");
    await app.waitForFrame((f) => f.includes("Lesson 2: Beta"));
    await app.press(keys.ctrlC);
    expect(app.exited()).toBe(true);
  });
});

describe("typing fast", () => {
  it("takes arrow keys that arrive together in order", async () => {
    const { app, events } = setup({ screen: "home" });
    await app.waitForFrame((f) => f.includes("Alpha"));
    await app.press(keys.down + keys.down + keys.enter);
    await app.waitForFrame((f) => f.includes("Lesson 3: Gamma Lesson"));
    await app.press("pn");
    await app.waitForFrame((f) => f.includes("Lesson 3: Gamma Lesson"));
    expect(events.filter((e) => e.type === "reading-position").map((e) => e.lesson)).toEqual(["gamma", "beta"]);
    app.unmount();
  });

  it("takes keys that arrive in one chunk one at a time", async () => {
    const { app } = setup({ screen: "reader", lesson: "alpha" });
    await app.waitForFrame((f) => f.includes("Alpha"));
    await app.press("jj ");
    await app.waitForFrame((f) => /lines 23-43 of/.test(f));
    app.unmount();
  });
});
