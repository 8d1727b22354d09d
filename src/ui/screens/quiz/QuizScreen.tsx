/**
 * The quiz and review screen. Grading, rating and recording happen here, around the pure
 * reducer (quiz-state.ts): a wrong answer is recorded the moment its verdict shows; a right one
 * when the learner picks its rating (enter: Good, h: Hard, e: Easy) or leaves, so no graded
 * answer is lost by quitting. A failed write is said on screen once and the session goes on.
 */
import { Box, type Key, Text, useApp, useInput } from "ink";
import { useEffect, useMemo, useReducer, useRef } from "react";
import type { Course } from "../../../content/model.js";
import { parseAnswer } from "../../../learning/grading.js";
import type { ProgressEvent } from "../../../learning/progress-events.js";
import { commitAnswer, currentQuestion, gradeAnswer, type QuizSession } from "../../../learning/quiz-session.js";
import type { RightRating } from "../../../learning/scheduler.js";
import { choiceShortcut, quizActionFor, quizBindings, type QuizKeyMode } from "../../keymap.js";
import { wrap } from "../../plain/quiz-text.js";
import { MIN_COLUMNS, MIN_ROWS, TooSmall } from "../../TooSmall.js";
import { useTerminalSize } from "../../use-terminal-size.js";
import { quizBody, windowTop } from "./quiz-lines.js";
import { initialQuizUi, type QuizUiAction, quizUiReducer, refusal, typedAnswer } from "./quiz-state.js";

export interface QuizControls {
  /** Records a right answer still waiting for its rating (as Good): for SIGTERM and SIGHUP. */
  flush?: () => void;
}

export interface QuizScreenProps {
  course: Course;
  session: QuizSession;
  /** The first line, e.g. `Review: 3 cards due, most overdue first.` */
  title: string;
  /** Appends one event to the progress log; throws if it cannot. */
  record: (event: ProgressEvent) => void;
  now: () => Date;
  color: boolean;
  /** Gets the session as it ends (finished or stopped; `interrupted` by Ctrl+C), just before the screen exits. */
  onExit: (session: QuizSession, interrupted: boolean) => void;
  controls?: QuizControls;
}

