/**
 * `mqtutor playground`: a REPL with a live broker on a manual clock. On a terminal, Node's REPL
 * with history in MQTUTOR_HOME; without one, statements are read from stdin and their results
 * printed, so a script can pipe a session in (exit 1 if any input failed).
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { ChecksFailed } from "../../errors.js";
import { runPiped } from "../../playground/piped.js";
import { runRepl } from "../../playground/repl.js";
import { createPlayground } from "../../playground/session.js";
import { prefersAscii } from "../../ui/pictures/glyphs.js";
import { type CommandContext, progressHome, useColor, width } from "../context.js";

/** The history file, kept beside the progress log. */
export const HISTORY_FILE = "playground_history";

export async function runPlayground(ctx: CommandContext, opts: { ascii?: boolean }): Promise<void> {
  const { io } = ctx;
  const terminal = Boolean(io.stdin.isTTY && io.stdout.isTTY);
  const pg = createPlayground({
    print: (line) => io.stdout.write(`${line}\n`),
    // A terminal may be resized between two pictures.
    width: () => width(ctx),
    // --no-color is NO_COLOR's flag, so it gets ASCII pictures too.
    ascii: prefersAscii(io.env, opts.ascii === true || ctx.globals.color === false),
    breakOnSigint: terminal,
  });
  try {
    if (!terminal) {
      const { failures } = await runPiped(pg, { input: io.stdin, write: (t) => io.stdout.write(t), writeErr: (t) => io.stderr.write(t) });
      if (failures > 0) throw new ChecksFailed();
      return;
    }
    await runRepl(pg, {
      input: io.stdin,
      output: io.stdout as NodeJS.WritableStream,
      terminal: io.env.TERM !== "dumb",
      useColors: useColor(ctx),
      historyFile: await historyFile(ctx),
      warn: (m) => io.stderr.write(`${m}\n`),
      width: () => width(ctx),
    });
  } finally {
    pg.dispose();
  }
}

async function historyFile(ctx: CommandContext): Promise<string | null> {
  const home = await progressHome(ctx);
  try {
    mkdirSync(home, { recursive: true });
    return join(home, HISTORY_FILE);
  } catch (err) {
    ctx.io.stderr.write(`History is off: cannot create ${home} (${(err as Error).message}).\n`);
    return null;
  }
}
