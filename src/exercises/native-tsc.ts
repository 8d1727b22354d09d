/**
 * TypeScript 7, the native compiler (the `typescript-native` dependency, an alias of
 * typescript@7, whose platform package carries one `tsc` executable). One run of it type-checks
 * the learner's file against the ES library, the broker's types and the workspace's globals, and
 * writes the JavaScript, in ~75 ms here: loading TypeScript 5's 9 MB of JavaScript and checking
 * with it took ~550 ms of every `verify` after an edit.
 *
 * It is run as a program, not through an API: a tsconfig written for the run, diagnostics read
 * from its plain (`--pretty false`) output, the files written and read named by `--listEmittedFiles`
 * and `--listFiles`.
 * Where the platform has no binary (an `--omit=optional` install, an unusual CPU), the caller
 * falls back to TypeScript 5 in-process.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, isAbsolute, join, parse, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { LEARNER_COMPILER_OPTIONS } from "./fs-workspace.js";
import type { TypeProblem } from "./result.js";

/** How long one compile may take before it is stopped (a pathological type can run away). */
export const NATIVE_TSC_TIME_LIMIT_MS = 60_000;

/**
 * The native `tsc` for this platform, or undefined when it is not installed. It is looked up
 * from mqtutor's own folder first (where npm hoists it), then from `typescript-native`'s.
 */
export function findNativeTsc(
  resolvePackage: (from: string, request: string) => string = (from, request) => createRequire(from).resolve(request),
  platform: string = process.platform,
  arch: string = process.arch,
): string | undefined {
  const pkg = `@typescript/typescript-${platform}-${arch}/package.json`;
  const froms = [import.meta.url];
  try {
    froms.push(resolvePackage(import.meta.url, "typescript-native/package.json"));
  } catch {
    // not installed: only the first place can have it
  }
  for (const from of froms) {
    try {
      const exe = join(dirname(resolvePackage(from, pkg)), "lib", platform === "win32" ? "tsc.exe" : "tsc");
      if (existsSync(exe)) return exe;
    } catch {
      // not there; try the next place
    }
  }
  return undefined;
}

export interface NativeCompileRequest {
  /** The native tsc executable. */
  exe: string;
  /** The TypeScript file to compile. */
  file: string;
  /** More files in the program, not emitted (the workspace's ambient globals). */
  alsoFiles?: string[];
  /** Type-check, or only write the JavaScript (`noCheck`: our own check files). */
  check: boolean;
  /** A folder the run may use for its tsconfig and output; it is emptied afterwards. */
  scratchParent: string;
  /**
   * Which files in the program are the learner's own (their helpers, their declarations), as
   * opposed to libraries and mqtutor's: theirs are type-checked and reported, and are what the
   * verdict depends on. Not under a node_modules folder, when not given.
   */
  theirs?: (file: string) => boolean;
}

/** Under a node_modules folder: a library's, never the learner's. */
export const inNodeModules = (file: string) => /(^|[\\/])node_modules[\\/]/.test(file);

export interface NativeCompileResult {
  /** The emitted JavaScript, with its inline source map naming the file by URL. */
  js: string;
  problems: TypeProblem[];
  /** The workspace's other modules the file imports, as compiled in the same run. */
  locals: LocalModule[];
  /**
   * The learner's other files the program read that compile to nothing (declarations): the
   * verdict depends on them too.
   */
  declarations: string[];
}

/** A module of the learner's own that their file imports (a helper beside it, say). */
export interface LocalModule {
  /** Its TypeScript file (absolute). */
  file: string;
  /** The text that was compiled (from the source map: exactly what the compiler read). */
  source: string;
  /** Its JavaScript, the source map naming the file by URL. */
  js: string;
}

/** An error from the compiler itself (not from the learner's code): a fault of ours. */
export class NativeTscError extends Error {}

