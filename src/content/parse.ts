/**
 * Validates the course from its files, with no file system: `fs-source.ts` reads the files,
 * this module judges them. Every problem in every file is collected before anything is thrown.
 */
import { ContentError, type ContentProblem } from "../errors.js";
import { extractCheatSheet } from "./markdown.js";
import type { Course, Difficulty, Exercise, Lesson, QuizQuestion } from "./model.js";
import { nameRule, parseNumberedName, twoDigits } from "./names.js";
import { LessonRefs } from "./lesson-refs.js";
import { splitFrontMatter } from "./front-matter.js";
import { findCommentCuts } from "./comment-cuts.js";
import type { FieldProblem } from "./issues.js";
import {
  checkExerciseFrontMatter,
  checkLessonFrontMatter,
  checkQuizFrontMatter,
  lessonRefSchema,
  quizIdSchema,
} from "./schema.js";

/** One file of the course: `path` relative to the course root, "/" separators. */
export interface CourseFile {
  path: string;
  text: string;
}

/** Collects problems per file and keeps them in course order. */
class Problems {
  readonly list: ContentProblem[] = [];
  add(file: string, p: FieldProblem): void {
    this.list.push({ file, where: p.where, rule: p.rule });
  }
  /** Lessons, then quizzes, then exercises; by path within each; found order within a file. */
  sorted(): ContentProblem[] {
    const rank = (f: string) => (f.startsWith("lessons/") ? 0 : f.startsWith("quizzes/") ? 1 : 2);
    return this.list
      .map((p, i) => ({ p, i }))
      .sort((a, b) => rank(a.p.file) - rank(b.p.file) || cmp(a.p.file, b.p.file) || a.i - b.i)
      .map(({ p }) => p);
  }
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Strips a byte-order mark and Windows line endings so every rule sees the same text. */
const normalize = (text: string) => text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");

const baseName = (path: string) => path.slice(path.lastIndexOf("/") + 1);

/** Markdown files directly inside `folder/`, dotfiles aside, sorted by path. */
function markdownIn(files: readonly CourseFile[], folder: string): CourseFile[] {
  return files
    .filter((f) => {
      const rest = f.path.slice(folder.length + 1);
      return f.path.startsWith(`${folder}/`) && !rest.includes("/") && !rest.startsWith(".") && rest.endsWith(".md");
    })
    .sort((a, b) => cmp(a.path, b.path));
}

/**
 * Parses and validates every file of a course.
 *
 * @param files every file under the course root (paths relative to it); files outside
 *   `lessons/`, `quizzes/` and `exercises/` are ignored.
 * @param root stored as `Course.root`; not read.
 * @throws ContentError listing every problem found, one per problem, in course order.
 */
export function parseCourse(files: readonly CourseFile[], root: string): Course {
  const all = files.map((f) => ({ path: f.path, text: normalize(f.text) }));
  const problems = new Problems();
  const refs = new LessonRefs();

  // A YAML comment can cut a front-matter value without any parse error: flag it first.
  const withFrontMatter = [...markdownIn(all, "lessons"), ...markdownIn(all, "quizzes")].concat(
    all.filter((f) => /^exercises\/[^./][^/]*\/exercise\.md$/.test(f.path)),
  );
  for (const f of withFrontMatter) findCommentCuts(f.text).forEach((p) => problems.add(f.path, p));

  const lessons = parseLessons(markdownIn(all, "lessons"), problems, refs);
  const quizzes = parseQuizzes(markdownIn(all, "quizzes"), problems, refs);
  const exercises = parseExercises(all, problems, refs);

  if (problems.list.length > 0) throw new ContentError(problems.sorted());
  return {
    root,
    lessons: lessons.sort((a, b) => a.number - b.number),
    quizzes: quizzes.sort((a, b) => a.lesson - b.lesson || cmp(a.file, b.file)),
    exercises: exercises.sort((a, b) => a.lesson - b.lesson || cmp(a.dir, b.dir)),
  };
}

function parseLessons(files: readonly CourseFile[], problems: Problems, refs: LessonRefs): Lesson[] {
  const lessons: Lesson[] = [];
  const named: { number: number; slug: string; file: string }[] = [];
  for (const { path, text } of files) {
    const name = parseNumberedName(baseName(path).slice(0, -".md".length));
    if (name) named.push({ ...name, file: path });
    else problems.add(path, { where: "file name", rule: nameRule("file", "03-dead-letter-queues.md") });

    const split = splitFrontMatter(text);
    if (!split.ok) {
      problems.add(path, split.problem);
      continue;
    }
    const fm = checkLessonFrontMatter(split.data);
    if (!fm.ok) fm.problems.forEach((p) => problems.add(path, p));
    const sheet = extractCheatSheet(split.body);
    if (!sheet.ok) problems.add(path, sheet.problem);
    if (name && fm.ok && sheet.ok) {
      lessons.push({ ...name, file: path, ...fm.value, body: split.body.trim(), cheatSheet: sheet.cheatSheet });
    }
  }
  checkLessonNumbering(named, problems);
  for (const n of named) refs.add(n.number, n.slug);
  return lessons;
}

/** Numbers run 1..N with no gap or duplicate; slugs are unique. Reported on the later file. */
function checkLessonNumbering(named: { number: number; slug: string; file: string }[], problems: Problems): void {
  const byNumber = new Map<number, string>();
  const bySlug = new Map<string, string>();
  let expected = 1;
  for (const { number, slug, file } of [...named].sort((a, b) => a.number - b.number || cmp(a.file, b.file))) {
    const sameNumber = byNumber.get(number);
    if (sameNumber !== undefined) {
      problems.add(file, { where: "file name", rule: `number ${twoDigits(number)} is already used by ${sameNumber}` });
    } else {
      byNumber.set(number, file);
      if (number !== expected) {
        problems.add(file, {
          where: "file name",
          rule: `number ${twoDigits(number)} breaks the sequence: expected ${twoDigits(expected)} (lessons are numbered 01, 02, 03, … with no gap)`,
        });
      }
      expected = number + 1;
    }
    const sameSlug = bySlug.get(slug);
    if (sameSlug !== undefined) {
      problems.add(file, { where: "file name", rule: `slug "${slug}" is already used by ${sameSlug}` });
    } else bySlug.set(slug, file);
  }
}

function parseQuizzes(files: readonly CourseFile[], problems: Problems, refs: LessonRefs): QuizQuestion[] {
  const quizzes: QuizQuestion[] = [];
  const ids = new Map<string, string>();
  for (const { path, text } of files) {
    const name = parseNumberedName(baseName(path).slice(0, -".md".length));
    if (!name) problems.add(path, { where: "file name", rule: nameRule("file", "03-dlq-max-receive.md") });

    const split = splitFrontMatter(text);
    if (!split.ok) {
      problems.add(path, split.problem);
      continue;
    }
    const fm = checkQuizFrontMatter(split.data);
    if (!fm.ok) fm.problems.forEach((p) => problems.add(path, p));
    const explanation = split.body.trim();
    if (explanation === "") {
      problems.add(path, { where: "body", rule: "is empty: explain the answer there (and why the other choices are wrong)" });
    }
    // The id and the lesson are checked across files even when another field is wrong.
    const raw = fieldsOf(split.data);
    const id = fm.ok ? fm.value.id : quizIdSchema.safeParse(raw.id).data;
    const sameId = id === undefined ? undefined : ids.get(id);
    if (sameId !== undefined) problems.add(path, { where: `front matter: "id"`, rule: `"${id}" is already used by ${sameId}` });
    else if (id !== undefined) ids.set(id, path);
    const lesson = resolveLesson(fm.ok ? fm.value.lesson : raw.lesson, refs, path, problems);
    if (!fm.ok || !name || lesson === undefined || explanation === "") continue;
    const q = fm.value;
    quizzes.push({
      id: q.id,
      file: path,
      lesson,
      type: q.type,
      prompt: q.prompt,
      ...("choices" in q ? { choices: q.choices } : {}),
      answer: q.answer,
      bloom: q.bloom,
      difficulty: q.difficulty as Difficulty,
      explanation,
    });
  }
  return quizzes;
}

const fieldsOf = (data: unknown): Record<string, unknown> =>
  data !== null && typeof data === "object" ? (data as Record<string, unknown>) : {};

/** The lesson number a `lesson:` value names; a problem if it names none. Ill-typed values are the schema's to report. */
function resolveLesson(value: unknown, refs: LessonRefs, file: string, problems: Problems): number | undefined {
  const ref = lessonRefSchema.safeParse(value);
  if (!ref.success) return undefined;
  const r = refs.resolve(ref.data);
  if ("problem" in r) {
    problems.add(file, r.problem);
    return undefined;
  }
  return r.number;
}

const REQUIRED_EXERCISE_FILES = ["exercise.md", "starter.ts", "solution.ts"] as const;

function parseExercises(all: readonly CourseFile[], problems: Problems, refs: LessonRefs): Exercise[] {
  const folders = new Map<string, CourseFile[]>();
  for (const f of all) {
    const m = /^exercises\/([^/]+)\/(.+)$/.exec(f.path);
    if (!m?.[1] || m[1].startsWith(".")) continue;
    folders.set(m[1], [...(folders.get(m[1]) ?? []), f]);
  }
  const exercises: Exercise[] = [];
  const slugs = new Map<string, string>();
  for (const folder of [...folders.keys()].sort(cmp)) {
    const dir = `exercises/${folder}`;
    const files = folders.get(folder) ?? [];
    const has = (name: string) => files.some((f) => f.path === `${dir}/${name}`);
    const name = parseNumberedName(folder);
    if (!name) problems.add(dir, { where: "folder name", rule: nameRule("folder", "03-retrying-consumer") });
    else {
      const same = slugs.get(name.slug);
      if (same !== undefined) problems.add(dir, { where: "folder name", rule: `slug "${name.slug}" is already used by ${same}` });
      else slugs.set(name.slug, dir);
    }
    for (const required of REQUIRED_EXERCISE_FILES) {
      if (!has(required)) problems.add(dir, { where: "folder", rule: `is missing ${required}` });
    }
    const testFiles = files.map((f) => f.path).filter((p) => p.endsWith(".test.ts")).sort(cmp);
    if (testFiles.length === 0) problems.add(dir, { where: "folder", rule: "has no test file (*.test.ts) with the checks" });

    const md = files.find((f) => f.path === `${dir}/exercise.md`);
    if (!md) continue;
    const split = splitFrontMatter(md.text);
    if (!split.ok) {
      problems.add(md.path, split.problem);
      continue;
    }
    const fm = checkExerciseFrontMatter(split.data);
    if (!fm.ok) fm.problems.forEach((p) => problems.add(md.path, p));
    const task = split.body.trim();
    if (task === "") problems.add(md.path, { where: "body", rule: "is empty: describe the task there" });
    const lesson = resolveLesson(fm.ok ? fm.value.lesson : fieldsOf(split.data).lesson, refs, md.path, problems);
    if (!fm.ok || !name || lesson === undefined) continue;
    exercises.push({
      slug: name.slug,
      dir,
      lesson,
      title: fm.value.title,
      difficulty: fm.value.difficulty as Difficulty,
      hints: fm.value.hints,
      task,
      starterFile: `${dir}/starter.ts`,
      solutionFile: `${dir}/solution.ts`,
      testFiles,
    });
  }
  return exercises;
}
