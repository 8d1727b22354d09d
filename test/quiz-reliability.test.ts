/**
 * Quiz sessions in real processes (plain mode, the built binary): two at once lose no answer,
 * and a session killed with SIGKILL at any moment leaves a log that loads, losing at most the
 * answer being written.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, describe, expect, it } from "vitest";
import { projectCards, replayCard } from "../src/learning/cards.js";
import { ProgressStore } from "../src/learning/fs-progress-store.js";
import type { QuizAnsweredEvent } from "../src/learning/progress-events.js";
import { root } from "./helpers/binary.js";
import { QuizChild } from "./helpers/quiz-child.js";

const content = join(root, "test/fixtures/course-valid");
const ANSWERS = ["2", "1,3", "true", "2,3,1", "DLQ"];
const KILLS = 8;
const scratch = mkdtempSync(join(tmpdir(), "mqtutor-quiz-rel-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const quizEvents = (home: string) => {
  const { events, warnings } = new ProgressStore(home).load();
  return { answers: events.filter((e): e is QuizAnsweredEvent => e.type === "quiz-answered"), warnings };
};

describe("quiz sessions in real processes", () => {
  it("two sessions at once, answers interleaved, lose no answer", async () => {
    const home = join(scratch, "two");
    const env = { MQTUTOR_CONTENT: content, MQTUTOR_HOME: home };
    const a = new QuizChild(["quiz", "--plain"], env);
    const b = new QuizChild(["quiz", "--plain"], env);
    // Both have loaded the (empty) log and asked their first question before either answers.
    await Promise.all([a, b].map((c) => c.waitFor(() => c.stdout.includes("Answer:"), "the first question")));
    for (const line of ANSWERS) {
      await a.answer(line);
      await b.answer(line);
    }
    const [ea, eb] = await Promise.all([a.end(), b.end()]);
    expect([ea.code, eb.code]).toEqual([0, 0]);
    expect(a.stdout.trimEnd().endsWith("score: 5/5")).toBe(true);

    const { answers, warnings } = quizEvents(home);
    expect(warnings).toEqual([]);
    expect(answers).toHaveLength(10);
    // Interleaved: each question answered by A, then by B.
    expect(answers.map((e) => e.question)).toEqual(
      ["queue-purpose", "queue-roles", "ack-redelivery", "dlq-redrive-order", "dlq-name"].flatMap((q) => [q, q]),
    );
    // Both reviews count: each card is rebuilt from the two ratings, not from the last one written.
    const cards = projectCards(new ProgressStore(home).load().state);
    for (const card of cards.values()) expect(card.reps).toBe(2);
    expect(cards.get("dlq-name")).toEqual(replayCard(answers.filter((e) => e.question === "dlq-name")));
  }, 60_000);

  it(`a SIGKILL at any moment loses at most the answer being written (${KILLS} kills)`, async () => {
    for (let k = 0; k < KILLS; k++) {
      const home = join(scratch, `kill-${k}`);
      const child = new QuizChild(["quiz", "--plain"], { MQTUTOR_CONTENT: content, MQTUTOR_HOME: home });
      await child.waitFor(() => child.stdout.includes("Answer:"), "the first question");
      // Some answers go through whole; then one more is sent and the process killed mid-way.
      const whole = k % ANSWERS.length;
      for (const line of ANSWERS.slice(0, whole)) await child.answer(line);
      child.process.stdin!.write(`${ANSWERS[whole]}\n`);
      await sleep(k % 3 === 0 ? 0 : Math.floor(Math.random() * 8));
      child.process.kill("SIGKILL");
      expect((await child.closed).signal).toBe("SIGKILL");
      const seen = child.verdicts();

      const { answers, warnings } = quizEvents(home);
      // Every answer whose verdict was shown is in the log, plus at most the one being written.
      expect(answers.length, `kill ${k}`).toBeGreaterThanOrEqual(seen);
      expect(answers.length, `kill ${k}`).toBeLessThanOrEqual(whole + 1);
      expect(warnings.length).toBeLessThanOrEqual(1);

      // And the next session goes on from there.
      const next = new QuizChild(["quiz", "--plain"], { MQTUTOR_CONTENT: content, MQTUTOR_HOME: home });
      const { code } = await next.end();
      expect(code, next.stderr).toBe(0);
      // It asks what is left (nothing when the killed session had graded its last answer).
      expect(next.stdout).toMatch(answers.length === ANSWERS.length ? /^Nothing to ask/ : /score: 0\/0\n$/);
    }
  }, 120_000);
});
