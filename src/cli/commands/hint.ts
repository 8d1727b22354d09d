import { fitText } from "../../ui/plain/fit.js";
import { findExercise } from "../../content/lookup.js";
import { exerciseProgress } from "../../learning/progress-state.js";
import { type CommandContext, loadCourseFor, openProgress, width } from "../context.js";

/** Shows the next hint not yet seen (the last one again once all are seen) and records it. */
export async function runHint(ctx: CommandContext, id: string): Promise<void> {
  const course = await loadCourseFor(ctx);
  const exercise = findExercise(course, id);
  const { store, state } = await openProgress(ctx);
  const used = exerciseProgress(state, exercise.slug).hintsUsed;
  if (exercise.hints.length === 0) {
    ctx.io.stdout.write(`${exercise.slug} has no hints.\n`);
    return;
  }
  const index = Math.min(used, exercise.hints.length - 1);
  if (used < exercise.hints.length) {
    store.append({ v: 1, type: "exercise-hint", at: new Date().toISOString(), exercise: exercise.slug, hint: index });
  }
  const more = index + 1 < exercise.hints.length ? `Run it again for hint ${index + 2}.` : "That was the last hint.";
  ctx.io.stdout.write(fitText(`Hint ${index + 1} of ${exercise.hints.length} for ${exercise.slug}:\n  ${exercise.hints[index]}\n${more}\n`, width(ctx)));
}
