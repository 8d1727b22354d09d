/**
 * Every key binding of the app, in one place (the gemini-cli habit). Screens ask the keymap
 * what a key means; they never compare raw input themselves.
 */
import type { Key } from "ink";

export type KeyAction =
  | "up"
  | "down"
  | "pageUp"
  | "pageDown"
  | "top"
  | "bottom"
  | "open"
  | "back"
  | "quit"
  | "next"
  | "previous"
  | "help";

/** Shown in the help overlay and the footers, in this order. */
export const bindings: ReadonlyArray<{ keys: string; action: KeyAction; label: string }> = [
  { keys: "↑/k", action: "up", label: "up one line" },
  { keys: "↓/j", action: "down", label: "down one line" },
  { keys: "PgUp/b", action: "pageUp", label: "page up" },
  { keys: "PgDn/space", action: "pageDown", label: "page down" },
  { keys: "g", action: "top", label: "go to the top" },
  { keys: "G", action: "bottom", label: "go to the end" },
  { keys: "enter", action: "open", label: "open the selected lesson" },
  { keys: "n / p", action: "next", label: "next / previous lesson" },
  { keys: "q/esc", action: "back", label: "back (quit from the home screen)" },
  { keys: "?", action: "help", label: "show or hide this help" },
  { keys: "ctrl+c", action: "quit", label: "quit" },
];

export function actionFor(input: string, key: Key): KeyAction | null {
  if (key.ctrl && input === "c") return "quit";
  if (key.upArrow || input === "k") return "up";
  if (key.downArrow || input === "j") return "down";
  if (key.pageUp || input === "b") return "pageUp";
  if (key.pageDown || input === " ") return "pageDown";
  if (input === "g" || key.home) return "top";
  if (input === "G" || key.end) return "bottom";
  if (key.return) return "open";
  if (key.escape || input === "q") return "back";
  if (input === "n") return "next";
  if (input === "p") return "previous";
  if (input === "?") return "help";
  return null;
}

/** Number shortcuts: "1".."9" pick lessons 1-9, "0" picks lesson 10. */
export function lessonShortcut(input: string): number | null {
  if (!/^[0-9]$/.test(input)) return null;
  return input === "0" ? 10 : Number(input);
}
