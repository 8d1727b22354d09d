import { Box, Text } from "ink";
import type { Lesson } from "../content/model.js";
import type { Layout } from "./markdown.js";
import { type ReaderState, positionLabel } from "./reader-state.js";
import { readerStatus, sideways, viewLine } from "./reader-view.js";

export interface ReaderProps {
  lesson: Lesson;
  /** The rendered lesson: lines that fit `layout.width`, and wide code lines that scroll. */
  layout: Layout;
  state: ReaderState;
  /** Width of the frame (at least `layout.width`). */
  columns: number;
  /** Emit colour codes (highlighted code, styled headings). */
  color: boolean;
  /** q leaves the app (the reader was opened by `mqtutor read N`) rather than going back home. */
  backQuits?: boolean;
}

/**
 * A window over the rendered lesson with a title bar and a status line. Wide code blocks and
 * diagrams scroll sideways together (state.left), with « and » where there is more.
 */
export function Reader({ lesson, layout, state, columns, color, backQuits = false }: ReaderProps) {
  const { lines, width } = layout;
  const side = sideways(lines, state.top, state.height, width);
  const left = Math.min(state.left, side.maxLeft);
  const visible = lines.slice(state.top, state.top + state.height);
  const filler = Math.max(0, state.height - visible.length);
  return (
    <Box flexDirection="column" width={columns}>
      <Text bold inverse wrap="truncate-end">
        {` Lesson ${lesson.number}: ${lesson.title} `.padEnd(columns)}
      </Text>
      {visible.map((line, i) => (
        <Text key={state.top + i} wrap="truncate-end">
          {viewLine(line, left, width, color) || " "}
        </Text>
      ))}
      {Array.from({ length: filler }, (_, i) => (
        <Text key={`f${i}`}> </Text>
      ))}
      <Text dimColor wrap="truncate-end">
        {readerStatus({ position: positionLabel(state), read: state.reachedEnd, side, left, backQuits }, columns)}
      </Text>
    </Box>
  );
}
