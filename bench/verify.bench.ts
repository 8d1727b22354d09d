/**
 * The exercise loop's speed (issue 8), against `node -e 0` measured in the same rounds:
 * - cold `mqtutor verify <id>` on a passing file, as a learner re-runs it (a new process; the
 *   compiled file is in the workspace cache, so TypeScript is not loaded) — budget ≤ 7×;
 * - the same after an edit (nothing cached: TypeScript 7's native tsc type-checks and emits the
 *   file) — budget ≤ 7× too, since the first `verify` of a learner's file is always this one;
 * - the watch loop: from a save to the result, in one warm session (warm compiler and check
 *   child), plus the screen's debounce — budget ≤ 300 ms.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { appendFileSync, copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadCourse } from "../src/content/fs-source.js";
import { ExerciseSession } from "../src/exercises/node-session.js";
import { DEBOUNCE_MS } from "../src/cli/commands/exercise.js";
import { fmt, median } from "./harness.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const ROUNDS = 9;

function time(cmd: string, args: string[], env: NodeJS.ProcessEnv): number {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { env, encoding: "utf8" });
  const ms = performance.now() - t0;
  if (r.status !== 0 && args.includes("verify")) throw new Error(`verify failed: ${r.stdout}${r.stderr}`);
  return ms;
}

export default async function verifyBench(): Promise<void> {
  execFileSync(process.execPath, ["scripts/build.mjs", "--no-types"], { cwd: root, stdio: "ignore" });
  const course = await loadCourse(root);
  const exercise = course.exercises.find((e) => e.slug === "retrying-consumer") ?? course.exercises[0]!;
  const ws = mkdtempSync(join(tmpdir(), "mqtutor-bench-ws-"));
  const home = mkdtempSync(join(tmpdir(), "mqtutor-bench-home-"));
  const file = join(ws, `${exercise.dir.split("/").pop()}.ts`);
  copyFileSync(join(root, exercise.solutionFile), file);
  const env: NodeJS.ProcessEnv = { ...process.env, MQTUTOR_HOME: home, MQTUTOR_WORKSPACE: ws };
  delete env.CI;
  delete env.MQTUTOR_CONTENT;
  const bin = join(root, "bin/mqtutor.js");
  const verify = () => time(process.execPath, [bin, "verify", exercise.slug], env);
  verify(); // warm the cache and the OS file cache
  const base: number[] = [];
  const cached: number[] = [];
  const edited: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const order = r % 2 ? ["c", "e", "b"] : ["b", "e", "c"];
    for (const which of order) {
      if (which === "b") base.push(time(process.execPath, ["-e", "0"], env));
      if (which === "c") cached.push(verify());
      if (which === "e") {
        appendFileSync(file, `\n// edit ${r}\n`);
        edited.push(verify());
      }
    }
  }
  const b = median(base);
  console.log(`\nexercise checks: ${exercise.slug} (median of ${ROUNDS} alternating rounds)`);
  console.log(`  node -e 0                                   ${fmt(b).padStart(7)} ms`);
  console.log(`  mqtutor verify, file unchanged (cached)     ${fmt(median(cached)).padStart(7)} ms  ${fmt(median(cached) / b)}x  (budget 7x)`);
  console.log(`  mqtutor verify after an edit (type-checks)  ${fmt(median(edited)).padStart(7)} ms  ${fmt(median(edited) / b)}x  (budget 7x)`);

  // The watch loop: one session, as the exercise screen keeps it.
  const session = new ExerciseSession({ workspace: ws, courseRoot: course.root });
  await session.check(exercise); // the screen's first run warms the compiler and the child
  const loop: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    appendFileSync(file, `\n// save ${r}\n`);
    const t0 = performance.now();
    const result = await session.check(exercise);
    loop.push(performance.now() - t0);
    if (result.status !== "passed") throw new Error(`watch run failed: ${result.status}`);
  }
  session.close();
  const l = median(loop);
  console.log(`  watch loop, save → result: ${fmt(l)} ms checking + ${DEBOUNCE_MS} ms debounce = ${fmt(l + DEBOUNCE_MS)} ms  (budget 300 ms)`);
  rmSync(ws, { recursive: true, force: true });
  rmSync(home, { recursive: true, force: true });
}
