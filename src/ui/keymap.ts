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
  | "left"
  | "right"
  | "open"
  | "back"
  | "quit"
  | "next"
  | "previous"
  | "help"
  | "suspend"
  | "jump"
  | "go";

/** The screens that take keys; each lists only its own in the help overlay. */
export type KeyScreen = "home" | "reader";

export interface Binding {
  keys: string;
  action: KeyAction;
  label: string;
  /** Where the key does something: the help overlay of those screens lists it. */
  screens: readonly KeyScreen[];
}

/** Shown in the help overlay, screen by screen, in this order. */
export const bindings: readonly Binding[] = [
  { keys: "↑/k", action: "up", label: "select the lesson above", screens: ["home"] },
  { keys: "↓/j", action: "down", label: "select the lesson below", screens: ["home"] },
  { keys: "enter", action: "open", label: "open the selected lesson", screens: ["home"] },
  { keys: "1-9, 0", action: "jump", label: "open lesson 1 to 9; 0 opens lesson 10", screens: ["home"] },
  { keys: "↑/k", action: "up", label: "up one line", screens: ["reader"] },
  { keys: "↓/j", action: "down", label: "down one line", screens: ["reader"] },
  { keys: "PgUp/b", action: "pageUp", label: "page up", screens: ["reader"] },
  { keys: "PgDn/space", action: "pageDown", label: "page down", screens: ["reader"] },
  { keys: "g", action: "top", label: "go to the top", screens: ["reader"] },
  { keys: "G", action: "bottom", label: "go to the end", screens: ["reader"] },
  { keys: "←/h →/l", action: "right", label: "scroll wide code and diagrams sideways", screens: ["reader"] },
  { keys: "n / p", action: "next", label: "next / previous lesson", screens: ["reader"] },
  { keys: "c", action: "go", label: "continue with the next thing to do", screens: ["home"] },
  { keys: "e", action: "go", label: "the exercise of the selected lesson", screens: ["home"] },
  { keys: "e", action: "go", label: "this lesson's exercise", screens: ["reader"] },
  { keys: "t", action: "go", label: "the quiz of the selected lesson", screens: ["home"] },
  { keys: "t", action: "go", label: "this lesson's quiz", screens: ["reader"] },
  { keys: "r", action: "go", label: "review the due quiz cards", screens: ["home"] },
  { keys: "p", action: "go", label: "your progress: lessons, exercises, cards", screens: ["home"] },
  { keys: "y", action: "go", label: "the playground (a live broker)", screens: ["home"] },
  { keys: "q/esc", action: "back", label: "quit", screens: ["home"] },
  { keys: "q/esc", action: "back", label: "back to the lesson list", screens: ["reader"] },
  { keys: "?", action: "help", label: "show or hide this help", screens: ["home", "reader"] },
  { keys: "ctrl+z", action: "suspend", label: "suspend (fg resumes)", screens: ["home", "reader"] },
  { keys: "ctrl+c", action: "quit", label: "quit", screens: ["home", "reader"] },
];

/**
 * The bindings one screen honours. `backQuits`: the reader was opened by `mqtutor read N`, so
 * q/esc leaves the app rather than going back to a list it never showed.
 */
export function bindingsFor(screen: KeyScreen, backQuits = false): Binding[] {
  return bindings
    .filter((b) => b.screens.includes(screen))
    .map((b) => (b.action === "back" && backQuits ? { ...b, label: "quit" } : b));
}

export function actionFor(input: string, key: Key): KeyAction | null {
  if (key.ctrl && input === "c") return "quit";
  if (key.ctrl && input === "z") return "suspend";
  if (key.upArrow || input === "k") return "up";
  if (key.downArrow || input === "j") return "down";
  if (key.pageUp || input === "b") return "pageUp";
  if (key.pageDown || input === " ") return "pageDown";
  if (input === "g" || key.home) return "top";
  if (input === "G" || key.end) return "bottom";
  if (key.leftArrow || input === "h") return "left";
  if (key.rightArrow || input === "l") return "right";
  if (key.return) return "open";
  if (key.escape || input === "q") return "back";
  if (input === "n") return "next";
  if (input === "p") return "previous";
  if (input === "?") return "help";
  return null;
}

