/**
 * Markdown to terminal text, through marked + marked-terminal (+ cli-highlight for code).
 * Used by the Ink reader and by the plain-text output alike, so both show the same lesson.
 */
import { Marked, type MarkedExtension } from "marked";
import { markedTerminal } from "marked-terminal";
import { stripVTControlCharacters } from "node:util";

export interface MarkdownOptions {
  /** Columns to wrap prose at. @default 80 */
  width?: number;
  /** Keep ANSI colour codes. With false the output is plain text. @default false */
  color?: boolean;
}

/** Narrowest width we lay text out for; below it wrapping does more harm than good. */
const MIN_WIDTH = 20;

export function renderMarkdown(markdown: string, options: MarkdownOptions = {}): string {
  const width = Math.max(MIN_WIDTH, Math.floor(options.width ?? 80));
  const marked = new Marked();
  marked.use(
    markedTerminal({ width, reflowText: true, tab: 2, showSectionPrefix: true }) as unknown as MarkedExtension,
  );
  const out = marked.parse(markdown, { async: false });
  const text = options.color ? out : stripVTControlCharacters(out);
  // marked-terminal ends with blank lines; one trailing newline is enough.
  return text.replace(/\s+$/u, "") + "\n";
}
