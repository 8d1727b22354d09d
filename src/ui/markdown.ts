/**
 * Markdown to terminal text, through marked + marked-terminal (+ cli-highlight for code).
 * Used by the Ink reader and by the plain-text output alike, so both show the same lesson.
 * Two fixes on top of marked-terminal: tables get column widths that fit the terminal (their
 * cells wrap), and lines it does not reflow (list items) are wrapped with their indentation.
 */
import chalk from "chalk";
import { Marked, type MarkedExtension, type Tokens } from "marked";
import { markedTerminal } from "marked-terminal";
import stringWidth from "string-width";
import { stripVTControlCharacters } from "node:util";
import wrapAnsi from "wrap-ansi";

export interface MarkdownOptions {
  /** Columns to lay text out in. @default 80 */
  width?: number;
  /** Keep ANSI colour codes. With false the output is plain text. @default false */
  color?: boolean;
}

/** Narrowest width we lay text out for; below it wrapping does more harm than good. */
const MIN_WIDTH = 20;

export function renderMarkdown(markdown: string, options: MarkdownOptions = {}): string {
  const width = Math.max(MIN_WIDTH, Math.floor(options.width ?? 80));
  // marked-terminal keeps a reference to this object; the table hook below sets the widths of
  // each table just before marked-terminal draws it.
  const tableOptions: { colWidths?: number[]; wordWrap?: boolean } = { wordWrap: true };
  const marked = new Marked();
  marked.use(
    markedTerminal({ width, reflowText: true, tab: 2, showSectionPrefix: true, tableOptions }) as unknown as MarkedExtension,
  );
  marked.use({
    renderer: {
      // marked-terminal prints a tight list item's text raw; render its inline markup.
      text(token: Tokens.Text | Tokens.Escape) {
        if ("tokens" in token && token.tokens) return this.parser.parseInline(token.tokens);
        return false;
      },
      table(token: Tokens.Table) {
        tableOptions.colWidths = columnWidths(token, width);
        return false; // fall through to marked-terminal's table
      },
    },
  });
  // Whether there is colour is our decision (see useColor in the CLI), not chalk's own guess
  // from the environment: marked-terminal styles through the shared chalk instance.
  const previousLevel = chalk.level;
  chalk.level = options.color ? previousLevel || 1 : 0;
  let out: string;
  try {
    out = marked.parse(markdown, { async: false });
  } finally {
    chalk.level = previousLevel;
  }
  const text = options.color ? out : stripVTControlCharacters(out);
  // marked-terminal ends with blank lines; one trailing newline is enough.
  return wrapLongLines(text.replace(/\s+$/u, ""), width) + "\n";
}

/** Widths (padding included) so that the table, borders and all, fits in `width` columns. */
export function columnWidths(token: Tokens.Table, width: number): number[] {
  const n = token.header.length;
  const natural = token.header.map((h, j) =>
    Math.max(stringWidth(h.text), ...token.rows.map((r) => stringWidth(r[j]?.text ?? ""))) + 2,
  );
  const room = Math.max(n * 5, width - (n + 1));
  if (natural.reduce((a, b) => a + b, 0) <= room) return natural;
  // Give narrow columns what they need, share the rest among the wide ones.
  const widths = new Array<number>(n).fill(0);
  let left = room;
  let open = natural.map((_, j) => j);
  for (;;) {
    const share = Math.floor(left / open.length);
    const fits = open.filter((j) => natural[j]! <= share);
    if (fits.length === 0) {
      open.forEach((j, i) => (widths[j] = share + (i < left - share * open.length ? 1 : 0)));
      return widths.map((w) => Math.max(5, w));
    }
    for (const j of fits) {
      widths[j] = natural[j]!;
      left -= natural[j]!;
    }
    open = open.filter((j) => !fits.includes(j));
    if (open.length === 0) return widths;
  }
}

/**
 * Hard-wraps list items and headings wider than `width` (marked-terminal does not reflow
 * them), continuing at the item's indentation. Code and diagram lines are left whole: a
 * diagram cut in two is worse than one cut short, and the reader truncates what overflows.
 */
function wrapLongLines(text: string, width: number): string {
  return text
    .split("\n")
    .map((line) => {
      if (stringWidth(line) <= width) return line;
      // A list item ("  * ", "  1. ") continues under its text; a heading at column 0.
      const item = /^(\s*(?:[*+-]|\d+\.)\s+)|^#/.exec(stripVTControlCharacters(line));
      if (!item) return line;
      const pad = " ".repeat(Math.min(item[1]?.length ?? 0, Math.floor(width / 2)));
      const lead = /^ */.exec(line)![0];
      const [first = "", ...rest] = wrapAnsi(line.slice(lead.length), width - lead.length, { hard: true }).split("\n");
      const tail = rest.length ? wrapAnsi(rest.join(" "), width - pad.length, { hard: true }).split("\n") : [];
      return [lead + first, ...tail.map((l) => pad + l)].join("\n");
    })
    .join("\n");
}
