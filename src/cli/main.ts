/**
 * Entry point of the bundled CLI: runs the program and turns every outcome into an exit code.
 * Typed errors thrown anywhere are caught here, once (the changesets `ExitError` habit).
 *
 * The common command lines are parsed by the fast path and run at once; commander (and its
 * ~120 KB) loads only for the rest: help, errors, unusual spellings (fast-path.ts).
 */
import { ExitCode } from "../errors.js";
import { type CliIO, processIO } from "./context.js";
import { dispatch } from "./dispatch.js";
import { exitCodeFor } from "./exit-code.js";
import { parseFast } from "./fast-path.js";
import { version } from "./version.js";

export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  try {
    const fast = parseFast(argv, io.env);
    if (fast?.version) {
      io.stdout.write(`${version}\n`);
      return ExitCode.Ok;
    }
    if (fast) {
      await dispatch({ io, globals: fast.globals }, fast.invocation);
      return ExitCode.Ok;
    }
    const { runProgram } = await import("./program.js");
    return await runProgram(argv, io);
  } catch (err) {
    return exitCodeFor(err, io);
  }
}

