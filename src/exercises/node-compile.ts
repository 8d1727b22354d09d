/**
 * Turns the learner's TypeScript file (and an exercise's check file) into JavaScript the check
 * child can import, and type-checks the learner's file. TypeScript is loaded only when a file
 * changed since it was last compiled: results are cached in the workspace by content hash, so
 * re-running `verify` on an unchanged file never loads the compiler.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";
import type { TypeProblem } from "./result.js";
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

/** Compiles files, keeping TypeScript and its last program warm between calls (the watch loop). */
export class Compiler {
  private ts: TS | undefined;
  private saveCache: (() => void) | undefined;
  private oldProgram: import("typescript").Program | undefined;

  constructor(private readonly paths: CompilerPaths) {}

  /** Compiles a check file: transpile only (CI type-checks our own checks). */
  async compileCheck(file: string): Promise<Compiled> {
    return { url: (await this.transpile(file, "check")).url };
  }

  /** Compiles the learner's file; its type check runs when asked, so it can overlap the run. */
  async compileSubject(file: string): Promise<CompiledSubject> {
    const t = await this.transpile(file, "subject");
    return {
      url: t.url,
      typeCheck: async () => {
        try {
          return (JSON.parse(readFileSync(t.facts, "utf8")) as { typeProblems: TypeProblem[] }).typeProblems;
        } catch {
          const problems = this.typeCheck(await this.typescript(), file);
          writeFileSync(t.facts, JSON.stringify({ file, typeProblems: problems }));
          this.saveCache?.();
          return problems;
        }
      },
    };
  }

  private async transpile(file: string, kind: "check" | "subject"): Promise<{ url: string; facts: string }> {
    const source = readFileSync(file, "utf8");
    const key = createHash("sha256").update(`${this.paths.version}\0${kind}\0${file}\0${source}`).digest("hex").slice(0, 16);
    const dir = cacheDir(this.paths.workspace);
    const stem = basename(file).replace(/\.[cm]?tsx?$/, "");
    const js = join(dir, `${stem}-${kind}-${key}.mjs`);
    const facts = `${js}.json`;
    if (!existsSync(js)) {
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
      mkdirSync(dir, { recursive: true });
      writeFileSync(js, this.rewriteImports(out.outputText));
      pruneVersions(dir, `${stem}-${kind}-`);
    }
    return { url: pathToFileURL(js).href, facts };
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
    const options: import("typescript").CompilerOptions = {
      strict: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      lib: ["lib.es2023.d.ts"],
      types: [],
      skipLibCheck: true,
      noEmit: true,
      isolatedModules: true,
    };
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
    const diagnostics = [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)];
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
