/** Messages between the app and its check child (over Node's IPC channel, as JSON). */
import type { RunChecksOutcome } from "./run-checks.js";

export interface RunRequest {
  type: "run";
  id: number;
  checkUrl: string;
  subjectUrl: string;
  replay?: { seed: number; path?: string };
  numRuns?: number;
}

export type ChildMessage =
  | { type: "ready" }
  | { type: "result"; id: number; outcome: RunChecksOutcome; output: string; crash?: string };
