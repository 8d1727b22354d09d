/** `mqtutor review [--plain]`: only the due cards, most overdue first. */
import { nextDue, reviewQueue } from "../../learning/quiz-queue.js";
import { nextDueLine, wrap } from "../../ui/plain/quiz-text.js";
import { type CommandContext, width } from "../context.js";
import { loadQuizState, type QuizOptions, runSession } from "./quiz.js";

export async function runReview(ctx: CommandContext, opts: QuizOptions): Promise<void> {
  const { course, store, cards } = await loadQuizState(ctx);
  const now = new Date();
  const questions = reviewQueue(course, cards, now);
  if (questions.length === 0) {
    // Nothing due is not a failure: say when to come back, exit 0.
    ctx.io.stdout.write(`${wrap("No card is due.", width(ctx))}\n${wrap(nextDueLine(nextDue(course, cards), now), width(ctx))}\n`);
    return;
  }
  const title = `Review: ${questions.length} card${questions.length === 1 ? "" : "s"} due, most overdue first.`;
  await runSession(ctx, course, store, questions, cards, { ...opts, title });
}
