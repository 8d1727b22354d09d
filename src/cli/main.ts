/**
 * Entry point of the bundled CLI: runs the program and turns every outcome into an exit code.
 * Typed errors thrown anywhere are caught here, once (the changesets `ExitError` habit).
 */
import { CommanderError } from "commander";
import { ExitCode, MqtutorError, escapeControl } from "../errors.js";
import type { CliIO } from "./context.js";
import { createProgram } from "./program.js";

export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  const program = createProgram(io);
  try {
    await program.parseAsync(argv, { from: "user" });
    return ExitCode.Ok;
  } catch (err) {
    return exitCodeFor(err, io);
  }
}

function exitCodeFor(err: unknown, io: CliIO): number {
  if (err instanceof CommanderError) {
    // Help and version exit 0; every other commander error is a usage error (DESIGN §2: 2).
    if (err.exitCode === 0) return ExitCode.Ok;
    io.stderr.write(`Run "mqtutor --help" to see the commands and options.\n`);
    return ExitCode.Usage;
  }
  // Messages may quote what the learner typed: escape control characters (errors.ts).
  if (err instanceof MqtutorError) {
    if (err.message !== "") io.stderr.write(`${escapeControl(err.message)}\n`);
    return err.exitCode;
  }
  const e = err as Error;
  io.stderr.write(
    `mqtutor hit an unexpected error: ${escapeControl(e?.message ?? String(err))}\n` +
      `This is a bug; please report it with the command you ran.\n` +
      (io.env.MQTUTOR_DEBUG ? `${e?.stack ?? ""}\n` : ""),
  );
  return 70;
}

function processIO(): CliIO {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env };
}
