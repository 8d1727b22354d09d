/** `quiz --help` and `review --help`, pinned (the commander program in-process, as src/cli/program.test.ts does). */
import { describe, expect, it } from "vitest";
import { runCli } from "./helpers/cli.js";

describe("quiz and review help", () => {
  it("quiz --help", async () => {
    const r = await runCli(["quiz", "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatchInlineSnapshot(`
      "Usage: mqtutor quiz [options] [lesson]

      answer the new and the due quiz questions, of one lesson or all

      Arguments:
        lesson      lesson number or id; all lessons when omitted

      Options:
        --plain     questions as text, one answer a line from stdin (also without a
                    terminal)
        -h, --help  display help for command

      Examples:
        $ mqtutor quiz
        $ mqtutor quiz 3
        $ printf '2\\n1,3\\n' | mqtutor quiz 1 --plain

      Plain answers, one a line: 2 (one choice), 1,3 (several), 3,1,2 (an order, first
      to last), true or false, or the text.

      "
    `);
  });

  it("review --help", async () => {
    const r = await runCli(["review", "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatchInlineSnapshot(`
      "Usage: mqtutor review [options]

      answer the quiz cards that are due, most overdue first

      Options:
        --plain     questions as text, one answer a line from stdin (also without a
                    terminal)
        -h, --help  display help for command

      Examples:
        $ mqtutor review
        $ mqtutor review --plain

      "
    `);
  });

  it("a flag quiz does not know is a usage error", async () => {
    const r = await runCli(["quiz", "--plane"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown option '--plane'[\s\S]*Did you mean --plain\?/);
  });
});
