/**
 * The result model of one exercise run: what the learner's file did against its checks. Plain
 * data, sent from the check child to the parent as JSON and printed by `verify` and the
 * exercise screen alike.
 */

/** One failed or passed check, named as in the check file (`describe` › `it`). */
export interface CheckResult {
  /** e.g. "worker pool › never runs more than `limit` handlers at once". */
  name: string;
  passed: boolean;
  /** Why it failed, in plain words (absent when passed). */
  message?: string;
  /** What the check expected and what it got, already printed for people. */
  expected?: string;
  actual?: string;
  /** For property checks: the shrunk counterexample as a timeline of broker events. */
  timeline?: string[];
  /** For property checks: how to replay exactly this case (`--seed <replay>`). */
  replay?: string;
  /** For property checks that show their brokers: picture data of their final state (src/ui/pictures). */
  pictures?: unknown[];
  /** Milliseconds the check took. */
  ms: number;
}

/** A type error in the learner's file, reported before any check runs. */
export interface TypeProblem {
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  message: string;
}

/** How a run ended, from the learner's point of view. */
export type RunStatus =
  /** Every check passed. */
  | "passed"
  /** At least one check failed. */
  | "failed"
  /** The file does not type-check (or does not parse); no check ran. */
  | "type-error"
  /** The learner's code crashed the run: a throw at load, process.exit, an unhandled rejection. */
  | "crashed"
  /** The run did not finish within the time limit (an endless loop, a promise never settled). */
  | "timeout"
  /** The learner's file does not exist yet. */
  | "not-started";

export interface RunResult {
  /** The exercise's slug. */
  exercise: string;
  /** Absolute path of the learner's file. */
  file: string;
  status: RunStatus;
  /** In the order the check file declares them (empty when no check ran). */
  checks: CheckResult[];
  typeProblems: TypeProblem[];
  /** For crashed/timeout/not-started: what happened and what to do, in plain words. */
  message?: string;
  /** What the learner's code printed (console.log and friends), truncated. */
  output?: string;
  /** Wall-clock milliseconds of the whole run. */
  ms: number;
}

/** The first failed check, if any. */
export function firstFailure(result: RunResult): CheckResult | undefined {
  return result.checks.find((c) => !c.passed);
}
