import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DataError } from "../errors.js";
import {
  MAX_ANSWER_CHARS,
  MAX_EVENT_BYTES,
  MAX_QUESTION_ID,
  parseLog,
  PROGRESS_VERSION,
  serializeEvent,
  type ProgressEvent,
} from "./progress-events.js";
import { eventArb } from "../../test/helpers/progress-arbitraries.js";

const AT = "2025-03-01T10:00:00.000Z";
const opened: ProgressEvent = { v: 1, type: "lesson-opened", at: AT, lesson: "queues-101" };
const position: ProgressEvent = { v: 1, type: "reading-position", at: AT, lesson: "queues-101", line: 12, of: 80 };
const finished: ProgressEvent = { v: 1, type: "lesson-finished", at: AT, lesson: "queues-101" };

describe("serializeEvent", () => {
  it("writes one JSON object on one line, fields in schema order, ending in a newline", () => {
    expect(serializeEvent(position)).toBe(
      '{"v":1,"type":"reading-position","at":"2025-03-01T10:00:00.000Z","lesson":"queues-101","line":12,"of":80}\n',
    );
  });

  it("drops fields the schema does not know", () => {
    const extra = { ...opened, secret: "x" } as ProgressEvent;
    expect(serializeEvent(extra)).not.toContain("secret");
  });

  it("refuses invalid events instead of writing them", () => {
    const bad = [
      { ...position, line: 81 },
      { ...position, line: 1.5 },
      { ...position, of: Number.NaN },
      { ...opened, at: "yesterday" },
      { ...opened, lesson: "" },
      { ...opened, v: 2 },
      { ...opened, type: "lesson-closed" },
    ] as ProgressEvent[];
    for (const e of bad) expect(() => serializeEvent(e), JSON.stringify(e)).toThrow(TypeError);
  });

  it("stays under the line limit even for the longest valid slug with escaped characters", () => {
    // 120 control characters are escaped to 6 bytes each: the worst case a valid slug can reach.
    const line = serializeEvent({ ...position, lesson: "\u0001".repeat(120), at: "2025-03-01T10:00:00.123456789+05:30" });
    expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(MAX_EVENT_BYTES);
  });

  it("writes a graded quiz answer with its card, and refuses one whose rating contradicts it", () => {
    const card = {
      due: "2025-03-01T10:10:00.000Z",
      stability: 2.3065,
      difficulty: 2.11810397,
      elapsed_days: 0,
      scheduled_days: 0,
      learning_steps: 1,
      reps: 1,
      lapses: 0,
      state: "Learning" as const,
      last_review: AT,
    };
    const answered: ProgressEvent = {
      v: 1,
      type: "quiz-answered",
      at: AT,
      question: "queue-purpose",
      answer: "2",
      correct: true,
      practice: false,
      rating: "Good",
      card,
    };
    expect(JSON.parse(serializeEvent(answered))).toEqual(answered);
    const unrated: ProgressEvent = { v: 1, type: "quiz-answered", at: AT, question: "q", answer: "1", correct: false, practice: true };
    expect(serializeEvent(unrated)).toBe(
      '{"v":1,"type":"quiz-answered","at":"2025-03-01T10:00:00.000Z","question":"q","answer":"1","correct":false,"practice":true}\n',
    );
    const bad = [
      { ...answered, rating: "Again" },
      { ...answered, correct: false },
      { ...answered, card: undefined },
      { ...unrated, rating: "Again" },
      { ...answered, card: { ...card, state: "Lost" } },
      { ...answered, card: { ...card, stability: Number.POSITIVE_INFINITY } },
      { ...answered, question: "" },
    ] as ProgressEvent[];
    for (const e of bad) expect(() => serializeEvent(e), JSON.stringify(e)).toThrow(TypeError);
  });

  it("keeps the longest quiz answer the session writes under the line limit", () => {
    // The longest id, each character escaped by JSON, 100 four-byte characters of answer, a card with long fractions.
    const line = serializeEvent({
      v: 1,
      type: "quiz-answered",
      at: "2025-03-01T10:00:00.123456789+05:30",
      question: '"'.repeat(MAX_QUESTION_ID),
      answer: "😀".repeat(MAX_ANSWER_CHARS),
      correct: false,
      practice: true,
      rating: "Again",
      card: {
        due: "2025-03-01T10:00:00.123456789+05:30",
        stability: 1234.5678901234567,
        difficulty: 9.876543210987654,
        elapsed_days: 36500,
        scheduled_days: 36500,
        learning_steps: 2,
        reps: 1_000_000,
        lapses: 1_000_000,
        state: "Relearning",
        last_review: "2025-03-01T10:00:00.123456789+05:30",
      },
    });
    expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(MAX_EVENT_BYTES);
  });

  it("round-trips through parseLog (property)", () => {
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 30 }), (events) => {
        const text = events.map(serializeEvent).join("");
        expect(parseLog(text, "progress.jsonl")).toEqual({ events, warnings: [] });
      }),
      { numRuns: 150 },
    );
  });

  it("keeps every line far below 4 KiB (property)", () => {
    fc.assert(
      fc.property(eventArb, (e) => {
        const line = serializeEvent(e);
        expect(line.endsWith("\n")).toBe(true);
        expect(line.indexOf("\n")).toBe(line.length - 1);
        expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(MAX_EVENT_BYTES);
      }),
      { numRuns: 150 },
    );
  });
});

