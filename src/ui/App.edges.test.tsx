// The app where it used to break (issue 7 §4): failed writes, positions lost on a kill, the
// help overlay and status lines at small sizes, Ctrl+C and Ctrl+Z.
import { describe, expect, it, vi } from "vitest";
import { keys, renderInk } from "../../test/helpers/ink.js";
import type { Course } from "../content/model.js";
import { DataError } from "../errors.js";
import type { ProgressEvent } from "../learning/progress-events.js";
import { projectProgress } from "../learning/progress-state.js";
import { App, type AppProps, QUIT_BY_CTRL_C } from "./App.js";
import { helpLines } from "./HelpOverlay.js";
import { bindingsFor } from "./keymap.js";
import { testCourse } from "./test-course.js";
import type { AppControls } from "./use-app-effects.js";

interface Options {
  size?: { columns: number; rows: number };
  prior?: ProgressEvent[];
  failWrites?: boolean;
  saveEveryMs?: number;
  onSuspend?: () => Promise<void>;
  course?: Course;
}

function setup(initial: AppProps["initial"], o: Options = {}) {
  const events: ProgressEvent[] = [...(o.prior ?? [])];
  const record = (e: ProgressEvent) => {
    if (o.failWrites) throw new DataError("/home/x/progress.jsonl", "could not be written (EROFS).\nCheck that the directory is writable.");
    events.push(e);
    return projectProgress(events);
  };
  const controls: AppControls = {};
  const app = renderInk(
    <App
      course={o.course ?? testCourse()}
      progress={projectProgress(events)}
      record={record}
      initial={initial}
      color={false}
      now={() => "2026-01-01T00:00:00.000Z"}
      controls={controls}
      onSuspend={o.onSuspend}
      saveEveryMs={o.saveEveryMs}
    />,
    o.size ?? { columns: 80, rows: 24 },
  );
  return { app, events, controls };
}

const lines = (frame: string) => frame.split("\n");
const positions = (events: ProgressEvent[]) =>
  events.filter((e) => e.type === "reading-position").map((e) => (e as { line: number }).line);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("when progress cannot be written", () => {
  it.each([
    ["from the home screen", { screen: "home" } as const, true],
    ["with `read N`", { screen: "reader", lesson: "alpha" } as const, false],
  ])("the reader still opens %s, with a one-line warning that fits the screen", async (_name, initial, fromHome) => {
    for (const size of [
      { columns: 80, rows: 24 },
      { columns: 40, rows: 12 },
    ]) {
      const { app } = setup(initial, { failWrites: true, size });
      await app.waitForFrame((f) => f.includes(fromHome ? "Alpha Lesson" : "Lesson 1:"));
      if (fromHome) await app.press(keys.enter);
      // (The frame the warning first appears in may still have the old height: wait for the re-layout.)
      const frame = await app.waitForFrame(
        (f) => f.includes("Lesson 1: Alpha Lesson") && f.includes("! Progress not saved") && lines(f).length <= size.rows - 1,
      );
      expect(frame).toMatch(/lines 1-\d+ of \d+/);
      // The reason, without the path (printed in full on stderr after exit: cli/interactive.ts).
      if (size.columns === 80) expect(lines(frame).at(-1)).toBe("! Progress not saved: could not be written (EROFS).");
      // The frame keeps its size: one row short of the terminal, one column narrower.
      expect(lines(frame).length).toBeLessThanOrEqual(size.rows - 1);
      for (const l of lines(frame)) expect(l.length).toBeLessThanOrEqual(size.columns);
      // Keys still work, and reaching the end still counts for this session.
      await app.press("G");
      await app.waitForFrame((f) => f.includes("100%"));
      app.unmount();
    }
  });
});

