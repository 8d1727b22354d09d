/**
 * Runs the real binary (bin/mqtutor.js → dist/) as a learner would. The bundle is rebuilt from
 * the sources once per test run, by test/global-setup.ts.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export const root = fileURLToPath(new URL("../..", import.meta.url));
export const bin = `${root}bin/mqtutor.js`;

export interface BinRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `mqtutor <args>` with no TTY, a clean environment plus `env`, and `input` on stdin. */
export function runBin(args: string[], env: NodeJS.ProcessEnv = {}, input = ""): BinRun {
  const base: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, LANG: "C.UTF-8" };
  const r = spawnSync(process.execPath, [bin, ...args], { env: { ...base, ...env }, input, encoding: "utf8", timeout: 30_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
