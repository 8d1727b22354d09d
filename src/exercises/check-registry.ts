/**
 * Where `describe`/`it` put the checks of the run in progress. The check child sets a fresh
 * registry before it imports a check module, so the same module can be loaded again for the
 * next run (a new URL each time) while the shared check API keeps no state of its own.
 */

export interface RegisteredCheck {
  name: string;
  fn: () => unknown;
  /** Per-check time limit in milliseconds. */
  timeout: number;
}

export interface CheckRun {
  /** file: URL of the compiled learner module. */
  subjectUrl: string;
  checks: RegisteredCheck[];
  /** `describe` names currently open. */
  prefix: string[];
  /** The name of the check now running (properties name their seed after it). */
  running?: string;
  /** Replay a property from `seed:path` (the `--seed` of `verify`). */
  replay?: { seed: number; path?: string };
  /** fast-check runs per property. @default 100 */
  numRuns?: number;
}

const KEY = Symbol.for("mqtutor.check-run");

export function setCheckRun(run: CheckRun | undefined): void {
  (globalThis as Record<symbol, unknown>)[KEY] = run;
}

export function currentRun(): CheckRun {
  const run = (globalThis as Record<symbol, unknown>)[KEY] as CheckRun | undefined;
  if (!run) throw new Error("This check file runs through mqtutor (mqtutor verify), not on its own.");
  return run;
}
