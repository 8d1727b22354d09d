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
import { App, type AppProps } from "../ui/App.js";
import { loadMarkdown } from "../ui/lazy-markdown.js";
import { type CommandContext, openProgress, useColor } from "./context.js";

const ENTER_ALT_SCREEN = "\u001b[?1049h";
const LEAVE_ALT_SCREEN = "\u001b[?1049l";
const SHOW_CURSOR = "\u001b[?25h";

export async function runInteractive(ctx: CommandContext, course: Course, initial: AppProps["initial"]): Promise<void> {
  const { store, events } = await openProgress(ctx);
  // `mqtutor read N` shows the lesson in its first frame, so its renderer must be ready first.
  if (initial.screen === "reader") await loadMarkdown();
  const log: ProgressEvent[] = [...events];
  const record = (event: ProgressEvent) => {
    store.append(event);
    log.push(event);
    return projectProgress(log);
  };

  const stdout = ctx.io.stdout as NodeJS.WriteStream;
  // The reader takes the whole screen and gives it back as it was, even on Ctrl+C or a crash.
  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    stdout.write(LEAVE_ALT_SCREEN + SHOW_CURSOR);
  };
  const onSignal = (signal: NodeJS.Signals) => {
    restore();
    process.exit(signal === "SIGINT" ? 130 : 143);
  };
  stdout.write(ENTER_ALT_SCREEN);
  process.once("exit", restore);
  process.once("SIGTERM", onSignal);
  process.once("SIGHUP", onSignal);
  try {
    const instance = render(
      createElement(App, {
        course,
        progress: projectProgress(log),
        record,
        initial,
        color: useColor(ctx),
        now: () => new Date().toISOString(),
      }),
      { stdout, stdin: ctx.io.stdin as NodeJS.ReadStream, exitOnCtrlC: false, patchConsole: false },
    );
    await instance.waitUntilExit();
  } finally {
    restore();
    process.removeListener("exit", restore);
    process.removeListener("SIGTERM", onSignal);
    process.removeListener("SIGHUP", onSignal);
  }
}
