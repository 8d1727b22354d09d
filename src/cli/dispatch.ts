/**
 * Runs a parsed command line: one place that maps a command to its module, imported only when
 * that command runs. Both parsers end here: the fast path (fast-path.ts) for the common, plain
 * command lines, and commander (program.ts) for everything else — help, errors, odd spellings.
 */
import { ChecksFailed } from "../errors.js";
import { type CommandContext, isInteractive } from "./context.js";

/** A command line as both parsers see it: the command, its positional arguments, its options. */
export interface Invocation {
  /** undefined: no command, the home screen. */
  command: string | undefined;
  /** One entry per declared argument, undefined when an optional one was left out. */
  args: (string | undefined)[];
  /** The command's own options as commander reports them: only those given. */
  opts: Record<string, string | boolean>;
}

export type Dispatch = (ctx: CommandContext, inv: Invocation) => Promise<void>;

export const dispatch: Dispatch = async (ctx, { command, args, opts }) => {
  const [a] = args;
  switch (command) {
    case undefined:
      // On a terminal the app follows: its modules (ink, react, yoga) load alongside home's.
      if (isInteractive(ctx)) import("./interactive.js").catch(() => undefined);
      return (await import("./commands/home.js")).runHome(ctx);
    case "lessons":
      return (await import("./commands/lessons.js")).runLessons(ctx, opts);
    case "read":
      return (await import("./commands/read.js")).runRead(ctx, a!, opts);
    case "cheatsheet":
      return (await import("./commands/cheatsheet.js")).runCheatsheet(ctx, a);
    case "quiz":
      return (await import("./commands/quiz.js")).runQuiz(ctx, a, opts);
    case "review":
      return (await import("./commands/review.js")).runReview(ctx, opts);
    case "exercises":
      return (await import("./commands/exercises.js")).runExercises(ctx, opts);
    case "exercise":
      return (await import("./commands/exercise.js")).runExercise(ctx, a!);
    case "verify": {
      const code = await (await import("./commands/verify.js")).runVerify(ctx, a, opts);
      if (code !== 0) throw new ChecksFailed();
      return;
    }
    case "hint":
      return (await import("./commands/hint.js")).runHint(ctx, a!);
    case "reset":
      return (await import("./commands/reset.js")).runReset(ctx, a!);
    case "solution":
      return (await import("./commands/solution.js")).runSolution(ctx, a!, opts);
    case "progress":
      return (await import("./commands/progress.js")).runProgress(ctx, opts);
    case "playground":
      return (await import("./commands/playground.js")).runPlayground(ctx, opts);
    default:
      throw new Error(`dispatch: no command ${command}`);
  }
};
