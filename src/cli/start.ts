/**
 * What the binary runs first (dist/start.js; bin/mqtutor.js imports it). It parses the command
 * line with the fast path (fast-path.ts) and runs the plain commands that scripts and learners
 * run most — `lessons`, `progress`, `exercises`, `cheatsheet`, `read --plain` — from
 * dist/plain/<command>.js, each one file holding all the command needs: a start that loads two
 * small modules instead of a dozen chunks and commander (issue 7 §2). Every other command line
 * (the app, quizzes, exercises, help, errors, a course being edited) goes to the full CLI,
 * dist/cli.js, which parses it again.
 *
 * scripts/build.mjs bundles these files without code splitting. A module that a plain command
 * imports lazily and that is not bundled with it throws if ever reached (the build's
 * `plainBundles` plugin): this file must route such lines to cli.js.
 */
import { ExitCode } from "../errors.js";
import { type CliIO, isInteractive, processIO } from "./context.js";
import type { Invocation } from "./dispatch.js";
import { parseFast } from "./fast-path.js";
import type { PlainRun } from "./plain/entry.js";
import { version } from "./version.js";

type PlainModule = Promise<{ run: PlainRun }>;

/** The bundle that runs this line by itself, or undefined to hand it to cli.js. */
function plainModule({ command, opts }: Invocation, interactive: boolean): PlainModule | undefined {
  switch (command) {
    case "lessons":
      return import("./plain/lessons.js");
    case "progress":
      return import("./plain/progress.js");
    case "exercises":
      return import("./plain/exercises.js");
    case "cheatsheet":
      return import("./plain/cheatsheet.js");
    case "read":
      // On a terminal without --plain, `read` opens the reader: the full app's job.
      return opts.plain || !interactive ? import("./plain/read.js") : undefined;
    default:
      return undefined;
  }
}

export async function start(argv: string[], io: CliIO = processIO()): Promise<number> {
  // A course read from its files (MQTUTOR_CONTENT) needs the validating loader of cli.js.
  const parsed = io.env.MQTUTOR_CONTENT ? undefined : parseFast(argv, io.env);
  if (parsed?.version) {
    io.stdout.write(`${version}\n`);
    return ExitCode.Ok;
  }
  if (parsed) {
    const ctx = { io, globals: parsed.globals };
    const plain = plainModule(parsed.invocation, isInteractive(ctx));
    const code = plain && (await (await plain).run(ctx, parsed.invocation));
    if (code !== undefined) return code;
  }
  const { main } = await import("./main.js");
  return main(argv, io);
}
