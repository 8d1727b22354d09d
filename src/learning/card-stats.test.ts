import { describe, expect, it } from "vitest";
import { quizCourse } from "../../test/helpers/quiz-course.js";
import { addDays, cardRows, LEECH_FAILS, quizStats } from "./card-stats.js";
import { projectCards, toSnapshot } from "./cards.js";
import type { ProgressEvent, QuizAnsweredEvent } from "./progress-events.js";
import { projectProgress } from "./progress-state.js";
import { newCount, nextDue, quizQueue, reviewQueue } from "./quiz-queue.js";
import { newCard, type QuizRating, reviewCard } from "./scheduler.js";

const course = quizCourse();
const DAY = 24 * 3600_000;
const utcDay = (d: Date) => d.toISOString().slice(0, 10);
const NOW = new Date("2026-03-10T12:00:00.000Z");

/** A rated answer `daysAgo` before NOW (the card it stores is not used by the projection). */
function rated(question: string, daysAgo: number, rating: QuizRating, practice = false): QuizAnsweredEvent {
  const at = new Date(NOW.getTime() - daysAgo * DAY);
  const card = toSnapshot(reviewCard(newCard(at), rating, at));
  return { v: 1, type: "quiz-answered", at: at.toISOString(), question, answer: "1", correct: rating !== "Again", practice, rating, card };
}

function stateOf(events: ProgressEvent[]) {
  const progress = projectProgress(events);
  return { progress, cards: projectCards(progress) };
}

describe("queues", () => {
  it("quiz asks the new and the due questions in course order; review only the due, most overdue first", () => {
    // purpose: Good 3 days ago (due 10 min later: overdue); redelivery: Good 1 day ago; roles: Good just now (not due).
    const { cards } = stateOf([rated("redelivery", 1, "Good"), rated("purpose", 3, "Good"), rated("roles", 0, "Good")]);
    expect(quizQueue(course, cards, NOW).map((q) => q.id)).toEqual(["purpose", "redelivery", "redrive-order", "dlq-name"]);
    expect(quizQueue(course, cards, NOW, 1).map((q) => q.id)).toEqual(["purpose"]);
    expect(reviewQueue(course, cards, NOW).map((q) => q.id)).toEqual(["purpose", "redelivery"]);
    expect(nextDue(course, cards)?.toISOString()).toBe(new Date(NOW.getTime() - 3 * DAY + 10 * 60_000).toISOString());
    expect(newCount(course, cards)).toBe(2);
  });

  it("leaves a question removed from the course out of every queue, keeping its history", () => {
    const { progress, cards } = stateOf([rated("gone-question", 5, "Again")]);
    expect(cards.has("gone-question")).toBe(true);
    expect(progress.answers["gone-question"]).toHaveLength(1);
    expect(reviewQueue(course, cards, NOW)).toEqual([]);
    expect(quizQueue(course, cards, NOW)).toHaveLength(course.quizzes.length);
    expect(nextDue(course, cards)).toBeNull();
    expect(cardRows(course, cards).map((r) => r.id)).not.toContain("gone-question");
  });
});

describe("quizStats", () => {
  it("counts states, due, overdue and a 14-day forecast", () => {
    const { progress, cards } = stateOf([
      rated("purpose", 3, "Good"), // learning, overdue
      rated("roles", 0.001, "Again"), // learning, due in a minute minus 86 s: due now, today
      rated("redelivery", 0, "Easy"), // review, due in days
    ]);
    const stats = quizStats(course, progress, cards, NOW, utcDay);
    expect(stats.counts).toEqual({ new: 2, learning: 2, review: 1, relearning: 0 });
    expect(stats.dueNow).toBe(2);
    expect(stats.overdue).toBe(1);
    expect(stats.forecast).toHaveLength(14);
    expect(stats.forecast[0]).toEqual({ day: "2026-03-10", due: 2 });
    const easyDue = utcDay(cards.get("redelivery")!.due);
    expect(stats.forecast.find((f) => f.day === easyDue)?.due).toBe(1);
    expect(stats.forecast.reduce((n, f) => n + f.due, 0)).toBe(3);
  });

  it("measures retention on first answers only, and the streak in local days", () => {
    const { progress, cards } = stateOf([
      rated("purpose", 2, "Again"),
      rated("purpose", 2, "Good", true), // practice: not counted in retention
      rated("roles", 1, "Good"),
      rated("redelivery", 0, "Hard"),
    ]);
    const stats = quizStats(course, progress, cards, NOW, utcDay);
    expect(stats.retention).toEqual({ correct: 2, total: 3 });
    expect(stats.streak).toBe(3);
    // Nothing yet today: the streak still holds from yesterday; a gap ends it.
    expect(quizStats(course, progress, cards, new Date(NOW.getTime() + DAY), utcDay).streak).toBe(3);
    expect(quizStats(course, progress, cards, new Date(NOW.getTime() + 2 * DAY), utcDay).streak).toBe(0);
  });

  it(`flags a card failed ${LEECH_FAILS} times as a leech, with its lesson`, () => {
    const fails = (n: number) => Array.from({ length: n }, (_, i) => rated("redrive-order", 20 - i, "Again"));
    const seven = stateOf(fails(LEECH_FAILS - 1));
    expect(quizStats(course, seven.progress, seven.cards, NOW, utcDay).leeches).toEqual([]);
    const eight = stateOf(fails(LEECH_FAILS));
    expect(quizStats(course, eight.progress, eight.cards, NOW, utcDay).leeches).toEqual([
      { id: "redrive-order", lesson: 3, fails: LEECH_FAILS },
    ]);
  });

  it("lists one row per course question, new ones with no due date", () => {
    const { cards } = stateOf([rated("roles", 1, "Good")]);
    const rows = cardRows(course, cards);
    expect(rows.map((r) => [r.id, r.lesson, r.state])).toEqual([
      ["purpose", "basics", "new"],
      ["roles", "basics", "learning"],
      ["redelivery", "acks", "new"],
      ["redrive-order", "dlq", "new"],
      ["dlq-name", "dlq", "new"],
    ]);
    expect(rows[0]).toEqual({ id: "purpose", lesson: "basics", state: "new", due: null, reps: 0, lapses: 0, stability: 0, difficulty: 0 });
    expect(rows[1]).toMatchObject({ due: cards.get("roles")!.due.toISOString(), reps: 1, lapses: 0 });
  });

  it("adds calendar days across months and leap years", () => {
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
  });
});
