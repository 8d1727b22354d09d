import { describe, expect, it } from "vitest";
import { quizCourse } from "../../../../test/helpers/quiz-course.js";
import { parseAnswer } from "../../../learning/grading.js";
import { commitAnswer, gradeAnswer, startSession } from "../../../learning/quiz-session.js";
import { initialQuizUi, type QuizUiAction, quizUiReducer, typedAnswer } from "./quiz-state.js";
import { windowTop } from "./quiz-lines.js";

const course = quizCourse();
const byId = (id: string) => course.quizzes.find((q) => q.id === id)!;
const run = (id: string, actions: QuizUiAction[]) =>
  actions.reduce(quizUiReducer, initialQuizUi(startSession([byId(id)], new Map())));

describe("quiz screen state", () => {
  it("single and boolean: the cursor is the answer, clamped to the rows", () => {
    expect(typedAnswer(run("purpose", [{ type: "down" }, { type: "down" }, { type: "down" }]))).toBe("3");
    expect(typedAnswer(run("purpose", [{ type: "up" }]))).toBe("1");
    expect(typedAnswer(run("purpose", [{ type: "pick", index: 1 }]))).toBe("2");
    expect(typedAnswer(run("purpose", [{ type: "pick", index: 7 }]))).toBe("1");
    expect(typedAnswer(run("redelivery", [{ type: "down" }]))).toBe("false");
  });

  it("multiple: toggles, in any order, read back sorted", () => {
    const s = run("roles", [{ type: "pick", index: 2 }, { type: "toggle" }, { type: "toggle" }, { type: "pick", index: 0 }]);
    expect(typedAnswer(s)).toBe("1,3");
    expect(typedAnswer(run("roles", [{ type: "toggle" }, { type: "toggle" }]))).toBe("");
  });

  it("order: a grabbed item travels with the cursor; move works without grabbing", () => {
    const grabbed = run("redrive-order", [{ type: "toggle" }, { type: "down" }, { type: "down" }, { type: "toggle" }]);
    expect(typedAnswer(grabbed)).toBe("2,3,1");
    expect(grabbed.grabbed).toBe(false);
    expect(typedAnswer(run("redrive-order", [{ type: "move", by: 1 }, { type: "move", by: 1 }, { type: "move", by: 1 }]))).toBe("2,3,1");
    expect(typedAnswer(run("redrive-order", [{ type: "move", by: -1 }]))).toBe("1,2,3");
  });

  it("text: typing and backspace, whole characters", () => {
    expect(typedAnswer(run("dlq-name", [{ type: "type", text: "DLQ😀" }, { type: "backspace" }]))).toBe("DLQ");
    // Text actions do nothing to a choice question, and picks nothing to a text one.
    expect(run("purpose", [{ type: "type", text: "x" }]).text).toBe("");
    expect(run("dlq-name", [{ type: "pick", index: 0 }]).cursor).toBe(0);
  });

  it("a verdict waits; next moves to the following question or the summary only once recorded", () => {
    const session = startSession([byId("purpose")], new Map());
    const s0 = initialQuizUi(session);
    const parsed = parseAnswer(byId("purpose"), "2");
    if (!parsed.ok) throw new Error("unreadable");
    const graded = gradeAnswer(session, parsed.answer, new Date("2026-03-01T09:00:00Z"));
    const waiting = quizUiReducer(s0, { type: "graded", verdict: { graded, after: null, rating: null } });
    expect(waiting.phase).toBe("verdict");
    expect(quizUiReducer(waiting, { type: "next" })).toBe(waiting);
    const done = commitAnswer(session, graded, "Easy");
    const rated = quizUiReducer(waiting, { type: "rated", after: done.session, rating: done.rating });
    expect(quizUiReducer(rated, { type: "next" }).phase).toBe("summary");
  });

  it("windows the body: from the top while the focus fits, then just enough to show it", () => {
    expect(windowTop(30, 10, null, [3, 4])).toBe(0);
    expect(windowTop(30, 10, null, [14, 16])).toBe(6);
    expect(windowTop(30, 10, 25, null)).toBe(20);
    expect(windowTop(5, 10, 3, null)).toBe(0);
  });
});
