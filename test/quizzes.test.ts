// Issue 9's rules for the course's twenty quiz questions, checked on the real quizzes/ folder:
// two per lesson in course order, the spread of Bloom levels, difficulties and types, stable
// ids, and a "## Why not" section in the fixed form the quiz screens parse.
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadCourse } from "../src/content/fs-source.js";
import type { QuizQuestion } from "../src/content/model.js";
import { normalizeText } from "../src/learning/grading.js";
import { splitWhyNot, whyNotProblems } from "../src/learning/why-not.js";
import { codeBlocks } from "./helpers/code-blocks.js";

const course = loadCourse(fileURLToPath(new URL("..", import.meta.url)));
const quizzes = course.quizzes;

/**
 * Progress is keyed by these ids (DESIGN §7), so they are pinned here: renaming one would orphan
 * every learner's history of that card. Add new ids at the end; never edit or remove one.
 */
const PINNED_IDS = [
  "queue-primary-advantage",
  "littles-law-in-flight",
  "topic-exchange-routing",
  "replay-for-new-subscriber",
  "dlq-after-max-receives",
  "dlq-incident-response",
  "kafka-key-partition",
  "partition-for-negative-hash",
  "kafka-eos-scope",
  "idempotent-ledger-consumer",
  "sqs-standard-exactly-once",
  "broker-for-image-jobs",
  "command-or-event",
  "orchestrate-or-choreograph",
  "saga-compensation-order",
  "saga-pivot-timeout",
  "expected-version-conflict",
  "kafka-as-event-store",
  "passcodes-during-campaign",
  "retriable-push-errors",
];

/** One `- **label.** note` bullet of the "## Why not" section. */
interface WhyNot {
  label: string;
  note: string;
}

/**
 * Splits an explanation into the text before "## Why not" and the bullets of that section.
 * Returns problems instead of throwing so that one test can report every malformed line.
 */
function parseWhyNot(explanation: string): { before: string; bullets: WhyNot[]; problems: string[] } {
  const lines = explanation.split("\n");
  const at = lines.indexOf("## Why not");
  if (at < 0) return { before: explanation, bullets: [], problems: [] };
  const bullets: WhyNot[] = [];
  const problems: string[] = [];
  for (const line of lines.slice(at + 1)) {
    if (line.trim() === "") continue;
    const m = /^- \*\*(.+?)\.\*\* (\S.*)$/.exec(line);
    if (m) bullets.push({ label: m[1]!, note: m[2]! });
    else problems.push(`not a "- **label.** note" bullet: ${line}`);
  }
  return { before: lines.slice(0, at).join("\n").trim(), bullets, problems };
}

/** Lines a paragraph takes when word-wrapped at `width` columns (a long word takes its own lines). */
function wrappedLines(text: string, width: number): number {
  let count = 0;
  for (const line of text.split("\n")) {
    let used = 0;
    let rows = 1;
    for (const word of line.split(" ").filter(Boolean)) {
      const need = used === 0 ? word.length : used + 1 + word.length;
      if (need <= width) used = need;
      else {
        rows += Math.max(1, Math.ceil(word.length / width));
        used = word.length % width;
      }
    }
    count += rows;
  }
  return count;
}

it("has twenty questions, two per lesson, numbered 01-20 in course order", () => {
  expect(quizzes).toHaveLength(20);
  for (const lesson of course.lessons) {
    expect(quizzes.filter((q) => q.lesson === lesson.number), `lesson ${lesson.number}`).toHaveLength(2);
  }
  quizzes.forEach((q, i) => {
    expect(q.file).toMatch(new RegExp(`^quizzes/${String(i + 1).padStart(2, "0")}-[a-z0-9-]+\\.md$`));
    expect(q.lesson).toBe(Math.floor(i / 2) + 1);
  });
});

