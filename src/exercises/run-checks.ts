/**
 * Runs one check module against one subject module, in this process: imports the check file
 * with a fresh registry (so the same file can run again for the next save), then runs its checks
 * one at a time with a time limit each. Used inside the check child (see check-child.ts).
 */
import { setCheckRun, type CheckRun } from "./check-registry.js";
import { CheckFailure } from "./expect.js";
import type { CheckResult } from "./result.js";

export interface RunChecksInput {
  /** file: URL of the check module (a query string makes a fresh instance). */
  checkUrl: string;
  /** file: URL of the compiled learner (or starter/solution) module. */
  subjectUrl: string;
  replay?: CheckRun["replay"];
  numRuns?: number;
  now?: () => number;
}

export type RunChecksOutcome =
  | { kind: "ran"; checks: CheckResult[] }
  /** Loading the check module failed: the subject threw at load or lacks an export. */
  | { kind: "load-failed"; message: string };

export async function runChecks(input: RunChecksInput): Promise<RunChecksOutcome> {
  const now = input.now ?? (() => performance.now());
  const run: CheckRun = {
    subjectUrl: input.subjectUrl,
    checks: [],
    prefix: [],
    ...(input.replay ? { replay: input.replay } : {}),
    ...(input.numRuns ? { numRuns: input.numRuns } : {}),
  };
  setCheckRun(run);
  try {
    await import(input.checkUrl);
  } catch (err) {
    return { kind: "load-failed", message: loadMessage(err) };
  }
  const results: CheckResult[] = [];
  for (const check of run.checks) {
    run.running = check.name;
    const started = now();
    try {
      await withTimeout(Promise.resolve().then(check.fn), check.timeout);
      results.push({ name: check.name, passed: true, ms: Math.round(now() - started) });
    } catch (err) {
      results.push({ name: check.name, passed: false, ms: Math.round(now() - started), ...failureFields(err) });
    }
  }
  run.running = undefined;
  return { kind: "ran", checks: results };
}

function loadMessage(err: unknown): string {
  if (err instanceof CheckFailure) return err.message;
  const e = err as Error;
  return `Your file threw while it was loading: ${e?.name ?? "Error"}: ${e?.message ?? String(err)}${stackHint(e)}`;
}

/** The first stack line that points into the learner's file, if any. */
function stackHint(e: Error | undefined): string {
  const line = e?.stack?.split("\n").find((l) => l.includes("/.mqtutor/build/") || l.includes("/exercises/"));
  return line ? `\n  ${line.trim()}` : "";
}

function failureFields(err: unknown): Partial<CheckResult> {
  if (err instanceof CheckFailure) {
    return {
      message: err.message,
      ...(err.expected !== undefined ? { expected: err.expected } : {}),
      ...(err.actual !== undefined ? { actual: err.actual } : {}),
      ...(err.timeline ? { timeline: err.timeline } : {}),
      ...(err.replay ? { replay: err.replay } : {}),
      ...(err.pictures?.length ? { pictures: err.pictures } : {}),
    };
  }
  if (err instanceof TimeoutError) return { message: err.message };
  const e = err as Error;
  return { message: `Your code threw ${e?.name ?? "an error"}: ${e?.message ?? String(err)}${stackHint(e)}` };
}

class TimeoutError extends Error {}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new TimeoutError(
            `This check did not finish within ${ms / 1000} s. Something your code awaits never settles ` +
              `(a promise that is never resolved, a loop waiting for a message that never comes?).`,
          ),
        ),
      ms,
    );
  });
  return Promise.race([p, limit]).finally(() => clearTimeout(timer));
}
