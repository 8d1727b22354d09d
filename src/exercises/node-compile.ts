/**
 * Turns the learner's TypeScript file (and an exercise's check file) into JavaScript the check
 * child can import, and type-checks the learner's file. A compiler runs only when a file changed
 * since it was last compiled: results are cached in the workspace by content hash, so re-running
 * `verify` on an unchanged file runs none.
 *
 * The compiler is TypeScript 7's native `tsc` (native-tsc.ts): one ~75 ms run checks and emits.
 * Where this platform has none, TypeScript 5 runs in-process instead: it transpiles first and
 * type-checks while the checks run, since loading and checking take ~550 ms.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";
import type { TypeProblem } from "./result.js";
import { CHECKER_OPTIONS, compileNative, findNativeTsc, NativeTscError, withSourceUrl, type NativeCompileResult } from "./native-tsc.js";
import { loadTypeScript } from "./typescript-loader.js";

type TS = typeof import("typescript");

/** Where the compiled modules and their facts are kept, inside the workspace. */
export function cacheDir(workspace: string): string {
  return join(workspace, ".mqtutor", "build");
}

export interface Compiled {
  /** file: URL of the compiled module. */
  url: string;
}

export interface CompiledSubject extends Compiled {
  /** The type check's verdict when it is already known (cached, or from the native compiler). */
  typeProblems?: TypeProblem[];
  /** Type-checks the file (cached by content): call it while the checks run. */
  typeCheck(): Promise<TypeProblem[]>;
}

export interface CompilerPaths {
  workspace: string;
  /** dist/broker.js and dist/exercises/check-api.js of the running mqtutor. */
  brokerJs: string;
  checkApiJs: string;
  /** The ambient declarations every learner file sees (console, timers). */
  envDts: string;
  /** Part of the cache key: a new mqtutor recompiles. */
  version: string;
}

/** Compiled versions of one file kept in the cache: the newest, for sessions that run at once. */
export const VERSIONS_KEPT = 8;

/**
 * Removes all but the {@link VERSIONS_KEPT} newest compiled versions (`<prefix><key>.mjs` and
 * its facts) from the cache, so a workspace does not grow by a file at every edit.
 */
export function pruneVersions(dir: string, prefix: string): void {
  try {
    const versions = readdirSync(dir)
      .filter((f) => f.startsWith(prefix) && f.endsWith(".mjs"))
      .map((f) => ({ f, at: statSync(join(dir, f)).mtimeMs }))
      .sort((a, b) => b.at - a.at);
    for (const { f } of versions.slice(VERSIONS_KEPT)) {
      rmSync(join(dir, f), { force: true });
      rmSync(join(dir, `${f}.json`), { force: true });
    }
  } catch {
    // another process pruned first, or the folder went: nothing to do
  }
}

/** A file to compile, the text it had when read, and where its compiled version goes. */
interface Cached {
  file: string;
  source: string;
  dir: string;
  js: string;
  facts: string;
  prefix: string;
  url: string;
}

export interface CompilerOptions {
  /**
   * The native tsc to use: found on this platform when not given; `null` for TypeScript 5
   * in-process (the fallback, which tests drive directly).
   */
  nativeTsc?: string | null;
}

/**
 * Compiles files. With TypeScript 5 it keeps the compiler and its last program warm between
 * calls (the watch loop); the native compiler is a new ~75 ms process each time.
 */
export class Compiler {
  private ts: TS | undefined;
  private saveCache: (() => void) | undefined;
  private oldProgram: import("typescript").Program | undefined;
  /** The native tsc (looked up at the first compile when not given), or null for TypeScript 5. */
  private nativeTsc: string | null | undefined;

  constructor(
    private readonly paths: CompilerPaths,
    options: CompilerOptions = {},
  ) {
    this.nativeTsc = options.nativeTsc;
  }

  /** Compiles a check file: emit only (CI type-checks our own checks). */
  async compileCheck(file: string): Promise<Compiled> {
    const c = this.cached(file, "check");
    if (!existsSync(c.js)) this.store(c, (await this.native(c, false))?.js ?? (await this.transpileJs(file, c.source)));
    return { url: c.url };
  }

  /**
   * Compiles the learner's file. The native compiler type-checks as it emits; TypeScript 5's
   * check runs when asked, so it can overlap the run.
   */
  async compileSubject(file: string, attempt = 1): Promise<CompiledSubject> {
    const c = this.cached(file, "subject");
    const known = existsSync(c.js) ? readFacts(c.facts) : undefined;
    if (known) return { url: c.url, typeProblems: known, typeCheck: () => Promise.resolve(known) };
    const native = await this.native(c, true);
    if (native) {
      // Saved again while it compiled: what tsc read may not be the text the key names. Compile
      // the new text (a file that never stops changing gets its last result, not cached).
      if (native.changed && attempt < 3) return this.compileSubject(file, attempt + 1);
      const { js, problems } = native;
      // A file that never stops changing: its JavaScript goes under a name no text's key can
      // take (and is pruned with the file's other versions).
      const at = native.changed ? { ...c, js: join(c.dir, `${c.prefix}unsettled-${process.pid}-${Date.now()}.mjs`) } : c;
      this.store(at, js, native.changed ? undefined : problems);
      return { url: pathToFileURL(at.js).href, typeProblems: problems, typeCheck: () => Promise.resolve(problems) };
    }
    if (!existsSync(c.js)) this.store(c, await this.transpileJs(file, c.source));
    return {
      url: c.url,
      typeCheck: async () => {
        const problems = readFacts(c.facts) ?? this.typeCheck(await this.typescript(), file);
        writeWhole(c.facts, JSON.stringify({ file, typeProblems: problems }));
        this.saveCache?.();
        return problems;
      },
    };
  }

