import { describe, expect, it } from "vitest";
import { runCli } from "../../test/helpers/cli.js";

describe("mqtutor --help", () => {
  it("lists every command with its description", async () => {
    const r = await runCli(["--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatchInlineSnapshot(`
      "Usage: mqtutor [options] [command]

      Learn message queues and event-driven design in the terminal.

      Options:
        -V, --version            print the version
        --home <dir>             where progress is kept (env: MQTUTOR_HOME; default:
                                 your platform's data directory)
        --workspace <dir>        where your exercise files live (env:
                                 MQTUTOR_WORKSPACE; default: ~/mqtutor-exercises)
        --no-color               no colours (also NO_COLOR=1 or TERM=dumb)
        -h, --help               display help for command

      Commands:
        lessons [options]        list the lessons with what you have read
        read [options] <lesson>  read a lesson: a scrollable reader on a terminal,
                                 text otherwise
        cheatsheet [lesson]      print the cheat sheets, of one lesson or all
        progress [options]       show what you have done
        help [command]           show help for a command

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
    [["read"], /missing required argument 'lesson'/],
    [["lessons", "--jsn"], /unknown option '--jsn'[\s\S]*Did you mean --json\?/],
  ])("%j", async (argv, message) => {
    const r = await runCli(argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toContain("mqtutor --help");
  });
});
