import stringWidth from "string-width";
import { describe, expect, it } from "vitest";
import { CONTINUATION } from "../../src/ui/markdown.js";
import { ONE_COLUMN, expectTextFit, outputWords, sourceWords, textFitProblems } from "./text-fit.js";

const md = `## Why queues

Producers **outrun** consumers: see [the guide](https://example.com/q).

| broker | unit |
|---|---|
| Kafka | partition |

\`\`\`ts
const backlog = producers - consumers;
\`\`\`
`;

const good = [
  "Why queues",
  "──────────",
  "",
  "Producers outrun consumers: see the guide",
  "(https://example.com/q).",
  "",
  "┌────────┬───────────┐",
  "│ broker │ unit      │",
  "├────────┼───────────┤",
  "│ Kafka  │ partition │",
  "└────────┴───────────┘",
  "",
  "  const backlog = producers - consumers;",
];

describe("sourceWords", () => {
  it("takes the words a reader sees, not markdown syntax; table words apart", () => {
    expect(sourceWords(md)).toEqual({
      ordered: ["Why", "queues", "Producers", "outrun", "consumers", "see", "the", "guide", "https", "example", "com", "q", "const", "backlog", "producers", "consumers"],
      tables: ["broker", "unit", "Kafka", "partition"],
    });
  });
});

describe("textFitProblems", () => {
  it("accepts a rendering that fits and keeps every word", () => {
    expect(textFitProblems(md, good, 45)).toEqual([]);
    expect(() => expectTextFit(md, good.join("\n") + "\n", 45)).not.toThrow();
  });

  it("reports a line wider than the width, measured without colour codes", () => {
    const coloured = good.map((l) => `\u001b[1m${l}\u001b[0m`);
    expect(textFitProblems(md, coloured, 45)).toEqual([]);
    const problems = textFitProblems(md, good, 40);
    expect(problems.map((p) => p.kind)).toEqual(["too-wide"]);
    expect(problems[0]!.message).toContain("line 4 is 41 columns wide (max 40)");
  });

  it("reports words lost to a line cut short, naming the word and where it was", () => {
    const cut = good.map((l) => (l.startsWith("(https") ? "(https://example.c…" : l));
    expect(textFitProblems(md, cut, 45).map((p) => p.message)).toEqual([
      'missing "com" (source word 11, after "consumers see the guide https example")',
      'missing "q" (source word 12, after "see the guide https example com")',
    ]);
  });

  it("wants the words in source order, except in tables", () => {
    const swapped = [...good];
    [swapped[3], swapped[12]] = [swapped[12]!, swapped[3]!];
    expect(textFitProblems(md, swapped, 45).length).toBeGreaterThan(0);
    const cards = [...good.slice(0, 6), "unit: partition", "  broker: Kafka", "", good[12]!];
    expect(textFitProblems(md, cards, 45)).toEqual([]);
    const lost = [...good.slice(0, 6), "broker: Kafka", "", good[12]!];
    expect(textFitProblems(md, lost, 45).map((p) => p.message)).toEqual(['missing table word "unit"', 'missing table word "partition"']);
  });

  it("joins a folded line back, a word cut in two included", () => {
    const folded = [...good.slice(0, 12), `  const backlog = produ${CONTINUATION}`, "  cers - consumers;"];
    expect(outputWords(folded).slice(-3).map((w) => w.text)).toEqual(["backlog", "producers", "consumers"]);
    expect(textFitProblems(md, folded, 45)).toEqual([]);
    // A fold just before a run of spaces glues two words; each still counts.
    const glued = [...good.slice(0, 12), `  const backlog${CONTINUATION}`, "   = producers - consumers;"];
    expect(textFitProblems(md, glued, 45)).toEqual([]);
  });

  it("measures the characters it skips string-width for exactly as string-width does", () => {
    const ranges: Array<[number, number]> = [];
    for (const m of ONE_COLUMN.source.matchAll(/\\u([0-9a-f]{4})-\\u([0-9a-f]{4})/g)) ranges.push([parseInt(m[1]!, 16), parseInt(m[2]!, 16)]);
    expect(ranges.length).toBeGreaterThan(10);
    for (const [from, to] of ranges) {
      for (let c = from; c <= to; c++) expect(stringWidth(String.fromCharCode(c)), c.toString(16)).toBe(1);
    }
  });
});
