import { describe, expect, it } from "vitest";
import { checkExerciseFrontMatter, checkLessonFrontMatter, checkQuizFrontMatter } from "./schema.js";
import type { FieldProblem } from "./issues.js";

const lines = (r: { ok: true } | { ok: false; problems: FieldProblem[] }) =>
  r.ok ? [] : r.problems.map((p) => `${p.where} ${p.rule}`);

describe("lesson front matter", () => {
  const good = { title: "Queues", summary: "Why queues.", objectives: ["One"], minutes: 8 };

  it("accepts the DESIGN §3 fields and trims text", () => {
    const r = checkLessonFrontMatter({ ...good, title: "  Queues  ", minutes: 7.5 });
    expect(r).toEqual({ ok: true, value: { ...good, minutes: 7.5 } });
  });

  it("names each wrong field with a plain rule, all at once", () => {
    const r = checkLessonFrontMatter({ title: "", objectives: [], minutes: "ten", extra: 1 });
    expect(lines(r)).toEqual([
      `front matter: "title" must not be empty`,
      `front matter: "summary" is required`,
      `front matter: "objectives" must not be empty`,
      `front matter: "minutes" must be a number`,
      `front matter: "extra" is not a known field (known: title, summary, objectives, minutes)`,
    ]);
  });

  it("wants positive minutes, a list of non-empty objectives and text titles", () => {
    expect(lines(checkLessonFrontMatter({ ...good, minutes: 0 }))).toEqual([`front matter: "minutes" must be greater than 0`]);
    expect(lines(checkLessonFrontMatter({ ...good, objectives: "One" }))).toEqual([`front matter: "objectives" must be a list`]);
    expect(lines(checkLessonFrontMatter({ ...good, objectives: ["One", " "] }))).toEqual([
      `front matter: "objectives[1]" must not be empty`,
    ]);
    expect(lines(checkLessonFrontMatter({ ...good, title: 42 }))).toEqual([`front matter: "title" must be a string`]);
  });

  it("says so when the front matter is not a mapping", () => {
    expect(lines(checkLessonFrontMatter(["a", "b"]))).toEqual(["front matter must be a mapping of fields (name: value lines)"]);
    expect(lines(checkLessonFrontMatter("just text"))).toEqual(["front matter must be a mapping of fields (name: value lines)"]);
  });
});