/** Where a key on home or in the reader leads (another screen, through the app's navigator). */
export type GoKey = "continue" | "exercise" | "quiz" | "review" | "progress" | "playground";

/** The keys that open another screen: all of them on home, the lesson's own in the reader. */
export function goKeyFor(screen: KeyScreen, input: string): GoKey | null {
  const lesson: Record<string, GoKey> = { e: "exercise", t: "quiz" };
  const home: Record<string, GoKey> = { ...lesson, c: "continue", r: "review", p: "progress", y: "playground" };
  return (screen === "home" ? home : lesson)[input] ?? null;
}

/** Number shortcuts: "1".."9" pick lessons 1-9, "0" picks lesson 10. */
export function lessonShortcut(input: string): number | null {
  if (!/^[0-9]$/.test(input)) return null;
  return input === "0" ? 10 : Number(input);
}

/** What a key does on the quiz screen, which has modes of its own (see screens/quiz/). */
export type QuizKeyAction =
  | "up"
  | "down"
  | "pageUp"
  | "pageDown"
  | "toggle"
  | "moveUp"
  | "moveDown"
  | "submit"
  | "backspace"
  | "next"
  | "hard"
  | "easy"
  | "leave"
  | "quit";

/**
 * The quiz screen's modes: picking among choices (single, multiple, boolean, order), typing a
 * text answer (every printable key is text), and reading a verdict (or the summary).
 */
export type QuizKeyMode = "choices" | "text" | "verdict";

/**
 * The quiz screen's keys, by mode, for its footer. `only`: shown for those question types alone;
 * `pending`: shown while a right answer waits for its rating.
 */
export const quizBindings: Readonly<
  Record<QuizKeyMode, ReadonlyArray<{ keys: string; label: string; only?: readonly string[]; pending?: boolean }>>
> = {
  choices: [
    { keys: "↑↓", label: "move" },
    { keys: "1-9", label: "pick" },
    { keys: "space", label: "tick", only: ["multiple"] },
    { keys: "space", label: "grab", only: ["order"] },
    { keys: "shift+↑↓ or u/d", label: "move item", only: ["order"] },
    { keys: "enter", label: "answer" },
    { keys: "q", label: "stop" },
  ],
  text: [
    { keys: "enter", label: "answer" },
    { keys: "esc", label: "stop" },
  ],
  verdict: [
    { keys: "enter", label: "next" },
    { keys: "h/e", label: "Hard/Easy", pending: true },
    { keys: "↑↓", label: "scroll" },
    { keys: "q", label: "stop" },
  ],
};

export function quizActionFor(input: string, key: Key, mode: QuizKeyMode): QuizKeyAction | null {
  if (key.ctrl && input === "c") return "quit";
  if (key.pageUp) return "pageUp";
  if (key.pageDown) return "pageDown";
  if (mode === "text") {
    if (key.return) return "submit";
    if (key.escape) return "leave";
    if (key.backspace || key.delete) return "backspace";
    if (key.upArrow) return "up";
    if (key.downArrow) return "down";
    return null;
  }
  if (key.shift && key.upArrow) return "moveUp";
  if (key.shift && key.downArrow) return "moveDown";
  if (key.upArrow || input === "k") return "up";
  if (key.downArrow || input === "j") return "down";
  if (key.escape || input === "q") return "leave";
  if (mode === "verdict") {
    if (key.return || input === " " || input === "n") return "next";
    if (input === "h") return "hard";
    if (input === "e") return "easy";
    return null;
  }
  if (input === "u") return "moveUp";
  if (input === "d") return "moveDown";
  if (input === " ") return "toggle";
  if (key.return) return "submit";
  return null;
}

/** "1".."9" pick choices 1-9 on the quiz screen (0-based index), or null. */
export function choiceShortcut(input: string): number | null {
  return /^[1-9]$/.test(input) ? Number(input) - 1 : null;
}
