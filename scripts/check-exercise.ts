// For exercise authors: runs an exercise's checks in this process against its starter, its
// solution or any file, and prints the results.
//   npx tsx scripts/check-exercise.ts exercises/03-retrying-consumer [starter|solution|path.ts]
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { runChecks } from "../src/exercises/run-checks.js";

const [dir, which = "solution"] = process.argv.slice(2);
if (!dir) {
  console.error("usage: npx tsx scripts/check-exercise.ts exercises/NN-slug [starter|solution|file.ts]");
  process.exit(2);
}
const subject = which === "starter" || which === "solution" ? resolve(dir, `${which}.ts`) : resolve(which);
const check = resolve(dir, "check.test.ts");
for (const f of [subject, check]) if (!existsSync(f)) throw new Error(`missing ${f}`);
const out = await runChecks({ checkUrl: pathToFileURL(check).href, subjectUrl: pathToFileURL(subject).href });
if (out.kind === "load-failed") {
  console.log(`LOAD FAILED: ${out.message}`);
  process.exit(1);
}
for (const c of out.checks) {
  console.log(`${c.passed ? "✓" : "✗"} ${c.name} (${c.ms} ms)`);
  if (!c.passed) {
    console.log(`    ${c.message?.replace(/\n/g, "\n    ")}`);
    if (c.expected !== undefined) console.log(`    expected: ${c.expected}`);
    if (c.actual !== undefined) console.log(`    got:      ${c.actual}`);
    if (c.timeline) console.log(c.timeline.map((l, i) => `      ${i + 1}. ${l}`).join("\n"));
    if (c.replay) console.log(`    replay: --seed ${c.replay}`);
  }
}
process.exit(out.checks.every((c) => c.passed) ? 0 : 1);
