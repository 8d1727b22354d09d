import type { FieldProblem } from "./issues.js";
import type { QuizType } from "./model.js";

/** The part of a quiz question the answer rules look at, already well-typed by the schema. */
export interface AnswerShape {
  type: QuizType;
  choices?: string[];
  answer: number | number[] | boolean | string[];
}

const ANSWER = `front matter: "answer"`;

function range(n: number): string {
  return n === 1 ? "0" : `0..${n - 1}`;
}

function duplicates<T>(items: readonly T[]): T[] {
  const seen = new Set<T>();
  const twice = new Set<T>();
  for (const item of items) (seen.has(item) ? twice : seen).add(item);
  return [...twice];
}

/**
 * The rules a schema cannot say: answer indexes must point at choices, `multiple` lists each
 * index once, `order` is a permutation of every choice, choices and accepted texts differ.
 * The schema has already checked the types and that lists are not empty.
 */
export function answerProblems(q: AnswerShape): FieldProblem[] {
  const out: FieldProblem[] = [];
  const choices = q.choices ?? [];
  for (const c of duplicates(choices)) {
    out.push({ where: `front matter: "choices"`, rule: `lists "${c}" more than once` });
  }
  const outOfRange = (i: number) => i >= choices.length;
  const notAChoice = (i: number) =>
    `${i} is not among the choices (0-based indexes ${range(choices.length)})`;

  switch (q.type) {
    case "single": {
      const i = q.answer as number;
      if (outOfRange(i)) out.push({ where: ANSWER, rule: `${notAChoice(i)}` });
      break;
    }
    case "multiple": {
      const list = q.answer as number[];
      list.forEach((i, at) => {
        if (outOfRange(i)) out.push({ where: `front matter: "answer[${at}]"`, rule: notAChoice(i) });
      });
      for (const d of duplicates(list)) out.push({ where: ANSWER, rule: `lists ${d} more than once` });
      break;
    }
    case "order": {
      const list = q.answer as number[];
      const sorted = [...list].sort((a, b) => a - b);
      const isPermutation = sorted.length === choices.length && sorted.every((v, i) => v === i);
      if (!isPermutation) {
        out.push({
          where: ANSWER,
          rule: `must list every choice index (${range(choices.length)}) exactly once, in the correct order`,
        });
      }
      break;
    }
    case "text": {
      const texts = (q.answer as string[]).map((t) => t.toLowerCase());
      for (const d of duplicates(texts)) out.push({ where: ANSWER, rule: `lists "${d}" more than once` });
      break;
    }
    case "boolean":
      break;
  }
  return out;
}
