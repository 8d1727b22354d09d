/** `mqtutor progress` and `progress --json` with quiz cards, through the real binary on the fixture course. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { toSnapshot } from "../src/learning/cards.js";
import { type QuizAnsweredEvent, serializeEvent } from "../src/learning/progress-events.js";
import { newCard, type QuizRating, reviewCard } from "../src/learning/scheduler.js";
import { root, runBin } from "./helpers/binary.js";

const content = join(root, "test/fixtures/course-valid");
const homes: string[] = [];
afterAll(() => homes.forEach((h) => rmSync(h, { recursive: true, force: true })));

function home(lines: string[] = []) {
  const dir = mkdtempSync(join(tmpdir(), "mqtutor-quiz-progress-"));
  homes.push(dir);
  if (lines.length > 0) writeFileSync(join(dir, "progress.jsonl"), lines.join(""));
  return { MQTUTOR_CONTENT: content, MQTUTOR_HOME: dir, TZ: "UTC" };
}

function answered(question: string, hoursAgo: number, rating: QuizRating): string {
  const at = new Date(Date.now() - hoursAgo * 3_600_000);
  const e: QuizAnsweredEvent = {
    v: 1,
    type: "quiz-answered",
    at: at.toISOString(),
    question,
    answer: "1",
    correct: rating !== "Again",
    practice: false,
    rating,
    card: toSnapshot(reviewCard(newCard(at), rating, at)),
  };
  return serializeEvent(e);
}

interface ProgressJson {
  lessons: unknown[];
  file: string;
  cards: { id: string; lesson: string; state: string; due: string | null; reps: number; lapses: number; stability: number; difficulty: number }[];
  quiz: { dueNow: number; streak: number; retention: { correct: number; total: number }; forecast: { day: string; due: number }[]; leeches: unknown[] };
}

describe("progress with quiz cards", () => {
  it("--json lists one card per course question, keeping lessons and file", () => {
    const env = home();
    runBin(["quiz", "1", "--plain"], env, "2\n1\n");
    const r = runBin(["progress", "--json"], env);
    expect(r.code).toBe(0);
    const data = JSON.parse(r.stdout) as ProgressJson;
    expect(data.lessons).toHaveLength(3);
    expect(data.file).toBe(join(env.MQTUTOR_HOME, "progress.jsonl"));
    expect(data.cards.map((c) => [c.id, c.lesson, c.state, c.reps, c.lapses])).toEqual([
      ["queue-purpose", "producer-consumer", "learning", 1, 0],
      ["queue-roles", "producer-consumer", "learning", 1, 0],
      ["ack-redelivery", "acknowledgements", "new", 0, 0],
      ["dlq-redrive-order", "dead-letter-queues", "new", 0, 0],
      ["dlq-name", "dead-letter-queues", "new", 0, 0],
    ]);
    expect(Object.keys(data.cards[0]!)).toEqual(["id", "lesson", "state", "due", "reps", "lapses", "stability", "difficulty"]);
    expect(data.cards[0]!.stability).toBeGreaterThan(0);
    expect(data.cards[2]!.due).toBeNull();
    // The wrong practice answer came within the minute: only the two first answers count.
    expect(data.quiz.retention).toEqual({ correct: 1, total: 2 });
    expect(data.quiz.streak).toBe(1);
    expect(data.quiz.forecast).toHaveLength(14);
  });

  it("shows states, due, retention, streak, the forecast and a leech with its lesson", () => {
    const fails = Array.from({ length: 8 }, (_, i) => answered("dlq-redrive-order", 200 - i * 20, "Again"));
    const env = home([...fails, answered("queue-purpose", 30, "Good"), answered("gone-question", 10, "Again")]);
    const r = runBin(["progress"], env);
    expect(r.code).toBe(0);
    const text = r.stdout.replace(/\s+/g, " ");
    expect(r.stdout).toContain("Quiz cards: 5 · 3 new · 2 learning · 0 review · 0 relearning");
    expect(r.stdout).toMatch(/Due now: 2 \(2 overdue since before today\): mqtutor review/);
    // The removed question's answer is history, not part of the course's retention.
    expect(r.stdout).toContain("Retention of first answers: 11% (1 of 9)");
    expect(r.stdout).toMatch(/Due in the next 14 days: today 2\b/);
    expect(text).toContain("Leech: dlq-redrive-order, failed 8 times. Reread lesson 3 (Dead-letter queues): mqtutor read 3");
    const json = JSON.parse(runBin(["progress", "--json"], env).stdout) as ProgressJson;
    // A question removed from the course keeps its history in the log but has no card here.
    expect(json.cards.map((c) => c.id)).not.toContain("gone-question");
    expect(json.quiz.leeches).toEqual([{ id: "dlq-redrive-order", lesson: 3, fails: 8 }]);
  });
});
