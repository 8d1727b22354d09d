/**
 * `mqtutor exercise <id>`: creates the learner's file from the starter if missing, then on a
 * terminal opens the exercise screen, which re-runs the checks on every save; without one it
 * prints the task, the file and one run's report.
 */
import { existsSync, readFileSync, watch } from "node:fs";
import { spawnSync } from "node:child_process";
import { basename, dirname, join } from "node:path";
import { findExercise } from "../../content/lookup.js";
import { InterruptedError } from "../../errors.js";
import type { Course, Exercise } from "../../content/model.js";
import { learnerFile, prepareWorkspace, writeStarter } from "../../exercises/fs-workspace.js";
import { packageRoot } from "../../exercises/node-session.js";
import { exerciseReport } from "../../ui/plain/exercise-report.js";
import { exerciseProgress } from "../../learning/progress-state.js";
import { openSession, rowsFor, workspaceFor } from "../exercise-context.js";
import { type CommandContext, isInteractive, loadCourseFor, openProgress, useColor, width } from "../context.js";

/** Saves arrive as bursts of file events; one check per burst. */
export const DEBOUNCE_MS = 50;

export async function runExercise(ctx: CommandContext, id: string): Promise<void> {
  const course = await loadCourseFor(ctx);
  let next: string | null = findExercise(course, id).slug;
  while (next !== null) {
    next = await openOne(ctx, course, findExercise(course, next));
  }
}

async function openOne(ctx: CommandContext, course: Course, exercise: Exercise): Promise<string | null> {
  // The screen's modules load while the workspace is prepared (its first frame comes sooner).
  const screen = isInteractive(ctx) ? screenModules() : undefined;
  screen?.catch(() => undefined); // awaited below; a failure is reported there
  const ws = prepareWorkspace(workspaceFor(ctx), packageRoot());
  const file = learnerFile(ws.dir, exercise.dir);
  const created = !existsSync(file);
  if (created) writeStarter(join(course.root, exercise.starterFile), file, new Date());
  if (!screen) {
    await plain(ctx, course, exercise, file, created);
    return null;
  }
  return interactive(ctx, course, exercise, file, await screen);
}

function screenModules() {
  return Promise.all([
    import("../../ui/screens/exercise/mount.js"),
    import("../terminal-session.js"),
    import("../../ui/markdown.js"),
    import("../../content/fs-course-index.js"),
    import("../../exercises/node-session.js"),
  ]);
}

async function plain(ctx: CommandContext, course: Course, exercise: Exercise, file: string, created: boolean): Promise<void> {
  const { renderMarkdown } = await import("../../ui/markdown.js");
  const w = width(ctx);
  ctx.io.stdout.write(renderMarkdown(`# ${exercise.title}\n\n${exercise.task}`, { width: w, color: useColor(ctx) }));
  ctx.io.stdout.write(`\nYour file: ${file}${created ? " (just created from the starter)" : ""}\n\n`);
  const { store, state } = await openProgress(ctx);
  const session = await openSession(ctx, course);
  try {
    const result = await session.check(exercise);
    if (result.status === "passed" && !exerciseProgress(state, exercise.slug).passedAt) {
      store.append({ v: 1, type: "exercise-passed", at: new Date().toISOString(), exercise: exercise.slug });
    }
    ctx.io.stdout.write(exerciseReport(result, exercise.slug, w, !useColor(ctx)).join("\n") + "\n");
  } finally {
    session.close();
  }
  ctx.io.stdout.write(
    `\nOn a terminal this screen re-checks your file on every save. Here, run "mqtutor verify ${exercise.slug}" after each change.\n`,
  );
}

