// Bundles the CLI and the broker library into dist/, dependencies included, so the installed
// package needs nothing at run time and starts fast. The CLI is split into chunks that each
// command imports only when it runs: plain-text commands never load ink, react or yoga
// (test/bundle.test.ts checks this in dist/meta.json). Runs on `npm install` (prepare), so
// `npm start` and the binary work with no extra step.
import { build } from "esbuild";
import { execFileSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
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
  sourcemap: "linked",
  logLevel: "warning",
  jsx: "automatic",
  // Some bundled CommonJS packages require Node built-ins; give them a real `require`.
  banner: { js: 'import { createRequire as __mqtutorRequire } from "node:module"; const require = __mqtutorRequire(import.meta.url);' },
  // Ink loads React DevTools only when DEV=true; it is not part of the course.
  external: ["react-devtools-core"],
  metafile: true,
};

const cli = await build({
  ...common,
  entryPoints: { cli: "src/cli/main.ts" },
  define: { MQTUTOR_VERSION: JSON.stringify(pkg.version), "process.env.NODE_ENV": '"production"' },
  outdir: "dist",
  splitting: true,
  chunkNames: "chunks/[name]-[hash]",
});
writeFileSync(`${root}/dist/meta.json`, JSON.stringify(cli.metafile));

// The broker stands alone: learners' code imports it as `mqtutor/broker`.
await build({ ...common, entryPoints: { broker: "src/broker/index.ts" }, outdir: "dist", banner: {} });

// Types for `import … from "mqtutor/broker"` in the learner's editor (skipped by the test
// setup, which only needs the JavaScript).
if (!quick)
  execFileSync(process.execPath, [`${root}/node_modules/typescript/bin/tsc`, "-p", "tsconfig.broker.json"], {
    cwd: root,
    stdio: "inherit",
  });