export function QuizScreen({ course, session, title, record, now, color, onExit, controls }: QuizScreenProps) {
  const { exit } = useApp();
  const { columns, rows } = useTerminalSize();
  const [state, dispatch] = useReducer(quizUiReducer, session, initialQuizUi);
  // Keys can arrive faster than React re-renders (a paste, tmux send-keys): handlers read and
  // advance this ref synchronously; React's state follows the same actions.
  const ref = useRef(state);
  ref.current = state;
  const act = (a: QuizUiAction) => {
    ref.current = quizUiReducer(ref.current, a);
    dispatch(a);
  };

  const width = Math.max(20, Math.min(100, columns - 2));
  const tooSmall = columns < MIN_COLUMNS || rows < MIN_ROWS;
  const mode: QuizKeyMode =
    state.phase !== "answering" ? "verdict" : currentQuestion(state.session)?.question.type === "text" ? "text" : "choices";
  const body = useMemo(() => quizBody(state, course, width, color, now()), [state, course, width, color]);
  const heading = wrap(title, width).split("\n");
  const warning = state.unsaved ? wrap(`Not saved: ${state.unsaved}`, width).split("\n") : [];
  const type = currentQuestion(state.session)?.question.type ?? "";
  const pending = state.phase === "verdict" && state.verdict?.after === null;
  const keys = quizBindings[mode]
    .filter((b) => (!b.only || b.only.includes(type)) && (!b.pending || pending))
    .map((b) => `${b.keys} ${b.label}`);
  // One row less than the terminal (Ink redraws in place only then), the title, a blank line,
  // the footer; when the body does not fit, the footer also says there is more below.
  const layout = (hint: boolean) => {
    const footer = wrap((hint ? ["PgDn more below", ...keys] : keys).join(" · "), width)
      .split("\n")
      .map((l) => l.trimStart());
    const height = Math.max(1, rows - 1 - heading.length - 1 - footer.length - warning.length);
    return { footer, height, top: windowTop(body.lines.length, height, state.top, body.focus) };
  };
  const plain = layout(false);
  const { footer, height, top } = plain.top + plain.height < body.lines.length ? layout(true) : plain;

  const save = (event: ProgressEvent) => {
    try {
      record(event);
    } catch (error) {
      act({ type: "unsaved", message: error instanceof Error ? error.message.split("\n")[0]! : String(error) });
    }
  };

  const ratePending = (pick: RightRating) => {
    const s = ref.current;
    if (!s.verdict || s.verdict.after) return;
    const done = commitAnswer(s.session, s.verdict.graded, pick);
    save(done.event);
    act({ type: "rated", after: done.session, rating: done.rating });
  };

  const leave = (interrupted = false) => {
    ratePending("Good");
    const s = ref.current;
    onExit(s.verdict?.after ?? s.session, interrupted);
    exit();
  };

  useEffect(() => {
    if (!controls) return;
    controls.flush = () => ratePending("Good");
    return () => {
      controls.flush = undefined;
    };
  }, [controls]);

  const submit = () => {
    const s = ref.current;
    const cur = currentQuestion(s.session);
    if (!cur) return;
    const parsed = parseAnswer(cur.question, typedAnswer(s));
    if (!parsed.ok) return act({ type: "refuse", problem: refusal(s, parsed) });
    const graded = gradeAnswer(s.session, parsed.answer, now());
    if (graded.correct && graded.rated) return act({ type: "graded", verdict: { graded, after: null, rating: null } });
    const done = commitAnswer(s.session, graded);
    save(done.event);
    act({ type: "graded", verdict: { graded, after: done.session, rating: done.rating } });
  };

  const scroll = (by: number) => act({ type: "scroll", by, from: top });

  useInput((input, key) => {
    // Keys typed quickly, pasted or sent by tmux can arrive as one chunk ("21\r"): take them one
    // at a time, except that a run of printable characters typed into the text field is text.
    if (input.length > 1 && !key.ctrl && !key.meta && !input.includes("\u001b")) {
      for (const run of input.match(/[\r\n]|[\u007f\b]|[^\r\n\u007f\b]+/gu) ?? []) {
        if (run === "\r" || run === "\n") handleKey("", { ...key, return: true });
        else if (run === "\u007f" || run === "\b") handleKey("", { ...key, backspace: true });
        else if (isTyping()) handleKey(run, key);
        else for (const ch of run) handleKey(ch, { ...key, shift: ch !== ch.toLowerCase() });
      }
      return;
    }
    handleKey(input, key);
  });

  function isTyping(): boolean {
    const s = ref.current;
    return s.phase === "answering" && currentQuestion(s.session)?.question.type === "text";
  }

  function handleKey(input: string, key: Key) {
    const s = ref.current;
    const cur = currentQuestion(s.session);
    const m: QuizKeyMode = s.phase !== "answering" ? "verdict" : cur?.question.type === "text" ? "text" : "choices";
    const action = quizActionFor(input, key, m);
    if (action === "quit" || action === "leave") return leave(action === "quit");
    if (tooSmall) return;
    switch (action) {
      case "up":
      case "down":
        return s.phase === "answering" && m !== "text" ? act({ type: action }) : scroll(action === "up" ? -1 : 1);
      case "pageUp":
        return scroll(-Math.max(1, height - 1));
      case "pageDown":
        return scroll(Math.max(1, height - 1));
      case "toggle":
        return act({ type: "toggle" });
      case "moveUp":
        return act({ type: "move", by: -1 });
      case "moveDown":
        return act({ type: "move", by: 1 });
      case "submit":
        return submit();
      case "backspace":
        return act({ type: "backspace" });
      case "next":
      case "hard":
      case "easy":
        if (s.phase === "summary") return action === "next" ? leave() : undefined;
        if (!s.verdict?.after) {
          if (action !== "next" && !(s.verdict?.graded.correct ?? false)) return;
          ratePending(action === "hard" ? "Hard" : action === "easy" ? "Easy" : "Good");
        } else if (action !== "next") return;
        return act({ type: "next" });
    }
    if (m === "text") {
      // Printable text only: control characters never reach the answer.
      // eslint-disable-next-line no-control-regex
      const text = input.replace(/[\u0000-\u001f\u007f]/gu, "");
      if (text && !key.ctrl && !key.meta) act({ type: "type", text });
      return;
    }
    if (m === "choices") {
      const pick = choiceShortcut(input);
      if (pick !== null) return act({ type: "pick", index: pick });
      if (cur?.question.type === "boolean" && (input === "t" || input === "f")) act({ type: "pick", index: input === "t" ? 0 : 1 });
    }
  }

  if (tooSmall) return <TooSmall columns={columns} rows={rows} />;
  const visible = body.lines.slice(top, top + height);
  return (
    <Box flexDirection="column" width={columns - 1}>
      {heading.map((line, i) => (
        <Text key={`t${i}`} bold wrap="truncate-end">
          {line}
        </Text>
      ))}
      <Text> </Text>
      {visible.map((line, i) => (
        <Text key={i} wrap="truncate-end">
          {line === "" ? " " : line}
        </Text>
      ))}
      {Array.from({ length: height - visible.length }, (_, i) => (
        <Text key={`pad${i}`}> </Text>
      ))}
      {warning.map((line, i) => (
        <Text key={`w${i}`} color="yellow" wrap="truncate-end">
          {line}
        </Text>
      ))}
      {footer.map((line, i) => (
        <Text key={`f${i}`} dimColor wrap="truncate-end">
          {line}
        </Text>
      ))}
    </Box>
  );
}
