/**
 * Finds front-matter values that a YAML comment silently cuts short.
 *
 * In YAML a `#` after a space or tab starts a comment, even in the middle of an unquoted
 * value: `- Route events with * and # patterns` loads as "Route events with * and" and no
 * parser complains. The schema cannot see it either (the cut value is still a string), so
 * this looks at the raw lines. Quoted values, block scalars (`|`, `>`) and whole-line
 * comments are left alone; a comment after a closed quoted value is taken as meant.
 */
import { fieldWhere, type FieldProblem } from "./issues.js";

const KEY = /^([^\s#'"[\]{}:,-][^:#]*?|-[^\s:#][^:#]*?):(?=\s|$)/;
const LEAD = /^-(?=\s|$)/;
const COMMENT = /[ \t]#/;

/** Problems for every front-matter line whose unquoted value is cut by ` #`; [] without front matter. */
export function findCommentCuts(text: string): FieldProblem[] {
  const lines = text.split("\n");
  if (lines[0]?.trimEnd() !== "---") return [];
  const end = lines.findIndex((l, i) => i > 0 && l.trimEnd() === "---");
  if (end < 0) return [];

  const problems: FieldProblem[] = [];
  // Where a value sits: its top-level field and, inside that field's list, the item.
  let path: (string | number)[] = [];
  let itemIndent = -1; // indentation of the current top-level field's list items
  let blockParent = -1; // indentation of the line that opened a block scalar, or -1
  let openQuote: string | undefined; // a quoted value continues on the next line

  for (const line of lines.slice(1, end)) {
    const indent = line.length - line.trimStart().length;
    if (blockParent >= 0) {
      if (line.trim() === "" || indent > blockParent) continue;
      blockParent = -1;
    }
    if (openQuote) {
      if (closingQuote(line, 0, openQuote) >= 0) openQuote = undefined;
      continue;
    }
    if (line.trim() === "" || line.trimStart().startsWith("#")) continue;

    let rest = line.slice(indent);
    const key = indent === 0 ? KEY.exec(rest) : null;
    if (key?.[1]) {
      path = [key[1].trim()];
      itemIndent = -1;
    } else if (/^-(\s|$)/.test(rest) && path.length > 0) {
      if (itemIndent < 0) itemIndent = indent;
      if (indent === itemIndent) path = [path[0] as string, path.length > 1 ? Number(path[1]) + 1 : 0];
    }
    // Strip list markers and `key:` prefixes so only the value is left.
    for (let m = LEAD.exec(rest) ?? KEY.exec(rest); m; m = LEAD.exec(rest) ?? KEY.exec(rest)) {
      rest = rest.slice(m[0].length).trimStart();
    }
    const value = rest.trim();
    if (value === "" || value.startsWith("#")) continue;
    if (/^[|>][-+0-9]*(\s+#.*)?$/.test(value)) {
      blockParent = indent;
      continue;
    }
    if (value.startsWith('"') || value.startsWith("'")) {
      if (closingQuote(value, 1, value[0] as string) < 0) openQuote = value[0];
      continue;
    }
    const cut = commentStart(value);
    if (cut < 0) continue;
    const kept = value.slice(0, cut).trimEnd();
    problems.push({
      where: fieldWhere(path),
      rule:
        `is cut at "${tail(kept)}": an unquoted " #" starts a YAML comment, so the rest of the line is dropped; ` +
        `put the value in double quotes`,
    });
  }
  return problems;
}

/** Index of the ` #` that starts a comment in a plain or flow value, outside any quotes; -1 if none. */
function commentStart(value: string): number {
  let quote: string | undefined;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (quote) {
      const close = closingQuote(value, i, quote);
      if (close < 0) return -1;
      i = close;
      quote = undefined;
    } else if ((c === '"' || c === "'") && /[[{,\s]/.test(value[i - 1] ?? " ") && /^[[{]/.test(value)) {
      quote = c; // quotes only open a string at the start of a flow entry
    } else if (COMMENT.test(value.slice(i, i + 2))) {
      return i;
    }
  }
  return -1;
}

/** Index of the quote that closes a string opened before `from`; -1 if the line ends first. */
function closingQuote(s: string, from: number, quote: string): number {
  for (let i = from; i < s.length; i++) {
    if (quote === '"' && s[i] === "\\") i++;
    else if (s[i] === quote) {
      if (quote === "'" && s[i + 1] === "'") i++;
      else return i;
    }
  }
  return -1;
}

/** The last words before the cut, enough to find the place. */
function tail(kept: string): string {
  return kept.length <= 40 ? kept : `…${kept.slice(-39).trimStart()}`;
}
