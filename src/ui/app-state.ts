/**
 * The interactive app's state machine: which screen is showing, the home selection, the
 * reader's window and the help overlay. Pure; effects are decided in App from the actions.
 */
import type { Lesson } from "../content/model.js";
import type { ProgressState } from "../learning/progress-state.js";
import { type ReaderAction, type ReaderState, initialReader, readerReducer } from "./reader-state.js";

export type Screen = "home" | "reader";

export interface AppState {
  screen: Screen;
  /** Index into the course's lessons: the home selection and the lesson being read. */
  selected: number;
  reader: ReaderState | null;
  help: boolean;
  /** First visible line of the help overlay, when it is longer than the screen. */
  helpTop: number;
  /** Where `back` from the reader goes: the home screen, or out when the reader was opened directly. */
  readerBack: "home" | "exit";
  lessonCount: number;
}

export type AppAction =
  | { type: "select"; index: number }
  | { type: "open"; index: number; height: number; total: number; resume: { line: number; of: number } | null }
  | { type: "home" }
  | { type: "toggleHelp" }
  | { type: "helpScroll"; top: number }
  | { type: "reader"; action: ReaderAction };

export function initialApp(lessonCount: number, screen: Screen, selected: number): AppState {
  return { screen, selected, reader: null, help: false, helpTop: 0, readerBack: screen === "reader" ? "exit" : "home", lessonCount };
}

export function appReducer(s: AppState, a: AppAction): AppState {
  switch (a.type) {
    case "select":
      return { ...s, selected: Math.max(0, Math.min(s.lessonCount - 1, a.index)) };
    case "open":
      return {
        ...s,
        screen: "reader",
        selected: a.index,
        reader: initialReader(a.height, a.total, a.resume),
      };
    case "home":
      return { ...s, screen: "home", reader: null, readerBack: "home" };
    case "toggleHelp":
      return { ...s, help: !s.help, helpTop: 0 };
    case "helpScroll":
      return s.help ? { ...s, helpTop: Math.max(0, a.top) } : s;
    case "reader":
      return s.reader ? { ...s, reader: readerReducer(s.reader, a.action) } : s;
  }
}

/**
 * Where the home screen's selection starts: the lesson opened last (so coming back to mqtutor
 * lands where the learner was), else the first. Timestamps are ISO strings in UTC, so they
 * compare as text.
 */
export function lastOpenedIndex(lessons: readonly Pick<Lesson, "slug">[], progress: ProgressState): number {
  let best = 0;
  let bestAt = "";
  lessons.forEach((l, i) => {
    const at = Object.hasOwn(progress.lessons, l.slug) ? (progress.lessons[l.slug]?.lastOpenedAt ?? "") : "";
    if (at > bestAt) [best, bestAt] = [i, at];
  });
  return best;
}
