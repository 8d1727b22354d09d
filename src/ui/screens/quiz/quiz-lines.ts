/**
 * The quiz screen's body as lines that fit the width: the question with its rows, the verdict,
 * or the summary. Pure; the component only windows these lines to the terminal's height, so no
 * text is lost at any width (what does not fit is scrolled to).
 */
import type { Course } from "../../../content/model.js";
import { currentQuestion, summarize } from "../../../learning/quiz-session.js";
import { renderMarkdown } from "../../markdown.js";
import { TYPE_LABELS, summaryText, verdictText, wrap } from "../../plain/quiz-text.js";
import { type QuizUiState, rowCount } from "./quiz-state.js";

export interface Body {
  lines: string[];
  /** Lines [from, to) of the highlighted row, to keep in view; null when there is none. */
  focus: [number, number] | null;
}

const INVERSE = "\u001b[7m";
const RESET = "\u001b[27m";

function md(markdown: string, width: number, color: boolean): string[] {
  return renderMarkdown(markdown, { width, color }).replace(/\n+$/u, "").split("\n");
}

/** `label` then the markdown, continuation lines under the text. */
function labelled(label: string, markdown: string, width: number, color: boolean): string[] {
  return md(markdown, Math.max(10, width - label.length), color).map((l, i) => (i === 0 ? label : " ".repeat(label.length)) + l);
}

export function quizBody(s: QuizUiState, course: Course, width: number, color: boolean, now: Date): Body {
  if (s.phase === "summary") {
    return { lines: summaryText(summarize(s.session, course), course, now, { width, color }).trimEnd().split("\n"), focus: null };
  }
  if (s.phase === "verdict" && s.verdict) return { lines: verdictLines(s, width, color), focus: null };
  const cur = currentQuestion(s.session)!;
  const q = cur.question;
  const lesson = course.lessons.find((l) => l.number === q.lesson);
  const head = `${cur.practice ? "Practice (not scored)" : "Question"} ${cur.number} of ${cur.total} · lesson ${q.lesson}${
    lesson ? ` (${lesson.title})` : ""
  } · ${TYPE_LABELS[q.type]}`;
  const lines = [...wrap(head, width).split("\n"), "", ...md(q.prompt, width, color), ""];
  let focus: [number, number] | null = null;
  if (q.type === "text") {
    lines.push(...wrap(`Your answer: ${s.text}█`, width, 2).split("\n"));
  } else {
    for (let row = 0; row < rowCount(q); row++) {
      const here = row === s.cursor;
      const from = lines.length;
      lines.push(...rowLines(s, row, here, width, color));
      if (here) focus = [from, lines.length];
    }
  }
  if (s.problem) lines.push("", ...wrap(s.problem, width).split("\n"));
  return { lines, focus };
}

function rowLines(s: QuizUiState, row: number, here: boolean, width: number, color: boolean): string[] {
  const q = currentQuestion(s.session)!.question;
  const pointer = here ? (s.grabbed ? "⇅ " : "› ") : "  ";
  let out: string[];
  switch (q.type) {
    case "boolean":
      out = [`${pointer}${row + 1}. ${row === 0 ? "true" : "false"}`];
      break;
    case "multiple":
      out = labelled(`${pointer}[${s.ticked.includes(row) ? "x" : " "}] ${row + 1}. `, q.choices![row]!, width, color);
      break;
    case "order": {
      // Rows are positions, first to last; each shows the choice placed there.
      const choice = s.order[row]!;
      out = labelled(`${pointer}${row + 1}. `, q.choices![choice]!, width, color);
      break;
    }
    default:
      out = labelled(`${pointer}${row + 1}. `, q.choices![row]!, width, color);
  }
  // The pointer says where the cursor is; inverse video repeats it for those who see colour.
  return here && color ? out.map((l) => INVERSE + l + RESET) : out;
}

function verdictLines(s: QuizUiState, width: number, color: boolean): string[] {
  const v = s.verdict!;
  const lines = verdictText(v.graded, v.rating, { width, color }).trimEnd().split("\n");
  if (v.after === null) {
    lines.push("", ...wrap("How did it feel? enter: Good · h: Hard · e: Easy", width).split("\n"));
  } else if (!v.graded.practice && v.rating) {
    lines.push("", ...wrap(`Rated ${v.rating}. Press enter for the next question.`, width).split("\n"));
  } else {
    lines.push("", ...wrap("Press enter to go on.", width).split("\n"));
  }
  return lines;
}

/** The first line to show so that `focus` is in view, starting from `top`. */
export function windowTop(total: number, height: number, top: number | null, focus: [number, number] | null): number {
  const max = Math.max(0, total - height);
  if (top !== null) return Math.min(top, max);
  if (!focus) return 0;
  const to = focus[1];
  // From the top while the focused row fits there (the prompt stays in view); else just enough to show it.
  return Math.min(max, Math.max(0, to - height));
}
