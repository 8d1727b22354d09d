/**
 * Mounts the quiz screen on the real terminal for `quiz` and `review`. Only those commands
 * import this module (the home screen's start never loads the quiz code). When the screen
 * closes, the summary is printed on the normal screen, where it stays after the app is gone.
 */
import { render } from "ink";
import { createElement } from "react";
import type { Course } from "../content/model.js";
import { InterruptedError } from "../errors.js";
import type { ProgressEvent } from "../learning/progress-events.js";
import { type QuizSession, summarize } from "../learning/quiz-session.js";
import { summaryText } from "../ui/plain/quiz-text.js";
import { type QuizControls, QuizScreen } from "../ui/screens/quiz/QuizScreen.js";
import { type CommandContext, useColor, width } from "./context.js";
import { openTerminalSession } from "./terminal-session.js";

export interface QuizScreenRun {
  /** Appends one event to the progress log; throws if it cannot. */
  record: (event: ProgressEvent) => void;
  title: string;
}

export async function runQuizScreen(ctx: CommandContext, course: Course, start: QuizSession, opts: QuizScreenRun): Promise<void> {
  const stdout = ctx.io.stdout as NodeJS.WriteStream;
  const stdin = ctx.io.stdin as NodeJS.ReadStream;
  const controls: QuizControls = {};
  // A failed write is shown on the screen once; the full message is printed afterwards.
  let unsaved: unknown = null;
  const record = (event: ProgressEvent) => {
    try {
      opts.record(event);
    } catch (error) {
      unsaved ??= error;
      throw error;
    }
  };
  let final = start;
  let interrupted = false;
  const terminal = openTerminalSession({
    stdout,
    stdin,
    // SIGTERM or SIGHUP (the terminal closed): a right answer waiting for its rating is saved as Good.
    beforeSignalExit: () => controls.flush?.(),
    onStopSignal: () => void terminal.suspend(),
  });
  try {
    const instance = render(
      createElement(QuizScreen, {
        course,
        session: start,
        title: opts.title,
        record,
        now: () => new Date(),
        color: useColor(ctx),
        onExit: (session: QuizSession, byCtrlC: boolean) => {
          final = session;
          interrupted = byCtrlC;
        },
        controls,
      }),
      { stdout, stdin, exitOnCtrlC: false, patchConsole: false },
    );
    await instance.waitUntilExit();
  } finally {
    terminal.close();
  }
  if (unsaved !== null) {
    const message = unsaved instanceof Error ? unsaved.message : String(unsaved);
    ctx.io.stderr.write(`warning: some answers of this session were not saved.\n${message}\n`);
  }
  ctx.io.stdout.write(summaryText(summarize(final, course), course, new Date(), { width: width(ctx), color: useColor(ctx) }));
  // Ctrl+C exits 130, as in the rest of the app; every answer so far is saved all the same.
  if (interrupted) throw new InterruptedError();
}
