import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { line, plainText } from "./spans.js";
import { CONTINUATION, breakableWidth, foldLine, wrapSpans } from "./wrap.js";

const text = (l: { spans: readonly { text: string }[] }) => plainText(l.spans);
const word = fc.stringMatching(/^[a-zA-Z0-9.\-_/()=,]{1,50}$/);

describe("wrapSpans", () => {
  it("fills lines word by word and keeps styles on the words", () => {
    const out = wrapSpans([{ text: "one two " }, { text: "three", style: { bold: true } }, { text: " four five" }], 13);
    expect(out.map(text)).toEqual(["one two three", "four five"]);
    expect(out[0]!.spans.at(-1)).toEqual({ text: "three", style: { bold: true } });
    expect(out.map((l) => l.width)).toEqual([13, 9]);
  });

  it("breaks a word too long for a line after punctuation, else with a marker", () => {
    expect(wrapSpans([{ text: "see max.in.flight.requests" }], 12).map(text)).toEqual(["see max.in.", "flight.", "requests"]);
    expect(wrapSpans([{ text: "abcdefghijklmnop" }], 8).map(text)).toEqual([`abcdefg${CONTINUATION}`, `hijklmnop`.slice(0, 7) + CONTINUATION, "op"]);
  });

  it("never makes a line wider than asked and loses no character", () => {
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 30 }), fc.integer({ min: 4, max: 80 }), (words, width) => {
        const out = wrapSpans([{ text: words.join(" ") }], width);
        for (const l of out) expect(l.width).toBeLessThanOrEqual(width);
        const joined = out.map((l) => text(l).replace(new RegExp(`${CONTINUATION}$`), "")).join("");
        expect(joined.replace(/\s/g, "")).toBe(words.join(""));
      }),
    );
  });
});

describe("breakableWidth", () => {
  it("is the longest part between break points, but at least the comfort width", () => {
    expect(breakableWidth("short")).toBe(5);
    expect(breakableWidth("max.in.flight.requests.per.connection")).toBe(12);
    expect(breakableWidth("verylongidentifierwithoutbreaks")).toBe(31);
  });
});

describe("foldLine", () => {
  it("folds a wide code line into pieces that repeat its indent, ending in the marker", () => {
    const l = line([{ text: "  " }, { text: "const total = produced - consumed + inFlight;" }], { wide: true, indent: 2 });
    // A cut falls after a space when one is in the last third of the piece, else anywhere.
    expect(foldLine(l, 26).map(text)).toEqual([`  const total = produced ${CONTINUATION}`, `  - consumed + inFlight;`]);
    expect(foldLine(l, 24).map(text)).toEqual([`  const total = produce${CONTINUATION}`, `  d - consumed + ${CONTINUATION}`, "  inFlight;"]);
  });

  it("gives back the line exactly, every piece within the width", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[ -~]{1,200}$/), fc.integer({ min: 0, max: 8 }), fc.integer({ min: 12, max: 100 }), (content, indent, width) => {
        const pad = " ".repeat(indent);
        const pieces = foldLine(line([{ text: pad }, { text: content }], { wide: true, indent }), width).map(text);
        // An indent that would leave fewer than 10 columns for the code is repeated only in part.
        const kept = pieces.length > 1 ? Math.min(indent, width - 10) : indent;
        for (const p of pieces) {
          expect(p.length).toBeLessThanOrEqual(width);
          expect(p.startsWith(" ".repeat(kept))).toBe(true);
        }
        pieces.slice(0, -1).forEach((p) => expect(p.endsWith(CONTINUATION)).toBe(true));
        const back = pieces.map((p, i) => p.slice(kept, i < pieces.length - 1 ? -1 : undefined)).join("");
        expect(back).toBe(pad.slice(kept) + content);
      }),
    );
  });
});
