/**
 * Fits plain text to a width, line by line, so no command's output is wider than the screen
 * (DESIGN §2: nothing lost at any width from 40 up). Prose wraps at spaces and continues under
 * its own indentation; code (`code: true`) is cut at the width and continues after a `↩`, as the
 * markdown renderer does. Small and dependency-free: the listing commands load it at start-up.
 */
import { stripVTControlCharacters } from "node:util";

const visible = (s: string) => [...stripVTControlCharacters(s)].length;

export function fitText(text: string, width: number, options: { code?: boolean } = {}): string {
  const w = Math.max(20, width);
  return text
    .split("\n")
    .map((line) => (visible(line) <= w ? line : options.code ? cutCode(line, w) : wrapProse(line, w)))
    .join("\n");
}

function wrapProse(line: string, width: number): string {
  const lead = /^ */.exec(line)![0];
  // Continuation lines sit under the text after a list mark or the line's own indentation.
  const mark = /^ *(?:\[[ x~✓]\] +\d* *|[-*•] |\d+\. )/.exec(line)?.[0] ?? lead;
  const indent = " ".repeat(Math.min(mark.length, Math.floor(width / 2)));
  const out: string[] = [];
  let current = "";
  for (const word of line.slice(lead.length).split(/ +/)) {
    const prefix = out.length === 0 && current === "" ? lead : current === "" ? indent : "";
    const candidate = current === "" ? prefix + word : `${current} ${word}`;
    if (visible(candidate) <= width) {
      current = candidate;
      continue;
    }
    if (current !== "") out.push(current);
    let rest = (out.length === 0 ? lead : indent) + word;
    // A word longer than the line is cut, never lost.
    while (visible(rest) > width) {
      out.push([...rest].slice(0, width).join(""));
      rest = indent + [...rest].slice(width).join("");
    }
    current = rest;
  }
  if (current !== "") out.push(current);
  return out.join("\n");
}

function cutCode(line: string, width: number): string {
  const chars = [...line];
  const out: string[] = [];
  for (let i = 0; i < chars.length; ) {
    const room = out.length === 0 ? width - 1 : width - 3;
    const piece = chars.slice(i, i + room).join("");
    i += room;
    out.push((out.length === 0 ? "" : "  ") + piece + (i < chars.length ? "↩" : ""));
  }
  return out.join("\n");
}
