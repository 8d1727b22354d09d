/**
 * The commander program, built by a factory so tests can drive it with captured output. Each
 * command's module is imported only when that command runs.
 */
import { Command, InvalidArgumentError } from "commander";
import { UsageError, escapeControl, quoteArg } from "../errors.js";
import { type CliIO, type CommandContext, type GlobalOptions, expandHome } from "./context.js";

declare const MQTUTOR_VERSION: string;
const version = typeof MQTUTOR_VERSION === "string" ? MQTUTOR_VERSION : "0.0.0-dev";

function examples(lines: string[]): string {
  return `\nExamples:\n${lines.map((l) => `  $ ${l}`).join("\n")}\n`;
}

export function createProgram(io: CliIO): Command {
  const program = new Command("mqtutor");
  const ctx = (cmd: Command): CommandContext => ({ io, globals: cmd.optsWithGlobals<GlobalOptions>() });

  program
    .description("Learn message queues and event-driven design in the terminal.")
    .version(version, "-V, --version", "print the version")
    .option("--home <dir>", "where progress is kept (env: MQTUTOR_HOME; default: your platform's data directory)", directory(io))
    .option("--workspace <dir>", "where your exercise files live (env: MQTUTOR_WORKSPACE; default: ~/mqtutor-exercises)", directory(io))
    .option("--no-color", "no colours (also NO_COLOR=1 or TERM=dumb)")
    .addHelpText("after", examples(["mqtutor", "mqtutor read 1", "mqtutor lessons --json", "mqtutor progress"]))
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput(output(io))
    .argument("[command]")
    .usage("[options] [command]")
    // Our own `help` command (added last, below): commander's prints the full help for `help bogus`.
    .helpCommand(false)
    .action(async (unknown: string | undefined, _opts, cmd: Command) => {
      if (unknown !== undefined) throw unknownCommand(unknown, cmd);
      const { runHome } = await import("./commands/home.js");
      await runHome(ctx(cmd));
    });

  program
    .command("lessons")
    .description("list the lessons with what you have read")
    .option("--json", "print JSON for scripts")
    .addHelpText("after", examples(["mqtutor lessons", "mqtutor lessons --json"]))
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const { runLessons } = await import("./commands/lessons.js");
      await runLessons(ctx(cmd), opts);
    });

  program
    .command("read")
    .description("read a lesson: a scrollable reader on a terminal, text otherwise")
    .argument("<lesson>", "lesson number (1-10) or id, e.g. 3 or dead-letter-queues")
    .option("--plain", "print the lesson as text instead of opening the reader")
    .addHelpText("after", examples(["mqtutor read 1", "mqtutor read dead-letter-queues", "mqtutor read 4 --plain | less"]))
    .action(async (lesson: string, opts: { plain?: boolean }, cmd: Command) => {
      const { runRead } = await import("./commands/read.js");
      await runRead(ctx(cmd), lesson, opts);
    });

  program
    .command("cheatsheet")
    .description("print the cheat sheets, of one lesson or all")
    .argument("[lesson]", "lesson number or id; all lessons when omitted")
    .addHelpText("after", examples(["mqtutor cheatsheet", "mqtutor cheatsheet 5"]))
    .action(async (lesson: string | undefined, _opts, cmd: Command) => {
      const { runCheatsheet } = await import("./commands/cheatsheet.js");
      await runCheatsheet(ctx(cmd), lesson);
    });

  program
    .command("progress")
    .description("show what you have done")
    .option("--json", "print JSON for scripts: { lessons: [{ id, number, title, read }] }")
    .addHelpText("after", examples(["mqtutor progress", "mqtutor progress --json", "mqtutor --home /tmp/p progress"]))
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const { runProgress } = await import("./commands/progress.js");
      await runProgress(ctx(cmd), opts);
    });

  program
    .command("help")
    .description("show help for a command")
    .argument("[command]")
    .action((name: string | undefined) => {
      if (name === undefined) return program.help();
      const sub = program.commands.find((c) => c.name() === name || c.aliases().includes(name));
      if (!sub) throw unknownCommand(name, program);
      sub.help();
    });

  for (const sub of program.commands) {
    sub.exitOverride().configureOutput(output(io)).allowExcessArguments(false);
  }
  // `mqtutor frobnicate 3` is an unknown command, not "too many arguments" (the action says so).
  program.allowExcessArguments(true);
  return program;
}

/** Help goes to the captured streams at their width (80 when not a terminal, so help is stable). */
function output(io: CliIO) {
  const helpWidth = () => Math.max(40, Math.min(100, io.stdout.isTTY ? (io.stdout.columns ?? 80) : 80));
  return {
    writeOut: (s: string) => io.stdout.write(s),
    // commander quotes what was typed ("unknown option '…'"): escape control characters.
    writeErr: (s: string) => io.stderr.write(escapeControl(s)),
    getOutHelpWidth: helpWidth,
    getErrHelpWidth: helpWidth,
  };
}

/**
 * The value of --home or --workspace: not empty, a leading `~` expanded as a shell would (it
 * does not after `=`, as in `--home=~/x`), made absolute so messages print it in full.
 */
function directory(io: CliIO) {
  return (value: string): string => {
    if (value.trim() === "") throw new InvalidArgumentError("Give a directory, e.g. --home ~/mqtutor.");
    return expandHome(value, io.env);
  };
}

function unknownCommand(name: string, program: Command): UsageError {
  const names = program.commands.map((c) => c.name()).filter((n) => n !== "help");
  return new UsageError(`Unknown command ${quoteArg(name)}.\nThe commands are: ${names.join(", ")}. Run "mqtutor --help" for details.`);
}
