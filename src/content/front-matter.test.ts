import { describe, expect, it } from "vitest";
import { splitFrontMatter } from "./front-matter.js";

const BAD_YAML = "---\ntitle: A\nobjectives: [one, two\nminutes: 5\n---\nBody.\n";
const YAML_RULE = "is not valid YAML: missed comma between flow collection entries (line 4, column 1)";

describe("splitFrontMatter", () => {
  it("splits YAML fields from the body", () => {
    expect(splitFrontMatter("---\ntitle: A\nminutes: 5\n---\n# Body\n")).toEqual({
      ok: true,
      data: { title: "A", minutes: 5 },
      body: "# Body\n",
    });
  });

  it("reports bad YAML with its line in the file, every time the same text is seen", () => {
    // gray-matter without options caches by text and throws only the first time.
    for (let i = 0; i < 3; i++) {
      expect(splitFrontMatter(BAD_YAML)).toEqual({ ok: false, problem: { where: "front matter", rule: YAML_RULE } });
    }
  });

  it("returns a fresh data object each time, never a shared cached one", () => {
    const text = "---\ntitle: A\n---\nBody\n";
    const a = splitFrontMatter(text);
    const b = splitFrontMatter(text);
    expect(a.ok && b.ok && a.data !== b.data).toBe(true);
  });

  it("reports a missing or unclosed block", () => {
    expect(splitFrontMatter("# Just markdown\n")).toEqual({
      ok: false,
      problem: { where: "front matter", rule: "is missing: start the file with a line ---, then the fields, then a line ---" },
    });
    expect(splitFrontMatter("---\ntitle: A\n# Body\n")).toEqual({
      ok: false,
      problem: { where: "front matter", rule: "is not closed: add a line --- after the fields" },
    });
  });

  it("refuses front matter in other languages and never evaluates JavaScript", () => {
    (globalThis as Record<string, unknown>).__mqtutorEvaluated = false;
    const r = splitFrontMatter("---js\n{ title: (globalThis.__mqtutorEvaluated = true, 'x') }\n---\nBody\n");
    expect(r).toEqual({ ok: false, problem: { where: "front matter", rule: "must be YAML: start the file with a line of just ---" } });
    expect((globalThis as Record<string, unknown>).__mqtutorEvaluated).toBe(false);
  });

  it("gives an empty block as an empty mapping and a scalar as it is (for the schema to reject)", () => {
    expect(splitFrontMatter("---\n---\nBody")).toMatchObject({ ok: true, data: {} });
    expect(splitFrontMatter("---\njust text\n---\nBody")).toMatchObject({ ok: true, data: "just text" });
  });
});
