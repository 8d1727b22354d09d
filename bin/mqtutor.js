#!/usr/bin/env node
// Thin launcher: environment fix-ups before anything imports chalk or ink, then the CLI.
const argv = process.argv.slice(2);
if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== "" || argv.includes("--no-color") || process.env.TERM === "dumb") {
  process.env.FORCE_COLOR = "0";
}
const { main } = await import("../dist/cli.js");
process.exitCode = await main(argv);
