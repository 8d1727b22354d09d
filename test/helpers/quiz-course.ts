/** A small in-memory course with one quiz question of each type, for quiz tests (no files). */
import type { Course, Lesson, QuizQuestion } from "../../src/content/model.js";

function lesson(number: number, slug: string, title: string): Lesson {
  return {
    number,
    slug,
    file: `lessons/0${number}-${slug}.md`,
    title,
    summary: `About ${title}.`,
    objectives: ["Know it"],
    minutes: 5,
    body: `# ${title}\n\n## Cheat sheet\n\n- ${slug}`,
    cheatSheet: `- ${slug}`,
  };
}

type Extra = Partial<QuizQuestion> & Pick<QuizQuestion, "id" | "lesson" | "type" | "answer">;

function question(file: string, q: Extra): QuizQuestion {
  return { file: `quizzes/${file}.md`, prompt: `Prompt of ${q.id}?`, bloom: "Remember", difficulty: 1, explanation: `Why ${q.id}.`, ...q };
}

/** Lesson 1: single + multiple; lesson 2: boolean; lesson 3: order + text. */
export function quizCourse(): Course {
  return {
    root: "/nowhere",
    lessons: [lesson(1, "basics", "Basics"), lesson(2, "acks", "Acknowledgements"), lesson(3, "dlq", "Dead letters")],
    quizzes: [
      question("01-purpose", {
        id: "purpose",
        lesson: 1,
        type: "single",
        prompt: "What does a queue buy you?",
        choices: ["Exactly-once delivery", "Decoupling in time", "Lower latency"],
        answer: 1,
        explanation:
          "The queue lets each side run at its own pace.\n\n## Why not\n\n- **1.** A queue alone does not dedupe.\n- **3.** A queue adds a hop.\n",
      }),
      question("02-roles", {
        id: "roles",
        lesson: 1,
        type: "multiple",
        prompt: "Which are roles around a queue?",
        choices: ["Producer", "Compiler", "Consumer"],
        answer: [0, 2],
        explanation: "Producers send, consumers receive.\n\n## Why not\n\n- **2.** A compiler builds code; it is no role around a queue.\n",
      }),
      question("03-redelivery", {
        id: "redelivery",
        lesson: 2,
        type: "boolean",
        prompt: "An unacknowledged message is delivered again.",
        answer: true,
        explanation: "No ack, no proof of work.\n\n## Why not\n\n- **false.** The broker cannot know it was handled.\n",
      }),
      question("04-order", {
        id: "redrive-order",
        lesson: 3,
        type: "order",
        prompt: "Put the life of a poison message in order.",
        choices: ["Moved to the DLQ", "Received and fails", "Receive count reaches the limit"],
        answer: [1, 2, 0],
      }),
      question("05-name", { id: "dlq-name", lesson: 3, type: "text", prompt: "Name the queue for failures.", answer: ["dead-letter queue", "DLQ"] }),
    ],
    exercises: [],
  };
}
