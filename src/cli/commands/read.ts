import { findLesson } from "../../content/lookup.js";
import { lessonMarkdown } from "../../ui/plain/lesson-text.js";
import { type CommandContext, isInteractive, loadCourseFor, openProgress, useColor, width } from "../context.js";

export async function runRead(ctx: CommandContext, id: string, opts: { plain?: boolean }): Promise<void> {
  const course = await loadCourseFor(ctx);
  const lesson = findLesson(course, id);
  if (opts.plain || !isInteractive(ctx)) {
    const { store } = await openProgress(ctx);
    const { renderMarkdown, usePrelexed } = await import("../../ui/markdown.js");
    usePrelexed((await import("../../content/fs-course-index.js")).prelexedTokens);
    ctx.io.stdout.write(renderMarkdown(lessonMarkdown(lesson), { width: width(ctx), color: useColor(ctx) }));
    // The whole lesson went out at once: for a screen reader or a pager, that is reading it.
    const at = new Date().toISOString();
    store.append({ v: 1, type: "lesson-opened", at, lesson: lesson.slug });
    store.append({ v: 1, type: "lesson-finished", at, lesson: lesson.slug });
    return;
  }
  const { runApp } = await import("../navigator.js");
  await runApp(ctx, course, { screen: "reader", lesson: lesson.slug });
}
