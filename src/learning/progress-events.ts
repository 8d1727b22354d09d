/**
 * The progress log's events and their one-line JSON encoding. Pure: no I/O, no clock.
 *
 * Every line of `progress.jsonl` is one event `{ v, type, at, ...data }`. `v` is the schema
 * version of the line; adding an event type does not change it (older programs skip types they
 * do not know, with a warning), changing the meaning or shape of an existing type does.
 *
 * To add an event type: declare its interface, add it to {@link ProgressEvent}, and give it a
 * validator in `eventSchemas` (built from ./validate.js); the compiler refuses a type without one.
 * The validators are hand-written, not zod: every start reads this log, and zod took ~50 ms to load.
 */
import { DataError } from "../errors.js";
import {
  boolean,
  describeIssues,
  integer,
  isoDateTime,
  literal,
  number,
  object,
  oneOf,
  optional,
  string,
  type Validator,
} from "./validate.js";

/** The schema version this program writes and the newest it can read. */
export const PROGRESS_VERSION = 1;

/**
 * Longest line {@link serializeEvent} will produce, in bytes, newline included. Appends stay
 * far below the 4 KiB under which one O_APPEND write lands whole next to a concurrent one.
 */
export const MAX_EVENT_BYTES = 1024;

/** The learner opened a lesson in the reader (or printed it). */
export interface LessonOpenedEvent {
  v: 1;
  type: "lesson-opened";
  /** ISO 8601 timestamp, e.g. `2025-01-31T09:15:00.000Z`. */
  at: string;
  /** The lesson's slug, e.g. `dead-letter-queues`. */
  lesson: string;
}

/** Where the learner was in a lesson: `line` of `of` lines (the reader saves it as they scroll). */
export interface ReadingPositionEvent {
  v: 1;
  type: "reading-position";
  at: string;
  lesson: string;
  /** Integer, `0 <= line <= of`. */
  line: number;
  /** Integer, the lesson's length in lines when the position was saved. */
  of: number;
}

/** The learner reached the end of a lesson; from then on it counts as read. */
export interface LessonFinishedEvent {
  v: 1;
  type: "lesson-finished";
  at: string;
  lesson: string;
}

/**
 * A quiz card as ts-fsrs left it after a rating, in ts-fsrs's own field names (so it can be
 * handed back to ts-fsrs as it is). Kept in the log for audit and for re-optimising FSRS
 * parameters later; the projection rebuilds cards by replaying the ratings (see cards.ts).
 */
export interface CardSnapshot {
  /** ISO 8601: when the card is due next. */
  due: string;
  stability: number;
  difficulty: number;
  elapsed_days: number;
  scheduled_days: number;
  learning_steps: number;
  reps: number;
  lapses: number;
  state: "New" | "Learning" | "Review" | "Relearning";
  /** ISO 8601: the review that produced this card. */
  last_review: string;
}

/**
 * A quiz answer was graded. Every graded answer is one event, written the moment it is graded
 * (or, for a right answer on the terminal, when the learner has picked Hard, Good or Easy).
 */
export interface QuizAnsweredEvent {
  v: 1;
  type: "quiz-answered";
  /** When the answer was graded: the time the rating is applied at. */
  at: string;
  /** The question's id (front matter `id`): cards are keyed by it, so rewording keeps progress. */
  question: string;
  /** The answer as read, written as plain mode takes it (`2`, `1,3`, `true`, text), at most 100 characters. */
  answer: string;
  correct: boolean;
  /** A second try in the same session, after a wrong first answer (it does not count in the score). */
  practice: boolean;
  /** Absent for a practice answer whose card was not due yet: graded, but not rated. */
  rating?: "Again" | "Hard" | "Good" | "Easy";
  /** The card after the rating; present exactly when `rating` is. */
  card?: CardSnapshot;
}

/** The learner's file passed every check of an exercise (`verify` or the exercise screen). */
export interface ExercisePassedEvent {
  v: 1;
  type: "exercise-passed";
  at: string;
  /** The exercise's slug, e.g. `retrying-consumer`. */
  exercise: string;
}

