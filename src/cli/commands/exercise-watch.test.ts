// The watch loop's trigger: a save to the learner's file, or to a module of their own it imports
// (picked up when a check finds it), re-checks; a save to anything else does not.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEBOUNCE_MS, watchFiles } from "./exercise.js";

const dir = mkdtempSync(join(tmpdir(), "mqtutor-watch-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Resolves with how many times `onSave` ran, once a quiet spell follows `act`. */
async function savesAfter(w: { count: number }, act: () => void): Promise<number> {
  const before = w.count;
  act();
  await new Promise((r) => setTimeout(r, DEBOUNCE_MS + 400));
  return w.count - before;
}

describe("watchFiles", () => {
  it("re-checks on saves to the learner's file and to the helpers named at the last refresh, and nothing else", async () => {
    const file = join(dir, "01-worker-pool.ts");
    const helper = join(dir, "lib", "retry.ts");
    mkdirSync(join(dir, "lib"));
    for (const f of [file, helper, join(dir, "notes.ts")]) writeFileSync(f, "export {};\n");
    let files = [file];
    const seen = { count: 0 };
    const w = watchFiles(() => files, () => seen.count++);
    try {
      expect(await savesAfter(seen, () => writeFileSync(file, "export const a = 1;\n"))).toBe(1);
      expect(await savesAfter(seen, () => writeFileSync(helper, "export const b = 1;\n")), "not imported yet").toBe(0);
      expect(await savesAfter(seen, () => writeFileSync(join(dir, "notes.ts"), "// x\n"))).toBe(0);
      files = [file, helper];
      w.refresh();
      expect(await savesAfter(seen, () => writeFileSync(helper, "export const b = 2;\n"))).toBe(1);
      // Three quick saves, one check.
      expect(await savesAfter(seen, () => [1, 2, 3].forEach((n) => writeFileSync(file, `export const a = ${n};\n`)))).toBe(1);
      files = [file];
      w.refresh();
      expect(await savesAfter(seen, () => writeFileSync(helper, "export const b = 3;\n")), "no longer imported").toBe(0);
    } finally {
      w.close();
    }
    expect(await savesAfter(seen, () => writeFileSync(file, "export const a = 9;\n")), "closed").toBe(0);
  }, 20_000);
});
