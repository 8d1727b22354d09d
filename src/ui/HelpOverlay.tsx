import { HOME_LEGEND } from "./home-layout.js";
import { Box, Text } from "ink";
import wrapAnsi from "wrap-ansi";
import { type KeyAction, type KeyScreen, bindingsFor } from "./keymap.js";

/** What the overlay describes and the room it has (the frame, one column and row short of the terminal). */
export interface HelpLayout {
  screen: KeyScreen;
  /** The reader was opened by `mqtutor read N`: q/esc quits (keymap `bindingsFor`). */
  backQuits: boolean;
  columns: number;
  rows: number;
}

/** Border (2) + padding (2) across; border (2) + title + footer down. */
const CHROME_COLUMNS = 4;
const CHROME_ROWS = 4;

/** The marks of the home list, which colour never replaces (status-text.ts `readMark`). */
const LEGEND = HOME_LEGEND;

/**
 * The overlay's body: one entry per binding of the screen, from the one keymap, labels wrapped
 * under their column (nothing is cut), then on the home screen the legend of the list marks.
 */
export function helpLines(screen: KeyScreen, backQuits: boolean, width: number): string[] {
  const entries = bindingsFor(screen, backQuits);
  const keyColumn = Math.min(12, Math.max(...entries.map((b) => b.keys.length))) + 1;
  const labelWidth = Math.max(8, width - keyColumn);
  const lines = entries.flatMap((b) => {
    const [first = "", ...rest] = wrapAnsi(b.label, labelWidth, { hard: true }).split("\n");
    const head = b.keys.length < keyColumn ? b.keys.padEnd(keyColumn) + first : `${b.keys}\n${" ".repeat(keyColumn)}${first}`;
    return [...head.split("\n"), ...rest.map((l) => " ".repeat(keyColumn) + l)];
  });
  if (screen === "home") lines.push("", ...wrapAnsi(LEGEND, width, { hard: true }).split("\n"));
  return lines;
}

/** The visible part of the overlay: its lines, where the window starts and how far it can go. */
export function helpView(layout: HelpLayout, top: number) {
  const lines = helpLines(layout.screen, layout.backQuits, Math.max(10, layout.columns - CHROME_COLUMNS));
  const height = Math.max(1, layout.rows - CHROME_ROWS);
  const maxTop = Math.max(0, lines.length - height);
  const start = Math.max(0, Math.min(maxTop, top));
  return { lines: lines.slice(start, start + height), top: start, maxTop, total: lines.length, height };
}

/**
 * What a key does while the overlay is open: the scroll keys move a long overlay (a small
 * terminal), every other key closes it. Returns the new first line, or null to close.
 */
export function helpScroll(action: KeyAction | null, top: number, layout: HelpLayout): number | null {
  const view = helpView(layout, top);
  if (view.maxTop === 0) return null;
  const page = Math.max(1, view.height - 1);
  const moves: Partial<Record<KeyAction, number>> = {
    up: top - 1,
    down: top + 1,
    pageUp: top - page,
    pageDown: top + page,
    top: 0,
    bottom: view.maxTop,
  };
  const to = action ? moves[action] : undefined;
  return to === undefined ? null : Math.max(0, Math.min(view.maxTop, to));
}

/** The keys of the current screen, listed from the one keymap. */
export function HelpOverlay({ layout, top }: { layout: HelpLayout; top: number }) {
  const view = helpView(layout, top);
  const title = layout.screen === "home" ? "Keys: lesson list" : "Keys: reader";
  const span = `${view.top + 1}-${view.top + view.lines.length}`;
  const long = `${span} of ${view.total} · ↑↓ scroll · any other key closes`;
  // The short form fits the narrowest frame (MIN_COLUMNS), so the footer is never cut.
  const footer =
    view.maxTop === 0
      ? "any key closes this help"
      : long.length <= layout.columns - CHROME_COLUMNS
        ? long
        : `${span}/${view.total} · ↑↓ · any other key closes`;
  return (
    <Box flexDirection="column" borderStyle="single" paddingX={1} width={layout.columns}>
      <Text bold wrap="truncate-end">
        {title}
      </Text>
      {view.lines.map((line, i) => (
        <Text key={view.top + i} wrap="truncate-end">
          {line === "" ? " " : line}
        </Text>
      ))}
      <Text dimColor wrap="truncate-end">
        {footer}
      </Text>
    </Box>
  );
}
