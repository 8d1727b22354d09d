/**
 * Quiz cards as the log stores them, without ts-fsrs (it is ~60 KB to load: `progress` and the
 * home screen only read cards). The replay (cards.ts) is the truth; the stored cards are used
 * only where they are provably the replay's result:
 *
 * every rated answer of a question stores the card after its rating, and its `reps` counts
 * the reviews that card has seen. A session computes a card from the log as it loaded it plus
 * its own answers, all of which come earlier in the log. So when the rated answer at position
 * n (1-based) stores `reps` n, the card was computed from exactly the n - 1 rated answers before
 * it, in log order: the replay's own input. Another session's answer in between, or a damaged
 * line that was skipped, breaks that count, and the caller replays (`storedCards` says so).
 */
import type { Card } from "ts-fsrs";
import type { CardSnapshot } from "./progress-events.js";
import type { ProgressState } from "./progress-state.js";

/** ts-fsrs's `State` enum by value (0 is New), so this module needs none of ts-fsrs at run time. */
const STATES = ["New", "Learning", "Review", "Relearning"] as const;

/** Due means `card.due <= now`, to the millisecond. A card never reviewed is not due: it is new. */
export function isDue(card: Card, now: Date): boolean {
  return STATES[card.state] !== "New" && card.due.getTime() <= now.getTime();
}

/** The state's name, e.g. `Review`. */
export function stateName(card: Card): (typeof STATES)[number] {
  return STATES[card.state]!;
}

/**
 * Every card of the log from its stored snapshots, by question id (questions never rated are
 * absent), or undefined when any question's stored cards are not the replay's: then replay
 * with projectCards (cards.ts).
 */
export function storedCards(state: ProgressState): Map<string, Card> | undefined {
  const cards = new Map<string, Card>();
  for (const [id, answers] of Object.entries(state.answers)) {
    let reps = 0;
    let last: CardSnapshot | undefined;
    for (const a of answers) {
      if (a.rating === undefined) continue;
      reps++;
      if (a.card?.reps !== reps) return undefined;
      last = a.card;
    }
    if (last) cards.set(id, fromSnapshot(last));
  }
  return cards;
}

/** A card as the log stores it: ts-fsrs's fields, dates as ISO strings, state by name. */
export function toSnapshot(card: Card): CardSnapshot {
  return {
    due: card.due.toISOString(),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsed_days: card.elapsed_days,
    scheduled_days: card.scheduled_days,
    learning_steps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: STATES[card.state]!,
    // A card in the log always comes out of a review, so it has one.
    last_review: (card.last_review ?? card.due).toISOString(),
  };
}

/** The card a snapshot describes. */
export function fromSnapshot(s: CardSnapshot): Card {
  return {
    due: new Date(s.due),
    stability: s.stability,
    difficulty: s.difficulty,
    elapsed_days: s.elapsed_days,
    scheduled_days: s.scheduled_days,
    learning_steps: s.learning_steps,
    reps: s.reps,
    lapses: s.lapses,
    state: STATES.indexOf(s.state),
    last_review: new Date(s.last_review),
  };
}
