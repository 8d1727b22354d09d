/**
 * Reading and grading quiz answers. Pure: a question and a string in, a verdict out.
 *
 * An answer is written as in plain quiz mode (DESIGN §2), with choices numbered from 1:
 * `2` (single), `1,3` (multiple, any order), `3,1,2` (order, first to last), `true`/`false`
 * (boolean), or the text itself. Numbers may be separated by commas, spaces or both.
 *
 * Two outcomes must never be confused: an answer that cannot be read (empty, not a number, a
 * choice that does not exist, an order that leaves one out) is *malformed* and is asked again
 * with the expected format; an answer that can be read is graded right or wrong.
 */
import type { QuizQuestion } from "../content/model.js";

/** A readable answer, with 0-based choice indexes (the model's numbering). */
export type Answer =
  | { type: "single"; choice: number }
  /** Distinct, ascending. */
  | { type: "multiple"; choices: number[] }
  /** Every choice once, first to last. */
  | { type: "order"; order: number[] }
  | { type: "boolean"; value: boolean }
  /** As typed, trimmed (comparison normalises it; see {@link normalizeText}). */
  | { type: "text"; text: string };

/** What {@link parseAnswer} found: an answer to grade, or why the input cannot be read. */
export type ParsedAnswer = { ok: true; answer: Answer } | { ok: false; problem: string };

const TRUE_WORDS = new Set(["true", "t", "yes", "y"]);
const FALSE_WORDS = new Set(["false", "f", "no", "n"]);

function choiceCount(q: QuizQuestion): number {
  return q.choices?.length ?? 0;
}

function span(n: number): string {
  return n === 1 ? "1" : `1 to ${n}`;
}

/** An example of the format only; it says nothing about the key. */
function exampleNumbers(n: number): string {
  return n >= 3 ? "3,1,2" : "2,1";
}

/**
 * How an answer to `q` is written, as one phrase for a prompt or an error message, e.g.
 * `one number from 1 to 4, e.g. 2`.
 */
export function expectedFormat(q: QuizQuestion): string {
  const n = choiceCount(q);
  switch (q.type) {
    case "single":
      return `one choice number from ${span(n)}, e.g. 2`;
    case "multiple":
      return `every right choice number from ${span(n)}, separated by commas, e.g. 1,3`;
    case "order":
      return `all ${n} choice numbers from first to last, separated by commas, e.g. ${exampleNumbers(n)}`;
    case "boolean":
      return "true or false";
    case "text":
      return "the answer as text";
  }
}

/**
 * Unicode-normalised (NFKC), case-folded, with runs of white space made one space and none at
 * the ends: how typed answers and accepted answers are compared. Upper then lower case folds
 * what lower case alone does not ("ß" and "SS" both become "ss").
 */
export function normalizeText(text: string): string {
  return text.normalize("NFKC").toUpperCase().toLowerCase().replace(/\s+/gu, " ").trim();
}

type Numbers = { ok: true; values: number[] } | { ok: false; problem: string };

/** `1,3` / `1 3` / ` 1 , 3 ` → 0-based indexes, each checked against `n` choices. */
function readNumbers(input: string, n: number): Numbers {
  const parts = input.split(/[\s,]+/u).filter((p) => p !== "");
  if (parts.length === 0) return { ok: false, problem: "no choice number was given" };
  const values: number[] = [];
  for (const part of parts) {
    if (!/^\d+$/u.test(part)) return { ok: false, problem: `"${part}" is not a choice number` };
    const value = Number(part);
    if (value < 1 || value > n) return { ok: false, problem: `there is no choice ${part} (the choices are ${span(n)})` };
    values.push(value - 1);
  }
  return { ok: true, values };
}

function firstDuplicate(values: readonly number[]): number | undefined {
  const seen = new Set<number>();
  for (const v of values) {
    if (seen.has(v)) return v;
    seen.add(v);
  }
  return undefined;
}

/**
 * Reads one line typed as an answer to `q`. Never throws: anything that is not a readable
 * answer comes back as `{ ok: false, problem }`, a phrase saying what is wrong with it (the
 * caller adds {@link expectedFormat}).
 */
