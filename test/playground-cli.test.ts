// `mqtutor playground` as the real binary: a script pipes a session in and reads the pictures;
// on a terminal, the REPL draws and keeps its history in MQTUTOR_HOME. Its code (and
// typescript) loads only when the playground opens.
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runBin } from "./helpers/binary.js";
import { TmuxSession, hasTmux } from "./helpers/tmux.js";

const tmp = () => mkdtempSync(join(tmpdir(), "mqtutor-playground-"));

const session = [
  'topic("orders", 3)',
  'for (const key of ["customer-7", "customer-7", "customer-7", "customer-1"]) produce("orders", key, "created")',
  'consume("orders", "billing", 2).length',
  'commit("billing"); "committed"',
  ".draw orders",
].join("\n");

describe("mqtutor playground without a terminal", () => {
  it("runs a piped session: creates a topic, produces, consumes, and draws it", () => {
    const r = runBin(["playground"], { MQTUTOR_HOME: tmp() }, `${session}\n`);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain("\u001b[");
    expect(r.stdout).toContain("2\n'committed'\n");
    const picture = r.stdout.slice(r.stdout.indexOf('Topic "orders"'));
    expect(picture).toBe(
      [
        'Topic "orders" · 3 partitions',
        "  p0 │█  │ start 0  end 1",
        "  p1 │███│ start 0  end 3",
        "  p2 │   │ start 0  end 0",
        "  █ one offset kept",
        'Group "billing" · Stable · generation 1 · 1 member',
        "  p0 → billing-1  committed 1  lag 0",
        "  p1 → billing-1  committed 1  lag 2",
        "  p2 → billing-1  committed 0  lag 0",
        "",
      ].join("\n"),
    );
  });

  it("draws in ASCII for a non-UTF-8 locale or --ascii, and within COLUMNS", () => {
    const c = runBin(["playground"], { LANG: "C", COLUMNS: "40" }, `${session}\n`);
    expect(c.code).toBe(0);
    expect(c.stdout).toContain("  p1 |###| start 0  end 3");
    expect(c.stdout).toMatch(/^[\x20-\x7e\n]*$/);
    expect(Math.max(...c.stdout.slice(c.stdout.indexOf("Topic")).split("\n").map((l) => l.length))).toBeLessThanOrEqual(40);
    for (const args of [["playground", "--ascii"], ["--no-color", "playground"]]) {
      expect(runBin(args, {}, `${session}\n`).stdout, args.join(" ")).toContain("  p0 -> billing-1");
    }
  });

  it("reports a failing input on stderr with its line, runs the rest, and exits 1", () => {
    const r = runBin(["playground"], {}, 'receive("nope")\nqueue("jobs"); "still here"\n');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('line 1: UnknownResourceError: No queue named "nope".');
    expect(r.stdout).toContain("'still here'");
  });

  it("--help says what it is and how to pipe into it", () => {
    const r = runBin(["playground", "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Usage: mqtutor playground [options]");
    expect(r.stdout).toContain("a REPL with a live broker on a manual clock");
    expect(r.stdout).toContain("| mqtutor playground");
  });
});

describe("start-up paths", () => {
  interface Meta {
    outputs: Record<string, { inputs: Record<string, unknown>; imports: { path: string; kind: string; external?: boolean }[]; entryPoint?: string }>;
  }
  const meta = JSON.parse(readFileSync(new URL("../dist/meta.json", import.meta.url), "utf8")) as Meta;
  const closure = (file: string, seen = new Set<string>()): string[] => {
    if (seen.has(file) || !meta.outputs[file]) return [...seen];
    seen.add(file);
    for (const i of meta.outputs[file]!.imports) if (i.kind === "import-statement") closure(i.path, seen);
    return [...seen];
  };
  const inputs = (files: string[]) => files.flatMap((f) => Object.keys(meta.outputs[f]!.inputs));
  const staticImports = (files: string[]) => files.flatMap((f) => meta.outputs[f]!.imports.filter((i) => i.kind === "import-statement").map((i) => i.path));

  it("the playground's code and typescript load only when it opens", () => {
    const start = closure("dist/cli.js");
    expect(inputs(start).filter((i) => i.startsWith("src/playground/"))).toEqual([]);
    expect(staticImports(start)).not.toContain("typescript");
    const commands = Object.entries(meta.outputs).filter(([, o]) => o.entryPoint?.startsWith("src/cli/commands/"));
    expect(commands.length).toBeGreaterThan(5);
    for (const [file, o] of commands) {
      const loaded = inputs(closure(file));
      if (o.entryPoint === "src/cli/commands/playground.ts") expect(loaded).toContain("src/playground/session.ts");
      else expect(loaded.filter((i) => i.startsWith("src/playground/")), o.entryPoint).toEqual([]);
    }
  });
});

describe.skipIf(!hasTmux())("mqtutor playground in a real terminal", () => {
  it("creates a topic, draws it, and keeps the history in MQTUTOR_HOME", async () => {
    const home = tmp();
    const t = new TmuxSession(["playground"], { MQTUTOR_HOME: home }, { columns: 80, rows: 30 });
    try {
      await t.waitFor((s) => s.includes("mq>"), 20_000);
      for (const line of ['topic("orders", 2)', 'produce("orders", "k", "v")', ".draw orders"]) {
        t.send("-l", line);
        t.send("Enter");
      }
      const screen = await t.waitFor((s) => s.includes("█ one offset kept"), 20_000);
      expect(screen).toContain('Topic "orders" · 2 partitions');
      t.send("C-d");
      await t.waitFor((s) => s.includes("[exit 0]"), 20_000);
      const history = join(home, "playground_history");
      expect(existsSync(history)).toBe(true);
      expect(readFileSync(history, "utf8")).toContain('topic("orders", 2)');
    } finally {
      t.kill();
    }
  }, 60_000);
});
