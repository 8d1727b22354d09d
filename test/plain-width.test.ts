// Every plain command's output fits COLUMNS (40 and 80 here) and keeps every word: the listing
// commands, progress, exercises, hints and the reference solution (whose wide lines continue
// after a ↩). Lessons, cheat sheets and quiz text have their own width tests.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runBin } from "./helpers/binary.js";

const home = mkdtempSync(join(tmpdir(), "mqtutor-width-"));
const commands = [[], ["lessons"], ["exercises"], ["progress"], ["hint", "3"], ["solution", "3", "--force"]];
const words = (s: string) => s.replace(/↩\n {2}/g, "").split(/\s+/).filter(Boolean);

describe.each(commands.map((c) => [c.join(" ") || "(no command)", c] as const))("mqtutor %s", (_name, args) => {
  it("fits 40 and 80 columns and says the same words at both", () => {
    const at = (columns: number) => {
      const r = runBin(["--home", home, "--workspace", join(home, "ws"), ...args], { COLUMNS: String(columns) });
      expect(r.code, r.stderr).toBe(0);
      for (const line of r.stdout.split("\n")) expect([...line].length, line).toBeLessThanOrEqual(columns);
      return r.stdout;
    };
    const narrow = at(40);
    const wide = at(80);
    // Hints are recorded as they are shown: compare only what does not change between runs.
    if (args[0] !== "hint") expect(words(narrow).join(" ").replace(/[↩]/g, "")).toBe(words(wide).join(" ").replace(/[↩]/g, ""));
  });
});
