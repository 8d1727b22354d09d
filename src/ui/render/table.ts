/**
 * Tables: a grid when every column can be at least as wide as its longest word, otherwise one
 * record per block ("column: value" lines). Cells wrap inside their column; nothing is clipped.
 */
import type { Tokens } from "marked";
import { inlineSpans } from "./inline.js";
import { type Line, type Span, type Style, line, plainText, spansWidth } from "./spans.js";
import { breakableWidth, wrapSpans } from "./wrap.js";
import { prefixLines } from "./prefix.js";

const border: Style = { color: "gray" };
const headerStyle: Style = { bold: true };

function cellSpans(cell: Tokens.TableCell, header: boolean): Span[] {
  const spans = inlineSpans(cell.tokens, header ? headerStyle : undefined);
  // A hard break inside a cell becomes a space: the cell re-flows to its column anyway.
  return spans.flatMap((l, i) => (i === 0 ? l : [{ text: " " }, ...l]));
}

/** The narrowest column the cell wraps in without cutting a name anywhere but at punctuation. */
function minimumWidth(spans: readonly Span[]): number {
  let widest = 0;
  for (const word of plainText(spans).split(/\s+/)) widest = Math.max(widest, breakableWidth(word));
  return widest;
}

/**
 * Column widths (without padding) that fit `room` columns of text, or null when even each
 * column's minimum does not fit. Columns whose natural width is within a fair share get it
 * (short columns stay on one line); the others share what is left, none below its minimum.
 */
export function fitColumns(natural: readonly number[], minimum: readonly number[], room: number): number[] | null {
  const total = (ws: readonly number[]) => ws.reduce((a, b) => a + b, 0);
  if (total(natural) <= room) return [...natural];
  if (total(minimum) > room) return null;
  const widths = [...minimum];
  let open = natural.map((_, j) => j);
  let left = room;
  const settle = (picked: number[], width: (j: number) => number) => {
    for (const j of picked) left -= widths[j] = width(j);
    open = open.filter((j) => !picked.includes(j));
  };
  for (let fits = [0]; fits.length && open.length; ) {
    fits = open.filter((j) => natural[j]! <= left / open.length);
    settle(fits, (j) => natural[j]!);
  }
  for (let under = [0]; under.length && open.length; ) {
    under = open.filter((j) => minimum[j]! > Math.floor(left / open.length));
    settle(under, (j) => minimum[j]!);
  }
  const share = Math.floor(left / Math.max(1, open.length));
  open.forEach((j, k) => (widths[j] = share + (k < left - share * open.length ? 1 : 0)));
  // A short column given its natural width may have left the others less than their minimum
  // in all: take columns back, from whichever has most to spare, until the table fits.
  for (let over = total(widths) - room; over > 0; over--) {
    let j = 0;
    for (let k = 1; k < widths.length; k++) if (widths[k]! - minimum[k]! > widths[j]! - minimum[j]!) j = k;
    widths[j]!--;
  }
  return widths;
}

function pad(cell: Line | undefined, width: number, align: Tokens.TableCell["align"]): Span[] {
  const spans = cell?.spans ?? [];
  const room = width - (cell?.width ?? 0);
  const left = align === "right" ? room : align === "center" ? Math.floor(room / 2) : 0;
  return [{ text: " ".repeat(left) }, ...spans, { text: " ".repeat(room - left) }];
}

function rule(widths: readonly number[], [l, m, r]: string): Line {
  return line([{ text: l + widths.map((w) => "─".repeat(w + 2)).join(m) + r, style: border }]);
}

function grid(table: Tokens.Table, rows: Span[][][], widths: number[]): Line[] {
  const wrapped = rows.map((row) => row.map((cell, j) => wrapSpans(cell, widths[j]!)));
  const heights = wrapped.map((row) => Math.max(...row.map((c) => c.length)));
  // Separators between rows only when a row spans several lines; otherwise they double the height.
  const separate = heights.slice(1).some((h) => h > 1);
  const bar: Span = { text: "│", style: border };
  const out: Line[] = [rule(widths, "┌┬┐")];
  wrapped.forEach((row, r) => {
    if (r === 1 || (r > 1 && separate)) out.push(rule(widths, "├┼┤"));
    for (let k = 0; k < heights[r]!; k++) {
      const spans: Span[] = [bar];
      row.forEach((cell, j) => spans.push({ text: " " }, ...pad(cell[k], widths[j]!, table.align[j] ?? null), { text: " " }, bar));
      out.push(line(spans));
    }
  });
  out.push(rule(widths, "└┴┘"));
  return out;
}

function cards(rows: Span[][][], width: number): Line[] {
  const [header = [], ...body] = rows;
  const out: Line[] = [];
  body.forEach((row, r) => {
    if (r > 0) out.push(line([]));
    row.forEach((cell, j) => {
      const label = header[j] ?? [];
      const field = label.length ? [...label, { text: ":", style: headerStyle }, { text: " " }, ...cell] : cell;
      const indent = j === 0 ? 0 : 2;
      const lines = wrapSpans(field, width - indent - 2);
      out.push(...prefixLines(lines, " ".repeat(indent), " ".repeat(indent + 2)));
    });
  });
  return out;
}

/** The table laid out in `width` columns: a grid if it fits, one record per block if not. */
export function tableLines(table: Tokens.Table, width: number): Line[] {
  const rows = [table.header.map((c) => cellSpans(c, true)), ...table.rows.map((r) => r.map((c) => cellSpans(c, false)))];
  const n = table.header.length;
  const natural = Array.from({ length: n }, (_, j) => Math.max(1, ...rows.map((r) => spansWidth(r[j] ?? []))));
  const minimum = Array.from({ length: n }, (_, j) => Math.max(1, ...rows.map((r) => minimumWidth(r[j] ?? []))));
  const widths = fitColumns(natural, minimum, width - (3 * n + 1));
  // Keep the grid's shape in every row even when a row has fewer cells than the header.
  const full = rows.map((r) => Array.from({ length: n }, (_, j) => r[j] ?? []));
  return widths ? grid(table, full, widths) : cards(full, width);
}
