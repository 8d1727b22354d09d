import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { projectCards } from "./cards.js";
import type { QuizAnsweredEvent } from "./progress-events.js";
import { projectProgress } from "./progress-state.js";
import { type Card, QUIZ_RATINGS, type QuizRating, newCard, reviewCard } from "./scheduler.js";
import { storedCards, toSnapshot } from "./stored-cards.js";

const T0 = Date.parse("2026-03-01T09:00:00Z");

/** One live session's answers to `question`, as quiz-session.ts writes them: each card from the one before. */
function session(question: string, from: Card | null, steps: { rating: QuizRating | undefined; minutes: number }[], start: number) {
  let card = from;
  let t = start;
  return steps.map(({ rating, minutes }): QuizAnsweredEvent => {
    t += minutes * 60_000;
    const at = new Date(t);
    const base = { v: 1 as const, type: "quiz-answered" as const, at: at.toISOString(), question, answer: "1", correct: rating !== "Again", practice: rating === undefined };
    if (rating === undefined) return base;
    card = reviewCard(card ?? newCard(at), rating, at);
    return { ...base, rating, card: toSnapshot(card) };
  });
}

const step = fc.record({ rating: fc.option(fc.constantFrom(...QUIZ_RATINGS), { nil: undefined, freq: 4 }), minutes: fc.integer({ min: 1, max: 60 * 24 * 20 }) });
const steps = fc.array(step, { maxLength: 8 });

describe("stored cards", () => {
  it("are the replay's cards when each question's answers form one chain of sessions", () => {
    fc.assert(
      fc.property(fc.array(steps, { minLength: 1, maxLength: 4 }), (questions) => {
        const events = questions.flatMap((s, i) => session(`q${i}`, null, s, T0));
        const state = projectProgress(events);
        const stored = storedCards(state);
        expect(stored).toBeDefined();
        expect([...stored!].map(([id, c]) => [id, toSnapshot(c)])).toEqual([...projectCards(state)].map(([id, c]) => [id, toSnapshot(c)]));
      }),
    );
  });

  it("are refused when two sessions answered from the same card, or a line was lost", () => {
    fc.assert(
      fc.property(steps, steps, steps, fc.boolean(), (prefix, a, b, lose) => {
        const first = session("q", null, prefix, T0);
        const state0 = projectProgress(first);
        const from = projectCards(state0).get("q") ?? null;
        const later = T0 + 30 * 24 * 3600_000;
        // Two sessions that loaded the same log, their answers interleaved in the log (a first).
        const sa = session("q", from, a, later);
        const sb = session("q", from, b, later + 1000);
        const events = lose ? [...first.slice(0, -1), ...sa] : [...first, ...sa, ...sb];
        const state = projectProgress(events);
        const stored = storedCards(state);
        const replayed = projectCards(state);
        // Either the stored cards are refused, or they are exactly the replay.
        if (stored) expect([...stored].map(([id, c]) => [id, toSnapshot(c)])).toEqual([...replayed].map(([id, c]) => [id, toSnapshot(c)]));
        // Both sessions rated: the second's cards never count the first's reviews, so they are refused.
        const rated = (xs: QuizAnsweredEvent[]) => xs.some((e) => e.rating !== undefined);
        if (!lose && rated(sa) && rated(sb)) expect(stored).toBeUndefined();
        if (lose && first.at(-1)?.rating !== undefined && rated(sa)) expect(stored).toBeUndefined();
      }),
    );
  });
});
