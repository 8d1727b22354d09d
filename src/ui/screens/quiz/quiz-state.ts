/**
 * The quiz screen's state machine. Pure: grading and recording happen in the component (they
 * need the clock and the progress log) and come back as actions carrying their results.
 *
 * Phases: `answering` a question, reading its `verdict` (a right answer waits there for its
 * rating: Good by default, or Hard / Easy), and the `summary` once every question was asked.
 */
import type { QuizQuestion } from "../../../content/model.js";
import type { ParsedAnswer } from "../../../learning/grading.js";
import { currentQuestion, type GradedAnswer, type QuizSession } from "../../../learning/quiz-session.js";
import type { QuizRating } from "../../../learning/scheduler.js";

export interface Verdict {
  graded: GradedAnswer;
  /** The session after recording this answer; null while a right answer waits for its rating. */
  after: QuizSession | null;
  rating: QuizRating | null;
}

export interface QuizUiState {
  session: QuizSession;
  phase: "answering" | "verdict" | "summary";
  /** The highlighted row: a choice (single, multiple, boolean) or a position (order). */
  cursor: number;
  /** Multiple: the ticked choices (0-based). */
  ticked: readonly number[];
  /** Order: the arrangement, choice indexes first to last. */
  order: readonly number[];
  /** Order: the highlighted item moves with the cursor. */
  grabbed: boolean;
  /** Text: what is typed so far. */
  text: string;
  /** Why the last "answer" was refused (nothing ticked, an empty text), or null. */
  problem: string | null;
  verdict: Verdict | null;
  /** First body line shown, when the learner scrolled (null: follow the cursor). */
  top: number | null;
  /** A progress write failed: said once on screen, the session goes on. */
  unsaved: string | null;
}

export type QuizUiAction =
  | { type: "up" }
  | { type: "down" }
  | { type: "pick"; index: number }
  | { type: "toggle" }
  | { type: "move"; by: -1 | 1 }
  | { type: "type"; text: string }
  | { type: "backspace" }
  | { type: "refuse"; problem: string }
  | { type: "graded"; verdict: Verdict }
  | { type: "rated"; after: QuizSession; rating: QuizRating | null }
  | { type: "next" }
  | { type: "scroll"; by: number; from: number }
  | { type: "unsaved"; message: string };

/** How many rows the learner moves among: choices, or true/false. */
export function rowCount(q: QuizQuestion): number {
  if (q.type === "boolean") return 2;
  return q.choices?.length ?? 0;
}

function fresh(session: QuizSession, unsaved: string | null): QuizUiState {
  const cur = currentQuestion(session);
  const n = cur ? rowCount(cur.question) : 0;
  return {
    session,
    phase: cur ? "answering" : "summary",
    cursor: 0,
    ticked: [],
    order: Array.from({ length: n }, (_, i) => i),
    grabbed: false,
    text: "",
    problem: null,
    verdict: null,
    // A new question shows from its top (the prompt); moving the cursor then keeps it in view.
    top: 0,
    unsaved,
  };
}

export function initialQuizUi(session: QuizSession): QuizUiState {
  return fresh(session, null);
}

/** The answer the screen holds now, as typed in plain mode, ready for parseAnswer. */
export function typedAnswer(s: QuizUiState): string {
  const q = currentQuestion(s.session)?.question;
  if (!q) return "";
  switch (q.type) {
    case "single":
      return String(s.cursor + 1);
    case "multiple":
      return [...s.ticked].sort((a, b) => a - b).map((i) => i + 1).join(",");
    case "order":
      return s.order.map((i) => i + 1).join(",");
    case "boolean":
      return s.cursor === 0 ? "true" : "false";
    case "text":
      return s.text;
  }
}

/** The refusal the screen shows for an unreadable answer, in its own words. */
export function refusal(s: QuizUiState, parsed: Extract<ParsedAnswer, { ok: false }>): string {
  const q = currentQuestion(s.session)?.question;
  if (q?.type === "multiple" && s.ticked.length === 0) return "Tick at least one choice with space (or its number) first.";
  if (q?.type === "text") return "Type an answer first.";
  return `That answer cannot be read: ${parsed.problem}.`;
}

export function quizUiReducer(s: QuizUiState, a: QuizUiAction): QuizUiState {
  const q = currentQuestion(s.session)?.question;
  const rows = q ? rowCount(q) : 0;
  const clamp = (i: number) => Math.max(0, Math.min(rows - 1, i));
  switch (a.type) {
    case "up":
    case "down": {
      if (s.phase !== "answering") return s;
      const cursor = clamp(s.cursor + (a.type === "up" ? -1 : 1));
      if (s.grabbed && cursor !== s.cursor) return { ...moved(s, cursor), problem: null };
      return { ...s, cursor, top: null, problem: null };
    }
    case "pick":
      if (s.phase !== "answering" || a.index >= rows || q?.type === "text") return s;
      if (q?.type === "multiple") return { ...s, cursor: a.index, ticked: toggled(s.ticked, a.index), top: null, problem: null };
      return { ...s, cursor: a.index, grabbed: false, top: null, problem: null };
    case "toggle":
      if (s.phase !== "answering") return s;
      if (q?.type === "multiple") return { ...s, ticked: toggled(s.ticked, s.cursor), problem: null };
      if (q?.type === "order") return { ...s, grabbed: !s.grabbed, problem: null };
      return s;
    case "move": {
      if (s.phase !== "answering" || q?.type !== "order") return s;
      const to = clamp(s.cursor + a.by);
      return to === s.cursor ? s : { ...moved(s, to), grabbed: s.grabbed, problem: null };
    }
    case "type":
      return s.phase === "answering" && q?.type === "text" ? { ...s, text: s.text + a.text, problem: null } : s;
    case "backspace":
      return s.phase === "answering" && q?.type === "text" ? { ...s, text: [...s.text].slice(0, -1).join(""), problem: null } : s;
    case "refuse":
      return s.phase === "answering" ? { ...s, problem: a.problem } : s;
    case "graded":
      return s.phase === "answering" ? { ...s, phase: "verdict", verdict: a.verdict, grabbed: false, top: 0, problem: null } : s;
    case "rated":
      return s.verdict ? { ...s, verdict: { ...s.verdict, after: a.after, rating: a.rating } } : s;
    case "next":
      if (s.phase !== "verdict" || !s.verdict?.after) return s;
      return fresh(s.verdict.after, s.unsaved);
    case "scroll":
      return { ...s, top: Math.max(0, a.from + a.by) };
    case "unsaved":
      return { ...s, unsaved: s.unsaved ?? a.message };
  }
}

function toggled(list: readonly number[], i: number): number[] {
  return list.includes(i) ? list.filter((x) => x !== i) : [...list, i];
}

/** Order: the item under the cursor moved to position `to`, the cursor with it. */
function moved(s: QuizUiState, to: number): QuizUiState {
  const order = [...s.order];
  const [item] = order.splice(s.cursor, 1);
  order.splice(to, 0, item!);
  return { ...s, order, cursor: to, top: null };
}
