/**
 * One quiz or review session as a pure state machine, shared by plain mode and the terminal
 * screen. The caller reads an answer, {@link gradeAnswer}s it (the verdict is shown at once),
 * then {@link commitAnswer}s it with the rating, which yields the progress event to append.
 *
 * The questions are asked once each ("first answers", the score); then every question answered
 * wrongly is asked once more as practice. A practice answer is rated only if its card is due
 * again by then (a wrong answer's card comes back after ts-fsrs's 1-minute learning step), so a
 * quick second try does not count as a review.
 */
import type { Course, QuizQuestion } from "../content/model.js";
import { toSnapshot } from "./cards.js";
import { type Answer, encodeAnswer, isCorrect } from "./grading.js";
import { MAX_ANSWER_CHARS, type QuizAnsweredEvent } from "./progress-events.js";
import { type Cards, newCount, nextDue } from "./quiz-queue.js";
import { type Card, isDue, newCard, type QuizRating, ratingFor, reviewCard, type RightRating } from "./scheduler.js";

export interface QuizSession {
  /** The questions of the first pass, in the order asked. */
  readonly questions: readonly QuizQuestion[];
  /** The questions answered wrongly in the first pass, in that order: the practice pass. */
  readonly practice: readonly QuizQuestion[];
  readonly pass: "first" | "practice" | "done";
  /** Index of the current question in its pass. */
  readonly index: number;
  /** Every card as this session knows it (the log's cards, then this session's ratings). */
  readonly cards: Cards;
  /** The first answers given so far: the score. */
  readonly results: readonly { readonly question: QuizQuestion; readonly correct: boolean }[];
}

/** The question to ask now, with where it stands. */
export interface CurrentQuestion {
  question: QuizQuestion;
  practice: boolean;
  /** 1-based position in its pass, and the pass's length. */
  number: number;
  total: number;
}

/** An answer graded but not yet recorded (its rating may still be picked). */
export interface GradedAnswer {
  question: QuizQuestion;
  answer: Answer;
  correct: boolean;
  practice: boolean;
  /** Whether recording it rates the card (always for first answers; for practice, if due). */
  rated: boolean;
  /** When it was graded: the rating applies at this time. */
  at: Date;
}

export function startSession(questions: readonly QuizQuestion[], cards: Cards): QuizSession {
  return { questions, practice: [], pass: questions.length === 0 ? "done" : "first", index: 0, cards, results: [] };
}

export function currentQuestion(s: QuizSession): CurrentQuestion | null {
  if (s.pass === "done") return null;
  const list = s.pass === "first" ? s.questions : s.practice;
  return { question: list[s.index]!, practice: s.pass === "practice", number: s.index + 1, total: list.length };
}

/** Grades `answer` to the current question at `now`. Pure: the session does not change. */
export function gradeAnswer(s: QuizSession, answer: Answer, now: Date): GradedAnswer {
  const current = currentQuestion(s);
  if (!current) throw new Error("gradeAnswer: the session is over");
  const { question, practice } = current;
  const card = s.cards.get(question.id);
  const rated = !practice || (card !== undefined && isDue(card, now));
  return { question, answer, correct: isCorrect(question, answer), practice, rated, at: now };
}

/** Control characters removed, at most {@link MAX_ANSWER_CHARS} characters: what the log keeps of an answer. */
export function answerForLog(text: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f]/gu, " ");
  return [...clean].slice(0, MAX_ANSWER_CHARS).join("");
}

/**
 * Records a graded answer: the session moves on and the event to append is returned. A right
 * answer is rated `picked` (Good unless the learner chose Hard or Easy), a wrong one Again.
 */
export function commitAnswer(
  s: QuizSession,
  graded: GradedAnswer,
  picked: RightRating = "Good",
): { session: QuizSession; event: QuizAnsweredEvent; rating: QuizRating | null; card: Card | null } {
  const { question, correct, practice, rated, at } = graded;
  const rating = rated ? ratingFor(correct, picked) : null;
  const before = s.cards.get(question.id);
  const card = rating ? reviewCard(before ?? newCard(at), rating, at) : null;
  const event: QuizAnsweredEvent = {
    v: 1,
    type: "quiz-answered",
    at: at.toISOString(),
    question: question.id,
    answer: answerForLog(encodeAnswer(graded.answer)),
    correct,
    practice,
    ...(rating && card ? { rating, card: toSnapshot(card) } : {}),
  };
  const cards = card ? new Map(s.cards).set(question.id, card) : s.cards;
  const results = practice ? s.results : [...s.results, { question, correct }];
  const practiceList = !practice && !correct ? [...s.practice, question] : s.practice;
  return { session: advance({ ...s, cards, results, practice: practiceList }), event, rating, card };
}

function advance(s: QuizSession): QuizSession {
  const list = s.pass === "first" ? s.questions : s.practice;
  if (s.index + 1 < list.length) return { ...s, index: s.index + 1 };
  if (s.pass === "first" && s.practice.length > 0) return { ...s, pass: "practice", index: 0 };
  return { ...s, pass: "done", index: 0 };
}

/** What closes a session. */
export interface SessionSummary {
  /** Right first answers, and first answers given (`score: correct/answered`). */
  correct: number;
  answered: number;
  /** Lessons (numbers, course order) of the questions answered wrongly the first time. */
  reread: number[];
  /** The earliest due card of the course after this session, or null if none was answered. */
  nextDue: Date | null;
  /** Course questions never answered. */
  newLeft: number;
}

export function summarize(s: QuizSession, course: Course): SessionSummary {
  const wrongLessons = new Set(s.results.filter((r) => !r.correct).map((r) => r.question.lesson));
  return {
    correct: s.results.filter((r) => r.correct).length,
    answered: s.results.length,
    reread: course.lessons.map((l) => l.number).filter((n) => wrongLessons.has(n)),
    nextDue: nextDue(course, s.cards),
    newLeft: newCount(course, s.cards),
  };
}
