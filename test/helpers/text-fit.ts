/**
 * Does rendered markdown fit the screen without losing text? For any renderer of our markdown
 * (the plain output, the reader's frames, later quiz explanations and exercise tasks).
 *
 * Two rules, checked against the markdown source:
 * 1. Fit: no output line is wider than `width` columns (string-width, after stripping ANSI).
 * 2. Nothing lost: every word of the source appears in the output, in source order. A word is a
 *    run of letters and digits (`[\p{L}\p{N}]+`) in what the reader is meant to see: the text of
 *    headings, paragraphs, list items, quotes, code spans and code blocks, link text (and the link
 *    target when it differs from the text), never markdown syntax (`#`, `*`, `|`, fences…).
 *    Words of table cells may come in any order (a table can change shape), but each must be
 *    there as often as in the source, besides the words matched in order.
 *
 * The output may fold a line: a line ending in {@link CONTINUATION} ("↩") goes on at the start
 * of the next line (whose indentation and quote bars are not text). A word cut there is joined
 * again, and where a fold fell between two words that the join glued together, the glued word
 * still counts for both.
 *
 * @example
 *   import { expectTextFit } from "../../test/helpers/text-fit.js";
 *   const md = "## Why\n\nA paragraph…";
 *   expectTextFit(md, renderMarkdown(md, { width: 40 }), 40, "explanation of q3");
 */
import { stripVTControlCharacters } from "node:util";
import { Lexer, type Token } from "marked";
import stringWidth from "string-width";
import { CONTINUATION } from "../../src/ui/markdown.js";
import { NARROW } from "../../src/ui/render/spans.js";

export interface TextFitProblem {
  kind: "too-wide" | "missing-word" | "missing-table-word";
  /** Human-readable, naming the line or the word and where it was expected. */
  message: string;
}

export interface SourceWords {
  /** Words outside tables, in reading order. */
  ordered: string[];
  /** Words of table cells (headers included), in any order. */
  tables: string[];
}

/**
 * Characters string-width counts as one column (the renderer's own list; text-fit.test.ts
 * proves it for each one), measured without it: string-width is slow enough to dominate a
 * check over thousands of lines.
 */
export const ONE_COLUMN = NARROW;

/** Display width of a line without ANSI codes, as string-width measures it. */
export function lineWidth(line: string): number {
  return ONE_COLUMN.test(line) ? line.length : stringWidth(line);
}

const wordsOf = (text: string): string[] => text.match(/[\p{L}\p{N}]+/gu) ?? [];

const cache = new Map<string, SourceWords>();

/** The words a reader must see in `markdown`, from marked's tokens (so no markdown syntax). */
export function sourceWords(markdown: string): SourceWords {
  const hit = cache.get(markdown);
  if (hit) return hit;
  if (cache.size > 50) cache.clear();
  const out: SourceWords = { ordered: [], tables: [] };
  const walk = (tokens: readonly Token[] | undefined, sink: string[]) => {
    for (const t of tokens ?? []) {
      switch (t.type) {
        case "space":
        case "hr":
        case "br":
        case "def":
          break;
        case "table":
          for (const cell of t.header) walk(cell.tokens, out.tables);
          for (const row of t.rows) for (const cell of row) walk(cell.tokens, out.tables);
          break;
        case "list":
          for (const item of t.items) walk(item.tokens, sink);
          break;
        case "link":
        case "image": {
          if (t.type === "link") walk(t.tokens, sink);
          else sink.push(...wordsOf(t.text));
          const href = String(t.href ?? "").replace(/^mailto:/, "");
          if (href && href !== t.text) sink.push(...wordsOf(href));
          break;
        }
        default:
          if ("tokens" in t && Array.isArray(t.tokens) && t.tokens.length) walk(t.tokens, sink);
          else if ("text" in t && typeof t.text === "string") sink.push(...wordsOf(t.text));
      }
    }
  };
  walk(new Lexer({ gfm: true }).lex(markdown), out.ordered);
  cache.set(markdown, out);
  return out;
}

