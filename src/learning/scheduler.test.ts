import fc from "fast-check";
import { createEmptyCard, fsrs, generatorParameters, type Grade, Rating, State } from "ts-fsrs";
import { describe, expect, it } from "vitest";
import { isDue, newCard, QUIZ_RATINGS, type QuizRating, ratingFor, reviewCard, stateName } from "./scheduler.js";

const T0 = new Date("2026-03-01T09:00:00.000Z");
const MINUTE = 60_000;

/** A review: the rating and how long after the previous one (or after T0) it happens. */
const step = fc.record({
  rating: fc.constantFrom(...QUIZ_RATINGS),
  // From seconds to a few months: learning steps, same-day and long intervals.
  after: fc.oneof(fc.integer({ min: 0, max: 20 * MINUTE }), fc.integer({ min: 0, max: 120 * 24 * 60 * MINUTE })),
});

describe("the scheduler is ts-fsrs with its defaults", () => {
  it("gives the same card as ts-fsrs itself after any sequence of ratings", () => {
    const reference = fsrs(generatorParameters());
    fc.assert(
      fc.property(fc.array(step, { maxLength: 25 }), (steps) => {
        let ours = newCard(T0);
        let theirs = createEmptyCard(T0);
        let now = T0.getTime();
        for (const { rating, after } of steps) {
          now += after;
          ours = reviewCard(ours, rating, new Date(now));
          theirs = reference.next(theirs, new Date(now), Rating[rating] as Grade).card;
          expect(ours).toEqual(theirs);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("uses the default parameters: 90% retention, no fuzz, learning steps 1m and 10m", () => {
    const p = generatorParameters();
    expect(p).toMatchObject({ request_retention: 0.9, enable_fuzz: false, enable_short_term: true });
    expect(p.learning_steps).toEqual(["1m", "10m"]);
    // So a new card answered right comes back in 10 minutes, a wrong one in 1.
    expect(reviewCard(newCard(T0), "Good", T0).due.getTime() - T0.getTime()).toBe(10 * MINUTE);
    expect(reviewCard(newCard(T0), "Again", T0).due.getTime() - T0.getTime()).toBe(1 * MINUTE);
  });

  it("is deterministic: the same ratings at the same times give the same card (what replay needs)", () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 15 }), (steps) => {
        const run = () => {
          let card = newCard(T0);
          let now = T0.getTime();
          for (const { rating, after } of steps) card = reviewCard(card, rating, new Date((now += after)));
          return card;
        };
        expect(run()).toEqual(run());
      }),
    );
  });

  it("never lets time run backwards for a card", () => {
    const first = reviewCard(newCard(T0), "Good", new Date(T0.getTime() + 5 * MINUTE));
    const early = reviewCard(first, "Good", T0);
    expect(early).toEqual(reviewCard(first, "Good", first.last_review!));
  });
});

describe("ratings and due", () => {
  it("rates wrong as Again and right as Good unless Hard or Easy is picked", () => {
    expect(ratingFor(false)).toBe("Again");
    expect(ratingFor(false, "Easy")).toBe("Again");
    expect(ratingFor(true)).toBe("Good");
    expect(ratingFor(true, "Hard")).toBe("Hard");
    expect(ratingFor(true, "Easy")).toBe("Easy");
  });

  it("is due exactly from card.due on, to the millisecond; a new card is not due", () => {
    const card = reviewCard(newCard(T0), "Good", T0);
    expect(isDue(card, new Date(card.due.getTime() - 1))).toBe(false);
    expect(isDue(card, card.due)).toBe(true);
    expect(isDue(newCard(T0), new Date(T0.getTime() + 1e9))).toBe(false);
  });

  it("names states as ts-fsrs does", () => {
    const names: Record<number, string> = {};
    for (const r of QUIZ_RATINGS as QuizRating[]) {
      const c = reviewCard(newCard(T0), r, T0);
      names[c.state] = stateName(c);
    }
    expect(names[State.Learning]).toBe("Learning");
    expect(stateName(newCard(T0))).toBe("New");
  });
});
