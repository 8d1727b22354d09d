/**
 * The home screen's lesson list laid out for a width and a number of rows. Pure, so the rule
 * "no text is lost at any width from 40 up" (DESIGN §2) is tested without a terminal: a title
 * too long for its row continues on the next line, under the title, instead of being cut.
 */
import wrapAnsi from "wrap-ansi";
import type { LessonStatus } from "../learning/course-status.js";
import { readMark } from "./plain/status-text.js";

/** One terminal line of the list. */
export interface ListLine {
  text: string;
  /** Index of the lesson this line belongs to. */
  lesson: number;
}

/**
 * "> [x] [✓] 1/2 10 ": the cursor, read, exercise passed, quiz cards mastered, the number.
 * Continuation lines are indented as far.
 */
const PREFIX = 17;

/** All the lines of one lesson's row. */
export function lessonLines(l: LessonStatus, index: number, selected: boolean, columns: number): ListLine[] {
  const head = `${selected ? ">" : " "} ${readMark(l)} ${exerciseMark(l)} ${quizMark(l)} ${String(l.number).padStart(2)} `;
  const text = wrapAnsi(`${l.title} (${l.minutes} min)`, Math.max(10, columns - PREFIX), { hard: true }).split("\n");
  return text.map((t, i) => ({ text: (i === 0 ? head : " ".repeat(PREFIX)) + t, lesson: index }));
}

/** [✓] when the lesson's exercise passed, [ ] when not, blank without one (marks, not colour). */
export function exerciseMark(l: LessonStatus): string {
  return l.exercise ? (l.exercise.passed ? "[✓]" : "[ ]") : "   ";
}

/** Quiz cards mastered (in review) of the lesson's questions: "1/2"; blank without questions. */
export function quizMark(l: LessonStatus): string {
  return l.quiz.total > 0 ? `${l.quiz.mastered}/${l.quiz.total}`.padEnd(3) : "   ";
}

/** What the row's marks mean (home shows it; the help overlay has it too). */
export const HOME_LEGEND = "[x] read · [~] started · [ ] not started · [✓] exercise passed · 1/2 quiz cards mastered";

/**
 * The lines of the list that fit in `rows`: the selected lesson whole, then lessons below and
 * above it in turn while they fit whole, so the selection stays near the middle as it moves.
 */
export function visibleList(lessons: readonly LessonStatus[], selected: number, columns: number, rows: number): ListLine[] {
  const rowsOf = lessons.map((l, i) => lessonLines(l, i, i === selected, columns));
  let first = selected;
  let last = selected;
  let used = rowsOf[selected]?.length ?? 0;
  for (let grew = true; grew; ) {
    grew = false;
    for (const next of [last + 1, first - 1]) {
      const size = rowsOf[next]?.length;
      if (size === undefined || used + size > rows) continue;
      used += size;
      if (next > last) last = next;
      else first = next;
      grew = true;
    }
  }
  return rowsOf.slice(first, last + 1).flat();
}