export function parseAnswer(q: QuizQuestion, input: string): ParsedAnswer {
  const line = input.trim();
  const n = choiceCount(q);
  switch (q.type) {
    case "single": {
      const read = readNumbers(line, n);
      if (!read.ok) return read;
      if (read.values.length !== 1) return { ok: false, problem: "give exactly one choice number" };
      return { ok: true, answer: { type: "single", choice: read.values[0]! } };
    }
    case "multiple": {
      const read = readNumbers(line, n);
      if (!read.ok) return read;
      const twice = firstDuplicate(read.values);
      if (twice !== undefined) return { ok: false, problem: `choice ${twice + 1} is listed twice` };
      return { ok: true, answer: { type: "multiple", choices: [...read.values].sort((a, b) => a - b) } };
    }
    case "order": {
      const read = readNumbers(line, n);
      if (!read.ok) return read;
      const twice = firstDuplicate(read.values);
      if (twice !== undefined) return { ok: false, problem: `choice ${twice + 1} is listed twice` };
      if (read.values.length !== n) {
        return { ok: false, problem: `${read.values.length} of the ${n} choices were given; put every one in order` };
      }
      return { ok: true, answer: { type: "order", order: read.values } };
    }
    case "boolean": {
      const word = line.toLowerCase();
      if (TRUE_WORDS.has(word)) return { ok: true, answer: { type: "boolean", value: true } };
      if (FALSE_WORDS.has(word)) return { ok: true, answer: { type: "boolean", value: false } };
      return { ok: false, problem: line === "" ? "no answer was given" : `"${clip(line)}" is neither true nor false` };
    }
    case "text":
      if (normalizeText(line) === "") return { ok: false, problem: "no answer was given" };
      return { ok: true, answer: { type: "text", text: line } };
  }
}

function clip(text: string, max = 40): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join("")}…`;
}

const sameList = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((v, i) => v === b[i]);

/** The key of `q` as an {@link Answer}. */
export function correctAnswer(q: QuizQuestion): Answer {
  switch (q.type) {
    case "single":
      return { type: "single", choice: q.answer as number };
    case "multiple":
      return { type: "multiple", choices: [...(q.answer as number[])].sort((a, b) => a - b) };
    case "order":
      return { type: "order", order: [...(q.answer as number[])] };
    case "boolean":
      return { type: "boolean", value: q.answer as boolean };
    case "text":
      return { type: "text", text: (q.answer as string[])[0]! };
  }
}

/**
 * Whether `answer` is right. `multiple` must name exactly the right choices (a partly right
 * answer is wrong); `text` matches any accepted answer after {@link normalizeText}.
 */
export function isCorrect(q: QuizQuestion, answer: Answer): boolean {
  if (answer.type !== q.type) return false;
  switch (answer.type) {
    case "single":
      return answer.choice === q.answer;
    case "multiple":
      return sameList(answer.choices, [...(q.answer as number[])].sort((a, b) => a - b));
    case "order":
      return sameList(answer.order, q.answer as number[]);
    case "boolean":
      return answer.value === q.answer;
    case "text": {
      const given = normalizeText(answer.text);
      return (q.answer as string[]).some((accepted) => normalizeText(accepted) === given);
    }
  }
}

/** The answer written the way {@link parseAnswer} reads it: `2`, `1,3`, `3,1,2`, `true`, or the text. */
export function encodeAnswer(answer: Answer): string {
  switch (answer.type) {
    case "single":
      return String(answer.choice + 1);
    case "multiple":
      return answer.choices.map((c) => c + 1).join(",");
    case "order":
      return answer.order.map((c) => c + 1).join(",");
    case "boolean":
      return String(answer.value);
    case "text":
      return answer.text;
  }
}

/** The wrong choices this answer picked (0-based), whose "why not" notes the verdict shows. */
export function wrongPicks(q: QuizQuestion, answer: Answer): number[] {
  if (answer.type === "single" && answer.choice !== q.answer) return [answer.choice];
  if (answer.type === "multiple") {
    const right = new Set(q.answer as number[]);
    return answer.choices.filter((c) => !right.has(c));
  }
  return [];
}
