/**
 * Where the app can go from home or the reader. The app does not import the other screens: it
 * ends with a destination, and the navigator (src/cli/navigator.ts) opens that screen, then
 * brings the learner back home. So each screen's code loads only when it opens.
 */
import type { NextStep } from "../learning/course-status.js";

export type Destination =
  | { screen: "exercise"; lesson: number }
  | { screen: "quiz"; lesson?: number }
  | { screen: "review" }
  | { screen: "progress" }
  | { screen: "playground" };

/** What the app's `waitUntilExit` resolves to when the learner asked for another screen. */
export interface GoTo {
  go: Destination;
  /** The lesson selected when the learner left, so home comes back with it selected. */
  lesson: string;
}

export function isGoTo(value: unknown): value is GoTo {
  return typeof value === "object" && value !== null && "go" in value;
}

/** The continue entry's destination; `read` stays inside the app (null). */
export function destinationOf(next: NextStep): Destination | null {
  switch (next.kind) {
    case "review":
      return { screen: "review" };
    case "exercise":
      return { screen: "exercise", lesson: next.lesson };
    case "quiz":
      return { screen: "quiz", lesson: next.lesson };
    case "done":
      return { screen: "progress" };
    case "read":
      return null;
  }
}
