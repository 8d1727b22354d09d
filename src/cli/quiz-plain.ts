/**
 * Plain quiz mode (DESIGN §2): questions on stdout, one answer a line from stdin, a malformed
 * answer explained on stderr and the next line read. Every graded answer is appended to the
 * progress log before its verdict is printed, so what the learner saw is always saved; end of
 * input ends the session with the summary, whose last line is `score: N/M`.
 */
import { createInterface } from "node:readline";
import type { Course } from "../content/model.js";
import { type Answer, expectedFormat, parseAnswer } from "../learning/grading.js";
import type { ProgressEvent } from "../learning/progress-events.js";
import { commitAnswer, currentQuestion, gradeAnswer, type QuizSession, summarize } from "../learning/quiz-session.js";
import { questionText, summaryText, type TextOptions, verdictText, wrap } from "../ui/plain/quiz-text.js";
import type { CliIO } from "./context.js";

export interface PlainQuizOptions extends TextOptions {
  /** Appends one event to the progress log (throws if it cannot). */
  record: (event: ProgressEvent) => void;
  now: () => Date;
  /** The first line, e.g. `Quiz: 2 questions from lesson 1 (Producers and consumers).` */
  title: string;
}

export async function runPlainQuiz(io: CliIO, course: Course, start: QuizSession, opts: PlainQuizOptions): Promise<void> {
  const out = (text: string) => io.stdout.write(text);
  const lines = createInterface({ input: io.stdin, terminal: false, crlfDelay: Infinity });
  const next = lines[Symbol.asyncIterator]();
  let session = start;
  let ended = false;
  out(`${wrap(opts.title, opts.width)}\n`);
  try {
    for (let cur = currentQuestion(session); cur && !ended; cur = currentQuestion(session)) {
      if (cur.practice && cur.number === 1) {
        const n = cur.total;
        out(`\n${wrap(`Practice: the ${n === 1 ? "question" : `${n} questions`} you missed, once more (not scored).`, opts.width)}\n`);
      }
      out(`\n${questionText(cur, course, opts)}`);
      let answer: Answer | null = null;
      while (answer === null) {
        const line = await next.next();
        if (line.done) {
          ended = true;
          break;
        }
        const parsed = parseAnswer(cur.question, line.value);
        if (parsed.ok) answer = parsed.answer;
        else io.stderr.write(`That answer cannot be read: ${parsed.problem}.\nAnswer with ${expectedFormat(cur.question)}.\n`);
      }
      if (answer === null) break;
      const graded = gradeAnswer(session, answer, opts.now());
      const done = commitAnswer(session, graded);
      opts.record(done.event);
      session = done.session;
      out(`\n${verdictText(graded, done.rating, opts)}`);
    }
  } finally {
    lines.close();
  }
  if (ended) out(`\n${wrap("Input ended: the session stops here, and every answer so far is saved.", opts.width)}\n`);
  out(`\n${summaryText(summarize(session, course), course, opts.now(), opts)}`);
}
