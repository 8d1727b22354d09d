import fc from "fast-check";
import stringWidth from "string-width";
import { describe, expect, it } from "vitest";
import { NARROW, displayWidth } from "./width.js";

describe("displayWidth", () => {
  it.each([
    ["ascii", "plain text"],
    ["box drawing and bullets", "┌─┬─┐ • … → ≤"],
    ["CJK", "日本語のテキスト"],
    ["combining accent", "e\u0301te\u0301"],
    ["emoji", "ok 👍🏽 🇩🇪 👨‍👩‍👧"],
    ["keycap and text-style emoji", "1\u20e3 \u2764 \u2764\ufe0f"],
    ["Hangul jamo", "\u1100\u1161\u11a8 \u1100\u1100\u1161"],
    ["half-width kana with sound marks", "ｶﾞｷﾞ"],
    ["control and zero-width characters", "a\u200bb\u0007c\u00ad"],
  ])("measures %s as string-width does", (_name, text) => {
    expect(displayWidth(text)).toBe(stringWidth(text));
  });

  it("agrees with string-width on any text", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: "grapheme", maxLength: 12 }), fc.string({ unit: "binary", maxLength: 12 })), (text) => {
        // (string-width strips escape sequences first; our spans never hold any.)
        fc.pre(!text.includes("\u001b") && !text.includes("\u009b"));
        expect(displayWidth(text)).toBe(stringWidth(text));
      }),
      { numRuns: 2000 },
    );
  });

  it("counts every character of its fast path as one column, as string-width does", () => {
    let checked = 0;
    for (const m of NARROW.source.matchAll(/\\u([0-9a-f]{4})-\\u([0-9a-f]{4})/g)) {
      for (let c = parseInt(m[1]!, 16); c <= parseInt(m[2]!, 16); c++, checked++) {
        expect(stringWidth(String.fromCharCode(c)), c.toString(16)).toBe(1);
      }
    }
    expect(checked).toBeGreaterThan(2000);
  });
});
