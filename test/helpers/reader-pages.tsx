/**
 * Reads a lesson through the Ink reader the way a learner can: page by page from the top, and
 * on each page ←/→ through every sideways position, keeping every frame. Then puts each line
 * back together from what the frames showed of it, so text-fit.ts can check that no word was
 * lost and that every frame fits the terminal.
 */
import { EventEmitter } from "node:events";
import { stripVTControlCharacters } from "node:util";
import { render } from "ink";
import type { Lesson } from "../../src/content/model.js";
import { layoutMarkdown } from "../../src/ui/markdown.js";
import { lessonMarkdown } from "../../src/ui/plain/lesson-text.js";
import { Reader } from "../../src/ui/Reader.js";
import { type ReaderState, initialReader, maxTop, readerReducer } from "../../src/ui/reader-state.js";
import { MORE_LEFT, MORE_RIGHT, readerTextWidth, sideways } from "../../src/ui/reader-view.js";

class FrameSink extends EventEmitter {
  isTTY = true;
  last = "";
  constructor(
    public columns: number,
    public rows: number,
  ) {
    super();
  }
  write = (frame: string) => {
    this.last = frame;
    return true;
  };
}

export interface ReadThrough {
  /** Every frame shown, without ANSI codes. */
  frames: string[];
  /** The lesson's lines as put back together from the frames (wide lines whole). */
  lines: string[];
  /** Lines of which some columns were never on screen, and other inconsistencies. */
  problems: string[];
  /** Width the text was laid out in (frames' body rows must fit it). */
  width: number;
}

interface View {
  left: number;
  text: string;
}

/** One line from its views: unshifted at left 0, or «-marked windows at other offsets. */
function stitch(index: number, views: View[], problems: string[]): string {
  const base = views.find((v) => v.left === 0)?.text ?? "";
  const shifted = views.filter((v) => v.left > 0 && v.text !== base);
  if (shifted.length === 0) {
    if (base.endsWith(MORE_RIGHT)) problems.push(`line ${index + 1}: » but no way to scroll to the rest: ${base}`);
    return base;
  }
  const at = shifted[0]!.text.indexOf(MORE_LEFT);
  const indent = shifted[0]!.text.slice(0, at);
  const content: string[] = [];
  let complete = false;
  const place = (left: number, piece: string) => {
    const more = piece.endsWith(MORE_RIGHT);
    const text = more ? piece.slice(0, -1) : piece;
    if (!more) complete = true;
    [...text].forEach((ch, k) => {
      const prev = content[left + k];
      if (prev !== undefined && prev !== ch) problems.push(`line ${index + 1}: column ${left + k} shows "${prev}" and "${ch}"`);
      content[left + k] = ch;
    });
  };
  place(0, base.slice(at));
  for (const v of shifted) {
    if (v.text.slice(0, at + 1) !== indent + MORE_LEFT) problems.push(`line ${index + 1}: shifted view lacks «: ${v.text}`);
    place(v.left, v.text.slice(at + 1));
  }
  const gaps = [...content.keys()].filter((k) => content[k] === undefined);
  if (gaps.length) problems.push(`line ${index + 1}: columns ${gaps.slice(0, 5).join(", ")} never on screen`);
  if (!complete) problems.push(`line ${index + 1}: still » at the furthest position`);
  return indent + content.map((c) => c ?? " ").join("");
}

/** Pages through `lesson` in a `columns`×`rows` terminal (as App lays the reader out). */
export function readThrough(lesson: Lesson, columns: number, rows: number, color = false): ReadThrough {
  const width = readerTextWidth(columns);
  const layout = layoutMarkdown(lessonMarkdown(lesson), { width, highlight: color });
  const height = Math.max(1, rows - 3); // App: one spare row, a title and a status line
  const sink = new FrameSink(columns, rows);
  const element = (state: ReaderState) => <Reader lesson={lesson} layout={layout} state={state} columns={columns - 1} color={color} />;
  let state = initialReader(height, layout.lines.length);
  const instance = render(element(state), {
    stdout: sink as unknown as NodeJS.WriteStream,
    debug: true,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  const frames: string[] = [];
  const views = new Map<number, View[]>();
  try {
    for (;;) {
      for (;;) {
        instance.rerender(element(state));
        const frame = stripVTControlCharacters(sink.last);
        frames.push(frame);
        const left = Math.min(state.left, sideways(layout.lines, state.top, state.height, width).maxLeft);
        frame
          .split("\n")
          .slice(1, 1 + state.height)
          .forEach((row, r) => {
            const i = state.top + r;
            if (i >= layout.lines.length) return;
            const list = views.get(i) ?? [];
            if (!list.some((v) => v.left === left)) list.push({ left, text: row.trimEnd() });
            views.set(i, list);
          });
        const side = sideways(layout.lines, state.top, state.height, width);
        const next = readerReducer(state, { type: "scrollRight", maxLeft: side.maxLeft, step: side.step });
        if (next.left === state.left) break;
        state = next;
      }
      state = readerReducer(state, { type: "scrollLeft", maxLeft: state.left, step: state.left });
      if (state.top >= maxTop(state)) break;
      state = readerReducer(state, { type: "pageDown" });
    }
  } finally {
    instance.unmount();
  }
  const problems: string[] = [];
  const lines = layout.lines.map((_, i) => stitch(i, views.get(i) ?? [], problems));
  layout.lines.forEach((_, i) => views.has(i) || problems.push(`line ${i + 1} never on screen`));
  return { frames, lines, problems, width };
}
