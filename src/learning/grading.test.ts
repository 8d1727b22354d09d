import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { QuizQuestion, QuizType } from "../content/model.js";
import {
  type Answer,
  correctAnswer,
  encodeAnswer,
  expectedFormat,
  isCorrect,
  normalizeText,
  parseAnswer,
  wrongPicks,
} from "./grading.js";

function question(type: QuizType, answer: QuizQuestion["answer"], choices?: string[]): QuizQuestion {
  return {
    id: `q-${type}`,
    file: `quizzes/01-${type}.md`,
    lesson: 1,
    type,
    prompt: "Which?",
    ...(choices ? { choices } : {}),
    answer,
    bloom: "Remember",
    difficulty: 1,
    explanation: "Because.",
  };
}

const choices = (n: number) => Array.from({ length: n }, (_, i) => `choice ${i}`);

/** A question of any type with a valid key. */
const anyQuestion: fc.Arbitrary<QuizQuestion> = fc.integer({ min: 2, max: 7 }).chain((n) =>
  fc.oneof(
    fc.nat(n - 1).map((a) => question("single", a, choices(n))),
    fc
      .uniqueArray(fc.nat(n - 1), { minLength: 1, maxLength: n })
      .map((a) => question("multiple", a, choices(n))),
    fc.shuffledSubarray(
      Array.from({ length: n }, (_, i) => i),
      { minLength: n, maxLength: n },
    ).map((a) => question("order", a, choices(n))),
    fc.boolean().map((a) => question("boolean", a)),
    fc
      .uniqueArray(fc.string({ minLength: 1, maxLength: 12 }).filter((s) => normalizeText(s) !== ""), {
        minLength: 1,
        maxLength: 3,
        selector: normalizeText,
      })
      .map((a) => question("text", a)),
  ),
);

/** Any readable answer to `q` (right or wrong). */
function anyAnswer(q: QuizQuestion): fc.Arbitrary<Answer> {
  const n = q.choices?.length ?? 0;
  const all = Array.from({ length: n }, (_, i) => i);
  switch (q.type) {
    case "single":
      return fc.nat(n - 1).map((choice) => ({ type: "single", choice }));
    case "multiple":
      return fc
        .subarray(all, { minLength: 1 })
        .map((cs) => ({ type: "multiple", choices: cs }));
    case "order":
      return fc.shuffledSubarray(all, { minLength: n, maxLength: n }).map((order) => ({ type: "order", order }));
    case "boolean":
      return fc.boolean().map((value) => ({ type: "boolean", value }));
    case "text":
      return fc
        .oneof(fc.constantFrom(...(q.answer as string[])), fc.string({ minLength: 1, maxLength: 12 }))
        .filter((t) => normalizeText(t) !== "")
        .map((text) => ({ type: "text", text: text.trim() }));
  }
}

const questionAndAnswer = anyQuestion.chain((q) => anyAnswer(q).map((a) => [q, a] as const));

/** Separators a person may type between numbers. */
const separator = fc.constantFrom(",", ", ", " , ", " ", "  ", ",  ");

/** Re-encodes numbers (1-based) with random separators and surrounding white space. */
function typedNumbers(numbers: number[]): fc.Arbitrary<string> {
  return fc
    .tuple(fc.array(separator, { minLength: numbers.length, maxLength: numbers.length }), fc.constantFrom("", " ", "\t"))
    .map(([seps, pad]) => pad + numbers.map((v, i) => (i === 0 ? "" : seps[i]!) + String(v)).join("") + pad);
}

/** Ways of typing an answer that mean the same thing. */
function encodings(q: QuizQuestion, a: Answer): fc.Arbitrary<string> {
  switch (a.type) {
    case "single":
      return typedNumbers([a.choice + 1]);
    case "multiple":
      return fc
        .shuffledSubarray(a.choices, { minLength: a.choices.length, maxLength: a.choices.length })
        .chain((cs) => typedNumbers(cs.map((c) => c + 1)));
    case "order":
      return typedNumbers(a.order.map((c) => c + 1));
    case "boolean":
      return fc
        .constantFrom(...(a.value ? ["true", "t", "yes", "y"] : ["false", "f", "no", "n"]))
        .chain((w) => fc.tuple(fc.constant(w), fc.array(fc.boolean(), { minLength: w.length, maxLength: w.length })))
        .map(([w, upper]) => ` ${[...w].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join("")} `);
    case "text":
      return fc
        .tuple(fc.constantFrom("", " ", "  "), fc.boolean())
        .map(([pad, upper]) => pad + (upper ? a.text.toUpperCase() : a.text).replace(/ /g, " \t ") + pad);
  }
  void q;
}

