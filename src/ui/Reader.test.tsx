// ←/→ (and h/l) through the whole app: wide code scrolls sideways, prose stays put.
import { describe, expect, it } from "vitest";
import { renderInk } from "../../test/helpers/ink.js";
import { projectProgress } from "../learning/progress-state.js";
import { App } from "./App.js";
import { testCourse } from "./test-course.js";

const diagram = "+----------+     +----------+     +----------+     +----------+\n| producer | --> |  queue   | --> | consumer | --> |  store   |";
const keys = { left: "\u001b[D", right: "\u001b[C" };
const course = testCourse();
course.lessons[0] = {
  ...course.lessons[0]!,
  objectives: ["Scroll"],
  body: `## Wide\n\nProse stays put.\n\n\`\`\`text\n${diagram}\n\`\`\`\n\n## Cheat sheet\n\n- done`,
};

function open(columns: number) {
  const app = renderInk(
    <App course={course} progress={projectProgress([])} record={() => projectProgress([])} initial={{ screen: "reader", lesson: "alpha" }} color={false} now={() => "2026-01-01T00:00:00.000Z"} />,
    { columns, rows: 24 },
  );
  return app;
}
/** The diagram's second row (its first has no words), however far it is scrolled. */
const row = (frame: string) => frame.split("\n").find((l) => l.includes("| -->")) ?? "";

describe("scrolling wide code sideways", () => {
  it("shows more with → and l, back with ← and h, marking both edges", async () => {
    const app = open(40);
    let frame = await app.waitForFrame((f) => f.includes("| producer"));
    expect(row(frame)).toBe("  | producer | --> |  queue   | --> |»");
    expect(frame).toContain("Prose stays put.");
    await app.press(keys.right);
    frame = await app.waitForFrame((f) => row(f).includes("«"));
    // Half a screen on; the indent stays, « and » mark the hidden parts.
    expect(row(frame)).toBe("  « queue   | --> | consumer | --> | »");
    expect(frame).toContain("Prose stays put.");
    await app.press("l");
    frame = await app.waitForFrame((f) => f.includes("store   |"));
    expect(row(frame)).toBe("  «| --> | consumer | --> |  store   |");
    await app.press("l"); // already at the end
    expect(app.lastFrame()).toBe(frame);
    await app.press(keys.left);
    await app.press("h");
    frame = await app.waitForFrame((f) => row(f).includes("producer"));
    expect(row(frame)).toBe("  | producer | --> |  queue   | --> |»");
    app.unmount();
  });

  it("says where it is in the status line when there is room, and does nothing when all fits", async () => {
    const wide = open(60);
    await wide.waitForFrame((f) => f.includes("| producer"));
    await wide.press(keys.right);
    expect(wide.lastFrame().split("\n").at(-1)).toMatch(/←→ col \d+\/63/);
    wide.unmount();
    const roomy = open(100);
    const before = await roomy.waitForFrame((f) => f.includes("| producer"));
    await roomy.press(keys.right);
    expect(roomy.lastFrame()).toBe(before);
    expect(before).not.toContain("←→");
    roomy.unmount();
  });
});
