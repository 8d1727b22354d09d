// The end-to-end tests run the real binary, so the bundle must match the sources. Built once
// per test run, here, rather than by each test file: two files building into dist/ at once
// could let one run a chunk the other is half-way through writing.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export default function setup(): void {
  const root = fileURLToPath(new URL("..", import.meta.url));
  execFileSync(process.execPath, ["scripts/build.mjs", "--no-types"], { cwd: root, stdio: "inherit" });
}
