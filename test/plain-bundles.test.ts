/**
 * The plain commands run from their own bundles (dist/start.js → dist/plain/<command>.js) when
 * the binary starts, and through cli.js's dispatch in the app and the in-process tests. Both
 * must print the same: each line below, on the same progress log, gives the same output and
 * exit code from the binary as from the CLI run in-process from the sources.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runBin } from "./helpers/binary.js";
import { runCli } from "./helpers/cli.js";

const scratch = mkdtempSync(join(tmpdir(), "mqtutor-plain-bundles-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Lines that must succeed, at COLUMNS=72; the listings and two documents at 40 and 120 as well. */
const GOOD = [
  ["lessons", "--json"],
  ["lessons"],
  ["progress", "--json"],
  ["progress"],
  ["exercises", "--json"],
  ["exercises"],
  ["cheatsheet", "4"],
  ["cheatsheet"],
  ...Array.from({ length: 10 }, (_, i) => ["read", String(i + 1), "--plain"]),
];
const WIDTHS = [["lessons"], ["progress"], ["exercises"], ["cheatsheet", "6"], ["read", "7", "--plain"]];
/** Lines that must fail, the same way from both. */
const BAD = [
  ["read", "99", "--plain"],
  ["cheatsheet", "nope"],
];
const CASES = [
  ...GOOD.map((args) => ({ args, columns: "72", ok: true })),
  ...WIDTHS.flatMap((args) => ["40", "120"].map((columns) => ({ args, columns, ok: true }))),
  ...BAD.map((args) => ({ args, columns: "72", ok: false })),
];

describe("plain commands from their bundles print what the CLI prints", () => {
  it.each(CASES.map(({ args, columns, ok }) => [args.join(" "), columns, args, ok] as const))("mqtutor %s at COLUMNS=%s", async (_name, columns, args, ok) => {
    const home = join(scratch, `${columns}-${args.join("-").replace(/\W/g, "_")}`);
    // Some progress first, so the listings have marks to show.
    await runCli(["read", "2", "--plain"], { MQTUTOR_HOME: home, COLUMNS: "80" });
    const env = { MQTUTOR_HOME: home, MQTUTOR_WORKSPACE: join(home, "ws"), COLUMNS: columns, HOME: scratch };
    const fromSources = await runCli(args, env);
    const fromBinary = runBin(args, env);
    expect(fromSources.code === 0).toBe(ok);
    expect({ code: fromBinary.code, stdout: fromBinary.stdout, stderr: fromBinary.stderr }).toEqual(fromSources);
  });
});
