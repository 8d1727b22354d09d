import { fitText } from "../../ui/plain/fit.js";
import { courseStatus } from "../../learning/course-status.js";
import { overviewText } from "../../ui/plain/status-text.js";
import { type CommandContext, isInteractive, loadCourseFor, openProgress, width } from "../context.js";

export async function runHome(ctx: CommandContext): Promise<void> {
  const course = await loadCourseFor(ctx);
  if (!isInteractive(ctx)) {
    const { state } = await openProgress(ctx);
    ctx.io.stdout.write(fitText(overviewText(courseStatus(course, state)), width(ctx)));
    return;
  }
  const { runApp } = await import("../navigator.js");
  await runApp(ctx, course, { screen: "home" });
}
