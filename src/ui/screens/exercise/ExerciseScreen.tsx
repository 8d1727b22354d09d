/**
 * The exercise screen: the task, the learner's file and the latest result, re-checked on every
 * save. Everything with an effect (running the checks, watching the file, recording hints,
 * opening the editor) comes in through props, so the screen is tested with fakes.
 */
import { Box, Text, useApp, useInput } from "ink";
import { useEffect, useMemo, useReducer, useRef } from "react";
import type { Exercise } from "../../../content/model.js";
import type { RunResult } from "../../../exercises/result.js";
import { renderMarkdown } from "../../markdown.js";
import { wrap as wrapText } from "../../plain/wrap-text.js";
import { useTerminalSize } from "../../use-terminal-size.js";
import { exerciseReport } from "../../plain/exercise-report.js";
import { exerciseReducer, initialExerciseState } from "./exercise-state.js";
import { exerciseAction, exerciseKeyLegend } from "./exercise-keys.js";

/** What the screen's `waitUntilExit` resolves to when Ctrl+C ended it: the app quits (exit 130). */
export const QUIT_BY_CTRL_C = "ctrl+c";

export interface ExerciseEffects {
  run(): Promise<RunResult>;
  /** Calls `onSave` (debounced) whenever the learner's file changes; returns a stop function. */
  watch(onSave: () => void): () => void;
  /** Records and returns the next hint, or null when none is left. */
  nextHint(): string | null;
  /** The reference solution if the exercise has passed, else null. */
  solution(): string | null;
  /** Records a pass (once). */
  passed(): void;
  /** Suspends the app, opens the file in $VISUAL/$EDITOR, and resolves when it is closed. */
  openEditor(): Promise<string | null>;
}

export interface ExerciseScreenProps {
  exercise: Exercise;
  exercises: readonly { slug: string; title: string; status: string }[];
  file: string;
  hintsSeen: string[];
  color: boolean;
  effects: ExerciseEffects;
  /** Leaves the screen: to another exercise (its slug), or back (null). */
  onExit(next: string | null): void;
}

