/**
 * A question's body, split into its explanation and its "why not" notes. Pure.
 *
 * The body ends with an optional section in exactly this form, one note a wrong choice:
 *
 *     ## Why not
 *
 *     - **1.** why choice 1 (numbered from 1, as the learner sees it) is wrong
 *     - **false.** why `false` is wrong (boolean questions)
 *
 * A note may continue on indented lines. The section runs to the end of the body.
 */
import type { QuizQuestion } from "../content/model.js";

/** The body of a question, taken apart. */
export interface ExplainedBody {
  /** The markdown before the "Why not" section, trimmed (the whole body if there is none). */
  explanation: string;
  /** Keyed by `"1"`, `"2"`, … (choice numbers from 1) or `"true"` / `"false"`. */
  notes: ReadonlyMap<string, string>;
  /** Lines of the section that are not notes in the expected form, as found (for the content check). */
  stray: string[];
}

const HEADING = /^##[ \t]+Why not[ \t]*$/imu;
const NOTE = /^[-*][ \t]+\*\*(\d+|true|false)\.\*\*[ \t]+(.*)$/u;

/** Splits a question body into explanation and notes. Never throws. */
export function splitWhyNot(body: string): ExplainedBody {
  const match = HEADING.exec(body);
  if (!match) return { explanation: body.trim(), notes: new Map(), stray: [] };
  const explanation = body.slice(0, match.index).trim();
  const notes = new Map<string, string>();
  const stray: string[] = [];
  let current: string | null = null;
  for (const line of body.slice(match.index + match[0].length).split("\n")) {
    const note = NOTE.exec(line);
    if (note) {
      current = note[1]!;
      notes.set(current, note[2]!.trim());
    } else if (current !== null && /^[ \t]+\S/u.test(line)) {
      notes.set(current, `${notes.get(current)!} ${line.trim()}`);
    } else if (line.trim() !== "") {
      stray.push(line);
      current = null;
    }
  }
  return { explanation, notes, stray };
}

/**
 * What is wrong with a question's "why not" section, one phrase a problem: a note for a choice
 * that does not exist or that is right, a note for a type that has no choices, a stray line.
 * Empty when the section is absent or well formed.
 */
export function whyNotProblems(q: QuizQuestion): string[] {
  const { notes, stray } = splitWhyNot(q.explanation);
  const problems = stray.map((l) => `"${l.trim()}" is not a note of the form "- **2.** why choice 2 is wrong"`);
  const n = q.choices?.length ?? 0;
  for (const key of notes.keys()) {
    if (q.type === "boolean") {
      if (key !== "true" && key !== "false") problems.push(`note "${key}" must be "true" or "false" for a boolean question`);
      else if (String(q.answer) === key) problems.push(`note "${key}" explains the right answer as wrong`);
      continue;
    }
    if (q.type === "text" || q.type === "order") {
      problems.push(`note "${key}": a ${q.type} question has no wrong choice to explain; put it in the explanation`);
      continue;
    }
    const index = Number(key) - 1;
    if (!/^\d+$/u.test(key) || index < 0 || index >= n) {
      problems.push(`note "${key}" names no choice (the choices are 1 to ${n})`);
    } else if (q.type === "single" ? q.answer === index : (q.answer as number[]).includes(index)) {
      problems.push(`note "${key}" explains a right choice as wrong`);
    }
  }
  return problems;
}
