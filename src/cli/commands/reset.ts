import { join } from "node:path";
import { findExercise } from "../../content/lookup.js";
import { learnerFile, prepareWorkspace, writeStarter } from "../../exercises/fs-workspace.js";
import { packageRoot } from "../../exercises/node-session.js";
import { workspaceFor } from "../exercise-context.js";
import { type CommandContext, loadCourseFor } from "../context.js";

/** Writes the starter as the learner's file, keeping their previous version as a backup. */
export async function runReset(ctx: CommandContext, id: string): Promise<void> {
  const course = await loadCourseFor(ctx);
  const exercise = findExercise(course, id);
  const ws = prepareWorkspace(workspaceFor(ctx), packageRoot());
  const file = learnerFile(ws.dir, exercise.dir);
  const backup = writeStarter(join(course.root, exercise.starterFile), file, new Date());
  ctx.io.stdout.write(
    `${file} now holds the starter of ${exercise.slug}.\n` +
      (backup ? `Your previous version is kept as ${backup}\n` : "") +
      `Check it with: mqtutor verify ${exercise.slug}\n`,
  );
}
