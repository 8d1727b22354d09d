/** The exercises part of `mqtutor progress`, as text: marks and words, never colour alone. */
import type { ExerciseRow } from "../../exercises/status.js";

export function exercisesText(rows: readonly ExerciseRow[], workspace: string): string {
  const passed = rows.filter((r) => r.status === "passed" || r.status === "passed with help").length;
  const mark = (r: ExerciseRow) => (r.passedAt ? "[x]" : r.status === "failing" ? "[~]" : "[ ]");
  return [
    `Exercises passed: ${passed}/${rows.length}`,
    "",
    ...rows.map((r) => `  ${mark(r)} ${String(r.lesson).padStart(2)} ${r.id}: ${r.status}${r.hintsUsed ? ` (${r.hintsUsed} hint${r.hintsUsed > 1 ? "s" : ""})` : ""}`),
    "",
    `Your exercise files are in ${workspace}`,
    "",
  ].join("\n");
}
