/**
 * Spaced repetition: each quiz question is an FSRS card scheduled by ts-fsrs with its default
 * parameters (no scheduler of our own). Pure: every function takes `now`, because ts-fsrs falls
 * back to `new Date()` where it is omitted (STYLE.md, known traps).
 *
 * The defaults matter for replay: fuzz is off, so the same ratings at the same times always
 * give the same card, which is what lets the progress log be replayed into cards.
 */
import { type Card, createEmptyCard, fsrs, type Grade, Rating, type StateType } from "ts-fsrs";

export type { Card } from "ts-fsrs";

/** How an answer was rated: wrong is `Again`; right is `Good` unless the learner picks `Hard` or `Easy`. */
export type QuizRating = "Again" | "Hard" | "Good" | "Easy";
/** The ratings, weakest first. */
export const QUIZ_RATINGS: readonly QuizRating[] = ["Again", "Hard", "Good", "Easy"];
/** What the learner may pick after a right answer instead of the default `Good`. */
export type RightRating = Exclude<QuizRating, "Again">;

/** A card's state by name, as ts-fsrs names it: `New`, `Learning`, `Review`, `Relearning`. */
export type CardState = StateType;

const scheduler = fsrs();

/** A card never reviewed. Its `due` is `now`, but no question is due before it was first answered. */
export function newCard(now: Date): Card {
  return createEmptyCard(now);
}

/** The rating an answer gets. */
export function ratingFor(correct: boolean, picked: RightRating = "Good"): QuizRating {
  return correct ? picked : "Again";
}

/**
 * The card after one review at `now` with `rating`. Does not modify `card`. A `now` earlier
 * than the card's last review (two processes whose answers landed out of order) is taken as
 * that last review, so time never runs backwards for a card.
 */
export function reviewCard(card: Card, rating: QuizRating, now: Date): Card {
  const last = card.last_review?.getTime() ?? -Infinity;
  const at = now.getTime() < last ? new Date(last) : now;
  return scheduler.next(card, at, Rating[rating] as Grade).card;
}

export { isDue, stateName } from "./stored-cards.js";
