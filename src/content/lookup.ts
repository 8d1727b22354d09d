/** Finding lessons and exercises by the ids a learner types (DESIGN §2). Pure. */
import { UsageError } from "../errors.js";
import type { Course, Exercise, Lesson, QuizQuestion } from "./model.js";

const isNumber = (id: string) => /^\d+$/.test(id);

function lessonList(course: Course): string {
  if (course.lessons.length === 0) return "The course has no lessons yet.";
  return `Lessons:\n${course.lessons.map((l) => `${l.number} ${l.slug}`).join("\n")}`;
}

function exerciseList(course: Course): string {
  if (course.exercises.length === 0) return "The course has no exercises yet.";
  return `Exercises (by lesson number or slug):\n${course.exercises.map((e) => `${e.lesson} ${e.slug}`).join("\n")}`;
}

/**
 * The lesson with this number (`"3"`, `"03"`) or slug (`"dead-letter-queues"`).
 *
 * @throws UsageError (code `UNKNOWN_LESSON`) naming the id, listing every valid one as
 *   `<number> <slug>` a line, and saying what to do.
 */
export function findLesson(course: Course, id: string): Lesson {
  const key = id.trim();
  const lesson = isNumber(key)
    ? course.lessons.find((l) => l.number === Number(key))
    : course.lessons.find((l) => l.slug === key.toLowerCase());
  if (lesson) return lesson;
  throw new UsageError(
    `Unknown lesson "${id}".\n${lessonList(course)}\nUse one of the numbers or slugs above.`,
    "UNKNOWN_LESSON",
  );
}

/**
 * The exercise named by its lesson's number (`"3"`: the first exercise of lesson 3, in course
 * order) or by its own slug (`"retrying-consumer"`).
 *
 * @throws UsageError (code `UNKNOWN_EXERCISE`) naming the id, listing every valid one as
 *   `<lesson number> <slug>` a line, and saying what to do.
 */
export function findExercise(course: Course, id: string): Exercise {
  const key = id.trim();
  const exercise = isNumber(key)
    ? course.exercises.find((e) => e.lesson === Number(key))
    : course.exercises.find((e) => e.slug === key.toLowerCase());
  if (exercise) return exercise;
  const why =
    isNumber(key) && course.lessons.some((l) => l.number === Number(key))
      ? `Lesson ${Number(key)} has no exercise.`
      : `Unknown exercise "${id}".`;
  throw new UsageError(`${why}\n${exerciseList(course)}\nUse one of the numbers or slugs above.`, "UNKNOWN_EXERCISE");
}

/** The quiz questions of one lesson, in course order (by file name). */
export function lessonQuizzes(course: Course, lesson: number): QuizQuestion[] {
  return course.quizzes.filter((q) => q.lesson === lesson);
}

/** The exercises of one lesson, in course order (by folder name). */
export function lessonExercises(course: Course, lesson: number): Exercise[] {
  return course.exercises.filter((e) => e.lesson === lesson);
}

/** The quiz question with this id, if any (progress refers to questions by id). */
export function findQuestion(course: Course, id: string): QuizQuestion | undefined {
  return course.quizzes.find((q) => q.id === id);
}
