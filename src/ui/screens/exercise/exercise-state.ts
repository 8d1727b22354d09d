/**
 * The exercise screen's state machine: what is shown (task, latest result, hints, solution),
 * whether a check is running (keys that start work are ignored meanwhile, as in rustlings),
 * and the scroll position. Pure: effects (run the checks, record a hint) happen outside and come
 * back as actions.
 */
import type { RunResult } from "../../../exercises/result.js";

export interface ExerciseState {
  running: boolean;
  /** A save came in while a check ran: run once more when it ends. */
  rerun: boolean;
  result: RunResult | null;
  hints: string[];
  solution: string | null;
  /** One line for the status bar (hint exhausted, solution locked, recorded…). */
  notice: string | null;
  scroll: number;
  listOpen: boolean;
  listIndex: number;
}

export type ExerciseAction =
  | { type: "run-requested" }
  | { type: "run-finished"; result: RunResult }
  | { type: "hint"; text: string | null }
  | { type: "solution"; text: string | null }
  | { type: "notice"; text: string | null }
  | { type: "scroll"; by: number; max: number }
  | { type: "scroll-to"; line: number }
  | { type: "list"; open: boolean }
  | { type: "list-move"; by: number; count: number };

export function initialExerciseState(listIndex = 0): ExerciseState {
  return { running: false, rerun: false, result: null, hints: [], solution: null, notice: null, scroll: 0, listOpen: false, listIndex };
}

export function exerciseReducer(s: ExerciseState, a: ExerciseAction): ExerciseState {
  switch (a.type) {
    case "run-requested":
      return s.running ? { ...s, rerun: true } : { ...s, running: true, rerun: false, notice: null };
    case "run-finished":
      return { ...s, running: false, result: a.result };
    case "hint":
      return a.text === null
        ? { ...s, notice: "No more hints: that was the last one." }
        : { ...s, hints: [...s.hints, a.text], notice: null };
    case "solution":
      return a.text === null
        ? { ...s, notice: "The solution opens once your file passes (or: mqtutor solution <id> --force)." }
        : { ...s, solution: a.text, notice: null };
    case "notice":
      return { ...s, notice: a.text };
    case "scroll":
      return { ...s, scroll: Math.max(0, Math.min(a.max, s.scroll + a.by)) };
    case "scroll-to":
      return { ...s, scroll: Math.max(0, a.line) };
    case "list":
      return { ...s, listOpen: a.open };
    case "list-move":
      return { ...s, listIndex: (s.listIndex + a.by + a.count) % a.count };
  }
}
