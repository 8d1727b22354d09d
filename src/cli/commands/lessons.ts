import { fitText } from "../../ui/plain/fit.js";
import { courseStatus } from "../../learning/course-status.js";
import { lessonsTable } from "../../ui/plain/status-text.js";
import { type CommandContext, loadCourseFor, openProgress, width } from "../context.js";

export async function runLessons(ctx: CommandContext, opts: { json?: boolean }): Promise<void> {
  const course = await loadCourseFor(ctx);
  const { state } = await openProgress(ctx);
  const status = courseStatus(course, state);
  if (opts.json) {
    const lessons = status.lessons.map(({ id, number, title, minutes, read }) => ({ id, number, slug: id, title, minutes, read }));
    ctx.io.stdout.write(`${JSON.stringify({ lessons }, null, 2)}\n`);
    return;
  }
  ctx.io.stdout.write(fitText(lessonsTable(status), width(ctx)));
}
