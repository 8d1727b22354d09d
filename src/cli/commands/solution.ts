import { fitText } from "../../ui/plain/fit.js";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { findExercise } from "../../content/lookup.js";
import { UsageError } from "../../errors.js";
import { exerciseProgress } from "../../learning/progress-state.js";
import { type CommandContext, loadCourseFor, openProgress, width } from "../context.js";

/** Prints the reference solution once the exercise passed; `--force` before, recorded as assisted. */
export async function runSolution(ctx: CommandContext, id: string, opts: { force?: boolean }): Promise<void> {
  const course = await loadCourseFor(ctx);
  const exercise = findExercise(course, id);
  const { store, state } = await openProgress(ctx);
  const passed = exerciseProgress(state, exercise.slug).passedAt !== null;
  if (!passed && !opts.force) {
    throw new UsageError(
      `${exercise.slug} has not passed yet, so its solution stays hidden.\n` +
        `Keep going (mqtutor hint ${exercise.slug} gives the next hint), or see it anyway with: ` +
        `mqtutor solution ${exercise.slug} --force (your pass will then count as "passed with help").`,
      "NOT_PASSED",
    );
  }
  store.append({ v: 1, type: "exercise-solution", at: new Date().toISOString(), exercise: exercise.slug, assisted: !passed });
  const code = `// Reference solution of ${exercise.slug} (${exercise.solutionFile})\n${readFileSync(join(course.root, exercise.solutionFile), "utf8")}`;
  // Wide lines continue after a ↩ rather than run off the screen.
  ctx.io.stdout.write(fitText(code, width(ctx), { code: true }));
}
