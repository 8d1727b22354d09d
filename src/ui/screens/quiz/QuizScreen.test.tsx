import { describe, expect, it } from "vitest";
import { quizCourse } from "../../../../test/helpers/quiz-course.js";
import { keys, renderInk } from "../../../../test/helpers/ink.js";
import type { QuizQuestion } from "../../../content/model.js";
import type { ProgressEvent, QuizAnsweredEvent } from "../../../learning/progress-events.js";
import { type QuizSession, startSession } from "../../../learning/quiz-session.js";
import { QuizScreen } from "./QuizScreen.js";

const course = quizCourse();
const byId = (id: string) => course.quizzes.find((q) => q.id === id)!;
const SHIFT_UP = "\u001b[1;2A";
const SHIFT_DOWN = "\u001b[1;2B";
const BACKSPACE = "\u007f";

function setup(questions: QuizQuestion[], size = { columns: 80, rows: 24 }, opts: { failWrites?: boolean } = {}) {
  const events: QuizAnsweredEvent[] = [];
  let clock = new Date("2026-03-01T09:00:00.000Z").getTime();
  let final: QuizSession | null = null;
  let interrupted: boolean | null = null;
  const app = renderInk(
    <QuizScreen
      course={course}
      session={startSession(questions, new Map())}
      title="Quiz: test."
      record={(e: ProgressEvent) => {
        if (opts.failWrites) throw new Error("EACCES: progress.jsonl could not be written");
        events.push(e as QuizAnsweredEvent);
      }}
      // Each reading of the clock is a minute later, so practice answers come after the 1-minute step.
      now={() => new Date((clock += 60_000))}
      color={false}
      onExit={(s, byCtrlC) => {
        final = s;
        interrupted = byCtrlC;
      }}
    />,
    size,
  );
  return { app, events, final: () => final, interrupted: () => interrupted };
}

