/**
 * Mounts the Ink app on the real terminal. Only interactive commands import this module, so
 * the others never load ink, react or yoga. The markdown renderer is not imported here: the
 * home screen does not need it, and the app loads it after its first frame (ui/lazy-markdown.ts).
 */
import { render } from "ink";
import { createElement } from "react";
import type { Course } from "../content/model.js";
import type { ProgressEvent } from "../learning/progress-events.js";
import { projectProgress } from "../learning/progress-state.js";
import { InterruptedError } from "../errors.js";
import { App, type AppProps, QUIT_BY_CTRL_C } from "../ui/App.js";
import { type GoTo, isGoTo } from "../ui/navigation.js";
import type { AppControls } from "../ui/use-app-effects.js";
import { loadMarkdown } from "../ui/lazy-markdown.js";
import { type CommandContext, openProgress, useColor } from "./context.js";
import { openTerminalSession } from "./terminal-session.js";

/**
 * Runs the app (home and reader) until the learner quits, or asks for another screen: then it
 * resolves to where they want to go (the navigator opens it and comes back here).
 */
export async function runInteractive(ctx: CommandContext, course: Course, initial: AppProps["initial"], notice?: string): Promise<GoTo | undefined> {
  const { store, events } = await openProgress(ctx);
  // `mqtutor read N` shows the lesson in its first frame, so its renderer must be ready first.
  if (initial.screen === "reader") await loadMarkdown();
  const log: ProgressEvent[] = [...events];
  // A failed write throws to the app, which keeps going and says so in one line; the full
  // message is printed once the terminal is back. The event still counts for this session.
  let unsaved: unknown = null;
  const record = (event: ProgressEvent) => {
    log.push(event);
    try {
      store.append(event);
    } catch (error) {
      unsaved ??= error;
      throw error;
    }
    return projectProgress(log);
  };

  const stdout = ctx.io.stdout as NodeJS.WriteStream;
  const stdin = ctx.io.stdin as NodeJS.ReadStream;
  const controls: AppControls = {};
  const session = openTerminalSession({
    stdout,
    stdin,
    beforeSignalExit: () => controls.flush?.(),
    onStopSignal: () => (controls.suspend ? controls.suspend() : void session.suspend()),
  });
  let result: unknown;
  try {
    const instance = render(
      createElement(App, {
        course,
        progress: projectProgress(log),
        record,
        initial,
        color: useColor(ctx),
        now: () => new Date().toISOString(),
        controls,
        onSuspend: session.suspend,
        ...(notice ? { notice } : {}),
      }),
      { stdout, stdin, exitOnCtrlC: false, patchConsole: false },
    );
    result = await instance.waitUntilExit();
  } finally {
    session.close();
  }
  if (unsaved !== null) {
    const message = unsaved instanceof Error ? unsaved.message : String(unsaved);
    ctx.io.stderr.write(`warning: your progress in this session was not saved.\n${message}\n`);
  }
  if (result === QUIT_BY_CTRL_C) throw new InterruptedError();
  return isGoTo(result) ? result : undefined;
}
