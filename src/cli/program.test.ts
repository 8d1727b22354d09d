import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runCli } from "../../test/helpers/cli.js";
import { createProgram } from "./program.js";

const fixture = fileURLToPath(new URL("../../test/fixtures/course-valid", import.meta.url));

describe("mqtutor --help", () => {
  it("lists every command with its description", async () => {
    const r = await runCli(["--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatchInlineSnapshot(`
      "Usage: mqtutor [options] [command]

      Learn message queues and event-driven design in the terminal.

      Options:
        -V, --version                  print the version
        --home <dir>                   where progress is kept (env: MQTUTOR_HOME;
                                       default: your platform's data directory)
        --workspace <dir>              where your exercise files live (env:
                                       MQTUTOR_WORKSPACE; default:
                                       ~/mqtutor-exercises)
        --no-color                     no colours (also NO_COLOR=1 or TERM=dumb)
        -h, --help                     display help for command

      Commands:
        lessons [options]              list the lessons with what you have read
        read [options] <lesson>        read a lesson: a scrollable reader on a
                                       terminal, text otherwise
        cheatsheet [lesson]            print the cheat sheets, of one lesson or all
        quiz [options] [lesson]        answer the new and the due quiz questions, of
                                       one lesson or all
        review [options]               answer the quiz cards that are due, most
                                       overdue first
        exercises [options]            list the exercises with their status and where
                                       your files are
        exercise <exercise>            open an exercise: its task, your file, and
                                       checks re-run on every save
        verify [options] [exercise]    run an exercise's checks once (all exercises
                                       without an id); exit 1 if any fails
        hint <exercise>                show the next hint of an exercise
        reset <exercise>               restore an exercise's starter file (your
                                       version is kept as a backup)
        solution [options] <exercise>  print an exercise's reference solution (once it
                                       passes)
        progress [options]             show what you have done
        playground [options]           a REPL with a live broker on a manual clock,
                                       and .draw for pictures of it
        help [command]                 show help for a command

      Examples:
        $ mqtutor
        $ mqtutor read 1
        $ mqtutor lessons --json
        $ mqtutor progress

      "
    `);
  });

  it.each(["lessons", "read", "cheatsheet", "progress"])("%s --help has a description and examples", async (cmd) => {
    const r = await runCli([cmd, "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Usage: mqtutor ${cmd}`);
    // The description follows the usage line.
    expect(r.stdout.split("\n")[2]).toMatch(/^[a-z].{10,}/);
    expect(r.stdout).toMatch(/Examples:\n {2}\$ mqtutor/);
  });

  it("prints the version", async () => {
    const r = await runCli(["--version"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe("usage errors exit 2", () => {
  it.each([
    [["--bogus"], /unknown option '--bogus'/],
    [["frobnicate"], /Unknown command "frobnicate"[\s\S]*lessons, read/],
    // An unknown command with arguments is still an unknown command, not "too many arguments".
    [["frobnicate", "3"], /^Unknown command "frobnicate"/],
    [["help", "bogus"], /^Unknown command "bogus"[\s\S]*lessons, read/],
    [["--home", ""], /option '--home <dir>' argument '' is invalid\. Give a directory/],
    [["--workspace", "", "lessons"], /option '--workspace <dir>' argument '' is invalid/],
    [["--home=", "lessons"], /option '--home <dir>' argument '' is invalid/],
    [["read"], /missing required argument 'lesson'/],
    [["lessons", "--jsn"], /unknown option '--jsn'[\s\S]*Did you mean --json\?/],
  ])("%j", async (argv, message) => {
    const r = await runCli(argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toContain("mqtutor --help");
    expect(r.stdout).toBe("");
  });

  it("still refuses extra arguments to a known command", async () => {
    const r = await runCli(["lessons", "extra"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/too many arguments for 'lessons'/);
  });
});

describe("--home and --workspace", () => {
  it.each(["--home", "--workspace"])("%s=~/x expands the ~ (a shell does not after =) and is made absolute", async (flag) => {
    const io = { stdout: { write: () => true }, stderr: { write: () => true }, stdin: process.stdin, env: { HOME: "/home/learner" } };
    const program = createProgram(io);
    // --version ends the parse once the options before it are taken.
    await expect(program.parseAsync([`${flag}=~/x`, "--version"], { from: "user" })).rejects.toThrow();
    const relative = createProgram(io);
    await expect(relative.parseAsync([flag, "rel/dir", "--version"], { from: "user" })).rejects.toThrow();
    const key = flag.slice(2) as "home" | "workspace";
    expect(program.opts()[key]).toBe("/home/learner/x");
    expect(relative.opts()[key]).toBe(join(process.cwd(), "rel", "dir"));
  });
});

describe("help [command]", () => {
  it("prints the help of one command, or of all", async () => {
    const one = await runCli(["help", "read"]);
    expect(one.code).toBe(0);
    expect(one.stdout).toContain("Usage: mqtutor read [options] <lesson>");
    const all = await runCli(["help"]);
    expect(all.code).toBe(0);
    expect(all.stdout).toBe((await runCli(["--help"])).stdout);
  });
});

describe("control characters in what was typed", () => {
  // ESC [2J would clear the screen; BEL rings; a raw newline could forge a line of output.
  const nasty = "a\u001b[2J\u0007\u009bb";
  it.each([
    [["read", nasty], /Unknown lesson "a\\x1b\[2J\\x07\\x9bb"/],
    [[nasty, "x"], /Unknown command "a\\x1b\[2J\\x07\\x9bb"/],
    [["lessons", `--${nasty}`], /unknown option '--a\\x1b\[2J\\x07\\x9bb'/],
    [["frob\nError: forged"], /Unknown command "frob\\nError: forged"/],
  ])("%j is escaped in the message", async (argv, message) => {
    const r = await runCli(argv, { MQTUTOR_CONTENT: fixture, MQTUTOR_HOME: mkdtempSync(join(tmpdir(), "mqtutor-p-")) });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    // Nothing but newlines below the space character, and no C1 controls, reach the terminal.
    // eslint-disable-next-line no-control-regex -- looking for control characters is the point
    expect(r.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(r.stderr).not.toMatch(/^Error: forged/m);
  });
});
