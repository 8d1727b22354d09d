/**
 * The API exercise checks are written in, imported as `mqtutor/checks`: vitest's `describe`,
 * `it`/`test` and `expect` (the subset checks use, same meanings), plus `loadSubject` (the
 * learner's module, or the starter or solution in the dev check) and `property` (a fast-check
 * property whose failure is told as a timeline). One check file serves the starter, the
 * solution and the learner's file alike.
 */
import fc from "fast-check";
import { currentRun } from "./check-registry.js";
import { CheckFailure, show } from "./expect.js";
import { Timeline } from "./timeline.js";

export { expect, fail, CheckFailure } from "./expect.js";
export { Timeline, describeTraceEvent } from "./timeline.js";

/** Default time limit of one check, in milliseconds. */
export const CHECK_TIMEOUT_MS = 5_000;

/** Groups checks under a name, as vitest's `describe` (synchronous body). */
export function describe(name: string, body: () => void): void {
  const run = currentRun();
  run.prefix.push(name);
  try {
    body();
  } finally {
    run.prefix.pop();
  }
}

/** Declares a check, as vitest's `it`. Checks run one at a time, in the order declared. */
export function it(name: string, fn: () => unknown, timeout = CHECK_TIMEOUT_MS): void {
  const run = currentRun();
  run.checks.push({ name: [...run.prefix, name].join(" › "), fn, timeout });
}

export const test = it;

/**
 * The module under check: the learner's file (or the starter or solution in the dev check).
 * Names the exports the checks need, so a missing one is reported in plain words instead of
 * as "x is not a function".
 */
export async function loadSubject<T>(...required: (keyof T & string)[]): Promise<T> {
  const run = currentRun();
  const mod = (await import(run.subjectUrl)) as Record<string, unknown>;
  const missing = required.filter((name) => mod[name] === undefined);
  if (missing.length > 0) {
    const has = Object.keys(mod);
    throw new CheckFailure(
      `Your file must export ${missing.map((m) => `\`${m}\``).join(", ")}.\n` +
        `It exports ${has.length ? has.map((m) => `\`${m}\``).join(", ") : "nothing"}. ` +
        `Keep the names of the starter's exports.`,
    );
  }
  return mod as T;
}

export interface PropertyOptions<T> {
  /** Runs to try. @default 100 (the dev check and `verify` use the same number) */
  numRuns?: number;
  /** How the counterexample is printed above its timeline. @default util.inspect */
  show?: (input: T) => string;
}

/** A stable seed per check, so `verify` says the same thing twice on the same file. */
function seedFor(name: string): number {
  let h = 2166136261;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 16777619);
  return h | 0;
}

/**
 * Checks `run` for every input fast-check generates from `arbitrary` (message orders, fault
 * schedules…). `run` throws (with `expect`) when a guarantee is broken, and writes what happened
 * to the timeline it is given. A failure is shrunk to its smallest case, which is run once more
 * to record its timeline; the report shows that case, its story and the seed to replay it.
 */
export async function property<T>(
  arbitrary: fc.Arbitrary<T>,
  run: (input: T, timeline: Timeline) => unknown,
  options: PropertyOptions<T> = {},
): Promise<void> {
  const current = currentRun();
  const name = current.running ?? "property";
  const replay = current.replay;
  const params: fc.Parameters<[T]> = {
    numRuns: options.numRuns ?? current.numRuns ?? 100,
    seed: replay?.seed ?? seedFor(name),
    ...(replay?.path ? { path: replay.path } : {}),
  };
  const prop = fc.asyncProperty(arbitrary, async (input) => {
    const timeline = new Timeline();
    try {
      await run(input, timeline);
    } finally {
      timeline.close();
    }
  });
  const details = await fc.check(prop, params);
  if (!details.failed || !details.counterexample) return;
  const [input] = details.counterexample;
  // Run the shrunk case once more, this time keeping its story and the brokers' final state.
  const timeline = new Timeline();
  let error: unknown = details.errorInstance;
  try {
    await run(input, timeline);
  } catch (err) {
    error = err;
  } finally {
    timeline.close();
  }
  const pictures = timeline.pictures();
  const base = error instanceof CheckFailure ? error : undefined;
  const message = error instanceof Error ? error.message : String(error);
  throw new CheckFailure(
    `${message}\nSmallest failing case: ${options.show ? options.show(input) : show(input)}`,
    base?.expected,
    base?.actual,
    timeline.entries(),
    `${details.seed}${details.counterexamplePath ? `:${details.counterexamplePath}` : ""}`,
    pictures.length ? pictures : undefined,
  );
}

export { fc };
