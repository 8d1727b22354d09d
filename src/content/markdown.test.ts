import { describe, expect, it } from "vitest";
import { extractCheatSheet } from "./markdown.js";

describe("extractCheatSheet", () => {
  it("returns the last section without its heading, trimmed, keeping deeper headings", () => {
    const body = "# Title\n\nText.\n\n## Cheat sheet\n\n- one\n\n### More\n\n- two\n\n";
    expect(extractCheatSheet(body)).toEqual({ ok: true, cheatSheet: "- one\n\n### More\n\n- two" });
  });

  it("accepts other capitalisations and a closing # sequence", () => {
    expect(extractCheatSheet("## Cheat Sheet ##\nx")).toEqual({ ok: true, cheatSheet: "x" });
  });

  it("ignores headings inside fenced code blocks", () => {
    const body = [
      "## Cheat sheet",
      "- real",
      "```md",
      "## Further reading",
      "```",
      "~~~~",
      "# Also not a heading",
      "```",
      "## still inside the tilde fence",
      "~~~~",
    ].join("\n");
    const r = extractCheatSheet(body);
    expect(r.ok).toBe(true);
    expect(r.ok && r.cheatSheet.startsWith("- real")).toBe(true);

    const fencedOnly = "Text.\n\n```\n## Cheat sheet\n- inside a fence\n```\n";
    expect(extractCheatSheet(fencedOnly)).toEqual({
      ok: false,
      problem: { where: "body", rule: `has no "## Cheat sheet" section: end the lesson with one` },
    });
  });

  it("rejects a cheat sheet followed by another # or ## section", () => {
    expect(extractCheatSheet("## Cheat sheet\n- x\n\n# Appendix\n")).toEqual({
      ok: false,
      problem: { where: "body", rule: `"## Cheat sheet" must be the last section, but "# Appendix" follows it` },
    });
  });

  it("rejects two cheat sheets, an empty one, and a ### cheat sheet", () => {
    const rule = (body: string) => {
      const r = extractCheatSheet(body);
      return r.ok ? undefined : r.problem.rule;
    };
    expect(rule("## Cheat sheet\n- a\n## Cheat sheet\n- b")).toBe(`has 2 "## Cheat sheet" sections: keep one, at the end`);
    expect(rule("Text.\n\n## Cheat sheet\n\n  \n")).toBe(`"## Cheat sheet" section is empty`);
    expect(rule("### Cheat sheet\n- a")).toBe(`has no "## Cheat sheet" section: end the lesson with one`);
    expect(rule("##Cheat sheet\n- a")).toBe(`has no "## Cheat sheet" section: end the lesson with one`);
  });
});
