/**
 * The app's router at the composition root: it runs home and the reader, and when the learner
 * asks for another screen (exercise, quiz, review, progress, playground) it opens that screen,
 * then brings them back home with the same lesson selected. Each screen's code is imported only
 * when it opens, and no screen imports another.
 */
import type { Course } from "../content/model.js";
import { MqtutorError } from "../errors.js";
import type { AppProps } from "../ui/App.js";
import type { Destination } from "../ui/navigation.js";
import type { CommandContext } from "./context.js";

export async function runApp(ctx: CommandContext, course: Course, initial: AppProps["initial"]): Promise<void> {
  const { runInteractive } = await import("./interactive.js");
  let at: AppProps["initial"] = initial;
  let notice: string | undefined;
  for (;;) {
    const goTo = await runInteractive(ctx, course, at, notice);
    if (!goTo) return;
    notice = await open(ctx, course, goTo.go);
    at = { screen: "home", lesson: goTo.lesson };
  }
}

/** Opens one screen and waits until the learner leaves it; a returned string is shown on home. */
async function open(ctx: CommandContext, course: Course, to: Destination): Promise<string | undefined> {
  try {
    switch (to.screen) {
      case "exercise": {
        const { runExercise } = await import("./commands/exercise.js");
        await runExercise(ctx, String(to.lesson));
        return undefined;
      }
      case "quiz":
      case "review": {
        const { quizOrNothing } = await import("./quiz-nav.js");
        return await quizOrNothing(ctx, course, to.screen === "quiz" ? to.lesson : "review");
      }
      case "progress": {
        const { runProgressScreen } = await import("./progress-screen.js");
        await runProgressScreen(ctx, course);
        return undefined;
      }
      case "playground": {
        const { runPlayground } = await import("./commands/playground.js");
        ctx.io.stdout.write("The playground: .help lists what you can do, .exit (or Ctrl+D) goes back to the lessons.\n");
        // Ink let go of stdin (paused, unref'd): the REPL needs it flowing and holding the process.
        const stdin = ctx.io.stdin as NodeJS.ReadStream;
        stdin.ref?.();
        stdin.resume?.();
        await runPlayground(ctx, {});
        return undefined;
      }
    }
  } catch (err) {
    // A screen that cannot open (no exercise for a lesson, progress unreadable) is said on home.
    if (err instanceof MqtutorError && err.exitCode !== 0 && err.code !== "INTERRUPTED") return err.message.split("\n")[0];
    throw err;
  }
}