/** A hint was shown: `hint` is its 0-based index (hints come one at a time, in order). */
export interface ExerciseHintEvent {
  v: 1;
  type: "exercise-hint";
  at: string;
  exercise: string;
  hint: number;
}

/** The reference solution was shown; `assisted` when it was forced before the exercise passed. */
export interface ExerciseSolutionEvent {
  v: 1;
  type: "exercise-solution";
  at: string;
  exercise: string;
  assisted: boolean;
}

/** One line of the progress log. Discriminated by `type`. */
export type ProgressEvent =
  | LessonOpenedEvent
  | ReadingPositionEvent
  | LessonFinishedEvent
  | QuizAnsweredEvent
  | ExercisePassedEvent
  | ExerciseHintEvent
  | ExerciseSolutionEvent;

/** The `type` of every event this program knows. */
export type ProgressEventType = ProgressEvent["type"];

const version = literal(PROGRESS_VERSION);
const timestamp = isoDateTime();
// Slugs come from file names (`lessons/03-dead-letter-queues.md`); the bound keeps lines short.
const slug = string({ min: 1, max: 120 });
const count = integer({ min: 0 });
/** The most characters of an answer the log keeps (a whole line must stay under MAX_EVENT_BYTES). */
export const MAX_ANSWER_CHARS = 100;
/** The longest question id the log takes (front matter `id`; real ids are a few words). */
export const MAX_QUESTION_ID = 80;

const cardSnapshot = object({
  due: timestamp,
  stability: number({ min: 0 }),
  difficulty: number({ min: 0 }),
  elapsed_days: count,
  scheduled_days: count,
  learning_steps: count,
  reps: count,
  lapses: count,
  state: oneOf(["New", "Learning", "Review", "Relearning"]),
  last_review: timestamp,
});

const eventSchemas: { readonly [K in ProgressEventType]: Validator<Extract<ProgressEvent, { type: K }>> } = {
  "lesson-opened": object({ v: version, type: literal("lesson-opened"), at: timestamp, lesson: slug }),
  "reading-position": object({
    v: version,
    type: literal("reading-position"),
    at: timestamp,
    lesson: slug,
    line: count,
    of: count,
  }).refine((e) => e.line <= e.of, { message: "line must not be greater than of", path: ["line"] }),
  "lesson-finished": object({ v: version, type: literal("lesson-finished"), at: timestamp, lesson: slug }),
  "quiz-answered": object({
    v: version,
    type: literal("quiz-answered"),
    at: timestamp,
    question: string({ min: 1, max: MAX_QUESTION_ID }),
    // Counted in UTF-16 units, twice the characters at most: emoji take two.
    answer: string({ max: 2 * MAX_ANSWER_CHARS }),
    correct: boolean(),
    practice: boolean(),
    rating: optional(oneOf(["Again", "Hard", "Good", "Easy"])),
    card: optional(cardSnapshot),
  })
    .refine((e) => (e.rating === undefined) === (e.card === undefined), {
      message: "rating and card go together: both or neither",
      path: ["card"],
    })
    .refine((e) => e.rating === undefined || (e.rating === "Again") === !e.correct, {
      message: "a wrong answer is rated Again and a right one Hard, Good or Easy",
      path: ["rating"],
    }),
  "exercise-passed": object({ v: version, type: literal("exercise-passed"), at: timestamp, exercise: slug }),
  "exercise-hint": object({ v: version, type: literal("exercise-hint"), at: timestamp, exercise: slug, hint: count }),
  "exercise-solution": object({
    v: version,
    type: literal("exercise-solution"),
    at: timestamp,
    exercise: slug,
    assisted: boolean(),
  }),
};

/** Every event type this program knows, in declaration order. */
export const EVENT_TYPES = Object.keys(eventSchemas) as readonly ProgressEventType[];

function isKnownType(type: unknown): type is ProgressEventType {
  return typeof type === "string" && Object.hasOwn(eventSchemas, type);
}

/**
 * Encodes one event as one line of the log, ending in `"\n"`, with its fields in schema order.
 * Fields the schema does not know are dropped.
 *
 * @throws TypeError if the event is not valid (a bug in the caller: it must never reach the file).
 * @throws RangeError if the line would be longer than {@link MAX_EVENT_BYTES}.
 */
