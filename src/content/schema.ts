/**
 * Schemas of the three front-matter formats of DESIGN §3, and checks that turn their failures
 * into plain problems (`"minutes" must be a number`). Cross-file rules (numbering, references,
 * duplicates) live in parse.ts.
 */
import { z } from "zod";
import { issuesToProblems, type FieldProblem } from "./issues.js";
import { BLOOM_LEVELS, QUIZ_TYPES, type QuizType } from "./model.js";
import { answerProblems } from "./quiz-rules.js";

const text = z.string().trim().min(1);
const difficulty = z.int().min(1).max(5);
const index = z.int().min(0);
const choiceList = z.array(text).min(2);

/** A lesson named by its number (`3`) or its slug (`dead-letter-queues`). */
export const lessonRefSchema = z.union([z.int().positive(), text], {
  error: "must be a lesson number or slug",
});

/** Front matter of `lessons/NN-slug.md`. */
export const lessonFrontMatterSchema = z.strictObject({
  title: text,
  summary: text,
  objectives: z.array(text).min(1),
  minutes: z.number().positive(),
});
export type LessonFrontMatter = z.infer<typeof lessonFrontMatterSchema>;

/** A quiz question's id: progress refers to the question by it, so it must not change. */
export const quizIdSchema = text.regex(/^\S+$/, { error: "must not contain spaces" });

const quizCommon = {
  id: quizIdSchema,
  lesson: lessonRefSchema,
  prompt: text,
  bloom: z.enum(BLOOM_LEVELS),
  difficulty,
};

/** What `choices` and `answer` look like for each question type. */
const answerShapes = {
  single: { choices: choiceList, answer: index },
  multiple: { choices: choiceList, answer: z.array(index).min(1) },
  boolean: { answer: z.boolean() },
  order: { choices: choiceList, answer: z.array(index).min(2) },
  text: { answer: z.array(text).min(1) },
} satisfies Record<QuizType, z.core.$ZodLooseShape>;

const quizVariant = <T extends QuizType>(type: T) =>
  z.strictObject({ ...quizCommon, type: z.literal(type), ...answerShapes[type] });

/** Front matter of `quizzes/NN-slug.md`: one variant per question type. */
export const quizFrontMatterSchema = z.discriminatedUnion("type", [
  quizVariant("single"),
  quizVariant("multiple"),
  quizVariant("boolean"),
  quizVariant("order"),
  quizVariant("text"),
]);
export type QuizFrontMatter = z.infer<typeof quizFrontMatterSchema>;

/** Front matter of `exercises/NN-slug/exercise.md`. */
export const exerciseFrontMatterSchema = z.strictObject({
  title: text,
  lesson: lessonRefSchema,
  difficulty,
  hints: z.array(text),
});
export type ExerciseFrontMatter = z.infer<typeof exerciseFrontMatterSchema>;

/** The outcome of checking one front-matter block. */
export type Checked<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

/** Checks a lesson's front matter (as parsed from YAML). */
export function checkLessonFrontMatter(data: unknown): Checked<LessonFrontMatter> {
  const r = lessonFrontMatterSchema.safeParse(data);
  if (r.success) return { ok: true, value: r.data };
  return { ok: false, problems: issuesToProblems(r.error.issues, data, Object.keys(lessonFrontMatterSchema.shape)) };
}

/** Checks an exercise.md front matter (as parsed from YAML). */
export function checkExerciseFrontMatter(data: unknown): Checked<ExerciseFrontMatter> {
  const r = exerciseFrontMatterSchema.safeParse(data);
  if (r.success) return { ok: true, value: r.data };
  return { ok: false, problems: issuesToProblems(r.error.issues, data, Object.keys(exerciseFrontMatterSchema.shape)) };
}

const isQuizType = (t: unknown): t is QuizType => (QUIZ_TYPES as readonly unknown[]).includes(t);

/**
 * Checks a quiz question's front matter: the schema of its type, then the answer rules
 * (indexes among the choices, no duplicates, `order` a permutation). Reports every problem it
 * can find at once: a bad `type` does not hide problems in the other fields, and the answer
 * rules run whenever `choices` and `answer` are well-typed, even if another field is wrong.
 */
export function checkQuizFrontMatter(data: unknown): Checked<QuizFrontMatter> {
  const r = quizFrontMatterSchema.safeParse(data);
  if (r.success) {
    const problems = answerProblems(r.data);
    return problems.length === 0 ? { ok: true, value: r.data } : { ok: false, problems };
  }
  const type = (data as { type?: unknown } | null)?.type;
  if (data === null || typeof data !== "object") {
    return { ok: false, problems: issuesToProblems(r.error.issues, data, []) };
  }
  if (!isQuizType(type)) {
    const typeProblem: FieldProblem = {
      where: `front matter: "type"`,
      rule: type === undefined ? "is required" : `must be one of: ${QUIZ_TYPES.join(", ")}`,
    };
    // Without a type the answer cannot be judged, but the shared fields still can.
    const common = z.object(quizCommon).safeParse(data);
    const rest = common.success ? [] : issuesToProblems(common.error.issues, data, []);
    return { ok: false, problems: [typeProblem, ...rest] };
  }
  const known = ["type", ...Object.keys(quizCommon), ...Object.keys(answerShapes[type])];
  const problems = issuesToProblems(r.error.issues, data, known).map((p) =>
    p.where === `front matter: "choices"` && p.rule.startsWith("is not a known field")
      ? { where: p.where, rule: `is not used by type ${type}: remove it` }
      : p,
  );
  const shape = z.object({ type: z.literal(type), ...answerShapes[type] }).safeParse(data);
  if (shape.success) problems.push(...answerProblems(shape.data));
  return { ok: false, problems };
}
