/** fast-check generators for progress events, shared by the unit tests of src/learning. */
import fc from "fast-check";
import type { ProgressEvent } from "../../src/learning/progress-events.js";

/** ISO timestamps as `Date#toISOString` writes them, within years 2000-2100. */
export const atArb = fc
  .date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2100-01-01T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString());

/** A few realistic slugs plus arbitrary ones (any characters, including `__proto__`-like keys). */
export const slugArb = fc.oneof(
  fc.constantFrom("queues-101", "dead-letter-queues", "kafka-partitions", "__proto__", "constructor"),
  fc.string({ minLength: 1, maxLength: 120 }),
);

/** A small pool of slugs, so that generated logs mention the same lesson many times. */
export const fewSlugsArb = fc.constantFrom("a", "b", "c", "__proto__");

const positionArb = fc
  .tuple(fc.nat({ max: 10_000 }), fc.nat({ max: 10_000 }))
  .map(([x, y]) => ({ line: Math.min(x, y), of: Math.max(x, y) }));

/** Any valid event whose lesson comes from `slugs`. */
export function eventFrom(slugs: fc.Arbitrary<string>): fc.Arbitrary<ProgressEvent> {
  return fc.oneof(
    fc.record({ v: fc.constant(1 as const), type: fc.constant("lesson-opened" as const), at: atArb, lesson: slugs }),
    fc
      .record({ at: atArb, lesson: slugs, pos: positionArb })
      .map(({ at, lesson, pos }): ProgressEvent => ({ v: 1, type: "reading-position", at, lesson, ...pos })),
    fc.record({ v: fc.constant(1 as const), type: fc.constant("lesson-finished" as const), at: atArb, lesson: slugs }),
    quizAnsweredFrom(slugs.map((s) => s.slice(0, 80))),
  );
}

/** A card as ts-fsrs leaves it after a review (plausible ranges; the log does not check the algorithm). */
export const cardSnapshotArb = fc.record({
  due: atArb,
  stability: fc.double({ min: 0.001, max: 36500, noNaN: true }),
  difficulty: fc.double({ min: 1, max: 10, noNaN: true }),
  elapsed_days: fc.nat({ max: 36500 }),
  scheduled_days: fc.nat({ max: 36500 }),
  learning_steps: fc.nat({ max: 3 }),
  reps: fc.nat({ max: 10_000 }),
  lapses: fc.nat({ max: 10_000 }),
  state: fc.constantFrom("Learning" as const, "Review" as const, "Relearning" as const),
  last_review: atArb,
});

/** A graded quiz answer to a question whose id comes from `ids`: rated with its card, or a practice answer left unrated. */
export function quizAnsweredFrom(ids: fc.Arbitrary<string>): fc.Arbitrary<ProgressEvent> {
  return fc
    .record({
      at: atArb,
      question: ids,
      answer: fc.string({ maxLength: 100 }),
      correct: fc.boolean(),
      practice: fc.boolean(),
      rated: fc.boolean(),
      picked: fc.constantFrom("Hard" as const, "Good" as const, "Easy" as const),
      card: cardSnapshotArb,
    })
    .map(({ at, question, answer, correct, practice, rated, picked, card }): ProgressEvent => ({
      v: 1,
      type: "quiz-answered",
      at,
      question,
      answer,
      correct,
      practice,
      ...(rated || !practice ? { rating: correct ? picked : "Again", card } : {}),
    }));
}

/** Any valid event. */
export const eventArb = eventFrom(slugArb);
