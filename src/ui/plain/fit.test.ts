import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fitText } from "./fit.js";

const words = (s: string) => s.replace(/↩\n\s*/g, "").split(/\s+/).filter(Boolean);

describe("fitText", () => {
  it("wraps prose under its list mark and loses no word, at any width from 40", () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-zA-Z:,.()-]{1,30}$/), { minLength: 1, maxLength: 40 }), fc.integer({ min: 40, max: 120 }), (ws, width) => {
        const line = `  [ ]  4 ${ws.join(" ")}`;
        const out = fitText(line, width);
        for (const l of out.split("\n")) expect([...l].length).toBeLessThanOrEqual(width);
        expect(words(out)).toEqual(words(line));
      }),
    );
  });

  it("cuts code at the width with a ↩ marker and keeps every character", () => {
    const code = `const x = ${"a".repeat(150)};`;
    const out = fitText(code, 40, { code: true });
    for (const l of out.split("\n")) expect([...l].length).toBeLessThanOrEqual(40);
    expect(out.split("\n").map((l, i) => (i ? l.slice(2) : l)).join("").replace(/↩/g, "")).toBe(code);
  });

  it("leaves lines that fit alone", () => {
    expect(fitText("short\n  also short", 40)).toBe("short\n  also short");
  });
});
