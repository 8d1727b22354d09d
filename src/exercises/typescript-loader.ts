/**
 * (TypeScript 5, for the fallback where the platform has no native tsc; see native-tsc.ts.)
 * Loads the TypeScript compiler with a V8 code cache, the way Node 22's module.enableCompileCache
 * would (Node 20 has none): typescript.js is 9 MB, and compiling it is ~190 ms of every cold
 * `verify` after an edit; from the cache it is ~60 ms. The cache is written after the first
 * type check (`saveCache`), so it also holds the parser's and checker's functions, compiled
 * as they were first used: ~60 ms less of every later cold check. It is kept beside the
 * compiled files in the workspace, named by TypeScript's and Node's versions; V8 checks it too
 * and rejects one that does not fit (it is then rewritten). A cache that cannot be read or
 * written only costs time.
 */
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import Module, { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Script } from "node:vm";

type TS = typeof import("typescript");

export interface LoadedTypeScript {
  ts: TS;
  /** Writes the code cache if there was none that fit; call it once TypeScript has done its work. */
  saveCache(): void;
}

export function loadTypeScript(cacheDir: string): LoadedTypeScript {
  const file = createRequire(import.meta.url).resolve("typescript");
  const version = (JSON.parse(readFileSync(join(dirname(file), "..", "package.json"), "utf8")) as { version: string }).version;
  const cacheFile = join(cacheDir, `typescript-${version}-node${process.version}-${process.arch}.v8cache`);
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    // no cache yet
  }
  const script = new Script(Module.wrap(readFileSync(file, "utf8")), { filename: file, cachedData });
  const wrapper = script.runInThisContext() as (exports: object, require: NodeJS.Require, module: object, filename: string, dirname: string) => void;
  const module = { exports: {} as TS };
  wrapper.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  let stale = cachedData === undefined || script.cachedDataRejected === true;
  return {
    ts: module.exports,
    saveCache: () => {
      if (!stale) return;
      stale = false;
      try {
        const tmp = `${cacheFile}.${process.pid}.tmp`;
        writeFileSync(tmp, script.createCachedData());
        renameSync(tmp, cacheFile);
      } catch {
        // a read-only or full disk: no cache, the next run compiles again
      }
    },
  };
}