describe("parseLog", () => {
  const good = [opened, position, finished].map(serializeEvent);

  it("reads an empty log", () => {
    expect(parseLog("", "progress.jsonl")).toEqual({ events: [], warnings: [] });
  });

  it("skips a line that is not JSON, names file and line, and keeps every other line", () => {
    const text = good[0]! + good[1]! + '{"v":1,"type":"less\n' + good[2]!;
    const { events, warnings } = parseLog(text, "progress.jsonl");
    expect(events).toEqual([opened, position, finished]);
    expect(warnings).toEqual([
      "progress.jsonl line 3 is not valid JSON and was skipped; the rest of your progress is intact",
    ]);
  });

  it("calls a torn last line incomplete", () => {
    const text = good[0]! + good[1]!.slice(0, 20);
    const { events, warnings } = parseLog(text, "/h/progress.jsonl");
    expect(events).toEqual([opened]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^\/h\/progress\.jsonl line 2 is incomplete .* and was skipped; the rest of your progress is intact$/);
  });

  it("keeps a valid last line that lacks its newline", () => {
    expect(parseLog(good[0]! + good[1]!.trimEnd(), "p").events).toEqual([opened, position]);
  });

  it("ignores a byte-order mark an editor may have added", () => {
    expect(parseLog("\uFEFF" + good[0]!, "p")).toEqual({ events: [opened], warnings: [] });
  });

  it("ignores blank lines and CRLF endings without warnings", () => {
    const text = good[0]! + "\n  \n" + good[1]!.replace("\n", "\r\n");
    expect(parseLog(text, "p")).toEqual({ events: [opened, position], warnings: [] });
  });

  it("skips with a warning: non-objects, missing or bad v, unknown types, invalid fields", () => {
    const lines = [
      "42",
      "[1,2]",
      "null",
      JSON.stringify({ type: "lesson-opened", at: AT, lesson: "a" }),
      JSON.stringify({ v: "1", type: "lesson-opened", at: AT, lesson: "a" }),
      JSON.stringify({ v: 0, type: "lesson-opened", at: AT, lesson: "a" }),
      JSON.stringify({ v: 1, type: "quiz-answered", at: AT, question: "q1" }),
      JSON.stringify({ v: 1, at: AT, lesson: "a" }),
      JSON.stringify({ v: 1, type: "reading-position", at: AT, lesson: "a", line: 5, of: 4 }),
      JSON.stringify({ v: 1, type: "lesson-finished", at: "2025-13-45", lesson: "a" }),
      JSON.stringify({ v: 1, type: "toString", at: AT, lesson: "a" }),
    ];
    const text = [good[0]!, ...lines.map((l) => l + "\n"), good[2]!].join("");
    const { events, warnings } = parseLog(text, "progress.jsonl");
    expect(events).toEqual([opened, finished]);
    expect(warnings).toHaveLength(lines.length);
    warnings.forEach((w, i) => {
      expect(w).toMatch(new RegExp(`^progress\\.jsonl line ${i + 2} .*was skipped; the rest of your progress is intact$`));
    });
    expect(warnings[6]).toContain('"quiz-answered"');
    expect(warnings[8]).toContain("line must not be greater than of");
  });

  it("throws DataError PROGRESS_TOO_NEW for a line from a newer version, naming the file and line", () => {
    const newer = JSON.stringify({ v: PROGRESS_VERSION + 1, type: "lesson-opened", at: AT, lesson: "a" }) + "\n";
    const text = good[0]! + "garbage\n" + newer + good[1]!;
    let caught: unknown;
    try {
      parseLog(text, "/home/me/progress.jsonl");
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DataError);
    const e = caught as DataError;
    expect(e.code).toBe("PROGRESS_TOO_NEW");
    expect(e.exitCode).toBe(3);
    expect(e.file).toBe("/home/me/progress.jsonl");
    expect(e.message).toMatch(/^\/home\/me\/progress\.jsonl: line 3 was written by a newer mqtutor/);
    expect(e.message).toContain("upgrade with npm install -g mqtutor@latest");
    expect(e.message.split("\n")).toHaveLength(2);
  });

  it("treats a newer version as fatal even with an unknown type", () => {
    const newer = JSON.stringify({ v: 7, type: "something-else" }) + "\n";
    expect(() => parseLog(newer, "p")).toThrow(DataError);
  });

  it("keeps every valid line and warns once per damaged line, by its number (property)", () => {
    type Entry = { event: ProgressEvent | null; line: string };
    const valid = eventArb.map((e): Entry => ({ event: e, line: serializeEvent(e).slice(0, -1) }));
    // A strict prefix of a serialized object is never valid JSON; neither is text after "#".
    const torn = eventArb.chain((e) => {
      const full = serializeEvent(e).slice(0, -1);
      return fc.nat({ max: full.length - 2 }).map((n): Entry => ({ event: null, line: full.slice(0, n + 1) }));
    });
    const garbage = fc.string({ maxLength: 30 }).map((g): Entry => ({ event: null, line: "#" + g.replaceAll("\n", " ") }));
    fc.assert(
      fc.property(fc.array(fc.oneof(valid, torn, garbage), { maxLength: 25 }), fc.boolean(), (entries, finalNewline) => {
        const text = entries.map((e) => e.line).join("\n") + (finalNewline ? "\n" : "");
        const { events, warnings } = parseLog(text, "p.jsonl");
        expect(events).toEqual(entries.flatMap((e) => (e.event ? [e.event] : [])));
        const damaged = entries.flatMap((e, i) => (e.event ? [] : [i + 1]));
        expect(warnings.map((w) => Number(/^p\.jsonl line (\d+) /.exec(w)?.[1]))).toEqual(damaged);
      }),
      { numRuns: 150 },
    );
  });
});
