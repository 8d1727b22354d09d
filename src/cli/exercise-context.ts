/**
 * What the exercise commands share: the workspace path (from --workspace, MQTUTOR_WORKSPACE or
 * the default), a session that runs checks, and the status rows.
 */
import { existsSync } from "node:fs";
import type { Course, Exercise } from "../content/model.js";
import { learnerFile, workspaceDir } from "../exercises/fs-workspace.js";
import { exerciseRows } from "../exercises/status.js";
import type { ProgressState } from "../learning/progress-state.js";
import { type CommandContext, expandHome, mustBeDirectory } from "./context.js";

export function workspaceFor(ctx: CommandContext): string {
  const flag = ctx.globals.workspace;
  const env = ctx.io.env.MQTUTOR_WORKSPACE;
  const dir = flag ? expandHome(flag, ctx.io.env) : env ? expandHome(env, ctx.io.env) : workspaceDir(undefined, ctx.io.env);
  mustBeDirectory(dir, "Point --workspace (or MQTUTOR_WORKSPACE) at a folder; it is created if missing.");
  return dir;
}

export function rowsFor(ctx: CommandContext, course: Course, state: ProgressState) {
  const ws = workspaceFor(ctx);
  return exerciseRows(course.exercises, state, (e: Exercise) => learnerFile(ws, e.dir), existsSync);
}

export async function openSession(ctx: CommandContext, course: Course) {
  const { ExerciseSession } = await import("../exercises/node-session.js");
  // The time limit can be lowered for tests of the limit itself; learners get 10 s.
  const limit = Number(ctx.io.env.MQTUTOR_CHECK_TIME_LIMIT_MS);
  return new ExerciseSession({
    workspace: workspaceFor(ctx),
    courseRoot: course.root,
    env: ctx.io.env,
    ...(Number.isInteger(limit) && limit > 0 ? { timeLimitMs: limit } : {}),
  });
}
