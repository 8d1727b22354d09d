/**
 * What the learner has done, lesson by lesson: plain data collected once, then printed for
 * people or as JSON from the same object (the shadcn `info` habit). Also what the home screen
 * shows beside each lesson (exercise passed, quiz mastery), the cards due now and the one
 * thing to do next. Pure; quiz cards are read from the card each rated answer stored in the
 * log, so the home screen never loads the scheduler.
 */
import type { Course } from "../content/model.js";
import type { CardSnapshot } from "./progress-events.js";
import { exerciseProgress, type ProgressState } from "./progress-state.js";

export interface LessonStatus {
  /** The lesson's slug: what `read <id>` accepts besides the number. */
  id: string;
  number: number;
  title: string;
  summary: string;
  minutes: number;
  read: boolean;
  /** Reading position as a fraction 0..1, or null if never scrolled. */
  position: number | null;
  /** The lesson's first exercise: its slug and whether it passed; null when it has none. */
  exercise: { id: string; passed: boolean } | null;
  /** The lesson's quiz cards in the review state (mastered) out of its questions. */
  quiz: { mastered: number; total: number };
}

/** The one thing the home screen's "continue" entry opens. */
export type NextStep =
  | { kind: "review"; due: number }
  | { kind: "read"; lesson: number }
  | { kind: "exercise"; lesson: number; id: string }
  | { kind: "quiz"; lesson: number }
  | { kind: "done" };

export interface CourseStatus {
  lessons: LessonStatus[];
  lessonsRead: number;
  exercisesPassed: number;
  exercisesTotal: number;
  cardsMastered: number;
  cardsTotal: number;
  /** Quiz cards due now (`due <= now`); questions never answered are new, not due. */
  dueNow: number;
  next: NextStep;
}

/** The card the last rated answer of each question left, by question id. */
function lastCards(progress: ProgressState): Map<string, CardSnapshot> {
  const out = new Map<string, CardSnapshot>();
  for (const [id, answers] of Object.entries(progress.answers)) {
    for (let i = answers.length - 1; i >= 0; i--) {
      const card = answers[i]!.card;
      if (card) {
        out.set(id, card);
        break;
      }
    }
  }
  return out;
}

export function courseStatus(course: Course, progress: ProgressState, now: Date = new Date(0)): CourseStatus {
  const cards = lastCards(progress);
  const lessons = course.lessons.map((l): LessonStatus => {
    const p = progress.lessons[l.slug];
    const pos = p?.position;
    const ex = course.exercises.find((e) => e.lesson === l.number);
    const questions = course.quizzes.filter((q) => q.lesson === l.number);
    return {
      id: l.slug,
      number: l.number,
      title: l.title,
      summary: l.summary,
      minutes: l.minutes,
      read: p?.read ?? false,
      position: pos && pos.of > 0 ? Math.min(1, pos.line / pos.of) : null,
      exercise: ex ? { id: ex.slug, passed: exerciseProgress(progress, ex.slug).passedAt !== null } : null,
      quiz: { mastered: questions.filter((q) => cards.get(q.id)?.state === "Review").length, total: questions.length },
    };
  });
  const dueNow = course.quizzes.filter((q) => {
    const card = cards.get(q.id);
    return card !== undefined && Date.parse(card.due) <= now.getTime();
  }).length;
  const exercisesPassed = course.exercises.filter((e) => exerciseProgress(progress, e.slug).passedAt !== null).length;
  return {
    lessons,
    lessonsRead: lessons.filter((l) => l.read).length,
    exercisesPassed,
    exercisesTotal: course.exercises.length,
    cardsMastered: lessons.reduce((n, l) => n + l.quiz.mastered, 0),
    cardsTotal: course.quizzes.length,
    dueNow,
    next: nextStep(course, progress, lessons, dueNow),
  };
}

/**
 * Reviews first when cards are due (spaced repetition works only if they are answered on
 * time); then, in course order, the first lesson not read, else the first exercise not passed;
 * then questions never answered; then nothing.
 */
function nextStep(course: Course, progress: ProgressState, lessons: LessonStatus[], dueNow: number): NextStep {
  if (dueNow > 0) return { kind: "review", due: dueNow };
  for (const l of lessons) {
    if (!l.read) return { kind: "read", lesson: l.number };
    if (l.exercise && !l.exercise.passed) return { kind: "exercise", lesson: l.number, id: l.exercise.id };
  }
  const unanswered = course.quizzes.find((q) => !(q.id in progress.answers));
  if (unanswered) return { kind: "quiz", lesson: unanswered.lesson };
  return { kind: "done" };
}

/** The continue entry in words: "Continue: review 3 due cards". */
export function nextStepText(next: NextStep): string {
  switch (next.kind) {
    case "review":
      return `review ${next.due} due card${next.due === 1 ? "" : "s"}`;
    case "read":
      return `read lesson ${next.lesson}`;
    case "exercise":
      return `exercise ${next.lesson} (${next.id})`;
    case "quiz":
      return `quiz of lesson ${next.lesson}`;
    case "done":
      return "everything is done; review when cards are due";
  }
}
