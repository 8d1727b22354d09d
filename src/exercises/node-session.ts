/**
 * One learner's exercise session: the workspace, a warm compiler and a warm check child. `verify`
 * uses it once; the watch loop keeps it for every save. Everything here is the edge between the
 * pure result model and Node (files, processes).
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Exercise } from "../content/model.js";
import { Compiler } from "./node-compile.js";
import { sourceNames } from "./source-names.js";
import { CheckRunner } from "./node-runner.js";
import type { RunResult } from "./result.js";
import { learnerFile, prepareWorkspace } from "./fs-workspace.js";

/** The root of the running mqtutor package (where package.json and dist/ are). */
export function packageRoot(from = import.meta.url): string {
  let dir = dirname(fileURLToPath(from));
  for (;;) {
    const pkg = join(dir, "package.json");
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, "utf8")) as { name?: string }).name === "mqtutor") return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error("cannot find the mqtutor package root");
    dir = up;
  }
}

export interface SessionOptions {
  workspace: string;
  /** The course root (exercise folders are relative to it). */
  courseRoot: string;
  env?: NodeJS.ProcessEnv;
  timeLimitMs?: number;
  /** The native tsc (found when not given); `null` checks with TypeScript 5 in-process. */
  nativeTsc?: string | null;
}

export interface CheckOptions {
  /** Replay a property's counterexample: `seed` or `seed:path`, as a failure prints it. */
  seed?: string;
  /** Check this file instead of the learner's (the dev check runs starters and solutions). */
  file?: string;
}

export class ExerciseSession {
  readonly workspace: string;
  private readonly compiler: Compiler;
  private readonly runner: CheckRunner;
  private readonly ownFiles = new Map<string, string[]>();

  constructor(private readonly options: SessionOptions) {
    const root = packageRoot();
    const ws = prepareWorkspace(options.workspace, root);
    this.workspace = ws.dir;
    const version = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string }).version;
    this.compiler = new Compiler(
      {
        workspace: ws.dir,
        brokerJs: join(root, "dist", "broker.js"),
        checkApiJs: join(root, "dist", "exercises", "check-api.js"),
        envDts: ws.envDts,
        version,
      },
      options.nativeTsc === undefined ? {} : { nativeTsc: options.nativeTsc },
    );
    this.runner = new CheckRunner({
      childJs: join(root, "dist", "exercises", "check-child.js"),
      workspace: ws.dir,
      ...(options.env ? { env: options.env } : {}),
      ...(options.timeLimitMs ? { timeLimitMs: options.timeLimitMs } : {}),
    });
  }

  /** Starts the check child ahead of the first run. */
  prepare(): void {
    this.runner.prepare();
  }

  /** The learner's file for an exercise (absolute). */
  fileFor(exercise: Exercise): string {
    return learnerFile(this.workspace, exercise.dir);
  }

  /**
   * The learner's other files that `file` read when it was last checked (modules of their own,
   * their declarations): a save to one is a change to `file`'s verdict.
   */
  ownFilesOf(file: string): string[] {
    return this.ownFiles.get(file) ?? [];
  }

  async check(exercise: Exercise, options: CheckOptions = {}): Promise<RunResult> {
    const started = performance.now();
    const file = options.file ?? this.fileFor(exercise);
    const base = { exercise: exercise.slug, file, checks: [], typeProblems: [] };
    const elapsed = () => Math.round(performance.now() - started);
    if (!existsSync(file)) {
      return { ...base, status: "not-started", message: `You have not started this exercise: ${file} does not exist.`, ms: elapsed() };
    }
    this.runner.prepare();
    const checkFile = join(this.options.courseRoot, exercise.testFiles[0]!);
    const [check, subject] = await Promise.all([this.compiler.compileCheck(checkFile), this.compiler.compileSubject(file)]);
    const own = () => this.ownFiles.set(file, [...subject.locals, ...subject.declarations]);
    own();
    // A file known not to compile is never run.
    if (subject.typeProblems?.length) return { ...base, status: "type-error", typeProblems: subject.typeProblems, ms: elapsed() };
    const running = this.runner.run(
      {
        checkUrl: check.url,
        subjectUrl: subject.url,
        ...(options.seed ? { replay: parseSeed(options.seed) } : {}),
        ...(subject.locals.length > 0 ? { fresh: true } : {}),
      },
      // The learner's own modules load once per process: a kept child would hand the next run
      // this run's instances, state and all.
      { keepWarm: subject.locals.length === 0 },
    );
    // TypeScript 5's type check overlaps the run; its verdict comes first all the same.
    const typeProblems = await subject.typeCheck();
    own(); // TypeScript 5 names the declarations it read only now
    const run = await running;
    if (typeProblems.length > 0) return { ...base, status: "type-error", typeProblems, ms: elapsed() };
    const output = run.output.trim() ? { output: run.output } : {};
    if (run.kind === "timeout") {
      return {
        ...base,
        ...output,
        status: "timeout",
        message:
          `Your code did not finish within ${(this.options.timeLimitMs ?? 10_000) / 1000} s, so the run was stopped. ` +
          `Look for a loop that never ends, or one that waits for a message that never comes.`,
        ms: elapsed(),
      };
    }
    if (run.kind === "died") return { ...base, ...output, status: "crashed", message: run.message, ms: elapsed() };
    // The learner's files by their own names, not by their compiled copies in the cache.
    const named = (message: string) => sourceNames(message, this.workspace, { js: fileURLToPath(subject.url), file });
    if (run.outcome.kind === "load-failed") {
      return { ...base, ...output, status: "crashed", message: named(run.outcome.message), ms: elapsed() };
    }
    const checks = run.outcome.checks;
    const passed = checks.length > 0 && checks.every((c) => c.passed);
    if (run.crash) return { ...base, ...output, checks, status: "crashed", message: named(run.crash), ms: elapsed() };
    return { ...base, ...output, checks, status: passed ? "passed" : "failed", ms: elapsed() };
  }

  close(): void {
    this.runner.close();
  }
}

/** `123` or `123:4:0:1` (seed, then fast-check's shrink path). */
export function parseSeed(text: string): { seed: number; path?: string } {
  const [seed, ...path] = text.split(":");
  const n = Number(seed);
  if (!Number.isInteger(n)) throw new Error(`--seed takes a number, optionally followed by :path (as a failure prints it), not "${text}"`);
  return path.length ? { seed: n, path: path.join(":") } : { seed: n };
}
