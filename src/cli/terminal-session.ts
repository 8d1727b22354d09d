/**
 * The full-screen app's hold on the terminal: the alternate screen, given back as it was on
 * every way out (quit, Ctrl+C, SIGTERM, SIGHUP, SIGINT, a crash), and job control (Ctrl+Z and
 * SIGTSTP suspend; SIGCONT restores raw mode and the screen).
 */
import { constants } from "node:os";

const ENTER_ALT_SCREEN = "\u001b[?1049h";
const LEAVE_ALT_SCREEN = "\u001b[?1049l";
/** The alternate screen keeps the cursor where the shell left it; Ink draws from the cursor. */
const CURSOR_HOME = "\u001b[H";
const SHOW_CURSOR = "\u001b[?25h";
const HIDE_CURSOR = "\u001b[?25l";

export interface TerminalSessionOptions {
  stdout: NodeJS.WriteStream;
  stdin: NodeJS.ReadStream;
  /**
   * Runs first when SIGTERM, SIGHUP or SIGINT ends the process: save what must not be lost
   * (the reading position). Synchronous, since the process exits right after.
   */
  beforeSignalExit: () => void;
  /** Runs on SIGTSTP sent from outside (not Ctrl+Z, which the app sees as a key). */
  onStopSignal: () => void;
}

export interface TerminalSession {
  /** Hands the terminal back, stops the process; resolves after SIGCONT, terminal set up again. */
  suspend(): Promise<void>;
  /** Leaves the alternate screen and removes the signal handlers. Idempotent. */
  close(): void;
}

const EXIT_SIGNALS = ["SIGTERM", "SIGHUP", "SIGINT"] as const;

export function openTerminalSession(options: TerminalSessionOptions): TerminalSession {
  const { stdout, stdin } = options;
  let onScreen = false;
  let closed = false;
  const enter = () => {
    stdout.write(ENTER_ALT_SCREEN + CURSOR_HOME);
    onScreen = true;
  };
  const leave = () => {
    if (!onScreen) return;
    onScreen = false;
    try {
      stdout.write(LEAVE_ALT_SCREEN + SHOW_CURSOR);
    } catch {
      // The terminal may be gone (SIGHUP): nothing left to restore.
    }
  };

  const onExitSignal = (signal: NodeJS.Signals) => {
    try {
      options.beforeSignalExit();
    } finally {
      leave();
      // 128 + the signal's number, as a shell reports a process a signal ended (130 for SIGINT).
      process.exit(128 + constants.signals[signal]);
    }
  };
  const onStop = () => options.onStopSignal();

  const suspend = () =>
    new Promise<void>((resolve) => {
      const raw = stdin.isTTY && stdin.isRaw;
      if (raw) stdin.setRawMode(false);
      leave();
      process.once("SIGCONT", () => {
        process.on("SIGTSTP", onStop);
        if (closed) return resolve();
        if (raw) stdin.setRawMode(true);
        enter();
        stdout.write(HIDE_CURSOR);
        resolve();
      });
      // With no listener, SIGTSTP takes its default action, stopping the process here; the
      // shell reports it stopped, and `fg` sends SIGCONT.
      process.removeListener("SIGTSTP", onStop);
      process.kill(process.pid, "SIGTSTP");
    });

  const close = () => {
    if (closed) return;
    closed = true;
    leave();
    process.removeListener("exit", leave);
    for (const s of EXIT_SIGNALS) process.removeListener(s, onExitSignal);
    process.removeListener("SIGTSTP", onStop);
  };

  enter();
  process.once("exit", leave);
  for (const s of EXIT_SIGNALS) process.once(s, onExitSignal);
  process.on("SIGTSTP", onStop);
  return { suspend, close };
}
