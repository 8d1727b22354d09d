import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const dir = mkdtempSync(join(tmpdir(), "mqtutor-ts-cache-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const cacheFiles = () => readdirSync(dir).filter((f) => f.endsWith(".v8cache"));
const loader = fileURLToPath(new URL("./typescript-loader.ts", import.meta.url));

/**
 * One cold process, as `verify` is: it loads TypeScript (from the cache if there is one),
 * transpiles a line, saves the cache if asked, and says whether V8 took the cache. (In one
 * process V8 would reuse its own compilation, never reading the cache.)
 */
function coldLoad(save: boolean): string {
  const script = `
    const { loadTypeScript } = await import(${JSON.stringify(loader)});
    const t = loadTypeScript(${JSON.stringify(dir)});
    const out = t.ts.transpileModule("const x: number = 1;", { compilerOptions: { target: t.ts.ScriptTarget.ES2022 } }).outputText;
    if (${save}) t.saveCache();
    process.stdout.write(out);`;
  return execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { encoding: "utf8" });
}

describe("TypeScript from a V8 code cache", () => {
  it("works without a cache, writes one when asked, and works from it", () => {
    expect(coldLoad(false)).toContain("const x = 1;");
    expect(cacheFiles()).toEqual([]);
    expect(coldLoad(true)).toContain("const x = 1;");
    expect(cacheFiles()).toHaveLength(1);
    expect(cacheFiles()[0]).toMatch(new RegExp(`^typescript-\\d+\\.\\d+\\.\\d+-node${process.version}-${process.arch}\\.v8cache$`));
    const cache = readFileSync(join(dir, cacheFiles()[0]!));
    expect(cache.length).toBeGreaterThan(100_000);
    // A cache that fits is kept as it is.
    expect(coldLoad(true)).toContain("const x = 1;");
    expect(readFileSync(join(dir, cacheFiles()[0]!))).toEqual(cache);
  }, 90_000); // three cold loads of a 9 MB compiler, on a busy machine

  it("ignores a damaged cache (V8 rejects it) and writes a good one in its place", () => {
    const file = join(dir, cacheFiles()[0]!);
    writeFileSync(file, Buffer.from("not a code cache"));
    expect(coldLoad(true)).toContain("const x = 1;");
    expect(readFileSync(file).length).toBeGreaterThan(100_000);
  }, 60_000);
});
