import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FastSegmenter } from "./fast-segmenter.js";

const segments = (s: Iterable<{ segment: string; index: number; input: string }>) => [...s].map(({ segment, index, input }) => ({ segment, index, input }));

/** Characters of every kind: ASCII and controls (with CR LF), one-column symbols, marks, emoji, Hangul, CJK. */
const char = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(..." abcXYZ019.,;:!?-_[]{}()~|/\\'\"`@#%&*+=<>") },
  { weight: 2, arbitrary: fc.constantFrom("\n", "\r", "\r\n", "\t", "\x1b", "\x1b[31m", "\x7f", "\x85", "\x00") },
  { weight: 3, arbitrary: fc.constantFrom("é", "·", "—", "…", "•", "→", "≤", "✓", "✗", "─", "│", "░", "█", "€", "Ω", "ж") },
  { weight: 2, arbitrary: fc.constantFrom("\u0301", "\u200d", "\ufe0f", "\u200b", "\u00ad", "\u0903", "\u0e33") },
  { weight: 2, arbitrary: fc.constantFrom("👍", "👍🏽", "🇩🇪", "👨‍👩‍👧", "❤️", "1\u20e3", "✅", "❌") },
  { weight: 1, arbitrary: fc.constantFrom("\u1100", "\u1161", "\u11a8", "한", "日", "ｶ", "ﾞ") },
);
const text = fc.array(char, { maxLength: 30 }).map((cs) => cs.join(""));

describe("FastSegmenter", () => {
  it("segments any text as Intl.Segmenter does (graphemes, the default)", () => {
    fc.assert(
      fc.property(text, (s) => {
        expect(segments(new FastSegmenter().segment(s))).toEqual(segments(new Intl.Segmenter().segment(s)));
        const g = { granularity: "grapheme" } as const;
        expect(segments(new FastSegmenter(undefined, g).segment(s))).toEqual(segments(new Intl.Segmenter(undefined, g).segment(s)));
      }),
      { numRuns: 2000 },
    );
  });

  it("answers containing() as Intl.Segmenter does", () => {
    fc.assert(
      fc.property(text, fc.integer({ min: -2, max: 40 }), (s, i) => {
        const mine = new FastSegmenter().segment(s).containing(i);
        const theirs = new Intl.Segmenter().segment(s).containing(i);
        expect(mine && { segment: mine.segment, index: mine.index }).toEqual(theirs && { segment: theirs.segment, index: theirs.index });
      }),
    );
  });

  it("leaves words and sentences to Intl.Segmenter", () => {
    const s = "Hello, world. Again!";
    for (const granularity of ["word", "sentence"] as const) {
      const mine = [...new FastSegmenter("en", { granularity }).segment(s)].map((x) => x.segment);
      expect(mine).toEqual([...new Intl.Segmenter("en", { granularity }).segment(s)].map((x) => x.segment));
    }
    expect(new FastSegmenter("en", { granularity: "word" }).resolvedOptions().granularity).toBe("word");
  });
});
