/**
 * Quiz and review as plain text (DESIGN §2, plain quiz mode): questions with choices numbered
 * from 1, verdicts with the explanation and the "why not" of a wrong pick, and the summary whose
 * last line is `score: N/M`. Every line fits the width; markdown goes through renderMarkdown.
 * The terminal screen reuses the pieces that are not layout (answer keys, due times).
 */
import type { Course, QuizQuestion, QuizType } from "../../content/model.js";
import { correctAnswer, encodeAnswer, expectedFormat, wrongPicks } from "../../learning/grading.js";
import type { CurrentQuestion, GradedAnswer, SessionSummary } from "../../learning/quiz-session.js";
import type { QuizRating } from "../../learning/scheduler.js";
import { splitWhyNot } from "../../learning/why-not.js";
import { renderMarkdown } from "../markdown.js";
import { wrap } from "./wrap-text.js";

export { wrap } from "./wrap-text.js";

/** What the learner is asked to do, by type. */
export const TYPE_LABELS: Record<QuizType, string> = {
  single: "choose one",
  multiple: "choose every right one",
  order: "put in order, first to last",
  boolean: "true or false",
  text: "type the answer",
};

export interface TextOptions {
  width: number;
  color: boolean;
}

/** Markdown rendered to fit, without the trailing newline. */
function md(markdown: string, width: number, color: boolean): string {
  return renderMarkdown(markdown, { width, color }).replace(/\n+$/u, "");
}

/** Markdown after a label (`  2. `), its continuation lines under the text. */
function labelled(label: string, markdown: string, { width, color }: TextOptions): string {
  const body = md(markdown, Math.max(10, width - label.length), color).split("\n");
  return body.map((l, i) => (i === 0 ? label : " ".repeat(label.length)) + l).join("\n");
}

/** A question as asked: where it stands, the prompt, the numbered choices, the expected format. */
export function questionText(cur: CurrentQuestion, course: Course, opts: TextOptions): string {
  const { question: q } = cur;
  const lesson = course.lessons.find((l) => l.number === q.lesson);
  const head = cur.practice
    ? `Practice ${cur.number} of ${cur.total} · lesson ${q.lesson} · ${TYPE_LABELS[q.type]}`
    : `Question ${cur.number} of ${cur.total} · lesson ${q.lesson}${lesson ? ` (${lesson.title})` : ""} · ${TYPE_LABELS[q.type]}`;
  const parts = [wrap(head, opts.width), "", md(q.prompt, opts.width, opts.color)];
  if (q.choices) parts.push("", q.choices.map((c, i) => labelled(`  ${i + 1}. `, c, opts)).join("\n"));
  parts.push("", wrap(`Answer: ${expectedFormat(q)}`, opts.width));
  return parts.join("\n") + "\n";
}

/**
 * The right answer, one item a line: a choice (its number and its markdown text) or a literal
 * (`true`, an accepted text, shown as typed).
 */
export type KeyItem = { choice: number; markdown: string } | { literal: string };

export function answerKeyItems(q: QuizQuestion): KeyItem[] {
  const key = correctAnswer(q);
  const choice = (i: number): KeyItem => ({ choice: i + 1, markdown: q.choices![i]! });
  switch (key.type) {
    case "single":
      return [choice(key.choice)];
    case "multiple":
      return key.choices.map(choice);
    case "order":
      return key.order.map(choice);
    case "boolean":
      return [{ literal: String(key.value) }];
    case "text":
      return (q.answer as string[]).map((t) => ({ literal: t }));
  }
}

/** How the key is introduced: "The answer is", "The order is", … */
export function answerKeyLead(q: QuizQuestion): string {
  if (q.type === "order") return `The order, first to last (${encodeAnswer(correctAnswer(q))}):`;
  if (q.type === "multiple") return `The right choices (${encodeAnswer(correctAnswer(q))}):`;
  if (q.type === "text") return (q.answer as string[]).length > 1 ? "Accepted answers:" : "The answer:";
  return "The answer:";
}