export function serializeEvent(event: ProgressEvent): string {
  const type: unknown = (event as { type?: unknown }).type;
  if (!isKnownType(type)) throw new TypeError(`Cannot write a progress event of unknown type ${JSON.stringify(type)}`);
  const checked = eventSchemas[type].safeParse(event);
  if (!checked.success) {
    throw new TypeError(`Cannot write an invalid "${type}" progress event: ${describeIssues(checked.issues)}`);
  }
  const line = JSON.stringify(checked.data) + "\n";
  const bytes = new TextEncoder().encode(line).length;
  if (bytes > MAX_EVENT_BYTES) {
    throw new RangeError(`A "${type}" progress event takes ${bytes} bytes; the limit is ${MAX_EVENT_BYTES}`);
  }
  return line;
}

/** What {@link parseLog} found: the events in file order and one warning per skipped line. */
export interface ParsedLog {
  events: ProgressEvent[];
  warnings: string[];
}

const KEPT = "the rest of your progress is intact";

/**
 * Reads a whole progress log. Blank lines and a leading byte-order mark are ignored. A line that is not valid JSON, has no
 * usable `v`, has an event type this program does not know, or has invalid fields is skipped
 * with a warning naming `file` and its 1-based line number; every other line is kept.
 *
 * @param file how warnings and errors name the log (the store passes its full path).
 * @throws DataError (code `PROGRESS_TOO_NEW`) at the first line whose `v` is newer than
 *   {@link PROGRESS_VERSION}: that log belongs to a newer mqtutor and must not be used or
 *   written by this one.
 */
export function parseLog(text: string, file: string): ParsedLog {
  const events: ProgressEvent[] = [];
  const warnings: string[] = [];
  // An editor may have saved the file with a byte-order mark; it is not part of line 1's JSON.
  const lines = (text.startsWith("\uFEFF") ? text.slice(1) : text).split("\n");
  const endsTorn = !text.endsWith("\n");
  lines.forEach((raw, index) => {
    if (raw.trim() === "") return;
    const lineNo = index + 1;
    const where = `${file} line ${lineNo}`;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      const isLast = endsTorn && index === lines.length - 1;
      warnings.push(
        isLast
          ? `${where} is incomplete (mqtutor was stopped while writing it) and was skipped; ${KEPT}`
          : `${where} is not valid JSON and was skipped; ${KEPT}`,
      );
      return;
    }
    const result = parseEventValue(value, file, lineNo);
    if ("event" in result) events.push(result.event);
    else warnings.push(result.warning);
  });
  return { events, warnings };
}

function parseEventValue(value: unknown, file: string, lineNo: number): { event: ProgressEvent } | { warning: string } {
  const where = `${file} line ${lineNo}`;
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { warning: `${where} is not a progress event (not a JSON object) and was skipped; ${KEPT}` };
  }
  const record = value as Record<string, unknown>;
  const v = record["v"];
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 1) {
    return { warning: `${where} has no valid schema version "v" and was skipped; ${KEPT}` };
  }
  if (v > PROGRESS_VERSION) {
    throw new DataError(
      file,
      `line ${lineNo} was written by a newer mqtutor (progress format v${v}; this one reads up to ` +
        `v${PROGRESS_VERSION}); nothing was changed.\n` +
        `To go on with this progress, upgrade with npm install -g mqtutor@latest`,
      "PROGRESS_TOO_NEW",
    );
  }
  const type = record["type"];
  if (!isKnownType(type)) {
    return {
      warning:
        `${where} has an event of type ${JSON.stringify(type)} that this mqtutor does not know ` +
        `(perhaps written by a newer version) and was skipped; ${KEPT}`,
    };
  }
  const checked = eventSchemas[type].safeParse(value);
  if (!checked.success) {
    return {
      warning: `${where} has an invalid "${type}" event (${describeIssues(checked.issues)}) and was skipped; ${KEPT}`,
    };
  }
  return { event: checked.data };
}
