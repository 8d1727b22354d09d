/**
 * Quiz cards rebuilt from the progress log. Pure.
 *
 * Each question's card is the replay of its rated answers through ts-fsrs, in log order, each
 * at its own time — not the `card` stored in the last event. Why replay:
 * - the log of ratings and times is the truth; the card is derived from it (event sourcing, as
 *   DESIGN §7 asks), so parameters re-optimised later apply to the whole history;
 * - two sessions in two processes that answered the same card both count: each process wrote a
 *   card after only its own answers, and taking the last stored card would drop the other's;
 * - a damaged line that was skipped costs one review, not a card that jumps back in time.
 * The stored cards stay in the log for audit and optimisers; with ts-fsrs's defaults (no fuzz)
 * the replay gives exactly the cards the live sessions stored (tested in quiz-session.test.ts),
 * so when the log shows one unbroken chain of sessions, commands that only read the cards take
 * the stored ones and skip loading ts-fsrs (stored-cards.ts).
 */
import type { QuizAnsweredEvent } from "./progress-events.js";
import type { ProgressState } from "./progress-state.js";
import { type Card, newCard, reviewCard } from "./scheduler.js";

export { fromSnapshot, toSnapshot } from "./stored-cards.js";

/** The card the rated answers build, or null if no answer of the question was rated yet. */
export function replayCard(answers: readonly QuizAnsweredEvent[]): Card | null {
  let card: Card | null = null;
  for (const a of answers) {
    if (a.rating === undefined) continue;
    const at = new Date(a.at);
    card = reviewCard(card ?? newCard(at), a.rating, at);
  }
  return card;
}

/**
 * Every card the log describes, by question id, including questions no longer in the course
 * (the queue leaves those out; their history stays). Questions never rated are absent: new.
 */
export function projectCards(state: ProgressState): Map<string, Card> {
  const cards = new Map<string, Card>();
  for (const [id, answers] of Object.entries(state.answers)) {
    const card = replayCard(answers);
    if (card) cards.set(id, card);
  }
  return cards;
}
