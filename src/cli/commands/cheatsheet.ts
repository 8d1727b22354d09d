import { findLesson } from "../../content/lookup.js";
import { renderMarkdown } from "../../ui/markdown.js";
import { cheatSheetMarkdown } from "../../ui/plain/lesson-text.js";
import { type CommandContext, loadCourseFor, useColor, width } from "../context.js";

export async function runCheatsheet(ctx: CommandContext, id: string | undefined): Promise<void> {
  const course = await loadCourseFor(ctx);
  const lessons = id === undefined ? course.lessons : [findLesson(course, id)];
  const md = lessons.map(cheatSheetMarkdown).join("\n\n");
  ctx.io.stdout.write(renderMarkdown(md, { width: width(ctx), color: useColor(ctx) }));
}