  /** Where a file's compiled version is kept: named by the file and a hash of its text. */
  private cached(file: string, kind: "check" | "subject"): Cached {
    const source = readFileSync(file, "utf8");
    const key = createHash("sha256").update(`${this.paths.version}\0${kind}\0${file}\0${source}`).digest("hex").slice(0, 16);
    const dir = cacheDir(this.paths.workspace);
    const stem = basename(file).replace(/\.[cm]?tsx?$/, "");
    const js = join(dir, `${stem}-${kind}-${key}.mjs`);
    return { file, source, dir, js, facts: `${js}.json`, prefix: `${stem}-${kind}-`, url: pathToFileURL(js).href };
  }

  /** Writes a compiled file (and its type check's verdict, when known) into the cache. */
  private store(c: Cached, js: string, problems?: TypeProblem[]): void {
    mkdirSync(c.dir, { recursive: true });
    writeWhole(c.js, this.rewriteImports(js));
    if (problems) writeWhole(c.facts, JSON.stringify({ file: c.file, typeProblems: problems }));
    pruneVersions(c.dir, c.prefix);
  }

  /**
   * Compiles with the native tsc; undefined when there is none, or when it cannot be started
   * here (a file system mounted noexec, say): TypeScript 5 then does it, now and from then on.
   */
  private async native(c: Cached, check: boolean): Promise<(NativeCompileResult & { changed: boolean }) | undefined> {
    if (this.nativeTsc === undefined) this.nativeTsc = findNativeTsc() ?? null;
    if (this.nativeTsc === null) return undefined;
    mkdirSync(c.dir, { recursive: true });
    try {
      const result = await compileNative({
        exe: this.nativeTsc,
        file: c.file,
        ...(check ? { alsoFiles: [this.paths.envDts] } : {}),
        check,
        scratchParent: c.dir,
      });
      return { ...result, changed: readFileSync(c.file, "utf8") !== c.source };
    } catch (e) {
      if (e instanceof NativeTscError) throw e;
      this.nativeTsc = null;
      return undefined;
    }
  }

  private async transpileJs(file: string, source: string): Promise<string> {
    const ts = await this.typescript();
    const out = ts.transpileModule(source, {
      fileName: file,
      compilerOptions: {
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.ESNext,
        verbatimModuleSyntax: false,
        inlineSourceMap: true,
        inlineSources: true,
      },
    });
    return withSourceUrl(out.outputText, file);
  }

  /** `mqtutor/broker` and `mqtutor/checks` point at this mqtutor's own files. */
  private rewriteImports(js: string): string {
    const broker = pathToFileURL(this.paths.brokerJs).href;
    const checks = pathToFileURL(this.paths.checkApiJs).href;
    return js.replace(/(["'])mqtutor\/(broker|checks)\1/g, (_m, q: string, which: string) =>
      `${q}${which === "broker" ? broker : checks}${q}`,
    );
  }

  private async typescript(): Promise<TS> {
    if (!this.ts) {
      const dir = cacheDir(this.paths.workspace);
      mkdirSync(dir, { recursive: true });
      ({ ts: this.ts, saveCache: this.saveCache } = loadTypeScript(dir));
    }
    return this.ts;
  }

  private typeCheck(ts: TS, file: string): TypeProblem[] {
    const options = ts.convertCompilerOptionsFromJson({ ...CHECKER_OPTIONS, noEmit: true }, this.paths.workspace).options;
    const host = ts.createCompilerHost(options);
    // JSDoc means nothing to a .ts file's types; not parsing it (TypeScript's libraries are full
    // of it) saves ~90 ms of a cold check.
    host.jsDocParsingMode = ts.JSDocParsingMode.ParseNone;
    const program = ts.createProgram({
      rootNames: [file, this.paths.envDts],
      options,
      host,
      ...(this.oldProgram ? { oldProgram: this.oldProgram } : {}),
    });
    this.oldProgram = program;
    const sf = program.getSourceFile(file);
    // As tsc does: a file that does not parse gets its syntax errors alone (the semantic ones
    // would repeat them in other words).
    const syntactic = program.getSyntacticDiagnostics(sf);
    const diagnostics = syntactic.length > 0 ? syntactic : program.getSemanticDiagnostics(sf);
    return diagnostics.map((d) => {
      const pos = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : { line: 0, character: 0 };
      return {
        file,
        line: pos.line + 1,
        column: pos.character + 1,
        message: ts.flattenDiagnosticMessageText(d.messageText, "\n"),
      };
    });
  }
}

/**
 * Writes a file whole or not at all (a temporary file renamed into place): a second `verify` of
 * the same file at the same moment never imports half of one.
 */
let writes = 0;
function writeWhole(file: string, text: string): void {
  const tmp = `${file}.${process.pid}-${writes++}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

function readFacts(facts: string): TypeProblem[] | undefined {
  try {
    return (JSON.parse(readFileSync(facts, "utf8")) as { typeProblems: TypeProblem[] }).typeProblems;
  } catch {
    return undefined;
  }
}
