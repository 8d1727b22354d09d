/**
 * The course as the rest of mqtutor sees it: plain, validated data. Produced by `parseCourse`
 * (src/content/parse.ts); nothing here touches the file system or the terminal.
 * All paths are relative to the course root and use "/" separators.
 */

/** The quiz question types of DESIGN §3, in the order they are listed there. */
export const QUIZ_TYPES = ["single", "multiple", "boolean", "order", "text"] as const;
/** How a quiz question is answered. */
export type QuizType = (typeof QUIZ_TYPES)[number];

/** Bloom's taxonomy levels, lowest first. */
export const BLOOM_LEVELS = ["Remember", "Understand", "Apply", "Analyze", "Evaluate", "Create"] as const;
/** The cognitive level a quiz question targets. */
export type Bloom = (typeof BLOOM_LEVELS)[number];

/** 1 (easiest) to 5 (hardest). */
export type Difficulty = 1 | 2 | 3 | 4 | 5;

/** One lesson: `lessons/NN-slug.md`. */
export interface Lesson {
  /** NN of the file name; lessons are numbered 1..N with no gap. */
  number: number;
  /** The file name without `NN-` and `.md`, e.g. `dead-letter-queues`. */
  slug: string;
  /** e.g. `lessons/03-dead-letter-queues.md`. */
  file: string;
  title: string;
  summary: string;
  /** Never empty. */
  objectives: string[];
  /** Estimated reading time; positive. */
  minutes: number;
  /** The markdown without front matter (it includes the cheat sheet section). */
  body: string;
  /** The markdown of the final `## Cheat sheet` section, heading excluded, trimmed; never empty. */
  cheatSheet: string;
}

/** One quiz question: `quizzes/NN-slug.md`. */
export interface QuizQuestion {
  /** Stable across releases: progress refers to questions by id. Unique in the course. */
  id: string;
  /** e.g. `quizzes/03-dlq-max-receive.md`. */
  file: string;
  /** The number of the lesson it belongs to (its `lesson` field resolved from slug or number). */
  lesson: number;
  type: QuizType;
  prompt: string;
  /** Present for `single`, `multiple` and `order`; absent for `boolean` and `text`. */
  choices?: string[];
  /**
   * By type: `single` a 0-based index into `choices`; `multiple` the distinct correct indexes
   * (at least one); `order` every index once, first to last; `boolean` true/false; `text` the
   * accepted answers (at least one).
   */
  answer: number | number[] | boolean | string[];
  bloom: Bloom;
  difficulty: Difficulty;
  /** The markdown body: why the answer is right, with notes on wrong choices. Never empty. */
  explanation: string;
}

/** One exercise: the folder `exercises/NN-slug/`. */
export interface Exercise {
  /** The folder name without `NN-`, e.g. `retrying-consumer`. Unique among exercises. */
  slug: string;
  /** e.g. `exercises/03-retrying-consumer`. */
  dir: string;
  /** The number of the lesson it belongs to. */
  lesson: number;
  title: string;
  difficulty: Difficulty;
  /** Given one at a time, in this order; may be empty. */
  hints: string[];
  /** The markdown body of exercise.md. Never empty. */
  task: string;
  /** e.g. `exercises/03-retrying-consumer/starter.ts`. */
  starterFile: string;
  /** e.g. `exercises/03-retrying-consumer/solution.ts`. */
  solutionFile: string;
  /** Every `*.test.ts` in the folder, sorted; at least one. */
  testFiles: string[];
}

/** The whole course, validated. */
export interface Course {
  /** The directory the content was read from (as given to `parseCourse`). */
  root: string;
  /** Sorted by number: `lessons[i].number === i + 1`. */
  lessons: Lesson[];
  /** Course order: by lesson number, then by file name. */
  quizzes: QuizQuestion[];
  /** By lesson number, then by folder name. */
  exercises: Exercise[];
}
