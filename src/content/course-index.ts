/**
 * The course index: the validated course as JSON, written into dist/ at build time
 * (scripts/build.mjs) so that a start of the bundled app reads one file instead of parsing
 * YAML and validating with a schema library (DESIGN §4). The validating path
 * (fs-source.ts + parse.ts) stays for `MQTUTOR_CONTENT` and the tests. Pure.
 */
import { DataError } from "../errors.js";
import type { Course } from "./model.js";

/** Bumped when the shape of {@link CourseIndex} changes; a reader refuses any other. */
export const COURSE_INDEX_FORMAT = 1;

/** The course without its root: where it lives is decided when it is read. */
export interface CourseIndex {
  format: typeof COURSE_INDEX_FORMAT;
  lessons: Course["lessons"];
  quizzes: Course["quizzes"];
  exercises: Course["exercises"];
}

export function toCourseIndex(course: Course): CourseIndex {
  const { lessons, quizzes, exercises } = course;
  return { format: COURSE_INDEX_FORMAT, lessons, quizzes, exercises };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const allHave = (list: unknown, fields: readonly string[]) =>
  Array.isArray(list) && list.every((x) => isObject(x) && fields.every((f) => Object.hasOwn(x, f)));

/**
 * The course an index holds, rooted at `root`. The index was validated when it was built, so
 * this checks only that the file is an index of this format (a damaged or foreign file must
 * say so, not crash a screen later).
 *
 * @param file how errors name the index.
 * @throws DataError (code `BAD_COURSE_INDEX`) naming `file`.
 */
export function courseFromIndex(data: unknown, root: string, file: string): Course {
  const ok =
    isObject(data) &&
    data.format === COURSE_INDEX_FORMAT &&
    allHave(data.lessons, ["number", "slug", "title", "summary", "objectives", "body", "cheatSheet"]) &&
    (data.lessons as unknown[]).length > 0 &&
    allHave(data.quizzes, ["id", "lesson", "type", "prompt", "answer", "explanation"]) &&
    allHave(data.exercises, ["slug", "dir", "lesson", "title", "task"]);
  if (!ok) {
    throw new DataError(
      file,
      `is not a course index this mqtutor can read (format ${COURSE_INDEX_FORMAT}).\n` +
        "Reinstall mqtutor, or in a clone run npm run build.",
      "BAD_COURSE_INDEX",
    );
  }
  const index = data as unknown as CourseIndex;
  return { root, lessons: index.lessons, quizzes: index.quizzes, exercises: index.exercises };
}
