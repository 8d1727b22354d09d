// `npm run bench`: runs every bench/*.bench.ts module's default export in turn.
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

const dir = fileURLToPath(new URL(".", import.meta.url));
const only = process.argv[2];
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".bench.ts") && (!only || f.includes(only)))
  .sort();
console.log(`mqtutor bench: ${files.length} suites; every figure is a ratio against a baseline run in the same process.`);
for (const f of files) {
  const mod = (await import(`./${f}`)) as { default: () => Promise<void> | void };
  console.log(`\n== ${f}`);
  await mod.default();
}