describe("parseAnswer and isCorrect over answer encodings", () => {
  it("reads back the canonical encoding of every answer", () => {
    fc.assert(
      fc.property(questionAndAnswer, ([q, a]) => {
        expect(parseAnswer(q, encodeAnswer(a))).toEqual({ ok: true, answer: a });
      }),
    );
  });

  it("grades every way of typing an answer as it grades the answer", () => {
    fc.assert(
      fc.property(
        questionAndAnswer.chain(([q, a]) => encodings(q, a).map((typed) => [q, a, typed] as const)),
        ([q, a, typed]) => {
          const parsed = parseAnswer(q, typed);
          expect(parsed.ok, typed).toBe(true);
          if (parsed.ok) expect(isCorrect(q, parsed.answer)).toBe(isCorrect(q, a));
        },
      ),
    );
  });

  it("grades the key right and any other readable answer wrong", () => {
    fc.assert(
      fc.property(questionAndAnswer, ([q, a]) => {
        expect(isCorrect(q, correctAnswer(q))).toBe(true);
        const same = q.type === "text" ? isCorrect(q, a) : JSON.stringify(a) === JSON.stringify(correctAnswer(q));
        expect(isCorrect(q, a)).toBe(same);
      }),
    );
  });

  it("never throws on any input, and a refusal always says what is wrong", () => {
    fc.assert(
      fc.property(anyQuestion, fc.string({ maxLength: 20 }), (q, input) => {
        const parsed = parseAnswer(q, input);
        if (!parsed.ok) expect(parsed.problem.length).toBeGreaterThan(5);
      }),
    );
  });

  it("refuses numbers that are not choices instead of grading them", () => {
    fc.assert(
      fc.property(
        anyQuestion.filter((q) => q.choices !== undefined),
        fc.integer({ min: 0, max: 99 }),
        (q, k) => {
          const n = q.choices!.length;
          fc.pre(k === 0 || k > n);
          const typed = q.type === "order" ? [k, ...Array.from({ length: n - 1 }, (_, i) => i + 1)].join(",") : String(k);
          const parsed = parseAnswer(q, typed);
          expect(parsed.ok).toBe(false);
          if (!parsed.ok) expect(parsed.problem).toContain(`no choice ${k}`);
        },
      ),
    );
  });
});

describe("malformed answers are asked again, never graded", () => {
  const single = question("single", 1, choices(3));
  const multiple = question("multiple", [0, 2], choices(3));
  const order = question("order", [1, 2, 0], choices(3));
  const bool = question("boolean", true);
  const text = question("text", ["dead-letter queue", "DLQ"]);

  const cases: [QuizQuestion, string, string][] = [
    [single, "", "no choice number was given"],
    [single, "two", `"two" is not a choice number`],
    [single, "1,2", "give exactly one choice number"],
    [single, "4", "there is no choice 4 (the choices are 1 to 3)"],
    [single, "-1", `"-1" is not a choice number`],
    [single, "1.5", `"1.5" is not a choice number`],
    [multiple, "1,1", "choice 1 is listed twice"],
    [multiple, "1;3", `"1;3" is not a choice number`],
    [order, "2,3", "2 of the 3 choices were given; put every one in order"],
    [order, "2,3,3", "choice 3 is listed twice"],
    [bool, "maybe", `"maybe" is neither true nor false`],
    [bool, "", "no answer was given"],
    [text, "   ", "no answer was given"],
  ];
  it.each(cases.map(([q, input, problem]) => [q.type, input, problem, q] as const))("%s: %j → %s", (_type, input, problem, q) => {
    expect(parseAnswer(q, input)).toEqual({ ok: false, problem });
  });

  it("says what format is expected, per type", () => {
    expect(expectedFormat(single)).toBe("one choice number from 1 to 3, e.g. 2");
    expect(expectedFormat(multiple)).toBe("every right choice number from 1 to 3, separated by commas, e.g. 1,3");
    expect(expectedFormat(order)).toBe("all 3 choice numbers from first to last, separated by commas, e.g. 3,1,2");
    expect(expectedFormat(bool)).toBe("true or false");
    expect(expectedFormat(text)).toBe("the answer as text");
  });
});

describe("examples by type", () => {
  it("multiple: any order is fine, a partial answer is wrong", () => {
    const q = question("multiple", [0, 2], choices(4));
    const grade = (s: string) => {
      const p = parseAnswer(q, s);
      return p.ok && isCorrect(q, p.answer);
    };
    expect(grade("3, 1")).toBe(true);
    expect(grade("1 3")).toBe(true);
    expect(grade("1")).toBe(false);
    expect(grade("1,3,4")).toBe(false);
  });

  it("order: the numbers list the choices from first to last", () => {
    const q = question("order", [1, 2, 0], choices(3));
    const p = parseAnswer(q, "2,3,1");
    expect(p.ok && isCorrect(q, p.answer)).toBe(true);
    const wrong = parseAnswer(q, "1,2,3");
    expect(wrong.ok && isCorrect(q, wrong.answer)).toBe(false);
  });

  it("text: case and white space do not matter, spelling does", () => {
    const q = question("text", ["dead-letter queue", "DLQ"]);
    const grade = (s: string) => {
      const p = parseAnswer(q, s);
      return p.ok && isCorrect(q, p.answer);
    };
    expect(grade("  Dead-Letter   QUEUE ")).toBe(true);
    expect(grade("dlq")).toBe(true);
    expect(grade("dead letter queue")).toBe(false);
  });

  it("names the wrong picks whose notes the verdict shows", () => {
    const q = question("multiple", [0, 2], choices(4));
    expect(wrongPicks(q, { type: "multiple", choices: [0, 1, 3] })).toEqual([1, 3]);
    expect(wrongPicks(question("single", 1, choices(3)), { type: "single", choice: 2 })).toEqual([2]);
    expect(wrongPicks(question("single", 1, choices(3)), { type: "single", choice: 1 })).toEqual([]);
  });
});
