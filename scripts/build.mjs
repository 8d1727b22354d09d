// Bundles the CLI (with lazily loaded chunks per command) and the broker library into dist/.
// Runs on `npm install` (prepare), so `npm start` and the binary work with no extra step.
import { build } from "esbuild";
import { execFileSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const pkg = JSON.parse(readFileSync(`${root}/package.json`, "utf8"));
const quick = process.argv.includes("--no-types");
// A full build starts clean; the quick one (test setup, possibly several at once) overwrites.
if (!quick) rmSync(`${root}/dist`, { recursive: true, force: true });

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  packages: "external",
  sourcemap: "linked",
  logLevel: "warning",
  jsx: "automatic",
};

await build({
  ...common,
  entryPoints: { cli: "src/cli/main.ts", broker: "src/broker/index.ts" },
  define: { MQTUTOR_VERSION: JSON.stringify(pkg.version) },
  outdir: "dist",
  splitting: true,
  chunkNames: "chunks/[name]-[hash]",
});

// Types for `import … from "mqtutor/broker"` in the learner's editor (skipped by the test
// setup, which only needs the JavaScript).
if (!quick) execFileSync(process.execPath, [`${root}/node_modules/typescript/bin/tsc`, "-p", "tsconfig.broker.json"], {
  cwd: root,
  stdio: "inherit",
});
