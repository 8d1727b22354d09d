import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { VERSIONS_KEPT, pruneVersions } from "./node-compile.js";

const dir = mkdtempSync(join(tmpdir(), "mqtutor-build-cache-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the compiled files' cache", () => {
  it("keeps the newest versions of a file, with their facts, and leaves other files alone", () => {
    const t0 = Date.now() / 1000 - 1000;
    for (let i = 0; i < 12; i++) {
      const js = join(dir, `03-retrying-consumer-subject-${String(i).padStart(16, "0")}.mjs`);
      writeFileSync(js, "");
      writeFileSync(`${js}.json`, "{}");
      utimesSync(js, t0 + i, t0 + i);
    }
    writeFileSync(join(dir, "03-retrying-consumer-check-aaaa.mjs"), "");
    writeFileSync(join(dir, "typescript-5.9.3-node-v20-x64.v8cache"), "");
    pruneVersions(dir, "03-retrying-consumer-subject-");
    const left = readdirSync(dir).sort();
    const subjects = left.filter((f) => f.includes("-subject-") && f.endsWith(".mjs"));
    expect(subjects).toHaveLength(VERSIONS_KEPT);
    // The newest ones (4 to 11), each with its facts.
    expect(subjects[0]).toContain(String(12 - VERSIONS_KEPT).padStart(16, "0"));
    for (const s of subjects) expect(left).toContain(`${s}.json`);
    expect(left).toContain("03-retrying-consumer-check-aaaa.mjs");
    expect(left).toContain("typescript-5.9.3-node-v20-x64.v8cache");
  });

  it("does nothing, quietly, when the folder is gone", () => {
    expect(() => pruneVersions(join(dir, "missing"), "x-")).not.toThrow();
  });
});