describe("quiz screen", () => {
  it("single: pick by arrows, verdict with explanation and the why-not of the wrong pick, recorded as Again", async () => {
    const { app, events } = setup([byId("purpose")]);
    await app.waitForFrame((f) => f.includes("What does a queue buy you?"));
    expect(app.lastFrame()).toMatch(/› 1\. Exactly-once delivery/);
    await app.press(keys.down);
    await app.press(keys.down);
    expect(app.lastFrame()).toMatch(/› 3\. Lower latency/);
    await app.press(keys.enter);
    const frame = await app.waitForFrame((f) => f.includes("Wrong"));
    expect(frame).toContain("you answered 3");
    expect(frame).toContain("2. Decoupling in time");
    expect(frame).toContain("The queue lets each side run at its own pace.");
    expect(frame).toContain("Why not 3: A queue adds a hop.");
    expect(frame).not.toContain("Why not 1");
    expect(events).toMatchObject([{ question: "purpose", answer: "3", correct: false, rating: "Again", practice: false }]);
  });

  it("a right answer waits for its rating: e records Easy; the practice pass asks the wrong ones again", async () => {
    const { app, events, final } = setup([byId("redelivery"), byId("purpose")]);
    await app.waitForFrame((f) => f.includes("delivered again"));
    await app.press("t");
    await app.press(keys.enter);
    await app.waitForFrame((f) => f.includes("Right."));
    expect(app.lastFrame()).toContain("enter: Good · h: Hard · e: Easy");
    expect(events).toEqual([]);
    await app.press("e");
    expect(events).toMatchObject([{ question: "redelivery", correct: true, rating: "Easy" }]);
    await app.waitForFrame((f) => f.includes("What does a queue buy you?"));
    await app.press("1");
    await app.press(keys.enter);
    await app.waitForFrame((f) => f.includes("Wrong"));
    await app.press(keys.enter);
    await app.waitForFrame((f) => f.includes("Practice (not scored) 1 of 1"));
    await app.press("2");
    await app.press(keys.enter);
    const verdict = await app.waitForFrame((f) => f.includes("Right."));
    // Practice shows the right answer again; a minute after the Again the card is due, so it is rated.
    expect(verdict).toContain("2. Decoupling in time");
    await app.press(keys.enter);
    await app.waitForFrame((f) => f.includes("score: 1/2"));
    expect(app.lastFrame()).toContain("lesson 1, Basics: mqtutor read 1");
    expect(events.map((e) => [e.question, e.practice, e.rating])).toEqual([
      ["redelivery", false, "Easy"],
      ["purpose", false, "Again"],
      ["purpose", true, "Good"],
    ]);
    await app.press(keys.enter);
    expect(app.exited()).toBe(true);
    expect(final()?.results).toHaveLength(2);
  });

  it("multiple: space and numbers tick, nothing ticked is refused, not graded", async () => {
    const { app, events } = setup([byId("roles")]);
    await app.waitForFrame((f) => f.includes("[ ] 1. Producer"));
    await app.press(keys.enter);
    await app.waitForFrame((f) => f.includes("Tick at least one choice"));
    expect(events).toEqual([]);
    await app.press(" ");
    await app.press("3");
    expect(app.lastFrame()).toMatch(/\[x\] 1\. Producer[\s\S]*\[x\] 3\. Consumer/);
    await app.press(keys.enter);
    await app.waitForFrame((f) => f.includes("Right."));
    await app.press("h");
    expect(events).toMatchObject([{ answer: "1,3", correct: true, rating: "Hard" }]);
  });

  it("takes keys that arrive in one chunk one at a time (fast typing, tmux), text runs as text", async () => {
    const { app, events } = setup([byId("roles"), byId("dlq-name")]);
    await app.waitForFrame((f) => f.includes("[ ] 1. Producer"));
    await app.press("13\r");
    await app.waitForFrame((f) => f.includes("Right."));
    await app.press("\r");
    await app.waitForFrame((f) => f.includes("Your answer: █"));
    await app.press("dlq\r");
    await app.waitForFrame((f) => f.includes("Right."));
    await app.press("h");
    expect(events.map((e) => [e.answer, e.rating])).toEqual([
      ["1,3", "Good"],
      ["dlq", "Hard"],
    ]);
  });

  it("order: items move with shift+arrows, u/d, or space to grab", async () => {
    const { app, events } = setup([byId("redrive-order")]);
    await app.waitForFrame((f) => f.includes("1. Moved to the DLQ"));
    // Wanted: Received and fails, Receive count reaches the limit, Moved to the DLQ.
    await app.press(SHIFT_DOWN);
    await app.press("d");
    expect(app.lastFrame()).toMatch(/1\. Received and fails[\s\S]*2\. Receive count[\s\S]*3\. Moved to the DLQ/);
    await app.press(SHIFT_UP);
    await app.press(" ");
    await app.press(keys.down);
    await app.press(" ");
    expect(app.lastFrame()).toMatch(/1\. Received and fails[\s\S]*2\. Receive count[\s\S]*3\. Moved to the DLQ/);
    await app.press(keys.enter);
    await app.waitForFrame((f) => f.includes("Right."));
    await app.press(keys.enter);
    expect(events).toMatchObject([{ question: "redrive-order", answer: "2,3,1", correct: true, rating: "Good" }]);
  });

  it("text: typed (q and j are letters here), backspace, case-insensitive match", async () => {
    const { app, events } = setup([byId("dlq-name")]);
    await app.waitForFrame((f) => f.includes("Your answer: █"));
    await app.press(keys.enter);
    await app.waitForFrame((f) => f.includes("Type an answer first."));
    await app.press("Dlqj");
    await app.press(BACKSPACE);
    expect(app.lastFrame()).toContain("Your answer: Dlq█");
    await app.press(keys.enter);
    await app.waitForFrame((f) => f.includes("Right."));
    await app.press("q");
    // Leaving records the waiting right answer as Good.
    expect(events).toMatchObject([{ question: "dlq-name", answer: "Dlq", rating: "Good" }]);
    expect(app.exited()).toBe(true);
  });

  it("keeps every word at 40×12 by scrolling, and says when there is more below", async () => {
    const long = { ...byId("purpose"), prompt: Array.from({ length: 12 }, (_, i) => `Sentence ${i + 1} of a long prompt.`).join(" ") };
    const { app } = setup([long], { columns: 40, rows: 12 });
    const first = await app.waitForFrame((f) => f.includes("Sentence 1 "));
    expect(first).toContain("PgDn more below");
    for (const line of first.split("\n")) expect(line.length).toBeLessThanOrEqual(39);
    const seen = new Set<string>();
    for (let i = 0; i < 10; i++) {
      // PgDn keeps one line of overlap, so a sentence cut at a line end is whole in some frame.
      for (const w of app.lastFrame().replace(/\s+/g, " ").match(/Sentence \d+/g) ?? []) seen.add(w);
      await app.press(keys.pageDown);
    }
    expect(seen.size).toBe(12);
    expect(app.lastFrame()).toContain("3. Lower latency");
  });

  it("Ctrl+C leaves at once, saving a right answer that waits for its rating, and says it was interrupted", async () => {
    const { app, events, interrupted } = setup([byId("redelivery"), byId("purpose")]);
    await app.waitForFrame((f) => f.includes("delivered again"));
    await app.press("t");
    await app.press(keys.enter);
    await app.waitForFrame((f) => f.includes("Right."));
    await app.press(keys.ctrlC);
    expect(app.exited()).toBe(true);
    expect(interrupted()).toBe(true);
    expect(events).toMatchObject([{ question: "redelivery", rating: "Good" }]);
  });

  it("says once that a write failed and goes on", async () => {
    const { app } = setup([byId("purpose"), byId("redelivery")], undefined, { failWrites: true });
    await app.waitForFrame((f) => f.includes("What does a queue buy you?"));
    await app.press(keys.enter);
    const frame = await app.waitForFrame((f) => f.includes("Not saved"));
    expect(frame).toContain("EACCES");
    await app.press(keys.enter);
    await app.waitForFrame((f) => f.includes("delivered again"));
  });
});
