/**
 * The common command lines parsed without commander (~20 ms of every start, issue 7 §2):
 * `mqtutor`, `mqtutor lessons --json`, `mqtutor --home ~/p read 3 --plain`, `mqtutor --version`…
 * Anything this parser is not sure of — help, a typo, an unknown option, `--`, `-x` short
 * forms, `--opt=value`, a missing or extra argument — it declines, and commander parses the line
 * with its help and its error messages. So the fast path never decides what a line means
 * differently: src/cli/fast-path.test.ts checks, over generated command lines, that whenever it
 * accepts one, commander reads the same invocation from it.
 */
import { type GlobalOptions, expandHome } from "./context.js";
import type { Invocation } from "./dispatch.js";

interface Shape {
  /** The positional arguments, in order: true when required. */
  args: boolean[];
  /** Boolean options (`--json`), by their commander key. */
  flags?: string[];
  /** Options that take a value (`--seed <seed>`). */
  values?: string[];
}

/** What each command takes, as program.ts declares it to commander. */
export const COMMAND_SHAPES: Readonly<Record<string, Shape>> = {
  lessons: { args: [], flags: ["json"] },
  read: { args: [true], flags: ["plain"] },
  cheatsheet: { args: [false] },
  quiz: { args: [false], flags: ["plain"] },
  review: { args: [], flags: ["plain"] },
  exercises: { args: [], flags: ["json"] },
  exercise: { args: [true] },
  verify: { args: [false], flags: ["json"], values: ["seed"] },
  hint: { args: [true] },
  reset: { args: [true] },
  solution: { args: [true], flags: ["force"] },
  progress: { args: [], flags: ["json"] },
  playground: { args: [], flags: ["ascii"] },
};

/** The program's own options that take a directory. */
const DIRECTORY_OPTIONS = ["home", "workspace"];

export type FastParse = { version: true } | { version?: false; globals: GlobalOptions; invocation: Invocation };

/** The command line's meaning, or undefined when commander should read it. */
export function parseFast(argv: readonly string[], env: NodeJS.ProcessEnv): FastParse | undefined {
  if (argv.length === 1 && (argv[0] === "--version" || argv[0] === "-V")) return { version: true };
  const globals: GlobalOptions = { color: true };
  const opts: Record<string, string | boolean> = {};
  const positionals: string[] = [];
  const seen = new Set<string>();
  let command: string | undefined;
  let shape: Shape | undefined;
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    if (!token.startsWith("-")) {
      if (command === undefined && positionals.length === 0) {
        shape = COMMAND_SHAPES[token];
        if (!shape) return undefined; // help, a typo: commander's message
        command = token;
      } else positionals.push(token);
      continue;
    }
    if (!token.startsWith("--") || token.includes("=") || seen.has(token)) return undefined;
    seen.add(token);
    const name = token.slice(2);
    // Program options are read before the command only: after it, leave the line to commander.
    if (command === undefined && DIRECTORY_OPTIONS.includes(name)) {
      const value = argv[++i];
      if (value === undefined || value.startsWith("-") || value.trim() === "") return undefined;
      globals[name as "home" | "workspace"] = expandHome(value, env);
    } else if (command === undefined && name === "no-color") {
      globals.color = false;
    } else if (shape?.flags?.includes(name)) {
      opts[name] = true;
    } else if (shape?.values?.includes(name)) {
      const value = argv[++i];
      if (value === undefined || value.startsWith("-")) return undefined;
      opts[name] = value;
    } else return undefined;
  }
  const declared = shape?.args ?? [];
  if (positionals.length > declared.length) return undefined;
  if (declared.some((required, i) => required && positionals[i] === undefined)) return undefined;
  const args = declared.map((_, i) => positionals[i]);
  return { globals, invocation: { command, args, opts } };
}
