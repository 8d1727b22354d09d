/**
 * Hard wrapping for the plain views, in a module of its own so that `progress` does not load
 * the markdown renderer. Our own few lines over render/width.ts, which builds its Unicode tables
 * only for text that needs them: wrap-ansi (whose rules these follow) built a grapheme
 * segmenter as it was imported, ~15 ms of every `progress` start. wrap-text.test.ts holds the
 * two to the same output.
 */
import { stripVTControlCharacters } from "node:util";
import { clusters, displayWidth } from "../render/width.js";

const columns = (s: string) => displayWidth(stripVTControlCharacters(s));

/** A word wider than `room`, cut into pieces: the first `room` columns wide, the rest `width`. */
function cut(word: string, room: number, width: number): string[] {
  // Escape codes cannot be cut safely: such a word keeps its line, as wide as it is.
  if (word.includes("\x1b")) return [word];
  const pieces = [""];
  let used = 0;
  for (const c of clusters(word)) {
    const w = displayWidth(c);
    const limit = pieces.length === 1 ? room : width;
    if (used + w > limit && pieces.at(-1) !== "") {
      pieces.push("");
      used = 0;
    }
    pieces[pieces.length - 1] += c;
    used += w;
  }
  return pieces;
}

/**
 * One line wrapped at spaces to `width`: its leading indentation kept, the spaces between words
 * kept where the line does not break (columns stay aligned), a word too wide cut.
 */
function wrapLine(line: string, width: number): string[] {
  const lead = /^ */.exec(line)![0];
  const out: string[] = [];
  let current = lead;
  let used = columns(lead);
  let words = 0;
  const flush = () => {
    out.push(current);
    current = "";
    used = 0;
    words = 0;
  };
  // Words and the runs of spaces between them, alternately.
  const parts = line.slice(lead.length).split(/( +)/);
  for (let i = 0; i < parts.length; i += 2) {
    const word = parts[i]!;
    if (word === "") continue;
    const gap = words > 0 ? (parts[i - 1] ?? " ") : "";
    const w = columns(word);
    if (used + gap.length + w <= width) {
      current += gap + word;
      used += gap.length + w;
      words++;
      continue;
    }
    if (w <= width) {
      if (words > 0) flush();
      else [current, used] = ["", 0]; // indentation that leaves no room for the word goes
      current = word;
      used = w;
      words = 1;
      continue;
    }
    // Wider than a whole line: fill this line's room, then whole lines; but start on the next
    // line when that cuts the word fewer times (wrap-ansi's rule: no 3-column scrap of it is left).
    let room = width - used - (words > 0 ? 1 : 0);
    if (room > 0 && Math.floor((w - 1) / width) < 1 + Math.floor((w - room - 1) / width)) room = 0;
    const pieces = room > 0 ? cut(word, room, width) : ["", ...cut(word, width, width)];
    const [first = "", ...more] = pieces;
    if (first !== "") current += (words > 0 ? " " : "") + first;
    for (const piece of more) {
      flush();
      current = piece;
    }
    used = columns(current);
    words = 1;
  }
  out.push(current);
  return out;
}

const wrapText = (text: string, width: number) =>
  text
    .split("\n")
    .flatMap((l) => wrapLine(l, width))
    .map((l) => l.trimEnd());

/** Hard-wrapped to `width`, continuation lines indented by `indent` spaces; leading indentation is kept. */
export function wrap(text: string, width: number, indent = 0): string {
  const [first = "", ...rest] = wrapText(text, width);
  if (rest.length === 0 || indent === 0) return [first, ...rest].join("\n");
  const tail = wrapText(rest.map((l) => l.trim()).join(" "), Math.max(10, width - indent));
  return [first, ...tail.map((l) => " ".repeat(indent) + l)].join("\n");
}
