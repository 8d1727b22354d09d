import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { eventFrom, fewSlugsArb } from "../../test/helpers/progress-arbitraries.js";
import type { ProgressEvent } from "./progress-events.js";
import {
  applyEvent,
  emptyProgress,
  exerciseProgress,
  lessonProgress,
  projectProgress,
  UNTOUCHED_EXERCISE,
  UNTOUCHED_LESSON,
  type LessonProgress,
} from "./progress-state.js";

const at = (minute: number) => `2025-03-01T10:${String(minute).padStart(2, "0")}:00.000Z`;
const open = (lesson: string, minute: number): ProgressEvent => ({ v: 1, type: "lesson-opened", at: at(minute), lesson });
const pos = (lesson: string, line: number, of = 100): ProgressEvent => ({
  v: 1,
  type: "reading-position",
  at: at(0),
  lesson,
  line,
  of,
});
const finish = (lesson: string): ProgressEvent => ({ v: 1, type: "lesson-finished", at: at(0), lesson });

// A deliberately naive model: each field answered by its own scan of the whole log.
function model(events: readonly ProgressEvent[], slug: string): LessonProgress {
  const mine = events.filter((e) => "lesson" in e && e.lesson === slug);
  const opens = mine.filter((e) => e.type === "lesson-opened");
  const positions = mine.flatMap((e) => (e.type === "reading-position" ? [{ line: e.line, of: e.of }] : []));
  return {
    opened: mine.length > 0,
    read: mine.some((e) => e.type === "lesson-finished"),
    position: positions.length > 0 ? positions[positions.length - 1]! : null,
    lastOpenedAt: opens.length > 0 ? opens[opens.length - 1]!.at : null,
  };
}

const logArb = fc.array(eventFrom(fewSlugsArb), { maxLength: 40 });

describe("projectProgress", () => {
  it("is empty for an empty log", () => {
    expect(projectProgress([])).toEqual(emptyProgress());
    expect(lessonProgress(projectProgress([]), "a")).toEqual(UNTOUCHED_LESSON);
  });

  it("tracks opened, read, the last position and the last opening per lesson", () => {
    const state = projectProgress([
      open("a", 1),
      pos("a", 10),
      open("b", 2),
      pos("a", 40),
      finish("a"),
      pos("a", 5),
      open("a", 3),
    ]);
    expect(state.lessons).toEqual({
      a: { opened: true, read: true, position: { line: 5, of: 100 }, lastOpenedAt: at(3) },
      b: { opened: true, read: false, position: null, lastOpenedAt: at(2) },
    });
    expect(lessonProgress(state, "c")).toBe(UNTOUCHED_LESSON);
  });

  it("counts a lesson as opened when only a later event survived (its opening line was lost)", () => {
    expect(lessonProgress(projectProgress([finish("a")]), "a")).toEqual({
      opened: true,
      read: true,
      position: null,
      lastOpenedAt: null,
    });
  });

  it("uses log order, not timestamps, for 'last'", () => {
    expect(lessonProgress(projectProgress([open("a", 9), open("a", 1)]), "a").lastOpenedAt).toBe(at(1));
  });

  it("does not mistake inherited keys for lessons", () => {
    const state = projectProgress([open("a", 1)]);
    expect(lessonProgress(state, "constructor")).toBe(UNTOUCHED_LESSON);
    expect(lessonProgress(state, "__proto__")).toBe(UNTOUCHED_LESSON);
    const proto = projectProgress([finish("__proto__")]);
    expect(lessonProgress(proto, "__proto__").read).toBe(true);
    expect(Object.getPrototypeOf(proto.lessons)).toBe(Object.prototype);
  });

  it("equals folding applyEvent one event at a time (property)", () => {
    fc.assert(
      fc.property(logArb, (events) => {
        expect(projectProgress(events)).toEqual(events.reduce(applyEvent, emptyProgress()));
      }),
      { numRuns: 200 },
    );
  });

  it("continues from any prefix: project(a ++ b) = fold b over project(a) (property)", () => {
    fc.assert(
      fc.property(logArb, logArb, (a, b) => {
        expect(b.reduce(applyEvent, projectProgress(a))).toEqual(projectProgress([...a, ...b]));
      }),
      { numRuns: 200 },
    );
  });

  it("agrees with a naive model, lesson by lesson (property)", () => {
    fc.assert(
      fc.property(logArb, (events) => {
        const state = projectProgress(events);
        const slugs = [...new Set(events.flatMap((e) => ("lesson" in e ? [e.lesson] : [])))].sort();
        expect(Object.keys(state.lessons).sort()).toEqual(slugs);
        for (const slug of [...slugs, "never-mentioned"]) expect(lessonProgress(state, slug)).toEqual(model(events, slug));
      }),
      { numRuns: 200 },
    );
  });

  it("applyEvent leaves its input untouched (property)", () => {
    fc.assert(
      fc.property(logArb, eventFrom(fewSlugsArb), (events, next) => {
        const before = projectProgress(events);
        const snapshot = structuredClone(before);
        applyEvent(before, next);
        expect(before).toEqual(snapshot);
      }),
      { numRuns: 100 },
    );
  });
});

