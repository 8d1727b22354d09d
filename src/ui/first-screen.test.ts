import { describe, expect, it } from "vitest";
import { markdownHead } from "./first-screen.js";

describe("markdownHead", () => {
  const para = (n: number) => Array.from({ length: n }, (_, i) => `line ${i}`).join("\n");

  it("cuts at the first blank line at or after minLines", () => {
    const text = `${para(3)}\n\n${para(3)}\n\n${para(3)}`;
    expect(markdownHead(text, 4)).toBe(`${para(3)}\n\n${para(3)}`);
    expect(markdownHead(text, 0)).toBe(para(3));
  });

  it("never cuts inside a code fence, whichever fence it is", () => {
    const text = ["intro", "", "```ts", "a", "", "b", "```", "", "~~~~", "c", "", "```", "~~~~", "", "end"].join("\n");
    expect(markdownHead(text, 2)).toBe(["intro", "", "```ts", "a", "", "b", "```"].join("\n"));
    expect(markdownHead(text, 8)).toBe(["intro", "", "```ts", "a", "", "b", "```", "", "~~~~", "c", "", "```", "~~~~"].join("\n"));
  });

  it("gives the whole text when there is no boundary late enough", () => {
    const text = `${para(3)}\n\n${para(3)}`;
    expect(markdownHead(text, 10)).toBe(text);
    expect(markdownHead("```\nnever closed\n\nstill code", 0)).toBe("```\nnever closed\n\nstill code");
  });
});
