import { describe, expect, it } from "vitest";
import { UsageError } from "../errors.js";
import type { Course, Exercise, Lesson, QuizQuestion } from "./model.js";
import { findExercise, findLesson, findQuestion, lessonExercises, lessonQuizzes } from "./lookup.js";

const lesson = (number: number, slug: string): Lesson => ({
  number,
  slug,
  file: `lessons/0${number}-${slug}.md`,
  title: slug,
  summary: "",
  objectives: ["x"],
  minutes: 1,
  body: "",
  cheatSheet: "x",
});
const exercise = (lessonNumber: number, slug: string): Exercise => ({
  slug,
  dir: `exercises/0${lessonNumber}-${slug}`,
  lesson: lessonNumber,
  title: slug,
  difficulty: 2,
  hints: [],
  task: "t",
  starterFile: "s",
  solutionFile: "s",
  testFiles: ["t"],
});
const question = (id: string, lessonNumber: number): QuizQuestion => ({
  id,
  file: `quizzes/${id}.md`,
  lesson: lessonNumber,
  type: "boolean",
  prompt: "?",
  answer: true,
  bloom: "Remember",
  difficulty: 1,
  explanation: "e",
});

const course: Course = {
  root: "/c",
  lessons: [lesson(1, "producer-consumer"), lesson(2, "pub-sub"), lesson(3, "dead-letter-queues")],
  quizzes: [question("a", 1), question("b", 3), question("c", 3)],
  exercises: [exercise(1, "worker-pool"), exercise(3, "retrying-consumer"), exercise(3, "redrive")],
};

function usageError(f: () => unknown): UsageError {
  try {
    f();
  } catch (e) {
    if (e instanceof UsageError) return e;
    throw e;
  }
  throw new Error("expected a UsageError");
}

describe("findLesson", () => {
  it("finds a lesson by number (with or without a leading zero) or by slug", () => {
    expect(findLesson(course, "3").slug).toBe("dead-letter-queues");
    expect(findLesson(course, "03").slug).toBe("dead-letter-queues");
    expect(findLesson(course, "pub-sub").number).toBe(2);
    expect(findLesson(course, " Pub-Sub ").number).toBe(2);
  });

  it("rejects an unknown id with the list of valid ones and what to do", () => {
    const e = usageError(() => findLesson(course, "11"));
    expect(e.code).toBe("UNKNOWN_LESSON");
    expect(e.exitCode).toBe(2);
    expect(e.message).toBe(
      [
        `Unknown lesson "11".`,
        "Lessons:",
        "1 producer-consumer",
        "2 pub-sub",
        "3 dead-letter-queues",
        "Use one of the numbers or slugs above.",
      ].join("\n"),
    );
    expect(usageError(() => findLesson(course, "dlq")).message.split("\n")[0]).toBe(`Unknown lesson "dlq".`);
    expect(usageError(() => findLesson(course, "0")).message.split("\n")[0]).toBe(`Unknown lesson "0".`);
  });

  it("says when the course has no lessons at all", () => {
    const empty: Course = { root: "/c", lessons: [], quizzes: [], exercises: [] };
    expect(usageError(() => findLesson(empty, "1")).message).toBe(
      `Unknown lesson "1".\nThe course has no lessons yet.\nUse one of the numbers or slugs above.`,
    );
  });
});

describe("findExercise", () => {
  it("finds an exercise by its lesson's number (the first, in course order) or its own slug", () => {
    expect(findExercise(course, "1").slug).toBe("worker-pool");
    expect(findExercise(course, "3").slug).toBe("retrying-consumer");
    expect(findExercise(course, "redrive").lesson).toBe(3);
  });

  it("does not take a lesson slug for an exercise slug", () => {
    expect(usageError(() => findExercise(course, "dead-letter-queues")).code).toBe("UNKNOWN_EXERCISE");
  });

  it("explains a lesson without an exercise differently from an unknown id", () => {
    expect(usageError(() => findExercise(course, "2")).message).toBe(
      [
        "Lesson 2 has no exercise.",
        "Exercises (by lesson number or slug):",
        "1 worker-pool",
        "3 retrying-consumer",
        "3 redrive",
        "Use one of the numbers or slugs above.",
      ].join("\n"),
    );
    expect(usageError(() => findExercise(course, "42")).message.split("\n")[0]).toBe(`Unknown exercise "42".`);
  });
});

describe("per-lesson helpers", () => {
  it("lists a lesson's quizzes and exercises and finds a question by id", () => {
    expect(lessonQuizzes(course, 3).map((q) => q.id)).toEqual(["b", "c"]);
    expect(lessonQuizzes(course, 2)).toEqual([]);
    expect(lessonExercises(course, 3).map((e) => e.slug)).toEqual(["retrying-consumer", "redrive"]);
    expect(findQuestion(course, "c")?.lesson).toBe(3);
    expect(findQuestion(course, "zzz")).toBeUndefined();
  });
});
