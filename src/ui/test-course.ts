/** A small in-memory course for UI tests: no files, no parser, predictable line counts. */
import type { Course, Lesson } from "../content/model.js";

function lesson(number: number, slug: string, title: string, paragraphs: number): Lesson {
  const body = [
    `## Scenario`,
    ...Array.from({ length: paragraphs }, (_, i) => `Paragraph ${i + 1} of ${title}. It has words enough to wrap.`),
    "```text\n+------+    +------+\n| prod | -> | cons |\n+------+    +------+\n```",
    "## Cheat sheet",
    `- last line of ${slug}`,
  ].join("\n\n");
  return {
    number,
    slug,
    file: `lessons/0${number}-${slug}.md`,
    title,
    summary: `Summary of ${title}.`,
    objectives: ["Explain the idea", "Apply it"],
    minutes: 10 + number,
    body,
    cheatSheet: `- last line of ${slug}`,
  };
}

export function testCourse(): Course {
  return {
    root: "/nowhere",
    lessons: [lesson(1, "alpha", "Alpha Lesson", 30), lesson(2, "beta", "Beta Lesson", 1), lesson(3, "gamma", "Gamma Lesson", 40)],
    quizzes: [],
    exercises: [],
  };
}
