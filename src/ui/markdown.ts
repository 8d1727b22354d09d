/**
 * Markdown to terminal text, our own renderer over marked's lexer (src/ui/render/). The Ink
 * reader and the plain output (`read --plain`, `cheatsheet`, quiz explanations, exercise tasks)
 * share it, and it guarantees that no text is lost at any width: prose re-flows, tables change
 * shape when they cannot fit, and a code block or diagram wider than the screen is kept whole
 * for the reader to scroll sideways, or folded with a continuation marker in plain output.
 */
import { Lexer, type Token } from "marked";
import { blocks } from "./render/blocks.js";
import { type Line, toText } from "./render/spans.js";
import { foldLine } from "./render/wrap.js";

export { CONTINUATION } from "./render/wrap.js";
export type { Line } from "./render/spans.js";

export interface MarkdownOptions {
  /** Columns to lay text out in (at least {@link MIN_WIDTH}). @default 80 */
  width?: number;
  /** Emit ANSI colour codes (and highlight code). With false the output is plain text. @default false */
  color?: boolean;
}

/** The markdown laid out for the reader: lines that fit `width`, except wide code lines. */
export interface Layout {
  width: number;
  lines: readonly Line[];
}

/** Narrowest width we lay text out for; below it wrapping does more harm than good. */
export const MIN_WIDTH = 20;

/** Where tokens lexed ahead of time come from (see usePrelexed). */
let prelexed: ((markdown: string) => unknown[] | undefined) | undefined;

/**
 * Takes a document's tokens from `lookup` when it has them (src/content/prelexed.ts: lexed at
 * build time with this same marked), and lexes the rest.
 */
export function usePrelexed(lookup: (markdown: string) => unknown[] | undefined): void {
  prelexed = lookup;
}

const lex = (markdown: string): Token[] => (prelexed?.(markdown) as Token[] | undefined) ?? new Lexer({ gfm: true }).lex(markdown);

const clampWidth = (width: number | undefined) => Math.max(MIN_WIDTH, Math.floor(width ?? 80));

/**
 * Lays the markdown out in `width` columns. Every line fits, except lines marked `wide`: those
 * of a code block or diagram wider than the width, which are kept whole (see {@link Line}).
 */
export function layoutMarkdown(markdown: string, options: { width?: number; highlight?: boolean } = {}): Layout {
  const width = clampWidth(options.width);
  const tokens = lex(markdown);
  return { width, lines: blocks(tokens, width, { highlight: options.highlight ?? false }) };
}

/** The markdown as text for a terminal, a pipe or a screen reader: no line wider than `width`. */
export function renderMarkdown(markdown: string, options: MarkdownOptions = {}): string {
  const color = options.color ?? false;
  const { width, lines } = layoutMarkdown(markdown, { width: options.width, highlight: color });
  const out: string[] = [];
  for (const l of lines) {
    for (const piece of l.wide ? foldLine(l, width) : [l]) out.push(toText(piece.spans, color));
  }
  while (out.length && out.at(-1) === "") out.pop();
  return out.join("\n") + "\n";
}