it("keeps the pinned, kebab-case ids (progress keys on them)", () => {
  expect(quizzes.map((q) => q.id)).toEqual(PINNED_IDS);
  for (const q of quizzes) expect(q.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
});

it("spans Remember to Evaluate, difficulties 1 to 5 and all five types", () => {
  const blooms = new Set(quizzes.map((q) => q.bloom));
  for (const level of ["Remember", "Understand", "Apply", "Analyze", "Evaluate"] as const) {
    expect(blooms.has(level), level).toBe(true);
  }
  expect(new Set(quizzes.map((q) => q.difficulty))).toEqual(new Set([1, 2, 3, 4, 5]));
  expect(new Set(quizzes.map((q) => q.type))).toEqual(new Set(["single", "multiple", "boolean", "order", "text"]));
});

it("asks the three questions the issue names, as specified", () => {
  const byId = (id: string) => quizzes.find((q) => q.id === id);
  expect(byId("queue-primary-advantage")).toMatchObject({ lesson: 1, type: "single", bloom: "Remember", difficulty: 1 });
  expect(byId("kafka-key-partition")).toMatchObject({ lesson: 4, bloom: "Understand", difficulty: 2 });
  expect(byId("sqs-standard-exactly-once")).toMatchObject({
    lesson: 6,
    type: "boolean",
    bloom: "Remember",
    difficulty: 2,
    answer: false,
  });
  expect(byId("sqs-standard-exactly-once")?.prompt).toMatch(/^True or false: .*SQS standard queue.*exactly-once/);
});

/**
 * The labels the "Why not" bullets must carry, by type: every wrong choice (1-based, as shown)
 * for single and multiple, the wrong value for boolean. Order and text questions have no wrong
 * choice to label (the quiz engine refuses notes there), so their near misses go in the prose.
 */
function requiredLabels(q: QuizQuestion): string[] {
  if (q.type === "boolean") return [String(!(q.answer as boolean))];
  if (q.type !== "single" && q.type !== "multiple") return [];
  const right = new Set(q.type === "single" ? [q.answer as number] : (q.answer as number[]));
  return (q.choices ?? []).map((_, i) => i).filter((i) => !right.has(i)).map((i) => String(i + 1));
}

describe.each(quizzes.map((q) => [q.file, q] as const))("%s", (_file, q) => {
  const { before, bullets, problems } = parseWhyNot(q.explanation);

  it("explains the answer before a final, well-formed \"## Why not\" section", () => {
    expect(before.split("\n").filter((l) => l.trim() !== "").length).toBeGreaterThanOrEqual(4);
    const headings = q.explanation.split("\n").filter((l) => /^#{1,6} /.test(l));
    expect(headings).toEqual(requiredLabels(q).length > 0 ? ["## Why not"] : []);
    expect(problems).toEqual([]);
  });

  it("has exactly one one-line \"why not\" per wrong choice, readable by the quiz engine", () => {
    expect(bullets.map((b) => b.label)).toEqual(requiredLabels(q));
    // The quiz screens read the notes with the engine's own parser: it must see the same notes.
    const { notes, stray } = splitWhyNot(q.explanation);
    expect(stray).toEqual([]);
    expect(whyNotProblems(q)).toEqual([]);
    expect([...notes.entries()]).toEqual(bullets.map((b) => [b.label, b.note]));
  });

  it("fits one screen at 80 columns, with code and diagram lines of 60 columns at most", () => {
    expect(wrappedLines(q.explanation, 80)).toBeLessThanOrEqual(25);
    for (const text of [q.prompt, q.explanation]) {
      for (const block of codeBlocks(text)) {
        for (const line of block.code.split("\n")) expect(line.length, line).toBeLessThanOrEqual(60);
      }
    }
  });

  if (q.type === "text") {
    it("accepts each typed answer once, whatever its case and spacing", () => {
      const accepted = (q.answer as string[]).map(normalizeText);
      expect(new Set(accepted).size).toBe(accepted.length);
      expect(accepted.every((a) => a !== "")).toBe(true);
    });
  }
});
