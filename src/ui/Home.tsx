import { Box, Text } from "ink";
import wrapAnsi from "wrap-ansi";
import type { CourseStatus } from "../learning/course-status.js";
import { visibleList } from "./home-layout.js";
import { bar } from "./plain/status-text.js";
import { type Hint, fitHints } from "./status-line.js";

const TITLE = "mqtutor: message queues and event-driven design";
/** Narrow terminals drop the optional hints, never "? help" (which lists them all) or "q quit". */
const FOOTER: Hint[] = [
  { text: "↑↓ select" },
  { text: "enter read" },
  { text: "1-9,0 jump" },
  { text: "? help", keep: true },
  { text: "q quit", keep: true },
];

/** What the list's marks mean, beside the progress bar when it fits (the help overlay has it too). */
const LEGEND = "[x] read · [~] started · [ ] not started";
const withLegend = (line: string, columns: number) =>
  line.length + 3 + LEGEND.length <= columns ? `${line}   ${LEGEND}` : line;

export interface HomeProps {
  status: CourseStatus;
  selected: number;
  columns: number;
  rows: number;
}

/** The lesson list with what is read; the selected row is marked with ">" as well as colour. */
export function Home({ status, selected, columns, rows }: HomeProps) {
  const n = status.lessons.length;
  // Long titles wrap under themselves rather than being cut (home-layout.ts).
  const visible = visibleList(status.lessons, selected, columns, Math.max(1, rows - 5));
  // With room to spare, say what the selected lesson is about: all of it, or nothing.
  const spare = rows - 5 - visible.length - 1;
  const wrapped = wrapAnsi(status.lessons[selected]?.summary ?? "", Math.max(10, columns - 2), { hard: true }).split("\n");
  const summary = spare >= 2 && wrapped.length <= spare ? wrapped : [];
  return (
    <Box flexDirection="column" width={columns}>
      <Text bold wrap="truncate-end">
        {TITLE.length <= columns ? TITLE : "mqtutor"}
      </Text>
      <Text wrap="truncate-end">
        {withLegend(`Lessons read ${status.lessonsRead}/${n} ${bar(n ? status.lessonsRead / n : 0, 10)}`, columns)}
      </Text>
      <Text> </Text>
      {visible.map((line, i) => (
        <Text key={i} inverse={line.lesson === selected} wrap="truncate-end">
          {line.text}
        </Text>
      ))}
      <Text> </Text>
      {summary.length > 0 && (
        <Box flexDirection="column" marginBottom={1}>
          {summary.map((line, i) => (
            <Text key={i} italic wrap="truncate-end">
              {line}
            </Text>
          ))}
        </Box>
      )}
      <Text dimColor wrap="truncate-end">
        {fitHints(FOOTER, columns)}
      </Text>
    </Box>
  );
}
