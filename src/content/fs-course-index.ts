/**
 * Reads the course index that the build writes into dist/ (see course-index.ts): the fast
 * path of every start of the bundled app. It loads no YAML parser and no schema library, and
 * reads the long texts beside the index only when one is used.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { DataError } from "../errors.js";
import { courseFromIndex, type TextSource } from "./course-index.js";
import { defaultCourseRoot } from "./fs-course-root.js";
import { readPrelexed } from "./prelexed.js";
import type { Course } from "./model.js";

/** The index's path inside the package, set by scripts/build.mjs; undefined outside the bundle. */
declare const MQTUTOR_COURSE_INDEX: string | undefined;

/**
 * The course of the installed package, from its index, when this code runs from the bundle
 * and the index is as new as the content. `undefined` otherwise (running from the sources, no
 * index, or a lesson edited since the build): the caller then reads and validates the files.
 *
 * @throws DataError if the index exists but cannot be read or is not an index.
 */
export function loadBundledCourse(): Course | undefined {
  if (typeof MQTUTOR_COURSE_INDEX !== "string") return undefined;
  if (!bundled) {
    const root = defaultCourseRoot();
    bundled = { course: readCourseIndex(join(root, MQTUTOR_COURSE_INDEX), root) };
  }
  return bundled.course;
}
/** The bundled course once read: a start asks twice (src/cli/start.ts, then the command). */
let bundled: { course: Course | undefined } | undefined;

/**
 * The build-time tokens of exactly `markdown` (src/content/prelexed.ts), for the installed
 * course's documents; undefined outside the bundle or for any other text.
 */
export function prelexedTokens(markdown: string): unknown[] | undefined {
  if (typeof MQTUTOR_COURSE_INDEX !== "string") return undefined;
  // A screen lays its text out again on every resize: read each file once.
  if (!prelexed.has(markdown)) prelexed.set(markdown, readPrelexed(defaultCourseRoot(), markdown));
  return prelexed.get(markdown);
}
const prelexed = new Map<string, unknown[] | undefined>();

/** The texts' file beside an index: `course.json` → `course-text.json`. */
export const textsFileOf = (indexFile: string) => indexFile.replace(/\.json$/, "-text.json");

/** Reads and parses a JSON file of the index. @throws DataError naming it (exit 3). */
function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    const why = error instanceof SyntaxError ? "is not valid JSON" : `could not be read (${(error as NodeJS.ErrnoException).code})`;
    throw new DataError(file, `${why}.\nReinstall mqtutor, or in a clone run npm run build.`, "BAD_COURSE_INDEX");
  }
}

/**
 * The course in the index `file` (its texts in {@link textsFileOf}), rooted at `root`;
 * `undefined` when there is no index or a course file under root changed after it was written.
 *
 * @throws DataError (exit 3) naming the file if the index (or, when a text is first used, the
 *   texts' file) cannot be read or is not an index.
 */
export function readCourseIndex(file: string, root: string): Course | undefined {
  let built: number;
  try {
    built = statSync(file).mtimeMs;
  } catch {
    return undefined; // not built (a partial build): read the course files instead
  }
  if (newestContentChange(root) > built) return undefined;
  const textsFile = textsFileOf(file);
  const texts: TextSource = { file: textsFile, read: () => readJson(textsFile) };
  return courseFromIndex(readJson(file), root, file, texts);
}

/**
 * When the course's files last changed, as far as a few dozen `stat`s can tell (well under a
 * millisecond): the lesson, quiz and exercise folders (a file added, removed or saved by
 * rename changes them), each lesson and quiz, and each exercise's folder and exercise.md. A
 * course author who edits a lesson and runs `npm start` sees the edit without rebuilding.
 * An installed package has one fixed time on every file, so the index is never older there.
 */
function newestContentChange(root: string): number {
  let newest = 0;
  const see = (path: string) => {
    try {
      newest = Math.max(newest, statSync(path).mtimeMs);
    } catch {
      // missing: nothing changed there that the index could miss
    }
  };
  const list = (dir: string): string[] => {
    try {
      return readdirSync(dir);
    } catch {
      return [];
    }
  };
  for (const folder of ["lessons", "quizzes"]) {
    const dir = join(root, folder);
    see(dir);
    for (const name of list(dir)) if (name.endsWith(".md")) see(join(dir, name));
  }
  const exercises = join(root, "exercises");
  see(exercises);
  for (const name of list(exercises)) {
    see(join(exercises, name));
    see(join(exercises, name, "exercise.md"));
  }
  return newest;
}