export function ExerciseScreen(props: ExerciseScreenProps) {
  const { exercise, effects } = props;
  const { columns, rows } = useTerminalSize();
  const width = Math.max(20, Math.min(columns, 100));
  const index = props.exercises.findIndex((e) => e.slug === exercise.slug);
  const [state, dispatch] = useReducer(exerciseReducer, undefined, () => ({
    ...initialExerciseState(Math.max(0, index)),
    hints: props.hintsSeen,
  }));
  const { exit } = useApp();
  const running = useRef(false);

  const start = () => {
    if (running.current) {
      dispatch({ type: "run-requested" });
      return;
    }
    running.current = true;
    dispatch({ type: "run-requested" });
    void effects.run().then(
      (result) => {
        running.current = false;
        if (result.status === "passed") effects.passed();
        dispatch({ type: "run-finished", result });
      },
      (err: unknown) => {
        running.current = false;
        dispatch({ type: "notice", text: `The check could not run: ${(err as Error)?.message ?? String(err)}` });
      },
    );
  };

  // First run at once, then on every save.
  useEffect(() => {
    start();
    return effects.watch(start);
  }, []);
  // A save that came in during a run gets its own run.
  useEffect(() => {
    if (!state.running && state.rerun) start();
  }, [state.running, state.rerun]);

  const task = useMemo(() => renderMarkdown(exercise.task, { width, color: props.color }).trimEnd().split("\n"), [exercise.task, width, props.color]);
  const lines = useMemo(() => {
    const out = [`Your file: ${props.file}`, "", ...task, ""];
    out.push(state.running ? "Checking…" : "");
    if (state.result) out.push(...exerciseReport(state.result, exercise.slug, width, !props.color).flatMap((l) => wrap(l, width)));
    state.hints.forEach((h, i) => out.push("", ...wrap(`Hint ${i + 1} of ${exercise.hints.length}: ${h}`, width)));
    if (state.solution) out.push("", "Reference solution:", ...state.solution.split("\n").flatMap((l) => wrap(l, width)));
    return out;
  }, [task, state.running, state.result, state.hints, state.solution, width]);

  const legend = exerciseKeyLegend(width);
  // The title wraps rather than being cut (it names the exercise); the body gives up the rows.
  const verdict = state.running ? "checking…" : state.result ? state.result.status : "not checked yet";
  const title = wrap(`${exercise.title} (${exercise.slug}): ${verdict}`, width);
  const bodyRows = Math.max(3, rows - 2 - title.length - legend.length);
  const max = Math.max(0, lines.length - bodyRows);

  // When a result arrives, bring it into view.
  useEffect(() => {
    if (state.result) dispatch({ type: "scroll-to", line: Math.min(max, task.length + 3) });
  }, [state.result]);

  useInput((input, key) => {
    const action = exerciseAction(input, key);
    if (state.listOpen) {
      if (action === "down") dispatch({ type: "list-move", by: 1, count: props.exercises.length });
      else if (action === "up") dispatch({ type: "list-move", by: -1, count: props.exercises.length });
      else if (action === "open") props.onExit(props.exercises[state.listIndex]?.slug ?? null);
      else if (action === "back" || action === "list") dispatch({ type: "list", open: false });
      else if (action === "quit") exit(QUIT_BY_CTRL_C);
      return;
    }
    switch (action) {
      case "quit":
        exit(QUIT_BY_CTRL_C);
        return;
      case "back":
        props.onExit(null);
        return;
      case "up":
        dispatch({ type: "scroll", by: -1, max });
        return;
      case "down":
        dispatch({ type: "scroll", by: 1, max });
        return;
      case "pageUp":
        dispatch({ type: "scroll", by: -bodyRows, max });
        return;
      case "pageDown":
        dispatch({ type: "scroll", by: bodyRows, max });
        return;
      case "list":
        dispatch({ type: "list", open: true });
        return;
      case "next": {
        const next = props.exercises[index + 1];
        if (next) props.onExit(next.slug);
        else dispatch({ type: "notice", text: "This is the last exercise." });
        return;
      }
    }
    // Keys that start work are ignored while a check runs (the ref is current even before the
    // render that shows "checking…").
    if (running.current) return;
    if (action === "rerun") start();
    else if (action === "hint") dispatch({ type: "hint", text: effects.nextHint() });
    else if (action === "solution") dispatch({ type: "solution", text: effects.solution() });
    else if (action === "edit") void effects.openEditor().then((msg) => dispatch({ type: "notice", text: msg }));
  });

  if (state.listOpen) {
    return (
      <Box flexDirection="column">
        <Text bold>Exercises (enter opens, esc closes)</Text>
        {props.exercises.map((e, i) => (
          <Text key={e.slug} inverse={i === state.listIndex}>
            {`${i === state.listIndex ? ">" : " "} ${e.slug} (${e.status})`.slice(0, width)}
          </Text>
        ))}
      </Box>
    );
  }
  return (
    <Box flexDirection="column">
      {title.map((line, i) => (
        <Text key={`t${i}`} bold>
          {line}
        </Text>
      ))}
      <Box flexDirection="column" height={bodyRows}>
        {lines.slice(state.scroll, state.scroll + bodyRows).map((l, i) => (
          <Text key={i} wrap="truncate-end">{l === "" ? " " : l}</Text>
        ))}
      </Box>
      <Text wrap="truncate-end">{state.notice ?? (max > 0 ? `line ${state.scroll + 1}-${Math.min(lines.length, state.scroll + bodyRows)} of ${lines.length}` : " ")}</Text>
      {legend.map((l, i) => (
        <Text key={i} dimColor>{l}</Text>
      ))}
    </Box>
  );
}

/** Wraps a plain line to the width at word boundaries, continuing under its own indent. */
function wrap(line: string, width: number): string[] {
  const indent = Math.min(8, line.length - line.trimStart().length + 2);
  return wrapText(line, width, indent).split("\n");
}
