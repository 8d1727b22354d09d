/**
 * The quiz and review screens as the navigator opens them from home: with nothing to ask, a
 * line for home says so (and when the next card is due) instead of an empty screen.
 */
import type { Course } from "../content/model.js";
import { nextDue, quizQueue, reviewQueue } from "../learning/quiz-queue.js";
import { nextDueLine } from "../ui/plain/quiz-text.js";
import type { CommandContext } from "./context.js";
import { loadQuizState, runSession } from "./commands/quiz.js";

export async function quizOrNothing(ctx: CommandContext, course: Course, what: number | "review" | undefined): Promise<string | undefined> {
  const { store, cards } = await loadQuizState(ctx);
  const now = new Date();
  const questions = what === "review" ? reviewQueue(course, cards, now) : quizQueue(course, cards, now, what);
  if (questions.length === 0) {
    const none = what === "review" ? "No card is due." : `Nothing to ask${what ? ` in lesson ${what}` : ""}: every question is answered and none is due.`;
    return `${none} ${nextDueLine(nextDue(course, cards), now)}`;
  }
  const title =
    what === "review"
      ? `Review: ${questions.length} card${questions.length === 1 ? "" : "s"} due, most overdue first.`
      : `Quiz: ${questions.length} question${questions.length === 1 ? "" : "s"}${what ? ` from lesson ${what}` : ""}.`;
  await runSession(ctx, course, store, questions, cards, { title });
  return undefined;
}
