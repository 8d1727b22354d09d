/**
 * An exercise's status as the learner sees it: not started (no file in the workspace), failing
 * (a file, never passed), passed, or passed with help (hints or a forced solution before the pass).
 */
import type { Exercise } from "../content/model.js";
import { exerciseProgress, type ProgressState } from "../learning/progress-state.js";

export type ExerciseStatus = "not started" | "failing" | "passed" | "passed with help";

export interface ExerciseRow {
  id: string;
  lesson: number;
  title: string;
  status: ExerciseStatus;
  hintsUsed: number;
  passedAt: string | null;
  /** Absolute path of the learner's file. */
  file: string;
}

export function exerciseRows(
  exercises: readonly Exercise[],
  progress: ProgressState,
  fileOf: (e: Exercise) => string,
  exists: (file: string) => boolean,
): ExerciseRow[] {
  return exercises.map((e) => {
    const p = exerciseProgress(progress, e.slug);
    const file = fileOf(e);
    const status: ExerciseStatus =
      p.passedAt !== null ? (p.assisted ? "passed with help" : "passed") : exists(file) ? "failing" : "not started";
    return { id: e.slug, lesson: e.lesson, title: e.title, status, hintsUsed: p.hintsUsed, passedAt: p.passedAt, file };
  });
}
