/**
 * The playground without a terminal: reads input from a stream, one statement at a time (a
 * statement may span lines, as in the REPL), runs each to completion before reading on, and
 * prints each value that is not undefined. Dot-commands work as in the REPL. So a script can
 * pipe a session in and read the results:
 *
 *   printf 'topic("orders", 3)\nproduce("orders", "k", "v")\n.draw orders\n' | mqtutor playground
 *
 * Errors go to `writeErr` with the line their input started on; the loop carries on, and the
 * result says how many inputs failed.
 */
import { createInterface } from "node:readline";
import { formatError, formatValue } from "./format.js";
import type { Playground } from "./session.js";

export interface PipedOptions {
  input: NodeJS.ReadableStream;
  write(text: string): void;
  writeErr(text: string): void;
}

export interface PipedResult {
  /** Inputs that threw or did not parse, and an unfinished statement at the end. */
  failures: number;
}

export async function runPiped(pg: Playground, io: PipedOptions): Promise<PipedResult> {
  const lines = createInterface({ input: io.input, crlfDelay: Infinity, terminal: false });
  let buffer = "";
  let start = 0;
  let n = 0;
  let failures = 0;
  const fail = (line: number, message: string) => {
    failures++;
    io.writeErr(`line ${line}: ${message}\n`);
  };
  for await (const line of lines) {
    n++;
    if (buffer === "") {
      if (line.trim() === "") continue;
      const command = /^\s*\.([a-z]+)\s*(.*)$/i.exec(line);
      if (command) {
        const out = runCommand(pg, command[1]!.toLowerCase(), command[2]!);
        if (out === "exit") break;
        if (out.error) fail(n, out.error);
        for (const l of out.lines) io.write(`${l}\n`);
        continue;
      }
      start = n;
    }
    buffer += `${line}\n`;
    const outcome = await pg.evaluate(buffer);
    if (outcome.kind === "incomplete") continue;
    buffer = "";
    if (outcome.kind === "error") fail(start, formatError(outcome.error));
    else if (outcome.value !== undefined) io.write(`${formatValue(outcome.value)}\n`);
  }
  lines.close();
  if (buffer !== "") fail(start, "the input ended in the middle of a statement (a bracket or a quote left open?).");
  return { failures };
}

function runCommand(pg: Playground, name: string, args: string): "exit" | { lines: string[]; error?: string } {
  switch (name) {
    case "draw":
      return { lines: pg.draw(args) };
    case "help":
      return { lines: pg.help() };
    case "exit":
      return "exit";
    case "break":
    case "clear":
      return { lines: [] };
    case "editor":
      return { lines: [], error: ".editor needs a terminal; without one, statements may span several lines as they are." };
    default:
      return { lines: [], error: `.${name} is not a playground command; the commands are .draw, .help and .exit.` };
  }
}
