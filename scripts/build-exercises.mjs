// Bundles what runs the exercise checks into dist/exercises/: the check child and the check API
// (`mqtutor/checks`: our vitest-shaped describe/it/expect, property, and fast-check), sharing
// one chunk so both see the same check registry. The app compiles each exercise's check file
// and the learner's file into the workspace, with `mqtutor/checks` and `mqtutor/broker` pointed
// at these files and at dist/broker.js, so checks and learner's code share one broker module.
import { build } from "esbuild";

/** @param {string} root the package root */
export async function buildExercises(root) {
  await build({
    absWorkingDir: root,
    // check-api is what the check files import as `mqtutor/checks` once the app has compiled
    // them (with the learner's file) into the workspace's cache.
    entryPoints: { "check-child": "src/exercises/node-check-child.ts", "check-api": "src/exercises/check-api.ts" },
    bundle: true,
    platform: "node",
    target: "node20",
    format: "esm",
    splitting: true,
    outdir: "dist/exercises",
    chunkNames: "chunks/[name]-[hash]",
    sourcemap: "linked",
    logLevel: "warning",
  });
}
