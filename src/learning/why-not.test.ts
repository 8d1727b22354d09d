import { describe, expect, it } from "vitest";
import type { QuizQuestion } from "../content/model.js";
import { splitWhyNot, whyNotProblems } from "./why-not.js";

const body = [
  "The queue lets each side run at its own pace.",
  "",
  "It also **buffers** bursts.",
  "",
  "## Why not",
  "",
  "- **1.** A queue alone does not give exactly-once delivery;",
  "  the consumer must be idempotent.",
  "- **3.** A queue adds a hop.",
  "",
].join("\n");

function q(type: QuizQuestion["type"], answer: QuizQuestion["answer"], explanation: string, n = 3): QuizQuestion {
  return {
    id: "x",
    file: "quizzes/01-x.md",
    lesson: 1,
    type,
    prompt: "P?",
    ...(type === "boolean" || type === "text" ? {} : { choices: Array.from({ length: n }, (_, i) => `c${i}`) }),
    answer,
    bloom: "Remember",
    difficulty: 1,
    explanation,
  };
}

describe("splitWhyNot", () => {
  it("separates the explanation from the notes, joining continued lines", () => {
    const split = splitWhyNot(body);
    expect(split.explanation).toBe("The queue lets each side run at its own pace.\n\nIt also **buffers** bursts.");
    expect([...split.notes]).toEqual([
      ["1", "A queue alone does not give exactly-once delivery; the consumer must be idempotent."],
      ["3", "A queue adds a hop."],
    ]);
    expect(split.stray).toEqual([]);
  });

  it("keeps the whole body as the explanation when there is no section", () => {
    expect(splitWhyNot("  Just this.\n")).toEqual({ explanation: "Just this.", notes: new Map(), stray: [] });
  });

  it("reads boolean notes and reports lines that are not notes", () => {
    const split = splitWhyNot("E.\n\n## Why not\n\n- **false.** It is redelivered.\nA loose line.\n- 2. no bold\n");
    expect([...split.notes]).toEqual([["false", "It is redelivered."]]);
    expect(split.stray).toEqual(["A loose line.", "- 2. no bold"]);
  });
});

describe("whyNotProblems", () => {
  it("accepts notes on wrong choices only", () => {
    expect(whyNotProblems(q("single", 1, body))).toEqual([]);
    expect(whyNotProblems(q("single", 0, body))).toEqual([`note "1" explains a right choice as wrong`]);
    expect(whyNotProblems(q("multiple", [0, 1], body))).toEqual([`note "1" explains a right choice as wrong`]);
    expect(whyNotProblems(q("single", 1, body, 2))).toEqual([`note "3" names no choice (the choices are 1 to 2)`]);
  });

  it("checks boolean keys and types without choices", () => {
    const e = "E.\n\n## Why not\n\n- **true.** No.\n";
    expect(whyNotProblems(q("boolean", false, e))).toEqual([]);
    expect(whyNotProblems(q("boolean", true, e))).toEqual([`note "true" explains the right answer as wrong`]);
    expect(whyNotProblems(q("text", ["a"], "E.\n\n## Why not\n\n- **1.** No.\n"))[0]).toMatch(/text question has no wrong choice/);
  });
});
