/**
 * Plain quiz mode end to end, through the real binary (dist/, built by test/global-setup.ts),
 * on the fixture course (one question of each type), with a temporary progress home.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
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

function fresh() {
  const home = mkdtempSync(join(tmpdir(), "mqtutor-quiz-"));
  homes.push(home);
  const env = { MQTUTOR_CONTENT: content, MQTUTOR_HOME: home, TZ: "UTC" };
  const log = (): QuizAnsweredEvent[] => {
    try {
      return readFileSync(join(home, "progress.jsonl"), "utf8")
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l) as QuizAnsweredEvent);
    } catch {
      return [];
    }
  };
  const quiz = (args: string[], input: string, extra: NodeJS.ProcessEnv = {}) => runBin(args, { ...env, ...extra }, input);
  return { home, env, log, quiz };
}

const lastLine = (s: string) => s.trimEnd().split("\n").at(-1);

/** A log line: `question` answered `daysAgo` days ago, rated. */
function answered(question: string, daysAgo: number, rating: QuizRating = "Good"): string {
  const at = new Date(Date.now() - daysAgo * 86_400_000);
  const card = toSnapshot(reviewCard(newCard(at), rating, at));
  const e: QuizAnsweredEvent = { v: 1, type: "quiz-answered", at: at.toISOString(), question, answer: "1", correct: rating !== "Again", practice: false, rating, card };
  return serializeEvent(e);
}

describe("mqtutor quiz --plain", () => {
  it("asks a lesson's questions in file order, grades, records, and ends with score: N/M", () => {
    const { quiz, log } = fresh();
    const r = quiz(["quiz", "1", "--plain"], "2\n1,3\n");
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/^Quiz: 2 questions from lesson 1 \(Producers and consumers\)\./);
    // Numbered choices from 1, in file order.
    expect(r.stdout).toContain("What does a queue between a producer and a consumer buy you?\n\n  1. Exactly-once delivery\n  2. Decoupling in time\n  3. Lower latency for every message");
    expect(r.stdout.indexOf("What does a queue")).toBeLessThan(r.stdout.indexOf("Which of these are roles"));
    expect(r.stdout.match(/^Right\.$/gm)).toHaveLength(2);
    expect(r.stdout).toContain("The queue lets each side run at its own pace.");
    expect(r.stdout).toMatch(/Next card due: in 10 minutes \(\d{4}-\d\d-\d\d \d\d:\d\d\)\./);
    expect(lastLine(r.stdout)).toBe("score: 2/2");
    expect(log().map((e) => [e.question, e.answer, e.correct, e.rating, e.card?.state])).toEqual([
      ["queue-purpose", "2", true, "Good", "Learning"],
      ["queue-roles", "1,3", true, "Good", "Learning"],
    ]);
  });

  it("takes every question type in course order, with the answer encodings of DESIGN §2", () => {
    const { quiz, log } = fresh();
    const r = quiz(["quiz", "--plain"], "2\n3, 1\nTRUE\n2,3,1\n  Dead-Letter   QUEUE \n");
    expect(r.code).toBe(0);
    expect(log().map((e) => e.question)).toEqual(["queue-purpose", "queue-roles", "ack-redelivery", "dlq-redrive-order", "dlq-name"]);
    expect(log().every((e) => e.correct && e.rating === "Good")).toBe(true);
    expect(lastLine(r.stdout)).toBe("score: 5/5");
  });

  it("asks a malformed or out-of-range answer again on stderr, with the expected format, never grading it", () => {
    const { quiz, log } = fresh();
    const r = quiz(["quiz", "1", "--plain"], "5\ntwo\n\n2\n1,1\n1,3\n");
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      [
        "That answer cannot be read: there is no choice 5 (the choices are 1 to 3).",
        "Answer with one choice number from 1 to 3, e.g. 2.",
        `That answer cannot be read: "two" is not a choice number.`,
        "Answer with one choice number from 1 to 3, e.g. 2.",
        "That answer cannot be read: no choice number was given.",
        "Answer with one choice number from 1 to 3, e.g. 2.",
        "That answer cannot be read: choice 1 is listed twice.",
        "Answer with every right choice number from 1 to 3, separated by commas, e.g. 1,3.",
        "",
      ].join("\n"),
    );
    expect(log()).toHaveLength(2);
    expect(lastLine(r.stdout)).toBe("score: 2/2");
  });

  it("shows the why-not of a wrong pick, asks the wrong ones again as practice, and names the lesson to reread", () => {
    const { quiz, log } = fresh();
    const r = quiz(["quiz", "1", "--plain"], "1\n1,2,3\n2\n3,1\n");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Wrong (you answered 1).\nThe answer:\n  2. Decoupling in time");
    expect(r.stdout).toContain("Why not 1: A queue alone does not give exactly-once delivery.");
    expect(r.stdout).not.toContain("Why not 3");
    expect(r.stdout).toContain("Why not 2: A compiler builds programs");
    expect(r.stdout).toContain("Practice: the 2 questions you missed, once more (not scored).");
    expect(r.stdout).toContain("Practice 1 of 2");
    expect(r.stdout).toContain("lesson 1, Producers and consumers: mqtutor read 1");
    expect(lastLine(r.stdout)).toBe("score: 0/2");
    // The practice answers came within the 1-minute learning step: graded, recorded, not rated.
    expect(log().map((e) => [e.question, e.correct, e.practice, e.rating ?? null])).toEqual([
      ["queue-purpose", false, false, "Again"],
      ["queue-roles", false, false, "Again"],
      ["queue-purpose", true, true, null],
      ["queue-roles", true, true, null],
    ]);
    expect(r.stdout).toContain("Practice only: the card is not due yet");
  });

  it("ends cleanly at the end of input, with every answer so far recorded", () => {
    const { quiz, log } = fresh();
    const r = quiz(["quiz", "--plain"], "2\n1,3");
    expect(r.code).toBe(0);
    expect(log()).toHaveLength(2);
    expect(r.stdout).toContain("Input ended: the session stops here, and every answer so far is saved.");
    expect(r.stdout).toContain("3 questions not yet answered: mqtutor quiz.");
    expect(lastLine(r.stdout)).toBe("score: 2/2");
    // Answered questions are not new any more, and not due for 10 minutes: the rest come next.
    const again = quiz(["quiz", "--plain"], "");
    expect(again.stdout).toContain("Quiz: 3 questions, new and due.");
    expect(lastLine(again.stdout)).toBe("score: 0/0");
  });

  it("says there is nothing to ask, and when the next card is due, with exit 0", () => {
    const { quiz } = fresh();
    quiz(["quiz", "1", "--plain"], "2\n1,3\n");
    const r = quiz(["quiz", "1", "--plain"], "2\n");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Nothing to ask: every question of lesson 1 is answered and none is due\.\nNext card due: in 10 minutes/);
  });

  it("refuses an unknown lesson with exit 2, listing the lessons", () => {
    const { quiz } = fresh();
    const r = quiz(["quiz", "9", "--plain"], "");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Unknown lesson "9"[\s\S]*1 producer-consumer/);
  });

  it("lays the text out for COLUMNS when stdout is not a terminal", () => {
    const { quiz } = fresh();
    const r = quiz(["quiz", "--plain"], "1\n2\nfalse\n1,2,3\npoison\n", { COLUMNS: "40" });
    expect(r.code).toBe(0);
    for (const line of r.stdout.split("\n")) expect(line.length, line).toBeLessThanOrEqual(40);
    expect(lastLine(r.stdout)).toBe("score: 0/5");
  });
});

