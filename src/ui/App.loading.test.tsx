// The home screen never waits for the markdown renderer: it loads after the first frame, and a
// lesson opened before it is ready says so, then opens (issue 7 §2, DESIGN §4).
import { afterEach, describe, expect, it, vi } from "vitest";
import { keys, renderInk } from "../../test/helpers/ink.js";
import type { ProgressEvent } from "../learning/progress-events.js";
import { projectProgress } from "../learning/progress-state.js";
import type { AppProps } from "./App.js";
import type { Markdown } from "./lazy-markdown.js";
import { lessonMarkdown } from "./plain/lesson-text.js";
import { testCourse } from "./test-course.js";

/** App with a markdown loader that finishes only when the test says so. */
async function setup(initial: AppProps["initial"]) {
  vi.resetModules();
  const real = await import("./markdown.js");
  let release: () => void = () => {};
  const ready = new Promise<void>((r) => (release = r));
  const loads: string[] = [];
  let resolved = false;
  vi.doMock("./lazy-markdown.js", () => ({
    markdownIfLoaded: (): Markdown | undefined => undefined,
    preloadMarkdown: async (): Promise<Markdown> => {
      loads.push("load");
      await ready;
      resolved = true;
      return real;
    },
  }));
  const { App } = await import("./App.js");
  const events: ProgressEvent[] = [];
  const record = (e: ProgressEvent) => {
    events.push(e);
    return projectProgress(events);
  };
  const app = renderInk(
    <App course={testCourse()} progress={projectProgress([])} record={record} initial={initial} color={false} now={() => "2026-01-01T00:00:00.000Z"} />,
    { columns: 80, rows: 24 },
  );
  /** Releases the renderer and waits until the app has it. */
  const loaded = async () => {
    release();
    while (!resolved) await new Promise((r) => setTimeout(r, 5));
    await app.press(keys.down); // lets React apply the loaded renderer (and moves to beta)
    await app.press(keys.up);
  };
  return { app, events, loads, release, loaded };
}

afterEach(() => {
  vi.doUnmock("./lazy-markdown.js");
});

describe("the markdown renderer", () => {
  it("is not needed for the home screen's first frame, and starts loading after it", async () => {
    const { app, loads } = await setup({ screen: "home" });
    await app.waitForFrame((f) => f.includes("Gamma Lesson"));
    expect(app.stdout.frames.length).toBeGreaterThan(0);
    await app.press(keys.down);
    expect(loads).toEqual(["load"]);
    app.unmount();
  });

  it("opens a lesson chosen before it is ready once it is, recording the opening at once", async () => {
    const { app, events, release } = await setup({ screen: "home" });
    await app.waitForFrame((f) => f.includes("Gamma Lesson"));
    await app.press(keys.enter);
    await app.waitForFrame((f) => f.includes("Opening lesson 1…"));
    expect(events.map((e) => e.type)).toEqual(["lesson-opened"]);
    await app.press("j"); // ignored while opening: the reader is not there yet
    release();
    const frame = await app.waitForFrame((f) => f.includes("Lesson 1: Alpha Lesson"));
    expect(frame).toMatch(/lines 1-\d+ of/);
    app.unmount();
  });

  it("lets q go back home while a lesson is opening", async () => {
    const { app, release } = await setup({ screen: "home" });
    await app.waitForFrame((f) => f.includes("Gamma Lesson"));
    await app.press(keys.enter);
    await app.waitForFrame((f) => f.includes("Opening lesson 1…"));
    await app.press("q");
    await app.waitForFrame((f) => f.includes("Gamma Lesson"));
    release();
    await new Promise((r) => setTimeout(r, 50));
    expect(app.lastFrame()).toContain("Gamma Lesson");
    expect(app.lastFrame()).not.toContain("Lesson 1: Alpha Lesson");
    app.unmount();
  });

  it("opens `mqtutor read N` when it is ready", async () => {
    const { app, release } = await setup({ screen: "reader", lesson: "beta" });
    await app.waitForFrame((f) => f.includes("Opening lesson 2…"));
    release();
    await app.waitForFrame((f) => f.includes("Lesson 2: Beta Lesson"));
    app.unmount();
  });
});

describe("a long lesson", () => {
  // Alpha's text is about 70 lines: its first screen is laid out from the first 42 (2 × 21 rows).
  const fullLength = async () => {
    const { layoutMarkdown } = await import("./markdown.js");
    return layoutMarkdown(lessonMarkdown(testCourse().lessons[0]!), { width: 78, highlight: false }).lines.length;
  };

  it("opens on its first screen at once, and the whole lesson is laid out right after that frame", async () => {
    const { app, loaded } = await setup({ screen: "home" });
    await app.waitForFrame((f) => f.includes("Gamma Lesson"));
    await loaded();
    await app.press(keys.enter);
    const total = await fullLength();
    await app.waitForFrame((f) => f.includes(`lines 1-21 of ${total} `));
    const totals = app.stdout.frames.map((f) => /lines 1-21 of (\d+)/.exec(f)?.[1]).filter((t) => t !== undefined);
    expect(Number(totals[0])).toBeLessThan(total);
    app.unmount();
  });

  it("takes a key that comes before that on the whole lesson", async () => {
    const { app, events, loaded } = await setup({ screen: "home" });
    await app.waitForFrame((f) => f.includes("Gamma Lesson"));
    await loaded();
    void app.press(keys.enter);
    await app.press("G"); // typed in the same tick as Enter, before the first screen's frame
    const frame = await app.waitForFrame((f) => f.includes("(100%)"));
    expect(frame).toContain("last line of alpha");
    expect(frame).toContain(`of ${await fullLength()} `);
    expect(events.filter((e) => e.type === "lesson-finished")).toHaveLength(1);
    app.unmount();
  });
});
