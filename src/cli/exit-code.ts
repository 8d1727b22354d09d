/** Every outcome of a command as an exit code (DESIGN §2), its message on stderr. */
import { MqtutorError, escapeControl } from "../errors.js";
import type { CliIO } from "./context.js";

export function exitCodeFor(err: unknown, io: CliIO): number {
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
