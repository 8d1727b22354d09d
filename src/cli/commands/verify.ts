import { findExercise } from "../../content/lookup.js";
import type { Exercise } from "../../content/model.js";
import { reportLines, resultJson } from "../../exercises/report.js";
import { exerciseReport } from "../../ui/plain/exercise-report.js";
import type { RunResult } from "../../exercises/result.js";
import { ExitCode } from "../../errors.js";
import { openSession } from "../exercise-context.js";
import { type CommandContext, loadCourseFor, openProgress, useColor, width } from "../context.js";

/** Runs the checks once (one exercise, or all in course order); exit 0 only when all pass. */
export async function runVerify(ctx: CommandContext, id: string | undefined, opts: { json?: boolean; seed?: string }): Promise<number> {
  const course = await loadCourseFor(ctx);
  const targets: Exercise[] = id === undefined ? course.exercises : [findExercise(course, id)];
  const { store, state } = await openProgress(ctx);
  const session = await openSession(ctx, course);
  const results: RunResult[] = [];
  try {
    for (const exercise of targets) {
      const result = await session.check(exercise, opts.seed ? { seed: opts.seed } : {});
      results.push(result);
      if (result.status === "passed" && !state.exercises[exercise.slug]?.passedAt) {
        store.append({ v: 1, type: "exercise-passed", at: new Date().toISOString(), exercise: exercise.slug });
      }
      if (!opts.json) ctx.io.stdout.write(textFor(result, exercise, targets.length > 1, width(ctx), !useColor(ctx)));
    }
  } finally {
    session.close();
  }
  if (opts.json) ctx.io.stdout.write(`${JSON.stringify(results.map(resultJson), null, 2)}\n`);
  else if (targets.length > 1) {
    const passed = results.filter((r) => r.status === "passed").length;
    ctx.io.stdout.write(`\n${passed} of ${results.length} exercises pass.\n`);
  }
  return results.every((r) => r.status === "passed") ? ExitCode.Ok : ExitCode.CheckFailed;
}

function textFor(result: RunResult, exercise: Exercise, several: boolean, columns: number, ascii: boolean): string {
  if (several && result.status !== "failed" && result.status !== "type-error" && result.status !== "crashed" && result.status !== "timeout") {
    return `${reportLines(result, { id: exercise.slug, ascii })[0]}\n`;
  }
  const lines = exerciseReport(result, exercise.slug, columns, ascii);
  if (result.status === "passed") lines.push("", `Passed and recorded. Compare with the reference: mqtutor solution ${exercise.slug}`);
  return lines.join("\n") + "\n" + (several ? "\n" : "");
}
