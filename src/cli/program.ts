/**
 * The commander program, built by a factory so tests can drive it with captured output. Each
 * command's module is imported only when that command runs.
 */
import { Command, CommanderError, InvalidArgumentError } from "commander";
import { ExitCode, UsageError, escapeControl, quoteArg } from "../errors.js";
import { type CliIO, type GlobalOptions, expandHome } from "./context.js";
import { type Dispatch, type Invocation, dispatch } from "./dispatch.js";
import { version } from "./version.js";


function examples(lines: string[]): string {
  return `\nExamples:\n${lines.map((l) => `  $ ${l}`).join("\n")}\n`;
}

export function createProgram(io: CliIO, dispatchTo: Dispatch = dispatch): Command {
  const program = new Command("mqtutor");
  const run = (cmd: Command, command: string | undefined, args: (string | undefined)[], opts: Invocation["opts"]) => {
    const { home, workspace, color } = cmd.optsWithGlobals<GlobalOptions & Invocation["opts"]>();
    const globals: GlobalOptions = { color };
    if (home !== undefined) globals.home = home;
    if (workspace !== undefined) globals.workspace = workspace;
    return dispatchTo({ io, globals }, { command, args, opts });
  };

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
      await run(cmd, undefined, [], {});
    });

  program
    .command("lessons")
    .description("list the lessons with what you have read")
    .option("--json", "print JSON for scripts")
    .addHelpText("after", examples(["mqtutor lessons", "mqtutor lessons --json"]))
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      await run(cmd, "lessons", [], opts);
    });

  program
    .command("read")
    .description("read a lesson: a scrollable reader on a terminal, text otherwise")
    .argument("<lesson>", "lesson number (1-10) or id, e.g. 3 or dead-letter-queues")
    .option("--plain", "print the lesson as text instead of opening the reader")
    .addHelpText("after", examples(["mqtutor read 1", "mqtutor read dead-letter-queues", "mqtutor read 4 --plain | less"]))
    .action(async (lesson: string, opts: { plain?: boolean }, cmd: Command) => {
      await run(cmd, "read", [lesson], opts);
    });

  program
    .command("cheatsheet")
    .description("print the cheat sheets, of one lesson or all")
    .argument("[lesson]", "lesson number or id; all lessons when omitted")
    .addHelpText("after", examples(["mqtutor cheatsheet", "mqtutor cheatsheet 5"]))
    .action(async (lesson: string | undefined, _opts, cmd: Command) => {
      await run(cmd, "cheatsheet", [lesson], {});
    });

  program
    .command("quiz")
    .description("answer the new and the due quiz questions, of one lesson or all")
    .argument("[lesson]", "lesson number or id; all lessons when omitted")
    .option("--plain", "questions as text, one answer a line from stdin (also without a terminal)")
    .addHelpText(
      "after",
      examples(["mqtutor quiz", "mqtutor quiz 3", "printf '2\\n1,3\\n' | mqtutor quiz 1 --plain"]) +
        "\nPlain answers, one a line: 2 (one choice), 1,3 (several), 3,1,2 (an order, first\nto last), true or false, or the text.\n",
    )
    .action(async (lesson: string | undefined, opts: { plain?: boolean }, cmd: Command) => {
      await run(cmd, "quiz", [lesson], opts);
    });

  program
    .command("review")
    .description("answer the quiz cards that are due, most overdue first")
    .option("--plain", "questions as text, one answer a line from stdin (also without a terminal)")
    .addHelpText("after", examples(["mqtutor review", "mqtutor review --plain"]))
    .action(async (opts: { plain?: boolean }, cmd: Command) => {
      await run(cmd, "review", [], opts);
    });

  program
    .command("exercises")
    .description("list the exercises with their status and where your files are")
    .option("--json", "print JSON for scripts: { workspace, exercises: [{ id, lesson, title, status, hintsUsed, passedAt, file }] }")
    .addHelpText("after", examples(["mqtutor exercises", "mqtutor exercises --json"]))
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      await run(cmd, "exercises", [], opts);
    });

  program
    .command("exercise")
    .description("open an exercise: its task, your file, and checks re-run on every save")
    .argument("<exercise>", "lesson number (1-10) or exercise id, e.g. 3 or retrying-consumer")
    .addHelpText("after", examples(["mqtutor exercise 1", "mqtutor exercise retrying-consumer"]))
    .action(async (id: string, _opts, cmd: Command) => {
      await run(cmd, "exercise", [id], {});
    });

  program
    .command("verify")
    .description("run an exercise's checks once (all exercises without an id); exit 1 if any fails")
    .argument("[exercise]", "lesson number or exercise id; all exercises when omitted")
    .option("--json", "print JSON for scripts: [{ id, file, status, passed, failures: [{ name, message }] }]")
    .option("--seed <seed>", "replay a property's failing case, as a failure prints it (e.g. 12345:3:0)")
    .addHelpText("after", examples(["mqtutor verify 3", "mqtutor verify", "mqtutor verify retrying-consumer --json"]))
    .action(async (id: string | undefined, opts: { json?: boolean; seed?: string }, cmd: Command) => {
      await run(cmd, "verify", [id], opts);
    });

  program
    .command("hint")
    .description("show the next hint of an exercise")
    .argument("<exercise>", "lesson number or exercise id")
    .addHelpText("after", examples(["mqtutor hint 3"]))
    .action(async (id: string, _opts, cmd: Command) => {
      await run(cmd, "hint", [id], {});
    });

  program
    .command("reset")
    .description("restore an exercise's starter file (your version is kept as a backup)")
    .argument("<exercise>", "lesson number or exercise id")
    .addHelpText("after", examples(["mqtutor reset 3"]))
    .action(async (id: string, _opts, cmd: Command) => {
      await run(cmd, "reset", [id], {});
    });

  program
    .command("solution")
    .description("print an exercise's reference solution (once it passes)")
    .argument("<exercise>", "lesson number or exercise id")
    .option("--force", "show it before passing (your pass then counts as passed with help)")
    .addHelpText("after", examples(["mqtutor solution 3", "mqtutor solution 3 --force"]))
    .action(async (id: string, opts: { force?: boolean }, cmd: Command) => {
      await run(cmd, "solution", [id], opts);
    });

  program
    .command("progress")
    .description("show what you have done")
    .option("--json", "print JSON for scripts: { lessons, cards, quiz, exercises, file }")
    .addHelpText("after", examples(["mqtutor progress", "mqtutor progress --json", "mqtutor --home /tmp/p progress"]))
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      await run(cmd, "progress", [], opts);
    });

  program
    .command("playground")
    .description("a REPL with a live broker on a manual clock, and .draw for pictures of it")
    .option("--ascii", "draw pictures with ASCII only (also with --no-color, NO_COLOR, TERM=dumb or a non-UTF-8 locale)")
    .addHelpText(
      "after",
      examples(["mqtutor playground", `printf 'topic("orders", 3)\\n.draw orders\\n' | mqtutor playground`]) +
        "\nWithout a terminal, statements are read from stdin and their results printed;\nthe exit code is 1 if any input failed.\n",
    )
    .action(async (opts: { ascii?: boolean }, cmd: Command) => {
      await run(cmd, "playground", [], opts);
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

/**
 * Parses and runs a command line with commander: help, errors and every line the fast path
 * declines. Help and version exit 0; every other commander error is a usage error (DESIGN §2: 2).
 */
export async function runProgram(argv: readonly string[], io: CliIO): Promise<number> {
  try {
    await createProgram(io).parseAsync([...argv], { from: "user" });
    return ExitCode.Ok;
  } catch (err) {
    if (!(err instanceof CommanderError)) throw err;
    if (err.exitCode === 0) return ExitCode.Ok;
    io.stderr.write(`Run "mqtutor --help" to see the commands and options.\n`);
    return ExitCode.Usage;
  }
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
