import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { quizCourse } from "../../test/helpers/quiz-course.js";
import type { QuizQuestion } from "../content/model.js";
import { fromSnapshot, projectCards } from "./cards.js";
import { type Answer, correctAnswer } from "./grading.js";
import type { ProgressEvent } from "./progress-events.js";
import { projectProgress } from "./progress-state.js";
import { quizQueue, reviewQueue } from "./quiz-queue.js";
import { answerForLog, commitAnswer, currentQuestion, gradeAnswer, type QuizSession, startSession, summarize } from "./quiz-session.js";
import type { RightRating } from "./scheduler.js";

const T0 = new Date("2026-03-01T09:00:00.000Z");
const MINUTE = 60_000;
const course = quizCourse();

/** A readable answer to `q` that is wrong. */
function wrongAnswer(q: QuizQuestion): Answer {
  switch (q.type) {
    case "single":
      return { type: "single", choice: ((q.answer as number) + 1) % q.choices!.length };
    case "multiple":
      return { type: "multiple", choices: [1] };
    case "order":
      return { type: "order", order: [0, 1, 2] };
    case "boolean":
      return { type: "boolean", value: !(q.answer as boolean) };
    case "text":
      return { type: "text", text: "a topic" };
  }
}

/** Answers every question of `s` as `plan` says, `gap` ms apart; returns the session and the events. */
function play(s: QuizSession, plan: (q: QuizQuestion, practice: boolean) => boolean, start: Date, gap = MINUTE) {
  const events: ProgressEvent[] = [];
  let now = start.getTime();
  for (let cur = currentQuestion(s); cur; cur = currentQuestion(s)) {
    const right = plan(cur.question, cur.practice);
    const graded = gradeAnswer(s, right ? correctAnswer(cur.question) : wrongAnswer(cur.question), new Date(now));
    const done = commitAnswer(s, graded);
    s = done.session;
    events.push(done.event);
    now += gap;
  }
  return { session: s, events, end: new Date(now) };
}

describe("a session", () => {
  it("asks each question once, then the wrong ones again as practice, and scores first answers only", () => {
    const s0 = startSession(course.quizzes, new Map());
    const asked: string[] = [];
    const { session, events } = play(s0, (q, practice) => {
      asked.push(`${practice ? "practice " : ""}${q.id}`);
      return practice || q.type !== "multiple";
    }, T0);
    expect(asked).toEqual(["purpose", "roles", "redelivery", "redrive-order", "dlq-name", "practice roles"]);
    expect(events.map((e) => e.type === "quiz-answered" && [e.question, e.correct, e.practice, e.rating ?? null])).toEqual([
      ["purpose", true, false, "Good"],
      ["roles", false, false, "Again"],
      ["redelivery", true, false, "Good"],
      ["redrive-order", true, false, "Good"],
      ["dlq-name", true, false, "Good"],
      // Four minutes after its Again, past the 1-minute learning step: due again, so rated.
      ["roles", true, true, "Good"],
    ]);
    expect(summarize(session, course)).toMatchObject({ correct: 4, answered: 5, reread: [1], newLeft: 0 });
  });

  it("does not rate a practice answer whose card is not due yet", () => {
    const s0 = startSession([course.quizzes[0]!], new Map());
    const wrong = commitAnswer(s0, gradeAnswer(s0, wrongAnswer(course.quizzes[0]!), T0));
    expect(currentQuestion(wrong.session)).toMatchObject({ practice: true, number: 1, total: 1 });
    // 30 s later: the card is due 1 minute after the Again.
    const graded = gradeAnswer(wrong.session, correctAnswer(course.quizzes[0]!), new Date(T0.getTime() + 30_000));
    expect(graded).toMatchObject({ correct: true, practice: true, rated: false });
    const done = commitAnswer(wrong.session, graded);
    expect(done.event).not.toHaveProperty("rating");
    expect(done.event).not.toHaveProperty("card");
    expect(done.session.cards.get("purpose")).toEqual(wrong.session.cards.get("purpose"));
    expect(currentQuestion(done.session)).toBeNull();
  });

  it("rates a right answer Hard or Easy when the learner picks it", () => {
    const s0 = startSession([course.quizzes[2]!], new Map());
    const graded = gradeAnswer(s0, correctAnswer(course.quizzes[2]!), T0);
    expect(commitAnswer(s0, graded, "Easy").event).toMatchObject({ rating: "Easy", correct: true });
    expect(commitAnswer(s0, graded, "Hard").event).toMatchObject({ rating: "Hard" });
    expect(commitAnswer(s0, graded).event).toMatchObject({ rating: "Good" });
  });

  it("ends at once with nothing to ask, and summarises the next due card", () => {
    const s = startSession([], new Map());
    expect(currentQuestion(s)).toBeNull();
    expect(summarize(s, course)).toEqual({ correct: 0, answered: 0, reread: [], nextDue: null, newLeft: 5 });
  });

  it("keeps at most 100 characters of an answer, without control characters", () => {
    expect(answerForLog("a\u0001b\tc")).toBe("a b c");
    expect([...answerForLog("😀".repeat(300))]).toHaveLength(100);
  });
});

describe("the projection from the log equals the live state", () => {
  const planArb = fc.array(
    fc.record({
      right: fc.array(fc.boolean(), { minLength: 10, maxLength: 10 }),
      picks: fc.array(fc.constantFrom<RightRating>("Hard", "Good", "Easy"), { minLength: 10, maxLength: 10 }),
      gap: fc.integer({ min: 1_000, max: 3 * MINUTE }),
      pause: fc.integer({ min: 0, max: 30 * 24 * 60 * MINUTE }),
      review: fc.boolean(),
    }),
    { minLength: 1, maxLength: 6 },
  );

  it("replaying every session's events rebuilds exactly the cards the sessions held (property)", () => {
    fc.assert(
      fc.property(planArb, (sessions) => {
        const log: ProgressEvent[] = [];
        let live = new Map(projectCards(projectProgress(log)));
        let now = T0.getTime();
        for (const plan of sessions) {
          now += plan.pause;
          const at = new Date(now);
          const queue = plan.review ? reviewQueue(course, live, at) : quizQueue(course, live, at);
          let s = startSession(queue, live);
          let k = 0;
          for (let cur = currentQuestion(s); cur; cur = currentQuestion(s), k++) {
            const right = plan.right[k % 10]!;
            const graded = gradeAnswer(s, right ? correctAnswer(cur.question) : wrongAnswer(cur.question), new Date(now));
            const done = commitAnswer(s, graded, plan.picks[k % 10]);
            s = done.session;
            log.push(done.event);
            // The card stored with the event is the card the session now holds.
            if (done.event.card) expect(fromSnapshot(done.event.card)).toEqual(s.cards.get(cur.question.id));
            now += plan.gap;
          }
          live = new Map(s.cards);
          // Written, then read back: the same cards.
          expect(projectCards(projectProgress(log))).toEqual(live);
        }
      }),
      { numRuns: 60 },
    );
  });
});
