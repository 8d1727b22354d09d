/** Opens the progress screen (from home): the dashboard of `mqtutor progress`, on the terminal. */
import { quizStats } from "../learning/card-stats.js";
import { projectCards } from "../learning/cards.js";
import { courseStatus } from "../learning/course-status.js";
import type { Course } from "../content/model.js";
import { InterruptedError } from "../errors.js";
import { cardsText } from "../ui/plain/cards-text.js";
import { exercisesText } from "../ui/plain/exercises-text.js";
import { progressText } from "../ui/plain/status-text.js";
import { wrap } from "../ui/plain/wrap-text.js";
import { forecastChart } from "../ui/screens/progress/forecast-chart.js";
import { type CommandContext, openProgress } from "./context.js";
import { rowsFor, workspaceFor } from "./exercise-context.js";
import { openTerminalSession } from "./terminal-session.js";

export async function runProgressScreen(ctx: CommandContext, course: Course): Promise<void> {
  const { mountProgress } = await import("../ui/screens/progress/ProgressScreen.js");
  const { state, store } = await openProgress(ctx);
  const now = new Date();
  const status = courseStatus(course, state, now);
  const quiz = quizStats(course, state, projectCards(state), now);
  const rows = rowsFor(ctx, course, state);
  const ws = workspaceFor(ctx);
  const linesFor = (width: number) =>
    [
      progressText(status, store.file),
      cardsText(quiz, course, width),
      "Reviews due in the next 14 days:",
      ...forecastChart(quiz.forecast, width),
      "",
      exercisesText(rows, ws),
    ]
      .join("\n")
      .split("\n")
      // Long rows continue on the next line, indented: nothing is cut.
      .flatMap((line) => wrap(line, width, Math.min(8, line.length - line.trimStart().length + 2)).split("\n"));
  const stdout = ctx.io.stdout as NodeJS.WriteStream;
  const stdin = ctx.io.stdin as NodeJS.ReadStream;
  let interrupted = false;
  const term = openTerminalSession({ stdout, stdin, beforeSignalExit: () => {}, onStopSignal: () => void term.suspend() });
  try {
    interrupted = await mountProgress(linesFor, { stdout, stdin });
  } finally {
    term.close();
  }
  if (interrupted) throw new InterruptedError();
}
