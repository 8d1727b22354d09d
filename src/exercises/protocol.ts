/** Messages between the app and its check child (over Node's IPC channel, as JSON). */
import type { RunChecksOutcome } from "./run-checks.js";

export interface RunRequest {
  type: "run";
  id: number;
  checkUrl: string;
  subjectUrl: string;
  replay?: { seed: number; path?: string };
  numRuns?: number;
  /**
   * The run has a process of its own (the learner's file imports modules of theirs): the
   * learner's module is imported by its URL alone, as those modules import it.
   */
  fresh?: boolean;
}

export type ChildMessage =
  | { type: "ready" }
  | { type: "result"; id: number; outcome: RunChecksOutcome; output: string; crash?: string };