/**
 * What either compiler checks the learner's file with (in tsconfig.json's terms): the workspace
 * tsconfig.json's options, but for the module format. The file is always an ES module (it is
 * kept as .mjs), whatever the workspace's package.json says: under NodeNext, one without
 * `"type": "module"` (`npm init -y` writes `commonjs`) would make it CommonJS.
 */
export const CHECKER_OPTIONS = {
  ...LEARNER_COMPILER_OPTIONS,
  module: "ESNext",
  moduleResolution: "Bundler",
  isolatedModules: true,
} as const;

/**
 * The native run's options: the checker's, plus emit. `rootDir` is the file system's root, so a
 * file the learner's file imports from anywhere is no error, and every output lands at
 * out/<its path>.
 */
export function nativeOptions(file: string, outDir: string, check: boolean): Record<string, unknown> {
  return {
    ...CHECKER_OPTIONS,
    inlineSourceMap: true,
    inlineSources: true,
    noEmitOnError: false,
    pretty: false,
    rootDir: parse(file).root,
    outDir,
    ...(check ? {} : { noCheck: true }),
  };
}

export async function compileNative(req: NativeCompileRequest): Promise<NativeCompileResult> {
  const scratch = mkdtempSync(join(req.scratchParent, "tsc-"));
  try {
    const config = join(scratch, "tsconfig.json");
    writeFileSync(
      config,
      JSON.stringify({ compilerOptions: nativeOptions(req.file, join(scratch, "out"), req.check), files: [req.file, ...(req.alsoFiles ?? [])] }),
    );
    const { stdout, code } = await run(req.exe, ["-p", config, "--listEmittedFiles", "--listFiles"], scratch);
    const out = parseNativeOutput(stdout, scratch);
    // 0: clean; 2: errors, but the JavaScript was written (noEmitOnError is off).
    // The program may hold more files (a check imports the solution's types): take this one's.
    const expected = join(scratch, "out", relative(parse(req.file).root, req.file).replace(/\.([cm]?)tsx?$/, ".$1js"));
    const emitted = out.emitted.find((f) => f === expected);
    if ((code !== 0 && code !== 2) || out.global.length > 0 || emitted === undefined) {
      throw new NativeTscError(
        `TypeScript could not compile ${req.file} (exit code ${code}). This is a fault in mqtutor, not in your code; ` +
          `please report it with this output:\n${stdout.trim() || "(no output)"}`,
      );
    }
    const theirs = req.theirs ?? ((f: string) => !inNodeModules(f));
    // A check file's program holds the solution's types: nothing of the learner's to keep.
    const others = req.check ? out.emitted.filter((f) => f !== emitted && /\.[cm]?js$/.test(f)) : [];
    const locals = others.map(localModule).filter((l) => theirs(l.file));
    const compiled = new Set([req.file, ...locals.map((l) => l.file)].map((f) => resolve(f)));
    const declarations = out.listed.filter((f) => !compiled.has(f) && !(req.alsoFiles ?? []).includes(f) && theirs(f));
    // Problems in the learner's code: their file and the modules of their own it imports (a
    // library's are not theirs to fix).
    const problems = out.problems.filter((p) => sameFile(p.file, req.file) || locals.some((l) => sameFile(p.file, l.file)));
    return { js: withSourceUrl(readFileSync(emitted, "utf8"), req.file), problems, locals, declarations };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** An emitted module of the learner's, with its source file and text read from its source map. */
function localModule(emitted: string): LocalModule {
  const js = readFileSync(emitted, "utf8");
  const map = inlineMap(js);
  const source = map?.sourcesContent?.[0];
  const named = map?.sources?.[0];
  if (source == null || named === undefined) {
    throw new NativeTscError(`TypeScript wrote ${emitted} without the source map mqtutor asks for. This is a fault in mqtutor, not in your code.`);
  }
  const file = resolve(dirname(emitted), named);
  return { file, source, js: withSourceUrl(js, file) };
}

interface SourceMap {
  sources?: string[];
  sourcesContent?: (string | null)[];
  sourceRoot?: string;
}

const INLINE_MAP = /(\/\/# sourceMappingURL=data:application\/json;base64,)([A-Za-z0-9+/=]+)\s*$/;

export function inlineMap(js: string): SourceMap | undefined {
  const data = INLINE_MAP.exec(js)?.[2];
  return data === undefined ? undefined : (JSON.parse(Buffer.from(data, "base64").toString("utf8")) as SourceMap);
}

function sameFile(a: string, b: string): boolean {
  if (resolve(a) === resolve(b)) return true;
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
}

function run(exe: string, args: string[], cwd: string): Promise<{ stdout: string; code: number }> {
  return new Promise((done, fail) => {
    execFile(exe, args, { cwd, timeout: NATIVE_TSC_TIME_LIMIT_MS, maxBuffer: 16 * 1024 * 1024, encoding: "utf8" }, (error, stdout) => {
      if (error && typeof error.code !== "number") {
        fail(
          error.killed
            ? new NativeTscError(`TypeScript did not finish type-checking within ${NATIVE_TSC_TIME_LIMIT_MS / 1000} s and was stopped.`)
            : error,
        );
        return;
      }
      done({ stdout, code: typeof error?.code === "number" ? error.code : 0 });
    });
  });
}

export interface NativeOutput {
  /** Diagnostics with a place, in the compiler's order. */
  problems: TypeProblem[];
  /** Diagnostics without one (options, a missing file): never the learner's doing. */
  global: string[];
  /** Absolute paths of the files written. */
  emitted: string[];
  /** Absolute paths of the files in the program (`--listFiles`). */
  listed: string[];
}

// The first `(line,col): error TSn: ` ends the path: a message may quote that shape again.
const LOCATED = /^(.+?)\((\d+),(\d+)\): error TS\d+: (.*)$/;
const GLOBAL = /^error TS\d+: (.*)$/;
const EMITTED = /^TSFILE: (.+)$/;

/**
 * Reads `tsc --pretty false --listEmittedFiles --listFiles` output: `file(line,col): error TSn:
 * message`, with a chained message's further lines indented below it (kept, as TypeScript 5's
 * flattenDiagnosticMessageText gave them), `TSFILE: path` for each file written, and each file
 * the program read by its absolute path. Paths of problems are relative to `cwd`.
 */
export function parseNativeOutput(text: string, cwd: string): NativeOutput {
  const out: NativeOutput = { problems: [], global: [], emitted: [], listed: [] };
  let last: { message: string } | undefined;
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === "") continue;
    const located = LOCATED.exec(line);
    const global = located ? null : GLOBAL.exec(line);
    const emitted = located || global ? null : EMITTED.exec(line);
    if (located) {
      const problem = { file: resolve(cwd, located[1]!), line: Number(located[2]), column: Number(located[3]), message: located[4]! };
      out.problems.push(problem);
      last = problem;
    } else if (global) {
      out.global.push(global[1]!);
      last = undefined;
    } else if (emitted) {
      out.emitted.push(resolve(cwd, emitted[1]!));
      last = undefined;
    } else if (/^\s/.test(line) && last) {
      last.message += `\n${line}`;
    } else if (isAbsolute(line)) {
      out.listed.push(resolve(line));
      last = undefined;
    } else {
      // Anything else is not a shape we know: say so rather than lose it.
      out.global.push(line);
      last = undefined;
    }
  }
  return out;
}

/**
 * The emitted file's inline source map names its source relative to where the compiler wrote
 * it; the JavaScript is kept elsewhere, so the map names the source by its file: URL instead.
 */
export function withSourceUrl(js: string, file: string): string {
  return js.replace(INLINE_MAP, (_all, head: string, data: string) => {
    const map = JSON.parse(Buffer.from(data, "base64").toString("utf8")) as SourceMap;
    map.sources = [pathToFileURL(file).href];
    map.sourceRoot = "";
    return `${head}${Buffer.from(JSON.stringify(map)).toString("base64")}\n`;
  });
}