describe("mqtutor review --plain", () => {
  it("with nothing due, says when the next card is due and exits 0", () => {
    const { quiz } = fresh();
    const none = quiz(["review", "--plain"], "");
    expect(none.code).toBe(0);
    expect(none.stdout).toBe("No card is due.\nNo card is scheduled yet: answer some questions with mqtutor quiz.\n");
    quiz(["quiz", "2", "--plain"], "true\n");
    const later = quiz(["review", "--plain"], "");
    expect(later.code).toBe(0);
    expect(later.stdout).toMatch(/^No card is due\.\nNext card due: in 10 minutes \(/);
  });

  it("asks only the due cards, most overdue first; a question removed from the course is never asked", () => {
    const { home, quiz, log } = fresh();
    writeFileSync(
      join(home, "progress.jsonl"),
      answered("ack-redelivery", 2) + answered("queue-purpose", 5) + answered("removed-question", 9, "Again") + answered("dlq-name", 0),
    );
    const r = quiz(["review", "--plain"], "2\ntrue\n");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Review: 2 cards due, most overdue first\./);
    expect(r.stdout.indexOf("What does a queue")).toBeLessThan(r.stdout.indexOf("delivered again"));
    expect(r.stdout).not.toContain("What is the queue called");
    expect(lastLine(r.stdout)).toBe("score: 2/2");
    expect(log().slice(4).map((e) => [e.question, e.rating, e.card?.reps])).toEqual([
      ["queue-purpose", "Good", 2],
      ["ack-redelivery", "Good", 2],
    ]);
  });
});