interface OutWord {
  text: string;
  /** Formed by joining a folded line to the next: it may glue two source words together. */
  joined: boolean;
}

/** The output's lines without ANSI codes. */
export function outputLines(output: string | readonly string[]): string[] {
  const text = typeof output === "string" ? output.replace(/\n$/, "") : output.join("\n");
  return stripVTControlCharacters(text).split("\n");
}

/** The output's words, folded lines joined back (see the module comment). */
export function outputWords(output: string | readonly string[]): OutWord[] {
  const lines = outputLines(output);
  const words: OutWord[] = [];
  let text = "";
  let joins: number[] = [];
  const flush = () => {
    for (const m of text.matchAll(/[\p{L}\p{N}]+/gu)) {
      const start = m.index;
      const end = start + m[0].length;
      words.push({ text: m[0], joined: joins.some((j) => j > start && j < end) });
    }
    text = "";
    joins = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = i > 0 && text ? lines[i]!.replace(/^[\s│]*/, "") : lines[i]!;
    const folded = line.trimEnd().endsWith(CONTINUATION) && i < lines.length - 1;
    text += folded ? line.trimEnd().slice(0, -CONTINUATION.length) : line;
    if (folded) joins.push(text.length);
    else flush();
  }
  flush();
  return words;
}

/** Every problem found (empty when the output fits and keeps every word). */
export function textFitProblems(markdown: string, output: string | readonly string[], width: number): TextFitProblem[] {
  const problems: TextFitProblem[] = [];
  outputLines(output).forEach((line, i) => {
    const w = lineWidth(line);
    if (w > width) problems.push({ kind: "too-wide", message: `line ${i + 1} is ${w} columns wide (max ${width}): ${JSON.stringify(line)}` });
  });

  const source = sourceWords(markdown);
  const out = outputWords(output);
  const used = new Array<boolean>(out.length).fill(false);
  let i = 0;
  let rest: string | null = null; // the unmatched end of a joined word
  source.ordered.forEach((word, k) => {
    const [i0, rest0] = [i, rest];
    while (i < out.length) {
      const candidate: string = rest ?? out[i]!.text;
      if (candidate === word) {
        used[i++] = true;
        rest = null;
        return;
      }
      if (out[i]!.joined && candidate.startsWith(word)) {
        used[i] = true;
        rest = candidate.slice(word.length);
        return;
      }
      i++;
      rest = null;
    }
    [i, rest] = [i0, rest0];
    const before = source.ordered.slice(Math.max(0, k - 6), k).join(" ");
    problems.push({ kind: "missing-word", message: `missing ${JSON.stringify(word)} (source word ${k + 1}, after "${before}")` });
  });

  const left = new Map<string, number>();
  out.forEach((w, j) => used[j] || left.set(w.text, (left.get(w.text) ?? 0) + 1));
  for (const word of source.tables) {
    const n = left.get(word) ?? 0;
    if (n > 0) left.set(word, n - 1);
    else problems.push({ kind: "missing-table-word", message: `missing table word ${JSON.stringify(word)}` });
  }
  return problems;
}

/**
 * Throws when `output` (the rendering of `markdown`) has a line wider than `width` or loses a
 * word; the message lists the first problems. `label` names the document in the message.
 */
export function expectTextFit(markdown: string, output: string | readonly string[], width: number, label = "output"): void {
  const problems = textFitProblems(markdown, output, width);
  if (problems.length === 0) return;
  const shown = problems.slice(0, 8).map((p) => `  ${p.message}`);
  const more = problems.length > shown.length ? [`  … and ${problems.length - shown.length} more`] : [];
  throw new Error([`${label} at width ${width}: ${problems.length} problem(s)`, ...shown, ...more].join("\n"));
}
