/**
 * The composition root's view of the outside world. Everything a command touches (streams,
 * environment, course files, progress store) comes through here, so commands are tested with
 * captured output and temporary directories.
 */
import type { Course } from "../content/model.js";

/** A writable stream as commands need it; process.stdout fits, and so does a test double. */
export interface OutStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
  rows?: number;
}

export interface CliIO {
  stdout: OutStream;
  stderr: OutStream;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
}

/** Options every command accepts (DESIGN §2 "Global"). */
export interface GlobalOptions {
  home?: string;
  workspace?: string;
  color?: boolean;
}

export interface CommandContext {
  io: CliIO;
  globals: GlobalOptions;
}

/** Colour only on a terminal, and never with NO_COLOR, --no-color or TERM=dumb. */
export function useColor(ctx: CommandContext): boolean {
  const { env, stdout } = ctx.io;
  if (ctx.globals.color === false) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.TERM === "dumb" || env.FORCE_COLOR === "0") return false;
  return Boolean(stdout.isTTY);
}

/** A full-screen UI needs a terminal on both ends. */
export function isInteractive(ctx: CommandContext): boolean {
  return Boolean(ctx.io.stdout.isTTY && ctx.io.stdin.isTTY);
}

/** Where progress lives: --home, else MQTUTOR_HOME, else the platform data directory. */
export async function progressHome(ctx: CommandContext): Promise<string> {
  if (ctx.globals.home) return ctx.globals.home;
  const { defaultHome } = await import("../learning/fs-progress-store.js");
  return defaultHome(ctx.io.env);
}

export async function loadCourseFor(ctx: CommandContext): Promise<Course> {
  const { loadCourse, defaultCourseRoot } = await import("../content/fs-source.js");
  return loadCourse(ctx.io.env.MQTUTOR_CONTENT || defaultCourseRoot());
}

/** Opens the progress store and loads it, printing any skipped-line warnings on stderr. */
export async function openProgress(ctx: CommandContext) {
  const { ProgressStore } = await import("../learning/fs-progress-store.js");
  const store = new ProgressStore(await progressHome(ctx));
  const loaded = store.load();
  for (const w of loaded.warnings) ctx.io.stderr.write(`warning: ${w}\n`);
  return { store, ...loaded };
}

export function width(ctx: CommandContext): number {
  return Math.min(100, ctx.io.stdout.columns ?? 80);
}
