import { fitText } from "../../ui/plain/fit.js";
import { exercisesText } from "../../ui/plain/exercises-text.js";
import { rowsFor, workspaceFor } from "../exercise-context.js";
import { type CommandContext, loadCourseFor, openProgress, width } from "../context.js";

export async function runExercises(ctx: CommandContext, opts: { json?: boolean }): Promise<void> {
  const course = await loadCourseFor(ctx);
  const { state } = await openProgress(ctx);
  const rows = rowsFor(ctx, course, state);
  if (opts.json) {
    ctx.io.stdout.write(`${JSON.stringify({ workspace: workspaceFor(ctx), exercises: rows }, null, 2)}\n`);
    return;
  }
  const legend = "[x] passed  [~] started, not passing yet  [ ] not started\nOpen one with: mqtutor exercise <lesson number or id>\n";
  ctx.io.stdout.write(fitText(exercisesText(rows, workspaceFor(ctx)) + legend, width(ctx)));
}
