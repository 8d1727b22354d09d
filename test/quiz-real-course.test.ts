/**
 * The quiz engine over the real twenty questions in quizzes/: their "why not" sections parse,
 * their ids fit the progress log, the plain text of every question and verdict fits every width
 * without losing a word, and a whole session runs through the binary. Skipped only while
 * quizzes/ is empty (the questions are written apart from the engine).
 */
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadCourse } from "../src/content/fs-source.js";
import type { QuizQuestion } from "../src/content/model.js";
import { type Answer, correctAnswer, encodeAnswer, isCorrect, parseAnswer, wrongPicks } from "../src/learning/grading.js";
import { ProgressStore } from "../src/learning/fs-progress-store.js";
import { MAX_QUESTION_ID } from "../src/learning/progress-events.js";
import { splitWhyNot, whyNotProblems } from "../src/learning/why-not.js";
import { answerKeyItems, questionText, verdictText, whyNotNotes } from "../src/ui/plain/quiz-text.js";
import { root, runBin } from "./helpers/binary.js";
import { expectTextFit } from "./helpers/text-fit.js";

const quizzesDir = join(root, "quizzes");
const hasQuizzes = (() => {
  try {
    return readdirSync(quizzesDir).some((f) => f.endsWith(".md"));
  } catch {
    return false;
  }
})();

const homes: string[] = [];
afterAll(() => homes.forEach((h) => rmSync(h, { recursive: true, force: true })));

/** A readable wrong answer, picking a choice that has a note where there is one. */
function wrongAnswer(q: QuizQuestion): Answer {
  const n = q.choices?.length ?? 0;
  const key = correctAnswer(q);
  switch (key.type) {
    case "single":
      return { type: "single", choice: (key.choice + 1) % n };
    case "multiple": {
      const wrong = Array.from({ length: n }, (_, i) => i).filter((i) => !key.choices.includes(i));
      return { type: "multiple", choices: wrong.length > 0 ? [...key.choices, wrong[0]!].sort((a, b) => a - b) : key.choices.slice(1) };
    }
    case "order":
      return { type: "order", order: [...key.order].reverse() };
    case "boolean":
      return { type: "boolean", value: !key.value };
    case "text":
      return { type: "text", text: "not the answer at all" };
  }
}

describe.skipIf(!hasQuizzes)("the real quizzes", () => {
  const course = hasQuizzes ? loadCourse(root) : null;
  const questions = course?.quizzes ?? [];

  it("have well-formed why-not notes and ids the progress log takes", () => {
    expect(questions.length).toBeGreaterThanOrEqual(20);
    for (const q of questions) {
      expect(whyNotProblems(q), q.file).toEqual([]);
      expect(splitWhyNot(q.explanation).explanation.length, q.file).toBeGreaterThan(0);
      expect(q.id.length, q.file).toBeLessThanOrEqual(MAX_QUESTION_ID);
    }
  });

  it("grade their own keys right and a wrong answer wrong, whose notes the verdict shows", () => {
    for (const q of questions) {
      const key = parseAnswer(q, encodeAnswer(correctAnswer(q)));
      expect(key.ok && isCorrect(q, key.answer), q.file).toBe(true);
      const wrong = wrongAnswer(q);
      expect(isCorrect(q, wrong), q.file).toBe(false);
      const { notes } = splitWhyNot(q.explanation);
      const picks = q.type === "boolean" ? [String(!q.answer)] : wrongPicks(q, wrong).map((i) => String(i + 1));
      const shown = whyNotNotes({ question: q, answer: wrong, correct: false });
      expect(shown.length, q.file).toBe(picks.filter((p) => notes.has(p)).length);
    }
  });

  it("fit every width from 40 to 120 in plain mode without losing a word", () => {
    for (const q of questions) {
      for (const width of [40, 52, 60, 80, 100, 120]) {
        const opts = { width, color: false };
        const asked = questionText({ question: q, practice: false, number: 1, total: questions.length }, course!, opts);
        expectTextFit([q.prompt, ...(q.choices ?? [])].join("\n\n"), asked, width, `${q.file} asked`);
        const graded = { question: q, answer: wrongAnswer(q), correct: false, practice: false, rated: true, at: new Date() };
        const key = answerKeyItems(q).map((i) => ("choice" in i ? i.markdown : i.literal));
        const source = [...key, splitWhyNot(q.explanation).explanation, ...whyNotNotes(graded)].join("\n\n");
        expectTextFit(source, verdictText(graded, "Again", opts), width, `${q.file} verdict`);
      }
    }
  });

  it("run as one plain session through the binary: all right, then all wrong with a practice pass", () => {
    const home = mkdtempSync(join(tmpdir(), "mqtutor-real-quiz-"));
    homes.push(home);
    const env = { MQTUTOR_CONTENT: root, MQTUTOR_HOME: home };
    const right = runBin(["quiz", "--plain"], env, questions.map((q) => encodeAnswer(correctAnswer(q))).join("\n") + "\n");
    expect(right.code, right.stderr).toBe(0);
    expect(right.stderr).toBe("");
    expect(right.stdout.trimEnd().split("\n").at(-1)).toBe(`score: ${questions.length}/${questions.length}`);

    const wrongHome = mkdtempSync(join(tmpdir(), "mqtutor-real-quiz-"));
    homes.push(wrongHome);
    const typed = questions.map((q) => encodeAnswer(wrongAnswer(q)));
    const wrong = runBin(["quiz", "--plain"], { ...env, MQTUTOR_HOME: wrongHome }, [...typed, ...typed].join("\n") + "\n");
    expect(wrong.code, wrong.stderr).toBe(0);
    expect(wrong.stdout).toContain(`Practice: the ${questions.length} questions you missed, once more (not scored).`);
    expect(wrong.stdout.trimEnd().split("\n").at(-1)).toBe(`score: 0/${questions.length}`);
    const { events, warnings } = new ProgressStore(wrongHome).load();
    expect(warnings).toEqual([]);
    expect(events.filter((e) => e.type === "quiz-answered")).toHaveLength(2 * questions.length);
  });
});
