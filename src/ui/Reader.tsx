import { Box, Text } from "ink";
import type { Lesson } from "../content/model.js";
import { type ReaderState, positionLabel } from "./reader-state.js";

export interface ReaderProps {
  lesson: Lesson;
  /** The rendered lesson, one entry per terminal line. */
  lines: readonly string[];
  state: ReaderState;
  columns: number;
}

/** A window over the rendered lesson with a title bar and a position indicator. */
export function Reader({ lesson, lines, state, columns }: ReaderProps) {
  const visible = lines.slice(state.top, state.top + state.height);
  const filler = Math.max(0, state.height - visible.length);
  return (
    <Box flexDirection="column" width={columns}>
      <Text bold inverse wrap="truncate-end">
        {` Lesson ${lesson.number}: ${lesson.title} `.padEnd(columns)}
      </Text>
      {visible.map((line, i) => (
        <Text key={state.top + i} wrap="truncate-end">
          {line === "" ? " " : line}
        </Text>
      ))}
      {Array.from({ length: filler }, (_, i) => (
        <Text key={`f${i}`}> </Text>
      ))}
      <Text dimColor wrap="truncate-end">
        {positionLabel(state)}
        {state.reachedEnd ? " · read" : ""} · j/k space g/G · n/p lesson · q back · ? help
      </Text>
    </Box>
  );
}
