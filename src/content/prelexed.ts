/**
 * Markdown lexed at build time: scripts/build.mjs writes the tokens of the course's large
 * documents (each lesson as `read` prints it, each cheat sheet, all of them, each exercise's
 * task) to dist/tokens/<key>.json, so `read --plain`, `cheatsheet` and the exercise screen skip
 * marked's lexer and the first use of its Unicode regexes (~15 ms of their start). A file holds the text it was
 * made from, and is used only for that exact text; any other text is lexed as usual.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

/** The folder of the token files, relative to the package root. */
export const TOKENS_DIR = "dist/tokens";

/** A file name for a text: FNV-1a of its UTF-16 code units, and its length. */
export function prelexedKey(markdown: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < markdown.length; i++) {
    h ^= markdown.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `${h.toString(16).padStart(8, "0")}-${markdown.length}`;
}

/** The tokens lexed at build time for exactly `markdown`, under `root`, or undefined. */
export function readPrelexed(root: string, markdown: string): unknown[] | undefined {
  try {
    const file = join(root, TOKENS_DIR, `${prelexedKey(markdown)}.json`);
    const { source, tokens } = JSON.parse(readFileSync(file, "utf8")) as { source: string; tokens: unknown[] };
    return source === markdown ? tokens : undefined;
  } catch {
    return undefined; // none, or unreadable: lex it
  }
}
