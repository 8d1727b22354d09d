/**
 * The composition root's view of the outside world. Everything a command touches (streams,
 * environment, course files, progress store) comes through here, so commands are tested with
 * captured output and temporary directories.
 */
import { statSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join, resolve } from "node:path";
import type { Course } from "../content/model.js";
import { DataError } from "../errors.js";

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

/** The real process's streams and environment. */
export function processIO(): CliIO {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env };
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

/**
 * A full-screen UI needs a terminal on both ends, and one that moves the cursor: with
 * TERM=dumb (Emacs shells, some CI logs) the alternate screen and cursor codes would print as
 * garbage, so those get the plain output too.
 */
export function isInteractive(ctx: CommandContext): boolean {
  return Boolean(ctx.io.stdout.isTTY && ctx.io.stdin.isTTY) && ctx.io.env.TERM !== "dumb";
}

/**
 * `~` and `~/…` become the home directory, as a shell would expand them (it does not in
 * `--home=~/x` or a quoted `MQTUTOR_HOME="~/x"`); the result is absolute. `~user` is left alone.
 */
export function expandHome(path: string, env: NodeJS.ProcessEnv): string {
  const home = env.HOME || homedir();
  if (path === "~") return home;
  if (path.startsWith("~/")) return join(home, path.slice(2));
  return resolve(path);
}

/** Where progress lives: --home, else MQTUTOR_HOME, else the platform data directory. */
export async function progressHome(ctx: CommandContext): Promise<string> {
  const home = ctx.globals.home ?? (ctx.io.env.MQTUTOR_HOME ? expandHome(ctx.io.env.MQTUTOR_HOME, ctx.io.env) : undefined);
  if (home !== undefined) {
    mustBeDirectory(home, "Point --home (or MQTUTOR_HOME) at a directory; it is created if missing.");
    return home;
  }
  const { defaultHome } = await import("../learning/fs-progress-store.js");
  return defaultHome(ctx.io.env);
}

/**
 * Refuses a directory option that names a file (or lies under one): "does not exist" or
 * ENOTDIR would send the learner looking in the wrong place. A missing path is fine: it is
 * created when first written.
 *
 * @throws DataError `NOT_A_DIRECTORY`, naming the file.
 */
export function mustBeDirectory(path: string, fix: string): void {
  for (let p = path; ; p = dirname(p)) {
    let stat;
    try {
      stat = statSync(p);
    } catch {
      stat = undefined; // missing, or under a file (ENOTDIR): look at the parent
    }
    if (stat) {
      if (!stat.isDirectory()) throw new DataError(p, `is a file, not a directory.\n${fix}`, "NOT_A_DIRECTORY");
      return;
    }
    if (dirname(p) === p) return;
  }
}

/**
 * The course: the bundled app's prebuilt index when it is current (no YAML, no schema library:
 * the start-up budget of DESIGN §4), else the files of `MQTUTOR_CONTENT` or of the package,
 * read and validated.
 */
export async function loadCourseFor(ctx: CommandContext): Promise<Course> {
  if (!ctx.io.env.MQTUTOR_CONTENT) {
    const { loadBundledCourse } = await import("../content/fs-course-index.js");
    const course = loadBundledCourse();
    if (course) return course;
  }
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

/**
 * Columns for plain output. On a terminal, its width; otherwise `COLUMNS` when it is a number
 * (as GNU tools do, so a script or a screen reader user can choose), else 80. Never more than
 * 100 (long lines read badly) nor less than 40 (the narrowest width the course is checked at)
 * or, on a terminal narrower than that, 20.
 */
export function width(ctx: CommandContext): number {
  const { stdout, env } = ctx.io;
  if (stdout.isTTY && stdout.columns) return Math.max(20, Math.min(100, stdout.columns));
  const asked = /^\d+$/.test(env.COLUMNS?.trim() ?? "") ? Number(env.COLUMNS) : 80;
  return Math.max(40, Math.min(100, asked));
}
