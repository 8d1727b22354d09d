/**
 * The course index: the validated course as JSON, written into dist/ at build time
 * (scripts/build.mjs) so that a start of the bundled app reads it instead of parsing YAML and
 * validating with a schema library (DESIGN §4). The validating path (fs-source.ts + parse.ts)
 * stays for `MQTUTOR_CONTENT` and the tests. Pure.
 *
 * Two files: the index proper (ids, titles, summaries, answers: what lists and status need,
 * about a tenth of the course) and the long texts (lesson bodies, cheat sheets, explanations,
 * tasks), read only when one of them is first used. `mqtutor lessons` and the home screen
 * never read the texts.
 */
import { DataError } from "../errors.js";
import type { Course, Exercise, Lesson, QuizQuestion } from "./model.js";

/** Bumped when the shape of the index or its texts changes; a reader refuses any other. */
export const COURSE_INDEX_FORMAT = 2;

const TEXT_FIELDS = {
  lessons: ["body", "cheatSheet"],
  quizzes: ["explanation"],
  exercises: ["task"],
} as const satisfies Record<"lessons" | "quizzes" | "exercises", readonly string[]>;

type Part = keyof typeof TEXT_FIELDS;
type TextField<P extends Part> = (typeof TEXT_FIELDS)[P][number];

/** The course without its root (decided when it is read) and without its long texts. */
export interface CourseIndex {
  format: typeof COURSE_INDEX_FORMAT;
  lessons: Omit<Lesson, TextField<"lessons">>[];
  quizzes: Omit<QuizQuestion, TextField<"quizzes">>[];
  exercises: Omit<Exercise, TextField<"exercises">>[];
}

/** The long texts, in the index's order. */
export interface CourseTexts {
  format: typeof COURSE_INDEX_FORMAT;
  lessons: Pick<Lesson, TextField<"lessons">>[];
  quizzes: Pick<QuizQuestion, TextField<"quizzes">>[];
  exercises: Pick<Exercise, TextField<"exercises">>[];
}

function split<T extends object>(items: readonly T[], fields: readonly string[]) {
  const rest = items.map((x) => Object.fromEntries(Object.entries(x).filter(([k]) => !fields.includes(k))));
  const texts = items.map((x) => Object.fromEntries(Object.entries(x).filter(([k]) => fields.includes(k))));
  return { rest, texts };
}

export function toCourseIndex(course: Course): { index: CourseIndex; texts: CourseTexts } {
  const l = split(course.lessons, TEXT_FIELDS.lessons);
  const q = split(course.quizzes, TEXT_FIELDS.quizzes);
  const e = split(course.exercises, TEXT_FIELDS.exercises);
  return {
    index: { format: COURSE_INDEX_FORMAT, lessons: l.rest, quizzes: q.rest, exercises: e.rest } as CourseIndex,
    texts: { format: COURSE_INDEX_FORMAT, lessons: l.texts, quizzes: q.texts, exercises: e.texts } as CourseTexts,
  };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const allHave = (list: unknown, fields: readonly string[]): list is Record<string, unknown>[] =>
  Array.isArray(list) && list.every((x) => isObject(x) && fields.every((f) => Object.hasOwn(x, f)));

function notAnIndex(file: string): DataError {
  return new DataError(
    file,
    `is not a course index this mqtutor can read (format ${COURSE_INDEX_FORMAT}).\nReinstall mqtutor, or in a clone run npm run build.`,
    "BAD_COURSE_INDEX",
  );
}

/** Where the texts are and how to read them (JSON.parse of the file, by the caller). */
export interface TextSource {
  file: string;
  read: () => unknown;
}

/**
 * The course an index holds, rooted at `root`. The index was validated when it was built, so
 * this checks only that the files are an index of this format (a damaged or foreign file must
 * say so, not crash a screen later). The long texts are properties that read `texts` the
 * first time any of them is used.
 *
 * @param file how errors name the index.
 * @throws DataError (code `BAD_COURSE_INDEX`) naming the index, or the texts' file when a text
 *   is first used.
 */
export function courseFromIndex(data: unknown, root: string, file: string, texts: TextSource): Course {
  const ok =
    isObject(data) &&
    data.format === COURSE_INDEX_FORMAT &&
    allHave(data.lessons, ["number", "slug", "title", "summary", "objectives"]) &&
    data.lessons.length > 0 &&
    allHave(data.quizzes, ["id", "lesson", "type", "prompt", "answer"]) &&
    allHave(data.exercises, ["slug", "dir", "lesson", "title"]);
  if (!ok) throw notAnIndex(file);
  const index = data as unknown as CourseIndex;

  let loaded: CourseTexts | undefined;
  const load = (): CourseTexts => {
    if (loaded) return loaded;
    const t = texts.read();
    const fits = (part: Part) =>
      isObject(t) && allHave(t[part], TEXT_FIELDS[part]) && (t[part] as unknown[]).length === index[part].length;
    if (!(isObject(t) && t.format === COURSE_INDEX_FORMAT && fits("lessons") && fits("quizzes") && fits("exercises"))) {
      throw notAnIndex(texts.file);
    }
    return (loaded = t as unknown as CourseTexts);
  };
  const withTexts = <P extends Part>(part: P) =>
    index[part].map((item, i) => {
      const out = { ...item };
      for (const field of TEXT_FIELDS[part]) {
        Object.defineProperty(out, field, {
          enumerable: true,
          configurable: true,
          get: () => (load()[part][i] as Record<string, unknown>)[field],
        });
      }
      return out;
    });
  return {
    root,
    lessons: withTexts("lessons") as Lesson[],
    quizzes: withTexts("quizzes") as QuizQuestion[],
    exercises: withTexts("exercises") as Exercise[],
  };
}