describe("the reading position", () => {
  it("is saved as the reader moves, at most once per interval, and the last move when it pauses", async () => {
    const { app, events } = setup({ screen: "reader", lesson: "alpha" }, { saveEveryMs: 1000 });
    await app.waitForFrame((f) => f.includes("Lesson 1:"));
    expect(positions(events)).toEqual([]); // opening is not a move
    await app.press("j");
    await app.waitForFrame((f) => /lines 2-/.test(f));
    const first = Date.now();
    expect(positions(events)).toEqual([1]); // the first move at once
    await app.press("j");
    await app.press("j");
    await app.waitForFrame((f) => /lines 4-/.test(f));
    if (Date.now() - first < 900) expect(positions(events)).toEqual([1]); // not within the interval
    await vi.waitFor(() => expect(positions(events)).toEqual([1, 3]), { timeout: 3000, interval: 20 });
    expect(Date.now() - first).toBeGreaterThanOrEqual(950); // the pause saved where it stopped, a second on
    await sleep(1200);
    expect(positions(events)).toEqual([1, 3]); // and nothing more while still
    app.unmount();
  });

  it("is saved when the terminal layer flushes (SIGTERM, SIGHUP), without waiting", async () => {
    const { app, events, controls } = setup({ screen: "reader", lesson: "alpha" }, { saveEveryMs: 60_000 });
    await app.waitForFrame((f) => f.includes("Lesson 1:"));
    await app.press("j");
    await app.press(" ");
    await app.waitForFrame((f) => /lines 22-/.test(f));
    expect(positions(events)).toEqual([1]);
    controls.flush!();
    expect(positions(events)).toEqual([1, 21]);
    app.unmount();
  });

  it("is not written twice when leaving right after a save", async () => {
    const { app, events } = setup({ screen: "home" }, { saveEveryMs: 10 });
    await app.waitForFrame((f) => f.includes("Alpha"));
    await app.press(keys.enter);
    await app.press("j");
    await sleep(50);
    await app.press("q");
    await app.waitForFrame((f) => f.includes("Read "));
    expect(positions(events)).toEqual([1]);
    app.unmount();
  });
});

describe("home screen", () => {
  it("selects the lesson opened last", async () => {
    const prior: ProgressEvent[] = [
      { v: 1, type: "lesson-opened", at: "2026-01-01T10:00:00.000Z", lesson: "gamma" },
      { v: 1, type: "lesson-opened", at: "2026-01-02T10:00:00.000Z", lesson: "beta" },
      { v: 1, type: "lesson-finished", at: "2026-01-03T10:00:00.000Z", lesson: "alpha" },
    ];
    const { app } = setup({ screen: "home" }, { prior });
    const frame = await app.waitForFrame((f) => f.includes("Gamma"));
    expect(frame).toMatch(/> \[ \] +2 Beta Lesson/);
    await app.press(keys.enter);
    await app.waitForFrame((f) => f.includes("Lesson 2: Beta Lesson"));
    app.unmount();
  });

  it("explains the marks and keeps its footer whole at 40 columns", async () => {
    const wide = setup({ screen: "home" });
    expect(await wide.app.waitForFrame((f) => f.includes("Alpha"))).toContain("[x] read · [~] started · [ ] not started");
    wide.app.unmount();
    // A title as long as the course's longest wraps under itself instead of being cut.
    const course = testCourse();
    const long = "Event-Driven Architecture Patterns: Choreography vs Orchestration";
    course.lessons[1] = { ...course.lessons[1]!, title: long };
    const { app } = setup({ screen: "home" }, { size: { columns: 40, rows: 12 }, course });
    let frame = await app.waitForFrame((f) => f.includes("Alpha"));
    const footer = lines(frame).at(-1)!;
    expect(footer).toContain("? help");
    expect(footer).toContain("q quit");
    await app.press(keys.down);
    frame = await app.waitForFrame((f) => /> \[ \] +2/.test(f));
    expect(frame).not.toContain("…");
    expect(frame.replace(/\s+/g, " ")).toContain(`${long} (12 min)`);
    for (const l of lines(frame)) expect(l.length).toBeLessThanOrEqual(40);
    app.unmount();
  });
});

describe("the help overlay", () => {
  it("lists the home screen's own keys, with 1-9,0 and the legend, not the reader's", async () => {
    const { app } = setup({ screen: "home" });
    await app.waitForFrame((f) => f.includes("Alpha"));
    await app.press("?");
    const frame = await app.waitForFrame((f) => f.includes("Keys: lesson list"));
    expect(frame).toMatch(/1-9, 0 +open lesson 1 to 9; 0 opens lesson 10/);
    expect(frame).toMatch(/q\/esc +quit/);
    expect(frame).toContain("[x] read · [~] started · [ ] not started");
    for (const reader of ["page up", "go to the end", "next / previous lesson", "sideways"]) expect(frame).not.toContain(reader);
    await app.press("x");
    await app.waitForFrame((f) => f.includes("Read "));
    app.unmount();
  });

  it.each([
    ["opened from the list", { screen: "home" } as const, "back to the lesson list"],
    ["opened by `read N`", { screen: "reader", lesson: "alpha" } as const, "quit"],
  ])("lists the reader's keys when %s, q saying what it does there", async (_name, initial, back) => {
    const { app } = setup(initial);
    await app.waitForFrame((f) => f.includes("Alpha"));
    if (initial.screen === "home") await app.press(keys.enter);
    await app.waitForFrame((f) => f.includes("Lesson 1:"));
    await app.press("?");
    const frame = await app.waitForFrame((f) => f.includes("Keys: reader"));
    expect(frame).toContain("page up");
    expect(frame).toMatch(new RegExp(`q/esc +${back} *│`));
    expect(frame).not.toContain("1-9");
    expect(frame).not.toContain("open the selected lesson");
    app.unmount();
  });

  it("fits 40×12 and scrolls to every key of the screen", async () => {
    const { app } = setup({ screen: "reader", lesson: "alpha" }, { size: { columns: 40, rows: 12 } });
    await app.waitForFrame((f) => f.includes("Lesson 1:"));
    await app.press("?");
    let frame = await app.waitForFrame((f) => f.includes("Keys: reader"));
    const seen = new Set<string>();
    for (let i = 0; i < 20; i++) {
      expect(lines(frame).length).toBeLessThanOrEqual(11);
      for (const l of lines(frame)) expect(l.length).toBeLessThanOrEqual(40);
      expect(frame).not.toContain("…");
      for (const l of lines(frame)) seen.add(l.replace(/^│ ?| *│$/g, "").trim());
      await app.press("j");
      frame = app.lastFrame();
    }
    expect(frame).toContain("Keys: reader"); // scrolling does not close it
    for (const line of helpLines("reader", true, 36)) expect([...seen]).toContain(line.trim());
    await app.press("x");
    await app.waitForFrame((f) => f.includes("Lesson 1:"));
    app.unmount();
  });

  it("lists every binding of its screen (one keymap)", () => {
    for (const screen of ["home", "reader"] as const) {
      const text = helpLines(screen, false, 200).join("\n");
      for (const b of bindingsFor(screen)) expect(text).toContain(`${b.keys}`);
    }
  });
});

