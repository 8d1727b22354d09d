/**
 * Typed errors thrown anywhere in mqtutor and caught once, in src/cli/main.ts, where the exit
 * code is set. Messages say what happened and, on a later line, what to do.
 */
export const ExitCode = {
  /** Done. */
  Ok: 0,
  /** A check failed (`verify`). */
  CheckFailed: 1,
  /** Usage error: unknown lesson, bad flag, missing argument. */
  Usage: 2,
  /** Unreadable data: corrupt progress, invalid content. */
  Data: 3,
  /** Stopped by Ctrl+C or SIGINT (128 + 2, the shell convention). */
  Interrupted: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export class MqtutorError extends Error {
  readonly code: string;
  readonly exitCode: ExitCode;
  constructor(code: string, message: string, exitCode: ExitCode) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.exitCode = exitCode;
  }
}

/** The learner asked for something that does not exist or used a command wrongly. Exit 2. */
export class UsageError extends MqtutorError {
  constructor(message: string, code = "USAGE") {
    super(code, message, ExitCode.Usage);
  }
}

/**
 * The learner pressed Ctrl+C (or the process got SIGINT): exit 130 with nothing more to say.
 * Thrown from an interactive command once the terminal has been restored.
 */
export class InterruptedError extends MqtutorError {
  constructor() {
    super("INTERRUPTED", "", ExitCode.Interrupted);
  }
}

/** One problem found in the course content, naming the file, the field and the rule. */
export interface ContentProblem {
  /** Path relative to the course root, e.g. `lessons/03-dead-letter-queues.md`. */
  file: string;
  /** Where in the file: `front matter: "minutes"`, `body`, `file name`. */
  where: string;
  /** The rule broken, e.g. `must be a number`. */
  rule: string;
}

export function formatProblem(p: ContentProblem): string {
  return `${p.file} → ${p.where} ${p.rule}`;
}

/** The course content is invalid. Exit 3, listing every problem at once. */
export class ContentError extends MqtutorError {
  readonly problems: readonly ContentProblem[];
  constructor(problems: readonly ContentProblem[]) {
    const lines = problems.map(formatProblem);
    super(
      "INVALID_CONTENT",
      `The course content has ${problems.length} problem${problems.length === 1 ? "" : "s"}:\n` +
        lines.map((l) => `  ${l}`).join("\n") +
        `\nFix the files named above (or reinstall mqtutor if you did not edit them).`,
      ExitCode.Data,
    );
    this.problems = problems;
  }
}

/** Learner data (the progress log) cannot be used as it is. Exit 3; the file is left untouched. */
export class DataError extends MqtutorError {
  readonly file: string;
  constructor(file: string, message: string, code = "UNREADABLE_DATA") {
    super(code, `${file}: ${message}`, ExitCode.Data);
    this.file = file;
  }
}

/**
 * Makes text safe to print in a message: control characters (C0 but newline, DEL, C1) become
 * visible escapes such as `\x1b`, so an argument like `$'\e[2J'` is shown, not obeyed.
 * Newlines stay: messages are several lines by design (see {@link quoteArg} for one value).
 */
export function escapeControl(text: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return text.replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/gu, (c) => {
    const named: Record<string, string> = { "\t": "\\t", "\r": "\\r" };
    return named[c] ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`;
  });
}

/** One value the learner typed, quoted for a message: control characters and newlines escaped. */
export function quoteArg(value: string): string {
  return `"${escapeControl(value).replace(/\n/g, "\\n")}"`;
}

/**
 * A command has already said what failed (`verify`: the checks' report) and only the exit code
 * is left to set: 1. Carries no message of its own.
 */
export class ChecksFailed extends MqtutorError {
  constructor() {
    super("CHECK_FAILED", "", ExitCode.CheckFailed);
  }
}
