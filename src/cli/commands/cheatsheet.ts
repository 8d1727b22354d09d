import { findLesson } from "../../content/lookup.js";
import { cheatSheetsMarkdown } from "../../ui/plain/lesson-text.js";
import { type CommandContext, loadCourseFor, useColor, width } from "../context.js";

export async function runCheatsheet(ctx: CommandContext, id: string | undefined): Promise<void> {
  const course = await loadCourseFor(ctx);
  const lessons = id === undefined ? course.lessons : [findLesson(course, id)];
  const { renderMarkdown, usePrelexed } = await import("../../ui/markdown.js");
  usePrelexed((await import("../../content/fs-course-index.js")).prelexedTokens);
  const md = cheatSheetsMarkdown(lessons);
  ctx.io.stdout.write(renderMarkdown(md, { width: width(ctx), color: useColor(ctx) }));
}
