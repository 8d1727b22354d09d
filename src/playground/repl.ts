/**
 * The playground on a terminal: Node's REPL (line editing, history, tab completion, .editor)
 * with our evaluator, our `.draw` and `.help`, and history kept in a file.
 */
import repl from "node:repl";
import type { Outcome } from "./evaluate.js";
import { wrap } from "../ui/plain/wrap-text.js";
import { formatError } from "./format.js";
import type { Playground } from "./session.js";
import { loadTypescript } from "./transpile.js";

export interface ReplOptions {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** Line editing and cursor codes (false for TERM=dumb). */
  terminal: boolean;
  /** Colour in printed values. */
  useColors: boolean;
  /** Where history is kept, or null for none. */
  historyFile: string | null;
  /** Told once if the history file cannot be used. */
  warn(message: string): void;
  /** Columns to wrap the welcome in. */
  width(): number;
}

export const WELCOME = [
  "mqtutor playground: a live broker whose clock moves only when you advance it.",
  'Try: topic("orders", 3), then produce("orders", "k", "v"), then .draw orders',
  ".help lists everything; .exit or Ctrl+D leaves.",
];

/** Runs the REPL until the learner leaves. */
export async function runRepl(pg: Playground, options: ReplOptions): Promise<void> {
  const { output } = options;
  const say = (lines: string[]) => output.write(lines.map((l) => `${l}\n`).join(""));
  say(WELCOME.map((l) => wrap(l, options.width(), 2)));
  const server = repl.start({
    prompt: "mq> ",
    input: options.input,
    output,
    terminal: options.terminal,
    useColors: options.useColors,
    useGlobal: true,
    ignoreUndefined: true,
    eval: (code, _context, _file, done) => {
      const finish = (outcome: Outcome) => {
        if (outcome.kind === "incomplete") return done(new repl.Recoverable(new SyntaxError("unfinished input")), undefined);
        if (outcome.kind === "error") {
          say([formatError(outcome.error)]);
          return done(null, undefined);
        }
        done(null, outcome.value);
      };
      // Synchronous unless the input awaits: the REPL must learn that a line was unfinished
      // before the next line (of a paste) arrives.
      const outcome = runBreakable(options.input, () => pg.evaluate(code));
      if (outcome instanceof Promise) void outcome.then(finish);
      else finish(outcome);
    },
  });
  const command = (name: string, help: string, run: (args: string) => string[]) =>
    server.defineCommand(name, {
      help,
      action(args: string) {
        server.clearBufferedCommand();
        say(run(args));
        server.displayPrompt();
      },
    });
  command("draw", "Draw a topic, queue or exchange (everything without a name)", (args) => pg.draw(args));
  command("help", "What the playground has and how to use it", () => pg.help());

  // The first input would wait for typescript to load: load it while the learner reads.
  setTimeout(loadTypescript, 0);
  if (options.historyFile !== null) {
    server.setupHistory(options.historyFile, (err) => {
      if (err) options.warn(`History is off (${err.message}); the session works without it.`);
    });
  }
  // Code that fails later (a timer, a promise nobody awaited) is reported, not fatal.
  const late = (error: unknown) => {
    say(["", formatError(error)]);
    server.displayPrompt(true);
  };
  process.on("uncaughtException", late);
  process.on("unhandledRejection", late);
  try {
    await new Promise<void>((resolve) => server.on("exit", resolve));
  } finally {
    process.off("uncaughtException", late);
    process.off("unhandledRejection", late);
  }
}

/**
 * Runs `fn` with the terminal out of raw mode, so that Ctrl+C sends SIGINT and stops an input
 * that never ends (the evaluator runs with breakOnSigint); as Node's own REPL does.
 */
function runBreakable<T>(input: NodeJS.ReadableStream, fn: () => T): T {
  const tty = input as NodeJS.ReadStream;
  const raw = tty.isTTY === true && tty.isRaw;
  if (raw) tty.setRawMode(false);
  try {
    return fn();
  } finally {
    if (raw) tty.setRawMode(true);
  }
}