describe("the reader's status line", () => {
  it("says q quits when the reader was opened by `read N`, and q goes back otherwise", async () => {
    const direct = setup({ screen: "reader", lesson: "alpha" }, { size: { columns: 100, rows: 24 } });
    const frame = await direct.app.waitForFrame((f) => f.includes("Lesson 1:"));
    expect(lines(frame).at(-1)).toContain("q quit");
    expect(lines(frame).at(-1)).not.toContain("q back");
    direct.app.unmount();
    const fromHome = setup({ screen: "home" }, { size: { columns: 100, rows: 24 } });
    await fromHome.app.waitForFrame((f) => f.includes("Alpha"));
    await fromHome.app.press(keys.enter);
    expect(lines(await fromHome.app.waitForFrame((f) => f.includes("Lesson 1:"))).at(-1)).toContain("q back");
    fromHome.app.unmount();
  });

  it.each([40, 60, 80, 120])("is never cut at %i columns and keeps ? help", async (columns) => {
    const { app } = setup({ screen: "reader", lesson: "alpha" }, { size: { columns, rows: 24 } });
    await app.waitForFrame((f) => f.includes("Lesson 1:"));
    await app.press("G");
    const frame = await app.waitForFrame((f) => f.includes("100%"));
    const status = lines(frame).at(-1)!;
    expect(status.length).toBeLessThanOrEqual(columns - 1);
    expect(status).toMatch(/ · \? help$/);
    expect(status).toContain("read");
    app.unmount();
  });
});

describe("Ctrl+C and Ctrl+Z", () => {
  it("Ctrl+C saves the position and ends the app with the interrupted result (exit 130)", async () => {
    const { app, events } = setup({ screen: "reader", lesson: "alpha" }, { saveEveryMs: 60_000 });
    await app.waitForFrame((f) => f.includes("Lesson 1:"));
    await app.press(" ");
    await app.press(keys.ctrlC);
    expect(app.exited()).toBe(true);
    expect(app.exitResult()).toBe(QUIT_BY_CTRL_C);
    expect(positions(events)).toEqual([20]);
  });

  it("q ends the app without it", async () => {
    const { app } = setup({ screen: "home" });
    await app.waitForFrame((f) => f.includes("Alpha"));
    await app.press("q");
    expect(app.exited()).toBe(true);
    expect(app.exitResult()).toBeUndefined();
  });

  it("Ctrl+Z suspends, and the app draws its whole screen again on resume", async () => {
    let resume = () => {};
    const onSuspend = vi.fn(() => new Promise<void>((r) => (resume = r)));
    const { app } = setup({ screen: "reader", lesson: "alpha" }, { onSuspend });
    const before = await app.waitForFrame((f) => f.includes("Lesson 1:"));
    await app.press("\u001a");
    expect(onSuspend).toHaveBeenCalledTimes(1);
    await app.press("\u001a"); // a second Ctrl+Z while suspending is ignored
    expect(onSuspend).toHaveBeenCalledTimes(1);
    const written = app.stdout.frames.length;
    resume();
    await app.waitForFrame((f) => f === "");
    await app.waitForFrame((f) => f === before);
    expect(app.stdout.frames.length).toBeGreaterThan(written + 1);
    await app.press("j");
    await app.waitForFrame((f) => /lines 2-/.test(f));
    app.unmount();
  });
});
