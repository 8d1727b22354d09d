// Cold start of the binary beside a bare `node -e 0`, measured in the same run.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { measure, report } from "./harness.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const bin = `${root}bin/mqtutor.js`;
const RUNS = 10;

function spawnN(args: string[]): () => void {
  return () => {
    for (let i = 0; i < RUNS; i++) {
      const r = spawnSync(process.execPath, args, { encoding: "utf8", env: { ...process.env, MQTUTOR_HOME: `${root}.tmp/bench-home` } });
      if (r.status !== 0) throw new Error(`${args.join(" ")} exited ${r.status}: ${r.stderr}`);
    }
  };
}

export default function bench(): void {
  const baseline = { ...measure("node -e 0", RUNS, spawnN(["-e", "0"])), unit: "processes" };
  for (const args of [["--help"], ["lessons"], ["read", "1", "--plain"]]) {
    const subject = { ...measure(`mqtutor ${args.join(" ")}`, RUNS, spawnN([bin, ...args])), unit: "processes" };
    report(`cold start: mqtutor ${args.join(" ")} (${RUNS} processes)`, subject, baseline, [
      `per process: ${(subject.ms / RUNS).toFixed(0)} ms vs ${(baseline.ms / RUNS).toFixed(0)} ms for node -e 0`,
    ]);
  }
}