describe("quiz front matter", () => {
  const base = { id: "q1", lesson: 1, prompt: "Which?", bloom: "Remember", difficulty: 2 };
  const choices = ["A", "B", "C"];

  it.each([
    ["single", { choices, answer: 2 }],
    ["multiple", { choices, answer: [0, 2] }],
    ["order", { choices, answer: [2, 0, 1] }],
    ["boolean", { answer: false }],
    ["text", { answer: ["DLQ", "dead-letter queue"] }],
  ])("accepts a well-formed %s question", (type, rest) => {
    const r = checkQuizFrontMatter({ ...base, type, ...rest });
    expect(r).toEqual({ ok: true, value: { ...base, type, ...rest } });
  });

  it("accepts a lesson slug as well as a number", () => {
    expect(checkQuizFrontMatter({ ...base, lesson: "dead-letter-queues", type: "boolean", answer: true }).ok).toBe(true);
  });

  it.each<[string, Record<string, unknown>, string[]]>([
    ["single index beyond the choices", { type: "single", choices, answer: 3 }, [
      `front matter: "answer" 3 is not among the choices (0-based indexes 0..2)`,
    ]],
    ["single index that is not a whole number", { type: "single", choices, answer: 1.5 }, [
      `front matter: "answer" must be a whole number`,
    ]],
    ["single with one choice", { type: "single", choices: ["A"], answer: 0 }, [
      `front matter: "choices" must have at least 2 items`,
    ]],
    ["single without choices", { type: "single", answer: 0 }, [`front matter: "choices" is required`]],
    ["multiple with no index", { type: "multiple", choices, answer: [] }, [`front matter: "answer" must not be empty`]],
    ["multiple with a repeated index", { type: "multiple", choices, answer: [1, 1] }, [
      `front matter: "answer" lists 1 more than once`,
    ]],
    ["multiple with an index beyond the choices", { type: "multiple", choices, answer: [0, 5] }, [
      `front matter: "answer[1]" 5 is not among the choices (0-based indexes 0..2)`,
    ]],
    ["multiple with a single index", { type: "multiple", choices, answer: 1 }, [`front matter: "answer" must be a list`]],
    ["order missing a choice", { type: "order", choices, answer: [0, 1] }, [
      `front matter: "answer" must list every choice index (0..2) exactly once, in the correct order`,
    ]],
    ["order repeating a choice", { type: "order", choices, answer: [0, 1, 1] }, [
      `front matter: "answer" must list every choice index (0..2) exactly once, in the correct order`,
    ]],
    ["boolean with choices", { type: "boolean", choices, answer: true }, [
      `front matter: "choices" is not used by type boolean: remove it`,
    ]],
    ["boolean answered with text", { type: "boolean", answer: "yes" }, [`front matter: "answer" must be true or false`]],
    ["text answered with one string", { type: "text", answer: "DLQ" }, [`front matter: "answer" must be a list`]],
    ["text with no accepted answer", { type: "text", answer: [] }, [`front matter: "answer" must not be empty`]],
    ["text with an empty accepted answer", { type: "text", answer: ["DLQ", ""] }, [
      `front matter: "answer[1]" must not be empty`,
    ]],
    ["text with choices", { type: "text", choices, answer: ["x"] }, [
      `front matter: "choices" is not used by type text: remove it`,
    ]],
    ["repeated choices", { type: "single", choices: ["A", "A"], answer: 0 }, [
      `front matter: "choices" lists "A" more than once`,
    ]],
  ])("rejects %s", (_name, rest, expected) => {
    expect(lines(checkQuizFrontMatter({ ...base, ...rest }))).toEqual(expected);
  });

  it("reports a bad type together with the problems of the shared fields", () => {
    const r = checkQuizFrontMatter({ id: "q1", lesson: true, type: "multi", prompt: "?", bloom: "remember", difficulty: 0 });
    expect(lines(r)).toEqual([
      `front matter: "type" must be one of: single, multiple, boolean, order, text`,
      `front matter: "lesson" must be a lesson number or slug`,
      `front matter: "bloom" must be one of: Remember, Understand, Apply, Analyze, Evaluate, Create`,
      `front matter: "difficulty" must be at least 1`,
    ]);
    expect(lines(checkQuizFrontMatter({ ...base, answer: true }))).toEqual([`front matter: "type" is required`]);
  });

  it("still checks the answer when another field is wrong", () => {
    const r = checkQuizFrontMatter({ ...base, difficulty: 9, type: "single", choices, answer: 7 });
    expect(lines(r)).toEqual([
      `front matter: "difficulty" must be at most 5`,
      `front matter: "answer" 7 is not among the choices (0-based indexes 0..2)`,
    ]);
  });

  it("names unknown fields and every missing one", () => {
    const r = checkQuizFrontMatter({ type: "boolean", answer: true, explanation: "no" });
    expect(lines(r)).toEqual([
      `front matter: "id" is required`,
      `front matter: "lesson" is required`,
      `front matter: "prompt" is required`,
      `front matter: "bloom" is required`,
      `front matter: "difficulty" is required`,
      `front matter: "explanation" is not a known field (known: type, id, lesson, prompt, bloom, difficulty, answer)`,
    ]);
  });

  it("wants ids without spaces and whole-number difficulties", () => {
    expect(lines(checkQuizFrontMatter({ ...base, id: "q 1", type: "boolean", answer: true }))).toEqual([
      `front matter: "id" must not contain spaces`,
    ]);
    expect(lines(checkQuizFrontMatter({ ...base, difficulty: 2.5, type: "boolean", answer: true }))).toEqual([
      `front matter: "difficulty" must be a whole number`,
    ]);
  });
});

describe("exercise front matter", () => {
  const good = { title: "Retry", lesson: "dead-letter-queues", difficulty: 3, hints: ["Count.", "Give up."] };

  it("accepts the DESIGN §3 fields, with hints possibly empty", () => {
    expect(checkExerciseFrontMatter(good)).toEqual({ ok: true, value: good });
    expect(checkExerciseFrontMatter({ ...good, hints: [] }).ok).toBe(true);
    expect(checkExerciseFrontMatter({ ...good, lesson: 3 }).ok).toBe(true);
  });

  it("names each wrong field", () => {
    const r = checkExerciseFrontMatter({ title: "Retry", lesson: -1, difficulty: "hard", hints: "Count." });
    expect(lines(r)).toEqual([
      `front matter: "lesson" must be greater than 0`,
      `front matter: "difficulty" must be a number`,
      `front matter: "hints" must be a list`,
    ]);
    expect(lines(checkExerciseFrontMatter({ ...good, hints: ["ok", 3], starter: "x.ts" }))).toEqual([
      `front matter: "hints[1]" must be a string`,
      `front matter: "starter" is not a known field (known: title, lesson, difficulty, hints)`,
    ]);
    expect(lines(checkExerciseFrontMatter({ ...good, title: undefined, hints: undefined }))).toEqual([
      `front matter: "title" is required`,
      `front matter: "hints" is required`,
    ]);
  });
});