async function interactive(
  ctx: CommandContext,
  course: Course,
  exercise: Exercise,
  file: string,
  [{ mountExercise }, { openTerminalSession }, { usePrelexed }, { prelexedTokens }]: Awaited<ReturnType<typeof screenModules>>,
): Promise<string | null> {
  // The task's tokens come from the build (src/content/prelexed.ts): a faster first frame.
  usePrelexed(prelexedTokens);
  const { store, state } = await openProgress(ctx);
  let progress = exerciseProgress(state, exercise.slug);
  // The check child starts with the first check, once the screen is drawn: not before it.
  const session = await openSession(ctx, course);
  const stdout = ctx.io.stdout as NodeJS.WriteStream;
  const stdin = ctx.io.stdin as NodeJS.ReadStream;
  const term = openTerminalSession({ stdout, stdin, beforeSignalExit: () => session.close(), onStopSignal: () => void term.suspend() });
  let hintsUsed = progress.hintsUsed;
  let passed = progress.passedAt !== null;
  const rows = rowsFor(ctx, course, state).map((r) => ({ slug: r.id, title: r.title, status: r.status }));
  let outcome: string | null | symbol;
  let watching: ReturnType<typeof watchFiles> | undefined;
  try {
    outcome = await mountExercise(
      {
        exercise,
        exercises: rows,
        file,
        hintsSeen: exercise.hints.slice(0, hintsUsed),
        color: useColor(ctx),
        effects: {
          run: async () => {
            const result = await session.check(exercise);
            watching?.refresh(); // a helper module imported since the last check is watched too
            return result;
          },
          watch: (onSave) => {
            const w = (watching = watchFiles(() => [file, ...session.ownFilesOf(file)], onSave));
            return () => w.close();
          },
          nextHint: () => {
            if (hintsUsed >= exercise.hints.length) return null;
            store.append({ v: 1, type: "exercise-hint", at: new Date().toISOString(), exercise: exercise.slug, hint: hintsUsed });
            return exercise.hints[hintsUsed++] ?? null;
          },
          solution: () => {
            if (!passed) return null;
            store.append({ v: 1, type: "exercise-solution", at: new Date().toISOString(), exercise: exercise.slug, assisted: false });
            return requireText(join(course.root, exercise.solutionFile));
          },
          passed: () => {
            if (passed) return;
            passed = true;
            store.append({ v: 1, type: "exercise-passed", at: new Date().toISOString(), exercise: exercise.slug });
            progress = { ...progress, passedAt: new Date().toISOString() };
          },
          openEditor: async () => openEditor(ctx, file, stdin, stdout),
        },
      },
      { stdout, stdin },
    );
  } finally {
    session.close();
    term.close();
  }
  // Ctrl+C leaves the app, from any screen, with the conventional 130.
  if (typeof outcome === "symbol") throw new InterruptedError(); // QUIT
  return outcome;
}

function requireText(path: string): string {
  return readFileSync(path, "utf8");
}

/**
 * Watches files for saves, debounced: each through its folder (editors save by rename). The
 * set is read again on `refresh()`: the learner's file, and the modules of their own it imports.
 */
export function watchFiles(files: () => string[], onSave: () => void): { refresh(): void; close(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const folders = new Map<string, { names: Set<string>; close(): void }>();
  const refresh = () => {
    const wanted = new Map<string, Set<string>>();
    for (const f of files()) {
      const names = wanted.get(dirname(f)) ?? new Set<string>();
      wanted.set(dirname(f), names.add(basename(f)));
    }
    for (const [dir, folder] of folders) {
      if (wanted.has(dir)) continue;
      folder.close();
      folders.delete(dir);
    }
    for (const [dir, names] of wanted) {
      const known = folders.get(dir);
      if (known) {
        known.names = names;
        continue;
      }
      const folder = { names, close: () => {} };
      try {
        const watcher = watch(dir, (_event, name) => {
          if (name === null || !folder.names.has(name.toString())) return;
          clearTimeout(timer);
          timer = setTimeout(onSave, DEBOUNCE_MS);
        });
        // A helper's folder removed: the next check reports the import that no longer resolves.
        watcher.on("error", () => {
          folder.close();
          folders.delete(dir);
        });
        folder.close = () => watcher.close();
        folders.set(dir, folder);
      } catch {
        // a helper's folder already gone: likewise
      }
    }
  };
  refresh();
  return {
    refresh,
    close: () => {
      clearTimeout(timer);
      for (const folder of folders.values()) folder.close();
      folders.clear();
    },
  };
}

/** Runs $VISUAL or $EDITOR on the file with the terminal handed over, then takes it back. */
async function openEditor(ctx: CommandContext, file: string, stdin: NodeJS.ReadStream, stdout: NodeJS.WriteStream): Promise<string | null> {
  const editor = ctx.io.env.VISUAL || ctx.io.env.EDITOR;
  if (!editor) return `Set $EDITOR (or $VISUAL) to open files from here; your file is ${file}`;
  stdin.setRawMode?.(false);
  stdout.write("\u001b[?1049l\u001b[?25h");
  const r = spawnSync(editor, [file], { stdio: "inherit", shell: true });
  stdout.write("\u001b[?1049h\u001b[2J");
  stdin.setRawMode?.(true);
  return r.status === 0 ? null : `${editor} exited with ${r.status ?? r.signal}`;
}
