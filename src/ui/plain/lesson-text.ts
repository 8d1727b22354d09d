/**
 * The lesson as one markdown document (title, summary, objectives, body), as the reader and
 * `read --plain` show it.
 */
import type { Lesson } from "../../content/model.js";

export function lessonMarkdown(lesson: Lesson): string {
  const objectives = lesson.objectives.map((o) => `- ${o}`).join("\n");
  return [
    `# ${lesson.number}. ${lesson.title}`,
    `*${lesson.summary}* (about ${lesson.minutes} min)`,
    `**In this lesson you will:**\n\n${objectives}`,
    lesson.body.trim(),
  ].join("\n\n");
}

export function cheatSheetMarkdown(lesson: Lesson): string {
  return `# ${lesson.number}. ${lesson.title}: cheat sheet\n\n${lesson.cheatSheet.trim()}`;
}

/** Several lessons' cheat sheets as one document, as `cheatsheet` prints them. */
export function cheatSheetsMarkdown(lessons: readonly Lesson[]): string {
  return lessons.map(cheatSheetMarkdown).join("\n\n");
}
