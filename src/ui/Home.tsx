import { Box, Text } from "ink";
import { type CourseStatus, nextStepText } from "../learning/course-status.js";
import { HOME_LEGEND, visibleList } from "./home-layout.js";
import { bar } from "./plain/status-text.js";
import { wrap } from "./plain/wrap-text.js";
import { type Hint, fitHints } from "./status-line.js";

const TITLE = "mqtutor: message queues and event-driven design";
/** Narrow terminals drop the optional hints, never "? help" (which lists them all) or "q quit". */
const FOOTER: Hint[] = [
  { text: "c continue" },
  { text: "enter read" },
  { text: "e exercise" },
  { text: "t quiz" },
  { text: "r review" },
  { text: "p progress" },
  { text: "y playground" },
  { text: "↑↓ select" },
  { text: "1-9,0 jump" },
  { text: "? help", keep: true },
  { text: "q quit", keep: true },
];

/** What the list's marks mean, beside the progress bar when it fits (the help overlay has it too). */
const LEGEND = HOME_LEGEND;

/** Exercises passed, quiz cards mastered, cards due now: in words, with a bar for each total. */
function figures(s: CourseStatus, lessons: number, columns: number): string {
  // Bars only where there is room; the numbers always.
  const part = (label: string, n: number, of: number) => `${label} ${n}/${of}${columns >= 80 ? ` ${bar(of ? n / of : 0, 5)}` : ""}`;
  return [
    part("Read", s.lessonsRead, lessons),
    part("Exercises", s.exercisesPassed, s.exercisesTotal),
    part("Quiz", s.cardsMastered, s.cardsTotal),
    `Due now ${s.dueNow}`,
  ].join(" · ");
}

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
  // The legend of the marks takes room a short screen needs for the list (? help has it too).
  const legend = rows >= 20;
  // Wrapped here (wrap-text.ts), so the rows they take are known and no line starts with a space.
  const lines = (text: string) => wrap(text, Math.max(10, columns)).split("\n");
  const figureLines = lines(figures(status, n, columns));
  const nextLines = lines(`c continue: ${nextStepText(status.next)}`);
  const legendLines = legend ? lines(LEGEND) : [];
  const head = figureLines.length + nextLines.length + legendLines.length;
  const visible = visibleList(status.lessons, selected, columns, Math.max(1, rows - 5 - head));
  // With room to spare, say what the selected lesson is about: all of it, or nothing.
  const spare = rows - 5 - head - visible.length - 1;
  const wrapped = wrap(status.lessons[selected]?.summary ?? "", Math.max(10, columns - 2)).split("\n");
  const summary = spare >= 2 && wrapped.length <= spare ? wrapped : [];
  return (
    <Box flexDirection="column" width={columns}>
      <Text bold wrap="truncate-end">
        {TITLE.length <= columns ? TITLE : "mqtutor"}
      </Text>
      {figureLines.map((line, i) => (
        <Text key={`f${i}`} wrap="truncate-end">
          {line}
        </Text>
      ))}
      {nextLines.map((line, i) => (
        <Text key={`n${i}`} bold wrap="truncate-end">
          {line}
        </Text>
      ))}
      {legendLines.map((line, i) => (
        <Text key={`l${i}`} dimColor wrap="truncate-end">
          {line}
        </Text>
      ))}
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
