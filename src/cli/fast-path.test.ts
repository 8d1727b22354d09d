/**
 * The fast path against its oracle, commander: for every command line it accepts, commander
 * (program.ts, the same declarations learners get help for) must read the same invocation with
 * the same program options and no error. Lines it declines are commander's alone.
 */
import fc from "fast-check";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import type { CliIO, GlobalOptions } from "./context.js";
import type { Invocation } from "./dispatch.js";
import { COMMAND_SHAPES, parseFast } from "./fast-path.js";
import { createProgram } from "./program.js";

const env = { HOME: "/home/learner" };

function io(): CliIO & { out: () => string } {
  let text = "";
  const sink = { write: (s: string) => (text += s) };
  return { stdout: sink, stderr: sink, stdin: new PassThrough(), env, out: () => text };
}

/** What commander makes of a line: the invocation it dispatches, or what it printed instead. */
async function commander(argv: string[]): Promise<{ globals: GlobalOptions; invocation: Invocation } | { printed: string }> {
  const captured: { globals: GlobalOptions; invocation: Invocation }[] = [];
  const streams = io();
  const program = createProgram(streams, async (ctx, invocation) => {
    captured.push({ globals: ctx.globals, invocation });
  });
  try {
    await program.parseAsync(argv, { from: "user" });
  } catch {
    // a usage error or help: commander printed it
  }
  return captured.length === 1 && streams.out() === "" ? captured[0]! : { printed: streams.out() };
}

/** Lines learners and scripts type every day: each must take the fast path. */
const COMMON = [
  [],
  ["lessons"],
  ["lessons", "--json"],
  ["progress", "--json"],
  ["read", "1", "--plain"],
  ["read", "dead-letter-queues"],
  ["cheatsheet"],
  ["cheatsheet", "5"],
  ["quiz", "3", "--plain"],
  ["review"],
  ["exercises", "--json"],
  ["exercise", "3"],
  ["verify"],
  ["verify", "3", "--json", "--seed", "12345:3:0"],
  ["hint", "3"],
  ["reset", "retrying-consumer"],
  ["solution", "3", "--force"],
  ["playground", "--ascii"],
  ["--home", "~/p", "--no-color", "read", "4", "--plain"],
  ["--workspace", "/tmp/ws", "verify", "--json"],
];

describe("the fast path reads a command line as commander does", () => {
  it.each(COMMON.map((argv) => [argv.join(" ") || "(no arguments)", argv] as const))("%s", async (_name, argv) => {
    const fast = parseFast(argv, env);
    expect(fast, "declined").toBeDefined();
    expect(fast).toEqual(await commander(argv));
  });

  it("prints the version as commander would", async () => {
    for (const argv of [["--version"], ["-V"]]) {
      expect(parseFast(argv, env)).toEqual({ version: true });
      const streams = io();
      await createProgram(streams)
        .parseAsync(argv, { from: "user" })
        .catch(() => undefined);
      expect(streams.out()).toMatch(/^\d+\.\d+\.\d+(-\w+)?\n$/);
    }
  });

  it("declares the commands program.ts declares, with the same arguments and options", () => {
    const program = createProgram(io());
    const declared = Object.fromEntries(
      program.commands
        .filter((c) => c.name() !== "help")
        .map((c) => {
          const options = c.options.map((o) => ({ key: o.attributeName(), value: o.required || o.optional }));
          return [
            c.name(),
            {
              args: c.registeredArguments.map((a) => a.required),
              flags: options.filter((o) => !o.value).map((o) => o.key),
              values: options.filter((o) => o.value).map((o) => o.key),
            },
          ];
        }),
    );
    const shapes = Object.fromEntries(
      Object.entries(COMMAND_SHAPES).map(([name, s]) => [name, { args: s.args, flags: s.flags ?? [], values: s.values ?? [] }]),
    );
    expect(shapes).toEqual(declared);
  });

  it("accepts only lines that commander reads the same way (generated lines)", async () => {
    const token = fc.constantFrom(
      ...Object.keys(COMMAND_SHAPES),
      "help",
      "frobnicate",
      "--home",
      "--workspace",
      "--no-color",
      "--color",
      "--json",
      "--plain",
      "--force",
      "--ascii",
      "--seed",
      "--seed=1",
      "--home=~/x",
      "--help",
      "-h",
      "--version",
      "-V",
      "--",
      "-",
      "1",
      "3",
      "12345:3:0",
      "dead-letter-queues",
      "~/p",
      "~",
      "/tmp/x",
      "a b",
      "",
      " ",
    );
    const value = fc.constantFrom("~/p", "~", "/tmp/x", "", " ", "-x", "a b");
    const globalOption = fc.oneof(
      fc.tuple(fc.constantFrom("--home", "--workspace"), value),
      fc.constant(["--no-color"]),
      fc.tuple(token),
    );
    // Mostly well-formed lines (program options, a command, its arguments and options in any
    // order, now and then a stray token), and some token soup.
    const line = fc
      .tuple(
        fc.array(globalOption, { maxLength: 3 }),
        fc.constantFrom(...Object.keys(COMMAND_SHAPES), "help", "frobnicate"),
        fc.shuffledSubarray(["1", "dead-letter-queues", "--json", "--plain", "--force", "--ascii", "--seed", "12345:3:0", "--home", "~/x"]),
        fc.array(token, { maxLength: 1 }),
      )
      .map(([globals, command, rest, stray]) => [...globals.flat(), command, ...rest.slice(0, 3), ...stray]);
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof(line, fc.array(token, { maxLength: 6 })), async (argv) => {
        const fast = parseFast(argv, env);
        if (!fast) return;
        accepted++;
        if (fast.version) expect(argv).toHaveLength(1);
        else expect(fast).toEqual(await commander(argv));
      }),
      { numRuns: 3000 },
    );
    // The property says something only if many lines took the fast path.
    expect(accepted).toBeGreaterThan(100);
  });
});
