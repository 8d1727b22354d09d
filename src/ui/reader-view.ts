/**
 * What one row of the reader shows. Prose always fits the width; a line of a code block or
 * diagram wider than the screen (`wide`) is a window onto the line, shifted `left` columns by
 * ←/→, with « and » where there is more to the left or right. Its indent stays put.
 */
import { type Line, type Span, sliceColumns, toText } from "./render/spans.js";

export const MORE_LEFT = "«";
export const MORE_RIGHT = "»";
const markerStyle = { inverse: true } as const;

/** Columns the reader lays text out in for a terminal this wide (one spare, capped at 100). */
export function readerTextWidth(terminalColumns: number): number {
  return Math.max(1, Math.min(100, terminalColumns - 2));
}

/** The row for `line` with the wide lines shifted `left` columns, as text for Ink. */
export function viewLine(l: Line, left: number, width: number, color: boolean): string {
  if (!l.wide || (left === 0 && l.width <= width)) return toText(l.spans, color);
  const indent = l.indent ?? 0;
  const avail = width - indent;
  const content = l.width - indent;
  const spans: Span[] = [...sliceColumns(l.spans, 0, indent)];
  let room = avail;
  if (left > 0) {
    spans.push({ text: MORE_LEFT, style: markerStyle });
    room--;
  }
  const more = left + room < content;
  if (more) room--;
  // sliceColumns pads a wide character cut by an edge, so the window is exactly `room` wide.
  spans.push(...sliceColumns(l.spans, indent + left, indent + left + room));
  if (more) spans.push({ text: MORE_RIGHT, style: markerStyle });
  return toText(spans, color);
}

/** How far the wide lines in rows [top, top + height) can scroll, and by how much a key moves them. */
export interface Sideways {
  /** Largest useful `left`: the widest visible wide line's end is then on screen. 0: nothing to scroll. */
  maxLeft: number;
  /** Columns one ←/→ moves: half the width, never so much that a column is skipped. */
  step: number;
  /** Content width of the widest visible wide line (for the status line). */
  widest: number;
}

export function sideways(lines: readonly Line[], top: number, height: number, width: number): Sideways {
  let maxLeft = 0;
  let widest = 0;
  let step = Math.max(1, Math.floor(width / 2));
  for (let i = top; i < Math.min(lines.length, top + height); i++) {
    const l = lines[i]!;
    if (!l.wide) continue;
    const indent = l.indent ?? 0;
    const avail = width - indent;
    const content = l.width - indent;
    widest = Math.max(widest, content);
    // A window shows at least avail - 2 columns (markers at both ends): a step no larger than
    // that leaves no column unseen between two positions.
    step = Math.max(1, Math.min(step, avail - 2));
    if (content > avail) maxLeft = Math.max(maxLeft, content - (avail - 1));
  }
  return { maxLeft, step, widest };
}

/**
 * The status line, fitted to `columns`: where the window is and whether the lesson counts as
 * read, then (when a wide block is on screen) the sideways position "←→ col 20/72" (first
 * column shown, of the widest line's), then key hints, and "? help" last (it lists every key).
 * What does not fit goes in this order: key hints (the later ones first), the word "lines", the
 * percentage, the sideways position (leaving "←→"), then that too; never the line numbers,
 * "read" or "? help".
 */
export function readerStatus(
  o: { position: string; read: boolean; side: Sideways; left: number; backQuits: boolean },
  columns: number,
): string {
  const keys = ["j/k space g/G", "n/p lesson", o.backQuits ? "q quit" : "q back"];
  const sides = o.side.maxLeft > 0 ? [[`←→ col ${o.left + 1}/${o.side.widest}`], ["←→"], []] : [[]];
  const short = o.position.replace(/^lines /, "");
  const positions = [o.position, short, short.replace(/ \(\d+%\)$/, "")].map((p) => p + (o.read ? " · read" : ""));
  let line = "";
  for (const side of sides) {
    for (const position of positions) {
      for (let k = keys.length; k >= 0; k--) {
        line = [position, ...side, ...keys.slice(0, k), "? help"].join(" · ");
        if (line.length <= columns) return line;
      }
    }
  }
  return line;
}
