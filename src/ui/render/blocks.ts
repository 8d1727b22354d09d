/**
 * Block-level markdown (headings, paragraphs, lists, quotes, code, tables) to lines that fit a
 * width. Each block is laid out in the width it is given; containers (lists, quotes) lay out
 * their content narrower and put their bullets or bars in front.
 */
import type { Token, Tokens } from "marked";
import { highlightLines } from "./highlight.js";
import { inlineSpans } from "./inline.js";
import { prefixLines } from "./prefix.js";
import { type Line, type Span, type Style, blankLine, line } from "./spans.js";
import { tableLines } from "./table.js";
import { wrapSpans } from "./wrap.js";

export interface BlockOptions {
  /** Colour code blocks (skipped when the output has no colour: highlighting costs time). */
  highlight: boolean;
}

/** Columns that code blocks are indented by. */
export const CODE_INDENT = 2;
/** Below this many columns of content a list stops indenting its items further. */
const MIN_CONTENT = 16;

const headingStyles: Record<number, Style> = {
  1: { bold: true, color: "magenta" },
  2: { bold: true, color: "cyan" },
};
/** Without colour a heading is still a heading: a rule under it, heavier for higher levels. */
const headingRules: Record<number, string> = { 1: "═", 2: "─" };
const muted: Style = { color: "gray" };

function paragraph(tokens: readonly Token[] | undefined, width: number, style?: Style): Line[] {
  return inlineSpans(tokens, style).flatMap((spans) => wrapSpans(spans, width));
}

function heading(token: Tokens.Heading, width: number): Line[] {
  const lines = paragraph(token.tokens, width, headingStyles[token.depth] ?? { bold: true });
  const ruleWidth = Math.max(...lines.map((l) => l.width));
  return [...lines, line([{ text: (headingRules[token.depth] ?? "╌").repeat(ruleWidth), style: muted }])];
}

function expandTabs(text: string): string {
  return text.replace(/^[^\t\n]*\t[^\n]*$/gm, (l) => l.replace(/([^\t]*)\t/g, (_, before: string) => before + " ".repeat(4 - (before.length % 4))));
}

function code(token: Tokens.Code, width: number, options: BlockOptions): Line[] {
  const text = expandTabs(token.text.replace(/\n+$/, ""));
  const lang = token.lang?.split(/\s/)[0];
  const spanLines = (options.highlight && highlightLines(text, lang)) || text.split("\n").map((t): Span[] => (t ? [{ text: t }] : []));
  const indent: Span = { text: " ".repeat(CODE_INDENT) };
  const lines = spanLines.map((spans) => (spans.length ? line([indent, ...spans]) : blankLine));
  // A block wider than the layout is kept whole, every line of it, so a diagram stays aligned.
  if (!lines.some((l) => l.width > width)) return lines;
  return lines.map((l) => (l.width ? { ...l, wide: true, indent: CODE_INDENT } : l));
}

function list(token: Tokens.List, width: number, options: BlockOptions): Line[] {
  const start = token.start === "" || token.start === undefined ? 1 : Number(token.start);
  const markers = token.items.map((item, i) => (token.ordered ? `${start + i}.` : "•") + (item.task ? (item.checked ? " [x]" : " [ ]") : ""));
  const markerWidth = Math.max(...markers.map((m) => m.length));
  const lead = width - (2 + markerWidth + 1) >= MIN_CONTENT ? 2 : 0;
  const hang = lead + markerWidth + 1;
  const out: Line[] = [];
  token.items.forEach((item, i) => {
    if (i > 0 && token.loose) out.push(blankLine);
    const content = blocks(item.tokens, width - hang, options, !item.loose);
    const marker = token.ordered ? markers[i]!.padStart(markerWidth) : markers[i]!.padEnd(markerWidth);
    const first: Span[] = [{ text: " ".repeat(lead) }, { text: marker, style: muted }, { text: " " }];
    out.push(...prefixLines(content.length ? content : [blankLine], first, " ".repeat(hang)));
  });
  return out;
}

function block(token: Token, width: number, options: BlockOptions): Line[] | null {
  switch (token.type) {
    case "space":
    case "def":
      return null;
    case "heading":
      return heading(token as Tokens.Heading, width);
    case "paragraph":
    case "text":
      return paragraph((token as Tokens.Paragraph).tokens ?? [{ type: "text", raw: token.raw, text: (token as Tokens.Text).text }], width);
    case "code":
      return code(token as Tokens.Code, width, options);
    case "list":
      return list(token as Tokens.List, width, options);
    case "blockquote": {
      const bar: Span[] = [{ text: "│ ", style: muted }];
      return prefixLines(blocks((token as Tokens.Blockquote).tokens, width - 2, options), bar, bar);
    }
    case "table":
      return tableLines(token as Tokens.Table, width);
    case "hr":
      return [line([{ text: "─".repeat(Math.min(width, 40)), style: muted }])];
    case "html":
      return paragraph([{ type: "text", raw: token.raw, text: (token as Tokens.HTML).text.trim() }], width);
    default:
      // A block we do not know: its text still reaches the learner.
      return "text" in token && typeof token.text === "string" ? paragraph([{ type: "text", raw: token.raw, text: token.text }], width) : null;
  }
}

/**
 * Lays out block tokens in `width` columns, a blank line between blocks (none in a tight list
 * item, where a nested list follows its text directly).
 */
export function blocks(tokens: readonly Token[], width: number, options: BlockOptions, tight = false): Line[] {
  const out: Line[] = [];
  for (const token of tokens) {
    const lines = block(token, width, options);
    if (!lines || lines.length === 0) continue;
    if (out.length > 0 && !tight) out.push(blankLine);
    out.push(...lines);
  }
  return out;
}
