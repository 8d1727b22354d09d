import { fitText } from "../../ui/plain/fit.js";
import { cardRows, quizStats } from "../../learning/card-stats.js";
import { storedCards } from "../../learning/stored-cards.js";
import { courseStatus } from "../../learning/course-status.js";
import { cardsText } from "../../ui/plain/cards-text.js";
import { progressText } from "../../ui/plain/status-text.js";
import { type CommandContext, loadCourseFor, openProgress, width } from "../context.js";
import { exercisesText } from "../../ui/plain/exercises-text.js";
import { rowsFor, workspaceFor } from "../exercise-context.js";

export async function runProgress(ctx: CommandContext, opts: { json?: boolean }): Promise<void> {
  const course = await loadCourseFor(ctx);
  const { state, store } = await openProgress(ctx);
  const status = courseStatus(course, state);
  // Quiz cards: the log's ratings replayed through ts-fsrs (src/learning/cards.ts), or the cards
  // it stores when they are provably that replay (stored-cards.ts: ts-fsrs then stays unloaded).
  const cards = storedCards(state) ?? (await import("../../learning/cards.js")).projectCards(state);
  const quiz = quizStats(course, state, cards, new Date());
  if (opts.json) {
    const lessons = status.lessons.map(({ id, number, title, read }) => ({ id, number, title, read }));
    const exercises = rowsFor(ctx, course, state).map(({ id, lesson, status, hintsUsed, passedAt }) => ({ id, lesson, status, hintsUsed, passedAt }));
    ctx.io.stdout.write(`${JSON.stringify({ lessons, cards: cardRows(course, cards), quiz, exercises, file: store.file }, null, 2)}\n`);
    return;
  }
  const text = progressText(status, store.file) + cardsText(quiz, course, width(ctx)) + exercisesText(rowsFor(ctx, course, state), workspaceFor(ctx));
  ctx.io.stdout.write(fitText(text, width(ctx)));
}
