/**
 * Small layout tools shared by the pictures: measure, pad, wrap words under a prefix, and lay
 * out rows as aligned columns when they fit. A picture never clips: what does not fit a line
 * goes on the next one, and a word longer than a whole line is cut with a marker.
 */
import { graphemes, textWidth } from "../render/spans.js";
import type { Glyphs } from "./glyphs.js";

export { textWidth };

/** Options every picture takes. */
export interface PictureOptions {
  /** Columns available; no line of the picture is wider. Values under 20 are read as 20. */
  width: number;
  /** Draw with ASCII only (see `prefersAscii`). @default false */
  ascii?: boolean;
}

/** Narrowest width a picture lays itself out for. */
export const MIN_PICTURE_WIDTH = 20;

export function usableWidth(options: PictureOptions): number {
  return Math.max(MIN_PICTURE_WIDTH, Math.floor(options.width));
}

export function padEnd(text: string, columns: number): string {
  const w = textWidth(text);
  return w >= columns ? text : text + " ".repeat(columns - w);
}

export function padStart(text: string, columns: number): string {
  const w = textWidth(text);
  return w >= columns ? text : " ".repeat(columns - w) + text;
}

/**
 * `text` re-flowed into lines of at most `width` columns: the first starts with `first`, the
 * others with `rest` (a rail or an indent). Spaces between words are kept single; a word wider
 * than a line is cut, each piece but the last ending in the cut marker.
 */
export function wrapWords(text: string, width: number, first: string, rest: string, g: Glyphs): string[] {
  const out: string[] = [];
  let prefix = first;
  let current = "";
  const room = () => width - textWidth(prefix);
  const flush = () => {
    out.push((prefix + current).trimEnd());
    prefix = rest;
    current = "";
  };
  for (const word of text.split(/\s+/).filter((w) => w !== "")) {
    const needed = textWidth(word) + (current === "" ? 0 : 1);
    if (textWidth(current) + needed <= room()) {
      current += (current === "" ? "" : " ") + word;
      continue;
    }
    if (current !== "") flush();
    let left = word;
    while (textWidth(left) > room()) {
      const [head, tail] = cutAt(left, Math.max(1, room() - 1));
      current = head + g.cut;
      flush();
      left = tail;
    }
    current = left;
  }
  if (current !== "" || out.length === 0) flush();
  return out;
}

/** Splits `word` after at most `columns` columns (at least one grapheme goes first). */
function cutAt(word: string, columns: number): [string, string] {
  let head = "";
  let used = 0;
  let i = 0;
  const parts = graphemes(word);
  for (; i < parts.length; i++) {
    const { g, w } = parts[i]!;
    if (used + w > columns && i > 0) break;
    head += g;
    used += w;
  }
  return [head, parts.slice(i).map((p) => p.g).join("")];
}

/**
 * A heading of facts joined by the separator dot, wrapped between facts where it can: a line
 * that goes on ends in the dot, and continuation lines are indented by two spaces.
 */
export function heading(facts: readonly string[], width: number, g: Glyphs): string[] {
  const out: string[] = [];
  let line = "";
  facts.forEach((fact, i) => {
    const joined = line === "" ? fact : `${line} ${g.dot} ${fact}`;
    // Room is kept for the dot that ends the line if the next fact has to go below.
    if (textWidth(joined) + (i < facts.length - 1 ? 2 : 0) <= width) {
      line = joined;
      return;
    }
    if (line !== "") out.push(textWidth(line) + 2 <= width ? `${line} ${g.dot}` : line);
    const pieces = wrapWords(fact, width, out.length === 0 ? "" : "  ", "  ", g);
    out.push(...pieces.slice(0, -1));
    line = pieces.at(-1)!;
  });
  out.push(line);
  return out;
}

/**
 * Rows of cells as aligned columns (two spaces apart, the last column unpadded), each row
 * starting with `indent`; or null when the widest row would not fit `width`.
 */
export function columns(rows: readonly (readonly string[])[], width: number, indent: string, gap = "  "): string[] | null {
  const count = Math.max(0, ...rows.map((r) => r.length));
  const widths = Array.from({ length: count }, (_, c) => Math.max(0, ...rows.map((r) => textWidth(r[c] ?? ""))));
  const lines = rows.map((r) =>
    (indent + r.map((cell, c) => (c === r.length - 1 ? cell : padEnd(cell, widths[c]!))).join(gap)).trimEnd(),
  );
  return lines.every((l) => textWidth(l) <= width) ? lines : null;
}

/** A quoted name, as the pictures show names (an empty name stays visible as ""). */
export function quoted(name: string): string {
  return JSON.stringify(name);
}

/** "1 message", "2 messages". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * How many items one bar cell stands for so that `max` items fit in `room` cells: 1 while
 * they fit (each cell is one item, exact), else the smallest whole number that makes them fit.
 */
export function cellSize(max: number, room: number): number {
  return max <= room ? 1 : Math.ceil(max / Math.max(1, room));
}

/** Cells for `count` items at `size` items a cell: at least one for any items at all. */
export function cells(count: number, size: number): number {
  return count <= 0 ? 0 : Math.max(1, Math.round(count / size));
}
