import { Readable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { runPiped } from "./piped.js";
import { type TestPlayground, testPlayground } from "./test-helpers.js";

let pg: TestPlayground;
afterEach(() => pg?.dispose());

async function pipe(text: string) {
  pg = testPlayground({ width: 60 });
  let err = "";
  const result = await runPiped(pg, { input: Readable.from([text]), write: (t) => pg.write(t), writeErr: (t) => (err += t) });
  return { ...result, out: pg.take(), err };
}

describe("runPiped (the playground without a terminal)", () => {
  it("runs statements one at a time, a statement may span lines, and prints values", async () => {
    const r = await pipe('const xs: number[] = [1,\n  2,\n  3];\nxs.length\ncommit\n');
    expect(r.failures).toBe(0);
    expect(r.out).toContain("3\n");
    expect(r.out).toContain("[Function: commit]");
  });

  it("waits for an awaited input before reading the next line", async () => {
    const r = await pipe("const v = await new Promise((ok) => setTimeout(() => ok(5), 20));\nv * 2\n");
    expect(r.out).toBe("10\n");
  });

  it("runs .draw and .help, and stops at .exit", async () => {
    const r = await pipe('topic("orders", 2)\n.draw orders\n.help\n.exit\nneverRuns()\n');
    expect(r.failures).toBe(0);
    expect(r.out).toContain('Topic "orders" · 2 partitions');
    expect(r.out).toContain("Shortcuts");
  });

  it("reports errors with the line their statement started on, carries on, and counts them", async () => {
    const r = await pipe('queue("jobs")\nreceive(\n  "missing")\nsend("jobs", "still runs")\n.frobnicate\n.editor\n');
    expect(r.failures).toBe(3);
    expect(r.err).toContain('line 2: UnknownResourceError: No queue named "missing".');
    expect(r.err).toContain("line 5: .frobnicate is not a playground command");
    expect(r.err).toContain("line 6: .editor needs a terminal");
    expect(r.out).toContain("messageId");
  });

  it("says so when the input ends inside a statement", async () => {
    const r = await pipe("function f() {\n  return 1;\n");
    expect(r.failures).toBe(1);
    expect(r.err).toBe("line 1: the input ended in the middle of a statement (a bracket or a quote left open?).\n");
  });
});
