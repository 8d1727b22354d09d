import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { line } from "./render/spans.js";
import { initialReader, readerReducer } from "./reader-state.js";
import { MORE_LEFT, MORE_RIGHT, readerStatus, sideways, viewLine } from "./reader-view.js";

const wideLine = (content: string, indent = 2) => line([{ text: " ".repeat(indent) }, { text: content }], { wide: true, indent });
const abc = "0123456789abcdefghij";

describe("viewLine", () => {
  it("shows the start of a wide line with » when there is more to the right", () => {
    expect(viewLine(wideLine(abc), 0, 10, false)).toBe(`  0123456${MORE_RIGHT}`);
  });

  it("shifted, shows « and », and keeps the indent in place", () => {
    expect(viewLine(wideLine(abc), 5, 10, false)).toBe(`  ${MORE_LEFT}56789a${MORE_RIGHT}`);
    expect(viewLine(wideLine(abc), 13, 10, false)).toBe(`  ${MORE_LEFT}defghij`);
  });

  it("leaves prose alone whatever the offset", () => {
    expect(viewLine(line([{ text: "plain prose" }]), 7, 20, false)).toBe("plain prose");
  });

  it("marks the edges in reverse video when there is colour", () => {
    expect(viewLine(wideLine(abc), 5, 10, true)).toBe(`  \u001b[7m${MORE_LEFT}\u001b[0m56789a\u001b[7m${MORE_RIGHT}\u001b[0m`);
  });
});

describe("sideways", () => {
  it("scrolls as far as the widest wide line on screen needs, by half a screen", () => {
    const lines = [line([{ text: "prose" }]), wideLine(abc), wideLine(abc + abc)];
    expect(sideways(lines, 0, 2, 10)).toEqual({ maxLeft: 13, step: 5, widest: 20 });
    expect(sideways(lines, 0, 3, 10)).toEqual({ maxLeft: 33, step: 5, widest: 40 });
    expect(sideways(lines, 0, 1, 10).maxLeft).toBe(0);
  });

  // The guarantee the reader gives: stepping right from 0 to the end shows every column of
  // every wide line on screen, whatever its width, indent and the screen's width.
  it("shows every column of a wide line between its first and last position", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.stringMatching(/^[!-~]{1,160}$/), fc.integer({ min: 0, max: 8 })), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 12, max: 100 }),
        (specs, width) => {
          const lines = specs.map(([content, indent]) => wideLine(content, indent));
          const side = sideways(lines, 0, lines.length, width);
          let state = { ...initialReader(lines.length, lines.length), left: 0 };
          const seen = lines.map((l) => new Array<boolean>(l.width - (l.indent ?? 0)).fill(false));
          for (;;) {
            lines.forEach((l, i) => {
              const row = viewLine(l, state.left, width, false);
              expect(row.length).toBeLessThanOrEqual(width);
              let shown = row.slice(l.indent ?? 0);
              if (state.left > 0) {
                expect(shown[0]).toBe(MORE_LEFT);
                shown = shown.slice(1);
              }
              if (shown.endsWith(MORE_RIGHT)) shown = shown.slice(0, -1);
              const content = specs[i]![0];
              expect(shown).toBe(content.slice(state.left, state.left + shown.length));
              for (let c = 0; c < shown.length; c++) seen[i]![state.left + c] = true;
            });
            const next = readerReducer(state, { type: "scrollRight", maxLeft: side.maxLeft, step: side.step });
            if (next.left === state.left) break;
            state = next;
          }
          expect(seen.every((cols) => cols.every(Boolean))).toBe(true);
        },
      ),
    );
  });
});

describe("the reader's sideways actions", () => {
  it("move by a step, stop at both ends, and start from the clamped offset", () => {
    let s = initialReader(10, 100);
    s = readerReducer(s, { type: "scrollRight", maxLeft: 30, step: 20 });
    expect(s.left).toBe(20);
    s = readerReducer(s, { type: "scrollRight", maxLeft: 30, step: 20 });
    expect(s.left).toBe(30);
    // After a scroll down, narrower lines allow less: ← starts from what is on screen.
    s = readerReducer(s, { type: "scrollLeft", maxLeft: 12, step: 20 });
    expect(s.left).toBe(0);
    expect(readerReducer(s, { type: "scrollLeft", maxLeft: 12, step: 20 }).left).toBe(0);
    expect(readerReducer(s, { type: "scrollRight", maxLeft: 0, step: 20 }).left).toBe(0);
  });
});

describe("readerStatus", () => {
  const side = { maxLeft: 30, step: 19, widest: 72 };
  const none = { maxLeft: 0, step: 19, widest: 0 };
  const status = (columns: number, o: Partial<Parameters<typeof readerStatus>[0]> = {}) =>
    readerStatus({ position: "lines 1-21 of 300 (7%)", read: false, side: none, left: 0, backQuits: false, ...o }, columns);

  it("says what q does and where the sideways scroll is", () => {
    expect(status(120)).toBe("lines 1-21 of 300 (7%) · j/k space g/G · n/p lesson · q back · ? help");
    expect(status(120, { backQuits: true, read: true })).toContain("(7%) · read ·");
    expect(status(120, { backQuits: true })).toContain("q quit");
    expect(status(120, { side, left: 19 })).toBe("lines 1-21 of 300 (7%) · ←→ col 20/72 · j/k space g/G · n/p lesson · q back · ? help");
  });

  it.each([39, 59, 79])("fits %i columns, dropping hints whole and keeping ? help", (columns) => {
    const s = status(columns, { side, read: true });
    expect(s.length).toBeLessThanOrEqual(columns);
    expect(s).toMatch(/^(lines )?1-21 of 300/);
    expect(s).toContain(" · read · ");
    expect(s.endsWith(" · ? help")).toBe(true);
  });

  it("gives up key hints, then the word lines, the percentage, then the column", () => {
    const long = { position: "lines 121-141 of 691 (20%)", read: false, side, left: 17, backQuits: false };
    expect(readerStatus(long, 59)).toBe("lines 121-141 of 691 (20%) · ←→ col 18/72 · ? help");
    expect(readerStatus(long, 45)).toBe("121-141 of 691 (20%) · ←→ col 18/72 · ? help");
    expect(readerStatus(long, 39)).toBe("121-141 of 691 · ←→ col 18/72 · ? help");
    expect(readerStatus({ ...long, read: true }, 39)).toBe("121-141 of 691 · read · ←→ · ? help");
    expect(readerStatus({ ...long, side: none, read: true }, 39)).toBe("121-141 of 691 (20%) · read · ? help");
  });
});
