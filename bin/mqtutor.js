#!/usr/bin/env node
// Thin launcher: environment fix-ups before anything imports chalk or ink, then the CLI
// (dist/start.js runs the plain commands itself and hands the rest to dist/cli.js).
import module from "node:module";

// Node 22.1+ can keep the compiled bundle on disk between runs (a faster start); Node 20 has no
// such function, and a cache that cannot be written is not an error.
try {
  module.enableCompileCache?.();
} catch {
  // no cache: start as usual
}
const argv = process.argv.slice(2);
if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== "" || argv.includes("--no-color") || process.env.TERM === "dumb") {
  process.env.FORCE_COLOR = "0";
}
// A reader that stops early (\`mqtutor progress | head\`) is not an error: stop quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
}
const { start } = await import("../dist/start.js");
process.exitCode = await start(argv);
