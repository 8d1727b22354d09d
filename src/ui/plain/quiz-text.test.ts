import { describe, expect, it } from "vitest";
import { quizCourse } from "../../../test/helpers/quiz-course.js";
import { expectTextFit } from "../../../test/helpers/text-fit.js";
import type { QuizQuestion } from "../../content/model.js";
import { type Answer, correctAnswer } from "../../learning/grading.js";
import { type GradedAnswer, summarize, startSession } from "../../learning/quiz-session.js";
import { splitWhyNot } from "../../learning/why-not.js";
import { answerKeyItems, dueIn, nextDueLine, questionText, summaryText, verdictText, whyNotNotes } from "./quiz-text.js";

const course = quizCourse();
const WIDTHS = [40, 60, 80, 120];
const NOW = new Date("2026-03-01T09:00:00.000Z");

function wrong(q: QuizQuestion): Answer {
  switch (q.type) {
    case "single":
      return { type: "single", choice: 2 };
    case "multiple":
      return { type: "multiple", choices: [0, 1] };
    case "order":
      return { type: "order", order: [0, 1, 2] };
    case "boolean":
      return { type: "boolean", value: false };
    case "text":
      return { type: "text", text: "poison queue" };
  }
}

const graded = (q: QuizQuestion, answer: Answer, correct: boolean, practice = false): GradedAnswer => ({
  question: q,
  answer,
  correct,
  practice,
  rated: true,
  at: NOW,
});

describe("plain quiz text fits every width and loses no word", () => {
  for (const q of course.quizzes) {
    it.each(WIDTHS)(`${q.id} at %i columns`, (width) => {
      const opts = { width, color: false };
      const asked = questionText({ question: q, practice: false, number: 1, total: 5 }, course, opts);
      expectTextFit([q.prompt, ...(q.choices ?? [])].join("\n\n"), asked, width, `question ${q.id}`);

      const g = graded(q, wrong(q), false);
      const verdict = verdictText(g, "Again", opts);
      const key = answerKeyItems(q).map((i) => ("choice" in i ? i.markdown : i.literal));
      const notes = whyNotNotes(g);
      expectTextFit([...key, splitWhyNot(q.explanation).explanation, ...notes].join("\n\n"), verdict, width, `verdict ${q.id}`);
    });
  }
});

describe("verdicts", () => {
  const purpose = course.quizzes.find((q) => q.id === "purpose")!;

  it("a wrong single answer: what was answered, the key, the explanation, the why-not of the pick only", () => {
    const text = verdictText(graded(purpose, { type: "single", choice: 2 }, false), "Again", { width: 80, color: false });
    expect(text).toBe(
      [
        "Wrong (you answered 3).",
        "The answer:",
        "  2. Decoupling in time",
        "",
        "The queue lets each side run at its own pace.",
        "",
        "Why not 3: A queue adds a hop.",
        "",
      ].join("\n"),
    );
  });

  it("a right answer: the explanation, no key, no notes", () => {
    const text = verdictText(graded(purpose, correctAnswer(purpose), true), "Good", { width: 80, color: false });
    expect(text).toBe("Right.\n\nThe queue lets each side run at its own pace.\n");
  });

  it("practice: the key again, and whether it was rated", () => {
    const g = { ...graded(purpose, correctAnswer(purpose), true, true), rated: false };
    const text = verdictText(g, null, { width: 80, color: false });
    expect(text).toContain("The answer:\n  2. Decoupling in time");
    expect(text).toContain("Practice only: the card is not due yet");
    expect(text).not.toContain("each side");
  });

  it("boolean notes are keyed by the value answered", () => {
    const q = course.quizzes.find((x) => x.type === "boolean")!;
    expect(whyNotNotes(graded(q, { type: "boolean", value: false }, false))).toEqual([
      "**Why not false:** The broker cannot know it was handled.",
    ]);
  });
});

describe("summary and due times", () => {
  it("ends with score: N/M and names the lessons to reread", () => {
    const s = startSession([], new Map());
    const summary = { ...summarize(s, course), correct: 3, answered: 5, reread: [1, 3] };
    const text = summaryText(summary, course, NOW, { width: 80, color: false });
    expect(text.trimEnd().split("\n").at(-1)).toBe("score: 3/5");
    expect(text).toContain("lesson 1, Basics: mqtutor read 1");
    expect(text).toContain("lesson 3, Dead letters: mqtutor read 3");
  });

  it("says when the next card is due", () => {
    const at = (ms: number) => new Date(NOW.getTime() + ms);
    expect(dueIn(at(0), NOW)).toBe("now");
    expect(dueIn(at(10 * 60_000), NOW)).toBe("in 10 minutes");
    expect(dueIn(at(5 * 3600_000), NOW)).toBe("in 5 hours");
    expect(dueIn(at(3 * 86400_000), NOW)).toBe("in 3 days");
    expect(nextDueLine(null, NOW)).toMatch(/No card is scheduled yet/);
    expect(nextDueLine(at(-1), NOW)).toBe("A card is due now: mqtutor review.");
    expect(nextDueLine(at(60_000), NOW)).toMatch(/^Next card due: in 1 minute \(\d{4}-\d\d-\d\d \d\d:\d\d\)\.$/);
  });
});
