/**
 * The renderer's unit of output: a line is a list of styled spans, not an ANSI string, so it
 * can be measured, wrapped, sliced for sideways scrolling and printed with or without colour
 * without ever parsing escape codes back.
 */
import { NARROW, clusterWidth, clusters, displayWidth } from "./width.js";

export { NARROW } from "./width.js";

export type Color = "red" | "green" | "yellow" | "blue" | "magenta" | "cyan" | "gray";

export interface Style {
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  dim?: boolean;
  strike?: boolean;
  inverse?: boolean;
  color?: Color;
}

export interface Span {
  text: string;
  style?: Style;
}

/** One terminal line of rendered markdown. */
export interface Line {
  spans: readonly Span[];
  /** Display width in columns (string-width of the text). */
  width: number;
  /**
   * Part of a code block or diagram wider than the layout. Such lines are never re-flowed: the
   * reader scrolls them sideways and plain output wraps them with a continuation marker.
   */
  wide?: boolean;
  /** Columns of structural prefix (indentation, quote bars) that stay put when a wide line scrolls. */
  indent?: number;
}

/** Display width of plain text (no escape codes in it): see width.ts. */
export function textWidth(text: string): number {
  return displayWidth(text);
}

export function spansWidth(spans: readonly Span[]): number {
  let w = 0;
  for (const s of spans) w += textWidth(s.text);
  return w;
}

export function line(spans: readonly Span[], extra: Partial<Line> = {}): Line {
  return { spans, width: spansWidth(spans), ...extra };
}

export const blankLine: Line = { spans: [], width: 0 };

export function plainText(spans: readonly Span[]): string {
  let out = "";
  for (const s of spans) out += s.text;
  return out;
}

/** The graphemes of `text` with their display widths. */
export function graphemes(text: string): Array<{ g: string; w: number }> {
  if (NARROW.test(text)) return Array.from(text, (g) => ({ g, w: 1 }));
  return clusters(text).map((g) => ({ g, w: clusterWidth(g) }));
}

/**
 * The part of `spans` that falls in display columns [from, to). A wide character cut by either
 * edge becomes spaces, so the result is exactly as wide as the window it covers.
 */
export function sliceColumns(spans: readonly Span[], from: number, to: number): Span[] {
  const out: Span[] = [];
  let col = 0;
  for (const span of spans) {
    const w = textWidth(span.text);
    if (col + w <= from || col >= to) {
      col += w;
      continue;
    }
    if (col >= from && col + w <= to) {
      out.push(span);
      col += w;
      continue;
    }
    let text = "";
    for (const { g, w: gw } of graphemes(span.text)) {
      const start = col;
      col += gw;
      if (col <= from || start >= to) continue;
      text += start >= from && col <= to ? g : " ".repeat(Math.min(col, to) - Math.max(start, from));
    }
    if (text) out.push(span.style ? { text, style: span.style } : { text });
  }
  return out;
}

const SGR: Record<Exclude<keyof Style, "color">, number> = {
  bold: 1,
  dim: 2,
  italic: 3,
  underline: 4,
  inverse: 7,
  strike: 9,
};
const FG: Record<Color, number> = { red: 31, green: 32, yellow: 33, blue: 34, magenta: 35, cyan: 36, gray: 90 };

function codes(style: Style): string {
  const c: number[] = [];
  for (const key of Object.keys(SGR) as Array<keyof typeof SGR>) if (style[key]) c.push(SGR[key]);
  if (style.color) c.push(FG[style.color]);
  return c.join(";");
}

/** The spans as text; with `color`, each styled span is wrapped in its SGR codes and a reset. */
export function toText(spans: readonly Span[], color: boolean): string {
  if (!color) return plainText(spans);
  let out = "";
  let open = ""; // codes of the run being written; neighbours with the same style share one run
  for (const s of spans) {
    if (!s.text) continue;
    const c = s.style ? codes(s.style) : "";
    if (c !== open) {
      if (open) out += "\u001b[0m";
      if (c) out += `\u001b[${c}m`;
      open = c;
    }
    out += s.text;
  }
  return open ? out + "\u001b[0m" : out;
}

/** Merges `extra` over `base` (used to nest inline styles: bold inside a link, say). */
export function withStyle(base: Style | undefined, extra: Style): Style {
  return base ? { ...base, ...extra } : extra;
}