/** The "why not" notes for the wrong picks of a graded answer, as markdown paragraphs. */
export function whyNotNotes(graded: Pick<GradedAnswer, "question" | "answer" | "correct">): string[] {
  if (graded.correct) return [];
  const { notes } = splitWhyNot(graded.question.explanation);
  const keys =
    graded.answer.type === "boolean"
      ? [String(graded.answer.value)]
      : wrongPicks(graded.question, graded.answer).map((i) => String(i + 1));
  return keys.flatMap((k) => (notes.has(k) ? [`**Why not ${k}:** ${notes.get(k)!}`] : []));
}

/** The rating as the learner reads it. */
export function ratingText(practice: boolean, rating: QuizRating | null): string {
  if (rating === null) return "Practice only: the card is not due yet, so this answer does not change its schedule.";
  return `Rated ${rating}.`;
}

/**
 * The verdict of a graded answer: right or wrong, the key when wrong (and always in practice),
 * the explanation (first answers), and the notes on the wrong picks.
 */
export function verdictText(graded: GradedAnswer, rating: QuizRating | null, opts: TextOptions): string {
  const q = graded.question;
  const parts: string[] = [wrap(graded.correct ? "Right." : `Wrong (you answered ${encodeAnswer(graded.answer)}).`, opts.width)];
  if (!graded.correct || graded.practice) {
    parts.push(wrap(answerKeyLead(q), opts.width));
    for (const item of answerKeyItems(q)) {
      parts.push("choice" in item ? labelled(`  ${item.choice}. `, item.markdown, opts) : wrap(`  ${item.literal}`, opts.width, 2));
    }
  }
  if (!graded.practice) parts.push("", md(splitWhyNot(q.explanation).explanation, opts.width, opts.color));
  const notes = whyNotNotes(graded);
  if (notes.length > 0) parts.push("", md(notes.join("\n\n"), opts.width, opts.color));
  if (graded.practice) parts.push("", wrap(ratingText(true, rating), opts.width));
  return parts.join("\n") + "\n";
}

/** `in 10 minutes`, `in 3 days`, `now`: how far `due` is from `now`. */
export function dueIn(due: Date, now: Date): string {
  const ms = due.getTime() - now.getTime();
  if (ms <= 0) return "now";
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return "in less than a minute";
  if (minutes < 60) return `in ${minutes} minute${minutes === 1 ? "" : "s"}`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `in ${hours} hour${hours === 1 ? "" : "s"}`;
  const days = Math.round(hours / 24);
  return `in ${days} days`;
}

/** `2026-03-01 09:10`, local time. */
export function localTime(d: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** `Next card due: in 10 minutes (2026-03-01 09:10).` or why there is none. */
export function nextDueLine(nextDue: Date | null, now: Date): string {
  if (nextDue === null) return "No card is scheduled yet: answer some questions with mqtutor quiz.";
  if (nextDue <= now) return `A card is due now: mqtutor review.`;
  return `Next card due: ${dueIn(nextDue, now)} (${localTime(nextDue)}).`;
}

/** The closing summary; its last line is `score: N/M` (first answers only). */
export function summaryText(s: SessionSummary, course: Course, now: Date, opts: TextOptions): string {
  const lines = [wrap(`Session over: ${s.correct} of ${s.answered} right the first time.`, opts.width)];
  if (s.reread.length > 0) {
    lines.push("Worth rereading:");
    for (const n of s.reread) {
      const l = course.lessons.find((x) => x.number === n);
      lines.push(wrap(`  lesson ${n}${l ? `, ${l.title}` : ""}: mqtutor read ${n}`, opts.width, 4));
    }
  }
  lines.push(wrap(nextDueLine(s.nextDue, now), opts.width));
  if (s.newLeft > 0) lines.push(wrap(`${s.newLeft} question${s.newLeft === 1 ? "" : "s"} not yet answered: mqtutor quiz.`, opts.width));
  lines.push(`score: ${s.correct}/${s.answered}`);
  return lines.join("\n") + "\n";
}