describe("quiz answers in the projection", () => {
  const answer = (question: string, minute: number, correct: boolean): ProgressEvent => ({
    v: 1,
    type: "quiz-answered",
    at: at(minute),
    question,
    answer: "1",
    correct,
    practice: true,
  });

  it("keeps every answer by question id, in log order, apart from the lessons", () => {
    const events = [answer("q1", 1, false), open("a", 2), answer("__proto__", 3, true), answer("q1", 4, true)];
    const state = projectProgress(events);
    expect(Object.keys(state.lessons)).toEqual(["a"]);
    expect(state.answers["q1"]).toEqual([events[0], events[3]]);
    expect(state.answers["__proto__"]).toEqual([events[2]]);
    expect(Object.getPrototypeOf(state.answers)).toBe(Object.prototype);
    expect(events.reduce(applyEvent, emptyProgress())).toEqual(state);
  });
});

describe("exercise progress", () => {
  const at = (n: number) => `2026-01-0${n}T10:00:00.000Z`;
  it("is untouched when the log says nothing", () => {
    expect(exerciseProgress(projectProgress([]), "worker-pool")).toEqual(UNTOUCHED_EXERCISE);
  });
  it("passes on the first exercise-passed, unassisted without hints", () => {
    const s = projectProgress([
      { v: 1, type: "exercise-passed", at: at(1), exercise: "worker-pool" },
      { v: 1, type: "exercise-passed", at: at(2), exercise: "worker-pool" },
    ]);
    expect(exerciseProgress(s, "worker-pool")).toEqual({ passedAt: at(1), hintsUsed: 0, solutionForced: false, assisted: false });
  });
  it("counts distinct hints and marks a pass after hints as assisted", () => {
    const s = projectProgress([
      { v: 1, type: "exercise-hint", at: at(1), exercise: "dlq", hint: 0 },
      { v: 1, type: "exercise-hint", at: at(1), exercise: "dlq", hint: 0 },
      { v: 1, type: "exercise-hint", at: at(2), exercise: "dlq", hint: 1 },
      { v: 1, type: "exercise-passed", at: at(3), exercise: "dlq" },
    ]);
    expect(exerciseProgress(s, "dlq")).toMatchObject({ hintsUsed: 2, assisted: true, passedAt: at(3) });
  });
  it("a solution forced before the pass makes it assisted; one viewed after does not", () => {
    const forced = projectProgress([
      { v: 1, type: "exercise-solution", at: at(1), exercise: "a", assisted: true },
      { v: 1, type: "exercise-passed", at: at(2), exercise: "a" },
    ]);
    const after = projectProgress([
      { v: 1, type: "exercise-passed", at: at(1), exercise: "b" },
      { v: 1, type: "exercise-solution", at: at(2), exercise: "b", assisted: false },
    ]);
    expect(exerciseProgress(forced, "a").assisted).toBe(true);
    expect(exerciseProgress(after, "b").assisted).toBe(false);
  });
  it("applyEvent agrees with projectProgress", () => {
    const events: ProgressEvent[] = [
      { v: 1, type: "exercise-hint", at: at(1), exercise: "dlq", hint: 2 },
      { v: 1, type: "exercise-passed", at: at(2), exercise: "dlq" },
    ];
    expect(events.reduce(applyEvent, emptyProgress())).toEqual(projectProgress(events));
  });
});
