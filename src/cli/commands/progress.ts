import { courseStatus } from "../../learning/course-status.js";
import { progressText } from "../../ui/plain/status-text.js";
import { type CommandContext, loadCourseFor, openProgress } from "../context.js";

export async function runProgress(ctx: CommandContext, opts: { json?: boolean }): Promise<void> {
  const course = await loadCourseFor(ctx);
  const { state, store } = await openProgress(ctx);
  const status = courseStatus(course, state);
  if (opts.json) {
    const lessons = status.lessons.map(({ id, number, title, read }) => ({ id, number, title, read }));
    ctx.io.stdout.write(`${JSON.stringify({ lessons, file: store.file }, null, 2)}\n`);
    return;
  }
  ctx.io.stdout.write(progressText(status, store.file));
}
