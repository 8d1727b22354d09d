/** The exercise screen's keys (one table: the legend and the help are built from it). */
import type { Key } from "ink";

export type ExerciseKeyAction =
  | "up"
  | "down"
  | "pageUp"
  | "pageDown"
  | "hint"
  | "rerun"
  | "edit"
  | "solution"
  | "next"
  | "list"
  | "open"
  | "back"
  | "quit";

export const exerciseBindings: readonly { keys: string; label: string }[] = [
  { keys: "h", label: "hint" },
  { keys: "r", label: "re-run" },
  { keys: "o", label: "open in $EDITOR" },
  { keys: "s", label: "solution (after a pass)" },
  { keys: "n", label: "next" },
  { keys: "l", label: "list" },
  { keys: "j/k ↑/↓", label: "scroll" },
  { keys: "q", label: "back" },
];

export function exerciseAction(input: string, key: Key): ExerciseKeyAction | null {
  if (key.ctrl && input === "c") return "quit";
  if (key.upArrow || input === "k") return "up";
  if (key.downArrow || input === "j") return "down";
  if (key.pageUp || input === "b") return "pageUp";
  if (key.pageDown || input === " ") return "pageDown";
  if (key.return) return "open";
  if (key.escape || input === "q") return "back";
  const plain: Record<string, ExerciseKeyAction> = { h: "hint", r: "rerun", o: "edit", s: "solution", n: "next", l: "list" };
  return plain[input] ?? null;
}

/** The key legend, wrapped to the width so nothing is cut. */
export function exerciseKeyLegend(width: number): string[] {
  const items = exerciseBindings.map((b) => `${b.keys} ${b.label}`);
  const lines: string[] = [];
  let line = "";
  for (const item of items) {
    const next = line ? `${line} · ${item}` : item;
    if (next.length > width && line) {
      lines.push(line);
      line = item;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}
