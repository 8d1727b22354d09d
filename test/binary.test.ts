// The real binary without a terminal: what scripts, CI and screen readers get.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { runBin } from "./helpers/binary.js";

const valid = fileURLToPath(new URL("./fixtures/course-valid", import.meta.url));
const recorder = fileURLToPath(new URL("./helpers/record-imports.mjs", import.meta.url));
const tmp = () => mkdtempSync(join(tmpdir(), "mqtutor-bin-"));

const distUrl = new URL("../dist/", import.meta.url).href;
const uiLibrary = /node_modules\/(ink|react|react-reconciler|yoga-layout|scheduler)\//;
interface Meta {
  outputs: Record<string, { inputs: Record<string, unknown>; imports: { path: string; kind: string }[]; entryPoint?: string }>;
}
let meta: Meta;

/** The files an output loads before it runs: itself and its static imports, transitively. */
function staticClosure(file: string, seen = new Set<string>()): string[] {
  if (seen.has(file) || !meta.outputs[file]) return [...seen]; // seen, or external (node:*)
  seen.add(file);
  for (const i of meta.outputs[file]?.imports ?? []) if (i.kind === "import-statement") staticClosure(i.path, seen);
  return [...seen];
}

beforeAll(() => {
  meta = JSON.parse(readFileSync(new URL("../dist/meta.json", import.meta.url), "utf8")) as Meta;
});

describe("mqtutor without a terminal", () => {
  it("prints the overview for a bare `mqtutor`", () => {
    const r = runBin([], { MQTUTOR_HOME: tmp(), MQTUTOR_CONTENT: valid });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Lessons read: 0/3");
  });

  it("prints a lesson as plain text, no ANSI codes, even with FORCE_COLOR", () => {
    const r = runBin(["read", "1"], { MQTUTOR_HOME: tmp(), MQTUTOR_CONTENT: valid, FORCE_COLOR: "1" });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^1\. .+\n═+\n/);
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

  const plainCommands = [["lessons", "--json"], ["read", "1", "--plain"], ["progress"], ["cheatsheet"], []];
  it.each(plainCommands.map((args) => [args.join(" ") || "(bare)", args] as const))(
    "`mqtutor %s` (no terminal) never loads ink, react or yoga",
    (_name, args) => {
      const log = join(tmp(), "imports.log");
      const r = runBin(args, {
        MQTUTOR_HOME: tmp(),
        MQTUTOR_CONTENT: valid,
        MQTUTOR_IMPORT_LOG: log,
        NODE_OPTIONS: `--import ${recorder}`,
      });
      expect(r.code, r.stderr).toBe(0);
      const loaded = readFileSync(log, "utf8")
        .split("\n")
        .filter((u) => u.startsWith(distUrl))
        .map((u) => `dist/${u.slice(distUrl.length)}`);
      // MQTUTOR_CONTENT: start.js hands the line to cli.js, which reads and validates the files.
      expect(loaded.slice(0, 2)).toEqual(["dist/start.js", "dist/cli.js"]);
      // What went into each loaded file of the bundle, from esbuild's metafile.
      const inputs = loaded.flatMap((file) => Object.keys(meta.outputs[file]?.inputs ?? {}));
      expect(inputs).toContain("src/cli/main.ts");
      expect(inputs.filter((i) => uiLibrary.test(i))).toEqual([]);
    },
  );

  it("loads ink for the interactive screens (so the check above can fail)", () => {
    const interactive = Object.entries(meta.outputs).find(([, o]) => o.entryPoint === "src/cli/interactive.ts");
    expect(interactive).toBeDefined();
    const closure = staticClosure(interactive![0]);
    expect(closure.flatMap((f) => Object.keys(meta.outputs[f]!.inputs)).some((i) => uiLibrary.test(i))).toBe(true);
  });
});
