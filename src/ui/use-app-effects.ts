/**
 * The app's dealings with the world outside the screen, kept out of App.tsx: recording progress
 * without letting a failed write take the screen down, and suspending with Ctrl+Z.
 */
import { useRef, useState } from "react";
import type { ProgressEvent } from "../learning/progress-events.js";
import { type ProgressState, applyEvent } from "../learning/progress-state.js";

/**
 * Filled in by the app for the terminal layer (cli/interactive.ts), which calls it on signals:
 * SIGTERM and SIGHUP save the reading position before the process ends; SIGTSTP suspends as
 * Ctrl+Z does.
 */
export interface AppControls {
  /** Saves what is not saved yet (the reading position). Synchronous: the process exits next. */
  flush?: () => void;
  /** Suspends as Ctrl+Z does, redrawing on resume. */
  suspend?: () => void;
}

/**
 * Progress as the app shows it, and `save`, which records an event through `record`. A failed
 * write (full disk, read-only home) does not stop the app: the event still counts for this
 * session, and `warning` says, in one line, that progress is not being saved.
 */
export function useRecorder(initial: ProgressState, record: (event: ProgressEvent) => ProgressState) {
  const [progress, setProgress] = useState(initial);
  const [warning, setWarning] = useState<string | null>(null);
  const save = (event: ProgressEvent) => {
    try {
      setProgress(record(event));
    } catch (error) {
      setProgress((p) => applyEvent(p, event));
      setWarning(`! Progress not saved: ${reason(error)}`);
    }
  };
  return { progress, save, warning };
}

/**
 * The first line of the message, without the file name a DataError puts in front (the file is
 * named in full on stderr once the app exits): the reason has to fit one line at 40 columns.
 */
function reason(error: unknown): string {
  const first = (error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "";
  const file = (error as { file?: unknown } | null)?.file;
  return typeof file === "string" && first.startsWith(`${file}: `) ? first.slice(file.length + 2) : first;
}

/**
 * Ctrl+Z. `onSuspend` hands the terminal back and stops the process; it resolves once the
 * shell has resumed it (fg) and the terminal is set up again. The screen was cleared meanwhile
 * and Ink redraws only what changed, so the app draws nothing (`blank`) for a moment, then
 * everything.
 */
export function useSuspend(onSuspend: (() => Promise<void>) | undefined) {
  const [blank, setBlank] = useState(false);
  const busy = useRef(false);
  const suspend = () => {
    if (!onSuspend || busy.current) return;
    busy.current = true;
    void onSuspend().then(() => {
      busy.current = false;
      setBlank(true);
      // Later than Ink's render throttle (33 ms at 30 fps), so both frames are written.
      setTimeout(() => setBlank(false), 60);
    });
  };
  return { suspend, blank };
}
