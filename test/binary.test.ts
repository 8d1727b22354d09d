// The real binary without a terminal: what scripts, CI and screen readers get.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, runBin } from "./helpers/binary.js";

const valid = fileURLToPath(new URL("./fixtures/course-valid", import.meta.url));
const recorder = fileURLToPath(new URL("./helpers/record-imports.mjs", import.meta.url));
const tmp = () => mkdtempSync(join(tmpdir(), "mqtutor-bin-"));

beforeAll(() => ensureBuilt());

describe("mqtutor without a terminal", () => {
  it("prints the overview for a bare `mqtutor`", () => {
    const r = runBin([], { MQTUTOR_HOME: tmp(), MQTUTOR_CONTENT: valid });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Lessons read: 0/3");
  });

  it("prints a lesson as plain text, no ANSI codes, even with FORCE_COLOR", () => {
    const r = runBin(["read", "1"], { MQTUTOR_HOME: tmp(), MQTUTOR_CONTENT: valid, FORCE_COLOR: "1" });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^# 1\. /);
    expect(r.stdout).not.toContain("\u001b[");
  });

  it("exits 2 for an unknown lesson and 3 for invalid content", () => {
    expect(runBin(["read", "11"], { MQTUTOR_HOME: tmp(), MQTUTOR_CONTENT: valid }).code).toBe(2);
    const bad = runBin(["lessons"], {
      MQTUTOR_HOME: tmp(),
      MQTUTOR_CONTENT: fileURLToPath(new URL("./fixtures/course-defects", import.meta.url)),
    });
    expect(bad.code).toBe(3);
    expect(bad.stderr).toContain("→");
  });

  it("records progress where --home says", () => {
    const home = tmp();
    runBin(["--home", home, "read", "2", "--plain"], { MQTUTOR_CONTENT: valid });
    expect(readFileSync(join(home, "progress.jsonl"), "utf8")).toContain('"lesson-finished"');
  });

  it.each([["lessons", "--json"], ["read", "1", "--plain"], ["progress"], ["cheatsheet"], []])(
    "`mqtutor %s` never loads ink, react or yoga",
    (...args) => {
      const log = join(tmp(), "imports.log");
      const r = runBin(args, {
        MQTUTOR_HOME: tmp(),
        MQTUTOR_CONTENT: valid,
        MQTUTOR_IMPORT_LOG: log,
        NODE_OPTIONS: `--import ${recorder}`,
      });
      expect(r.code, r.stderr).toBe(0);
      const loaded = readFileSync(log, "utf8").split("\n");
      expect(loaded).toContain("commander");
      expect(loaded.filter((p) => /^(ink|react|yoga-layout)(\/|$)/.test(p))).toEqual([]);
    },
  );
});
