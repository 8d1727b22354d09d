/**
 * `mqtutor quiz [<lesson>] [--plain]`: the new and the due questions (one lesson's with an id),
 * in course order. Shared with `review` (./review.ts): loading the cards and running a session,
 * on the terminal screen or in plain mode.
 */
import { findLesson } from "../../content/lookup.js";
import type { Course, QuizQuestion } from "../../content/model.js";
import { projectCards } from "../../learning/cards.js";
import type { ProgressStore } from "../../learning/fs-progress-store.js";
import { type Cards, quizQueue } from "../../learning/quiz-queue.js";
import { startSession } from "../../learning/quiz-session.js";
import { nextDueLine, wrap } from "../../ui/plain/quiz-text.js";
import { type CommandContext, isInteractive, loadCourseFor, openProgress, useColor, width } from "../context.js";

export interface QuizOptions {
  plain?: boolean;
}

/** What a quiz or review works on: the course, the progress store and the cards as the log has them. */
export async function loadQuizState(ctx: CommandContext) {
  const course = await loadCourseFor(ctx);
  const progress = await openProgress(ctx);
  return { course, store: progress.store, cards: projectCards(progress.state) };
}

export async function runQuiz(ctx: CommandContext, lessonId: string | undefined, opts: QuizOptions): Promise<void> {
  const { course, store, cards } = await loadQuizState(ctx);
  const lesson = lessonId === undefined ? undefined : findLesson(course, lessonId);
  const now = new Date();
  const questions = quizQueue(course, cards, now, lesson?.number);
  if (questions.length === 0) {
    const of = lesson ? course.quizzes.filter((q) => q.lesson === lesson.number) : course.quizzes;
    const where = lesson ? `Lesson ${lesson.number} (${lesson.title})` : "The course";
    const message =
      of.length === 0
        ? `${where} has no quiz questions yet.`
        : `Nothing to ask: every question of ${lesson ? `lesson ${lesson.number}` : "the course"} is answered and none is due.\n${nextDueLine(
            nextDueOf(of, cards),
            now,
          )}`;
    ctx.io.stdout.write(`${message.split("\n").map((l) => wrap(l, width(ctx))).join("\n")}\n`);
    return;
  }
  const count = `${questions.length} question${questions.length === 1 ? "" : "s"}`;
  const title = lesson ? `Quiz: ${count} from lesson ${lesson.number} (${lesson.title}).` : `Quiz: ${count}, new and due.`;
  await runSession(ctx, course, store, questions, cards, { ...opts, title });
}

function nextDueOf(questions: readonly QuizQuestion[], cards: Cards): Date | null {
  const dues = questions.flatMap((q) => {
    const card = cards.get(q.id);
    return card ? [card.due] : [];
  });
  return dues.length === 0 ? null : new Date(Math.min(...dues.map((d) => d.getTime())));
}

/** Runs a session over `questions`: the terminal screen, or plain mode with --plain or without a terminal. */
export async function runSession(
  ctx: CommandContext,
  course: Course,
  store: Pick<ProgressStore, "append">,
  questions: readonly QuizQuestion[],
  cards: Cards,
  opts: QuizOptions & { title: string },
): Promise<void> {
  const session = startSession(questions, cards);
  if (opts.plain || !isInteractive(ctx)) {
    const { runPlainQuiz } = await import("../quiz-plain.js");
    await runPlainQuiz(ctx.io, course, session, {
      width: width(ctx),
      color: useColor(ctx),
      record: (event) => store.append(event),
      now: () => new Date(),
      title: opts.title,
    });
    return;
  }
  const { runQuizScreen } = await import("../quiz-interactive.js");
  await runQuizScreen(ctx, course, session, { record: (event) => store.append(event), title: opts.title });
}
