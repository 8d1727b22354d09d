/**
 * The learner's progress as a projection of the event log. Pure: the state is never stored,
 * only derived, so the log is the single source of truth (the course's event-sourcing lesson,
 * applied). "Last" always means last in log order, which is append order.
 */
import type {
  ExerciseHintEvent,
  ExercisePassedEvent,
  ExerciseSolutionEvent,
  LessonFinishedEvent,
  LessonOpenedEvent,
  ProgressEvent,
  QuizAnsweredEvent,
  ReadingPositionEvent,
} from "./progress-events.js";

/** The events that say something about one lesson's reading. */
type LessonEvent = LessonOpenedEvent | ReadingPositionEvent | LessonFinishedEvent;

/** A place in a lesson: `line` of `of` lines. */
export interface ReadingPosition {
  readonly line: number;
  readonly of: number;
}

/** What the log says about one lesson. */
export interface LessonProgress {
  /** Any event about the lesson exists (a position or a finish implies it was opened). */
  readonly opened: boolean;
  /** A `lesson-finished` event exists. Never goes back to false. */
  readonly read: boolean;
  /** The last `reading-position`, or null if none was saved. */
  readonly position: ReadingPosition | null;
  /** `at` of the last `lesson-opened` event, or null if none is in the log. */
  readonly lastOpenedAt: string | null;
}

/** The whole projection. Later event families (quiz answers, exercises) add fields here. */
export interface ProgressState {
  /** Keyed by lesson slug; lessons without events are absent (see {@link lessonProgress}). */
  readonly lessons: Readonly<Record<string, LessonProgress>>;
  /**
   * Every graded quiz answer, by question id, in log order; questions never answered are
   * absent. Cards are rebuilt from these by replaying the ratings through ts-fsrs
   * (src/learning/cards.ts), so reading the log never loads the scheduler. A question removed
   * from the course keeps its answers here.
   */
  readonly answers: Readonly<Record<string, readonly QuizAnsweredEvent[]>>;
  /** Keyed by exercise slug; exercises without events are absent (see {@link exerciseProgress}). */
  readonly exercises: Readonly<Record<string, ExerciseProgress>>;
}

/** What the log says about one exercise. */
export interface ExerciseProgress {
  /** `at` of the first `exercise-passed`, or null. */
  readonly passedAt: string | null;
  /** Distinct hints shown (a hint shown twice counts once). */
  readonly hintsUsed: number;
  /** The solution was forced before the exercise passed. */
  readonly solutionForced: boolean;
  /** Hints or a forced solution came before the first pass. */
  readonly assisted: boolean;
}

export const UNTOUCHED_EXERCISE: ExerciseProgress = Object.freeze({
  passedAt: null,
  hintsUsed: 0,
  solutionForced: false,
  assisted: false,
});

/** One exercise's progress, {@link UNTOUCHED_EXERCISE} if the log never mentions it. */
export function exerciseProgress(state: ProgressState, slug: string): ExerciseProgress {
  return Object.hasOwn(state.exercises, slug) ? (state.exercises[slug] as ExerciseProgress) : UNTOUCHED_EXERCISE;
}

type ExerciseEvent = ExercisePassedEvent | ExerciseHintEvent | ExerciseSolutionEvent;

function nextExercise(before: ExerciseProgress, event: ExerciseEvent): ExerciseProgress {
  const passed = before.passedAt !== null;
  switch (event.type) {
    case "exercise-passed":
      return passed ? before : { ...before, passedAt: event.at, assisted: before.hintsUsed > 0 || before.solutionForced };
    case "exercise-hint": {
      const hintsUsed = Math.max(before.hintsUsed, event.hint + 1);
      return { ...before, hintsUsed };
    }
    case "exercise-solution":
      return event.assisted && !passed ? { ...before, solutionForced: true } : before;
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}

function isExerciseEvent(event: ProgressEvent): event is ExerciseEvent {
  return event.type === "exercise-passed" || event.type === "exercise-hint" || event.type === "exercise-solution";
}

/** A lesson nobody has opened. */
export const UNTOUCHED_LESSON: LessonProgress = Object.freeze({
  opened: false,
  read: false,
  position: null,
  lastOpenedAt: null,
});

/** The state of an empty log. */
export function emptyProgress(): ProgressState {
  return { lessons: {}, answers: {}, exercises: {} };
}

/** One lesson's progress, {@link UNTOUCHED_LESSON} if the log never mentions it. */
export function lessonProgress(state: ProgressState, slug: string): LessonProgress {
  return Object.hasOwn(state.lessons, slug) ? (state.lessons[slug] as LessonProgress) : UNTOUCHED_LESSON;
}

function nextLesson(before: LessonProgress, event: LessonEvent): LessonProgress {
  switch (event.type) {
    case "lesson-opened":
      return { ...before, opened: true, lastOpenedAt: event.at };
    case "reading-position":
      return { ...before, opened: true, position: { line: event.line, of: event.of } };
    case "lesson-finished":
      return { ...before, opened: true, read: true };
    default: {
      // A new event type must decide here what it does to a lesson.
      const unhandled: never = event;
      return unhandled;
    }
  }
}

/**
 * One step of the projection: the state after `event`. Does not modify `state`. Use it to
 * keep an in-memory state current after an append instead of reloading the log.
 */
export function applyEvent(state: ProgressState, event: ProgressEvent): ProgressState {
  if (isExerciseEvent(event)) {
    const exercises = { ...state.exercises, [event.exercise]: nextExercise(exerciseProgress(state, event.exercise), event) };
    return { ...state, exercises };
  }
  if (event.type === "quiz-answered") {
    const before = Object.hasOwn(state.answers, event.question) ? state.answers[event.question]! : [];
    return { ...state, answers: { ...state.answers, [event.question]: [...before, event] } };
  }
  const lessons = { ...state.lessons, [event.lesson]: nextLesson(lessonProgress(state, event.lesson), event) };
  return { ...state, lessons };
}

/**
 * The state the whole log describes. Equal to folding {@link applyEvent} over the events from
 * {@link emptyProgress}, but builds one object per lesson instead of one state per event.
 */
export function projectProgress(events: readonly ProgressEvent[]): ProgressState {
  const lessons = new Map<string, LessonProgress>();
  const answers = new Map<string, QuizAnsweredEvent[]>();
  const exercises = new Map<string, ExerciseProgress>();
  for (const event of events) {
    if (isExerciseEvent(event)) {
      exercises.set(event.exercise, nextExercise(exercises.get(event.exercise) ?? UNTOUCHED_EXERCISE, event));
      continue;
    }
    if (event.type === "quiz-answered") {
      const list = answers.get(event.question);
      if (list) list.push(event);
      else answers.set(event.question, [event]);
      continue;
    }
    lessons.set(event.lesson, nextLesson(lessons.get(event.lesson) ?? UNTOUCHED_LESSON, event));
  }
  return { lessons: Object.fromEntries(lessons), answers: Object.fromEntries(answers), exercises: Object.fromEntries(exercises) };
}
