/**
 * Fitting spans into a width. Prose is re-flowed word by word; a word wider than the line
 * breaks after punctuation where it can, else anywhere with a continuation marker. A code or
 * diagram line is folded into pieces, each but the last ending in the marker.
 */
import { type Line, type Span, type Style, graphemes, line, plainText, sliceColumns, textWidth } from "./spans.js";

/** Ends a line whose text goes on at the start of the next one (a word or code line cut in two). */
export const CONTINUATION = "↩";
const marker: Span = { text: CONTINUATION, style: { dim: true } };

interface Word {
  pieces: Span[];
  width: number;
  /** Style of the whitespace before this word (spaces inside a code span or link keep theirs). */
  gap: Style | undefined;
}

const RUNS = /\s+|\S+/g;

function words(spans: readonly Span[]): Word[] {
  const out: Word[] = [];
  let current: Word | null = null;
  let gap: Style | undefined;
  for (const span of spans) {
    RUNS.lastIndex = 0;
    for (let m = RUNS.exec(span.text); m; m = RUNS.exec(span.text)) {
      const part = m[0];
      if (part.charCodeAt(0) <= 32 || /^\s/.test(part)) {
        current = null;
        gap = span.style;
        continue;
      }
      if (!current) {
        current = { pieces: [], width: 0, gap };
        out.push(current);
      }
      current.pieces.push(span.style ? { text: part, style: span.style } : { text: part });
      current.width += textWidth(part);
    }
  }
  return out;
}

const BREAK_AFTER = new Set(["/", ".", "-", "_", ",", ";", ":", "=", "&", "?", ")", "]", "}", ">", "|"]);
const BREAK_BEFORE = new Set(["(", "[", "{", "<"]);

/**
 * Columns `word` needs so that {@link wrapSpans} can break it at punctuation only, never
 * mid-name: its longest part between break points, but no less than `comfort` (or the whole
 * word when it is shorter), so that names are not chopped into tiny pieces.
 */
export function breakableWidth(word: string, comfort = 12): number {
  const total = textWidth(word);
  if (total <= comfort) return total;
  let longest = 0;
  let col = 0;
  let start = 0;
  for (const { g, w } of graphemes(word)) {
    if (BREAK_BEFORE.has(g) && col > start) {
      longest = Math.max(longest, col - start);
      start = col;
    }
    col += w;
    if (BREAK_AFTER.has(g)) {
      longest = Math.max(longest, col - start);
      start = col;
    }
  }
  longest = Math.max(longest, col - start);
  return Math.max(comfort, longest);
}

/** Column at which to cut `word` so that its first part fits in `room`: [cut, needsMarker]. */
function cutPoint(word: Word, room: number): [number, boolean] {
  const gs = graphemes(plainText(word.pieces));
  let col = 0;
  let best = 0;
  let lastFit = 0;
  for (let i = 0; i < gs.length; i++) {
    const { g, w } = gs[i]!;
    if (col > 0 && BREAK_BEFORE.has(g) && col <= room) best = col;
    if (col + w < room) lastFit = col + w; // leaves a column for the marker
    col += w;
    if (BREAK_AFTER.has(g) && col <= room && i < gs.length - 1) best = col;
  }
  if (best > 0) return [best, false];
  return [Math.max(1, lastFit), true];
}

/**
 * Re-flows one paragraph's spans into lines no wider than `width` (at least 1). Runs of
 * whitespace become single spaces; nothing else is dropped.
 */
export function wrapSpans(spans: readonly Span[], width: number): Line[] {
  const w = Math.max(2, width);
  const out: Line[] = [];
  let cur: Span[] = [];
  let curWidth = 0;
  const flush = () => {
    out.push(line(cur));
    cur = [];
    curWidth = 0;
  };
  const queue = words(spans);
  for (let i = 0; i < queue.length; i++) {
    const word = queue[i]!;
    if (curWidth > 0 && curWidth + 1 + word.width <= w) {
      cur.push(word.gap ? { text: " ", style: word.gap } : { text: " " }, ...word.pieces);
      curWidth += 1 + word.width;
      continue;
    }
    // A word too long for any line starts where it is when enough of the line is left.
    const room = w - curWidth - 1;
    if (curWidth > 0 && (word.width <= w || room < Math.max(8, w / 4))) flush();
    if (word.width <= w) {
      cur.push(...word.pieces);
      curWidth = word.width;
      continue;
    }
    const [cut, needsMarker] = cutPoint(word, curWidth > 0 ? room : w);
    const head = [...sliceColumns(word.pieces, 0, cut), ...(needsMarker ? [marker] : [])];
    out.push(line(curWidth > 0 ? [...cur, word.gap ? { text: " ", style: word.gap } : { text: " " }, ...head] : head));
    cur = [];
    curWidth = 0;
    const rest = sliceColumns(word.pieces, cut, word.width);
    queue.splice(i + 1, 0, { pieces: rest, width: word.width - cut, gap: undefined });
  }
  if (curWidth > 0 || out.length === 0) flush();
  return out;
}

/** Grapheme boundaries of `spans`, in columns (every column for ASCII). */
function boundaries(spans: readonly Span[]): number[] {
  const cols = [0];
  for (const { w } of graphemes(plainText(spans))) cols.push(cols.at(-1)! + w);
  return cols;
}

/**
 * Folds a code or diagram line wider than `width` into pieces that fit, each but the last
 * ending in {@link CONTINUATION}; every piece repeats the line's structural indent. A cut falls
 * after a space when there is one in the last third of the piece, so code breaks between tokens.
 */
export function foldLine(l: Line, width: number): Line[] {
  if (l.width <= width) return [l.wide ? { spans: l.spans, width: l.width } : l];
  const indent = Math.min(l.indent ?? 0, Math.max(0, width - 10));
  const prefix = sliceColumns(l.spans, 0, indent);
  const body = sliceColumns(l.spans, indent, l.width);
  const text = graphemes(plainText(body));
  const cols = boundaries(body);
  const total = cols.at(-1)!;
  const room = Math.max(1, width - indent - 1);
  const out: Line[] = [];
  let pos = 0;
  let index = 0; // grapheme index at column `pos`
  while (total - pos > width - indent) {
    let end = index;
    while (end < text.length && cols[end + 1]! - pos <= room) end++;
    if (end === index) end = index + 1; // a grapheme wider than the room still has to go somewhere
    for (let k = end; k > index && cols[k]! - pos > (room * 2) / 3; k--) {
      if (text[k - 1]!.g === " " && text[k]?.g !== " ") {
        end = k;
        break;
      }
    }
    out.push(line([...prefix, ...sliceColumns(body, pos, cols[end]!), marker]));
    pos = cols[end]!;
    index = end;
  }
  out.push(line([...prefix, ...sliceColumns(body, pos, total)]));
  return out;
}
