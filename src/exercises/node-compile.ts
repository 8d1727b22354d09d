/**
 * Turns the learner's TypeScript file (and an exercise's check file) into JavaScript the check
 * child can import, and type-checks the learner's file with the modules of their own it
 * imports. Results are cached in the workspace by content hash: re-running `verify` on a file
 * that passed the type check runs no compiler, unless a file of theirs it read has changed since
 * (a type error is checked again each time: it may be an import of a file not yet written).
 *
 * The compiler is TypeScript 7's native `tsc` (native-tsc.ts): one ~75 ms run checks and emits.
 * Where this platform has none, TypeScript 5 runs in-process instead: it transpiles first and
 * type-checks while the checks run, since loading and checking take ~550 ms.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { basename, dirname, isAbsolute, join, parse, relative, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";
import type { TypeProblem } from "./result.js";
import {
  CHECKER_OPTIONS,
  compileNative,
  findNativeTsc,
  inNodeModules,
  NativeTscError,
  withSourceUrl,
  type LocalModule,
  type NativeCompileResult,
} from "./native-tsc.js";
import { replaceSpecifiers } from "./import-specifiers.js";
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
  /**
   * The modules of the learner's own the file imports (compiled beside it), by their files: a
   * save to one is a change to watch for, and a run with any must start in a fresh process (a
   * warm one would keep their state from the run before).
   */
  locals: string[];
  /** The learner's declaration files the type check read: a save to one is a change too. */
  declarations: string[];
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
  keepNewest(dir, (f) => f.startsWith(prefix) && f.endsWith(".mjs"), VERSIONS_KEPT, (f) => {
    rmSync(join(dir, f), { force: true });
    rmSync(join(dir, `${f}.json`), { force: true });
  });
}

/** Of the entries of `dir` that `pick` takes, removes all but the `keep` newest (by mtime). */
function keepNewest(dir: string, pick: (name: string) => boolean, keep: number, remove: (name: string) => void): void {
  try {
    const entries = readdirSync(dir)
      .filter(pick)
      .map((f) => ({ f, at: statSync(join(dir, f)).mtimeMs }))
      .sort((a, b) => b.at - a.at);
    for (const { f } of entries.slice(keep)) remove(f);
  } catch {
    // another process pruned first, or the folder went: nothing to do
  }
}

/**
 * Removes all but the newest compiled trees of the learner's own modules (see
 * {@link Compiler.storeLocals}); a tree in use is touched each time, so it stays.
 */
export function pruneTrees(libDir: string): void {
  const remove = (f: string) => rmSync(join(libDir, f), { recursive: true, force: true });
  keepNewest(libDir, (f) => !f.includes("."), VERSIONS_KEPT * 2, remove);
  // A tree half written by a run that was killed: none is written for as long as a minute.
  keepNewest(libDir, (f) => f.endsWith(".tmp") && Date.now() - statSync(join(libDir, f)).mtimeMs > 60_000, 0, remove);
}

/** A file of the learner's a compile read, by the hash of the text it read. */
interface Dep {
  file: string;
  sha: string;
}

/** What the cache knows of a compiled learner's file, beside its JavaScript. */
interface Facts {
  file: string;
  /**
   * The type check's verdict, kept only when it is a pass: a type error may be an import of a
   * file not written yet, whose arrival changes no text the cache knows.
   */
  typeProblems?: [];
  /** The learner's own modules it imports, by the text compiled, and their tree. */
  locals?: Dep[];
  lib?: string;
  /** The learner's declaration files the pass was checked against. */
  declarations?: Dep[];
}

/** A kept pass: no problems, and the declarations it was checked against. */
interface Pass {
  declarations: Dep[];
}

const sha = (text: string) => createHash("sha256").update(text).digest("hex");

/** The JavaScript file a TypeScript file compiles to. */
const jsName = (file: string) => file.replace(/\.([cm]?)tsx?$/, ".$1js");

/**
 * Points each relative import of `js` (compiled from `from`) where Node will find it: a module of
 * the learner's own at its compiled JavaScript (`toLocal` names it; an extensionless
 * specifier, which the checker accepts, finds `.js` or `/index.js` too), anything else at the
 * workspace file it names, as it would be found beside the learner's file.
 */
export function linkRelative(js: string, from: string, locals: Set<string>, toLocal: (jsFile: string) => string): string {
  return replaceSpecifiers(js, (spec) => {
    if (!/^\.{1,2}(\/|$)/.test(spec)) return undefined;
    const target = resolve(dirname(from), spec);
    const local = [target, `${target}.js`, join(target, "index.js")].find((f) => locals.has(f));
    return local ? toLocal(local) : pathToFileURL(target).href;
  });
}

/**
 * Whether a file a compile read is the learner's own, as opposed to a library's or mqtutor's:
 * not under a node_modules folder (counted from the workspace down: the workspace itself may
 * lie in one), not in the mqtutor package, not the workspace's globals. Where the workspace and
 * the package hold one another, a file belongs to the nearer of the two.
 */
export function learnersOwn(file: string, where: { workspace: string; envDts: string; packageRoot: string }): boolean {
  const within = (dir: string) => {
    const rel = relative(dir, file);
    return rel.startsWith("..") || isAbsolute(rel) ? undefined : rel;
  };
  const inWorkspace = within(where.workspace);
  if (inNodeModules(inWorkspace ?? file) || resolve(file) === resolve(where.envDts)) return false;
  const inPackage = within(where.packageRoot) !== undefined;
  return inWorkspace !== undefined ? !inPackage || where.workspace.length > where.packageRoot.length : !inPackage;
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
    if (!existsSync(c.js)) {
      const js = (await this.native(c, false))?.js ?? (await this.transpileJs(file, c.source));
      mkdirSync(c.dir, { recursive: true });
      writeWhole(c.js, this.rewriteImports(js));
      pruneVersions(c.dir, c.prefix);
    }
    return { url: c.url };
  }

  /**
   * Compiles the learner's file. The native compiler type-checks as it emits; TypeScript 5's
   * check runs when asked, so it can overlap the run.
   */
  async compileSubject(file: string, attempt = 1): Promise<CompiledSubject> {
    const c = this.cached(file, "subject");
    const facts = this.current(c);
    const locals = facts?.locals?.map((l) => l.file) ?? [];
    const declarations = facts?.declarations?.map((d) => d.file) ?? [];
    if (facts?.typeProblems) return { url: c.url, typeProblems: [], locals, declarations, typeCheck: () => Promise.resolve([]) };
    const native = await this.native(c, true);
    if (native) {
      // Saved again while it compiled: what tsc read may not be the text the key names. Compile
      // the new text (a file that never stops changing gets its last result, not cached).
      if (native.changed && attempt < 3) return this.compileSubject(file, attempt + 1);
      const { js, problems } = native;
      // A file that never stops changing: its JavaScript goes under a name no text's key can
      // take (and is pruned with the file's other versions).
      const unsettled = join(c.dir, `${c.prefix}unsettled-${process.pid}-${Date.now()}.mjs`);
      const at = native.changed ? { ...c, js: unsettled, facts: `${unsettled}.json` } : c;
      // A pass is kept when no declaration it read was saved while tsc ran.
      const read = problems.length === 0 ? settled(native.declarations, native.started) : undefined;
      this.store(at, js, native.locals, read && { declarations: read }, !native.changed);
      const files = native.locals.map((l) => l.file);
      return { url: pathToFileURL(at.js).href, typeProblems: problems, locals: files, declarations: native.declarations, typeCheck: () => Promise.resolve(problems) };
    }
    // No pass kept: compiled again, since what the file's imports find may have changed (a
    // helper written since) though its text has not. Transpiling is quick beside the check.
    const compiled = await this.transpileLocals(file, c.source);
    this.store(c, await this.transpileJs(file, c.source), compiled);
    const subject: CompiledSubject = {
      url: c.url,
      locals: compiled.map((l) => l.file),
      // Known once the check has read them.
      declarations: [],
      typeCheck: async () => {
        const { problems, declarations: read } = this.typeCheck(await this.typescript(), file);
        subject.declarations = read.map((d) => d.file);
        // Kept with what it was checked against (the texts the program read), when a pass.
        const before = readFacts(c.facts);
        if (problems.length === 0) writeWhole(c.facts, JSON.stringify({ ...before, file, typeProblems: [], declarations: read } satisfies Facts));
        this.saveCache?.();
        return problems;
      },
    };
    return subject;
  }

  /**
   * What the cache has for a file's current text: nothing when it has no JavaScript for it, or
   * when a file of the learner's own that it read has changed since (or the tree of their
   * modules is gone).
   */
  private current(c: Cached): Facts | undefined {
    if (!existsSync(c.js)) return undefined;
    // No facts: nothing of the learner's beside the file, and no pass kept (yet).
    const facts = readFacts(c.facts) ?? { file: c.file };
    const tree = facts.locals?.length ? join(c.dir, "lib", facts.lib ?? "") : undefined;
    if (tree !== undefined && (!facts.lib || !existsSync(tree))) return undefined;
    for (const dep of [...(facts.locals ?? []), ...(facts.declarations ?? [])]) {
      try {
        if (sha(readFileSync(dep.file, "utf8")) !== dep.sha) return undefined;
      } catch {
        return undefined; // gone: the compiler will say what the import now finds
      }
    }
    if (tree !== undefined) touch(tree);
    return facts;
  }

  private theirs(file: string): boolean {
    const { workspace, envDts, brokerJs } = this.paths;
    return learnersOwn(file, { workspace, envDts, packageRoot: dirname(dirname(brokerJs)) });
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

  /**
   * Writes a compiled learner's file into the cache, with the modules of their own it imports
   * and what is known of it: those modules' texts, and a pass, when it is one.
   */
  private store(c: Cached, js: string, locals: LocalModule[], pass?: Pass, keepFacts = true): void {
    mkdirSync(c.dir, { recursive: true });
    const tree = locals.length > 0 ? this.storeLocals(c, locals) : undefined;
    const inTree = new Set(locals.map((l) => jsName(l.file)));
    const linked = linkRelative(js, c.file, inTree, (f) => pathToFileURL(join(tree!, relative(parse(f).root, f))).href);
    writeWhole(c.js, this.rewriteImports(linked));
    const facts: Facts = {
      file: c.file,
      ...(pass ? { typeProblems: [], declarations: pass.declarations } : {}),
      ...(tree ? { lib: basename(tree), locals: locals.map((l) => ({ file: l.file, sha: sha(l.source) })) } : {}),
    };
    // Facts of an earlier compile under this key (when its modules were other texts) are stale.
    if (keepFacts && (pass || tree)) writeWhole(c.facts, JSON.stringify(facts));
    else rmSync(c.facts, { force: true });
    pruneVersions(c.dir, c.prefix);
  }

  /**
   * Writes the learner's own modules as one tree, `lib/<hash of its contents>/<path from the
   * root>.js`, where their imports of each other resolve as they do in the workspace. A tree is
   * written whole (a temporary folder, renamed) and shared by every version of the file that
   * imports the same modules. Returns its folder.
   */
  private storeLocals(c: Cached, locals: LocalModule[]): string {
    const { dir } = c;
    const subject = jsName(c.file);
    const inTree = new Set([subject, ...locals.map((l) => jsName(l.file))]);
    const files = locals
      .map((l) => {
        const path = jsName(l.file);
        // Within the tree, a module reaches another by a relative path, so the tree's contents
        // (and so its name) do not depend on where it is; one that imports the learner's file
        // back gets the very module the checks run (the run imports it by this URL alone).
        const js = linkRelative(l.js, l.file, inTree, (f) => {
          if (f === subject) return pathToFileURL(c.js).href;
          const rel = relative(dirname(path), f).split(sep).join("/");
          return rel.startsWith("../") ? rel : `./${rel}`;
        });
        return { rel: relative(parse(path).root, path), js: this.rewriteImports(js) };
      })
      .sort((a, b) => (a.rel < b.rel ? -1 : 1));
    const hash = sha(files.map((f) => `${f.rel}\0${f.js}`).join("\0")).slice(0, 16);
    const libDir = join(dir, "lib");
    const tree = join(libDir, hash);
    if (existsSync(tree)) {
      touch(tree);
      return tree;
    }
    const tmp = join(libDir, `${hash}.${process.pid}-${writes++}.tmp`);
    // ES modules whatever the workspace's package.json says, as the learner's file is (.mjs).
    mkdirSync(tmp, { recursive: true });
    writeFileSync(join(tmp, "package.json"), '{ "type": "module" }\n');
    for (const f of files) {
      mkdirSync(dirname(join(tmp, f.rel)), { recursive: true });
      writeFileSync(join(tmp, f.rel), f.js);
    }
    try {
      renameSync(tmp, tree);
    } catch {
      rmSync(tmp, { recursive: true, force: true }); // written at the same moment by another run: the same tree
    }
    pruneTrees(libDir);
    return tree;
  }

  /**
   * Compiles with the native tsc; undefined when there is none, or when it cannot be started
   * here (a file system mounted noexec, say): TypeScript 5 then does it, now and from then on.
   */
  private async native(c: Cached, check: boolean): Promise<(NativeCompileResult & { changed: boolean; started: number }) | undefined> {
    if (this.nativeTsc === undefined) this.nativeTsc = findNativeTsc() ?? null;
    if (this.nativeTsc === null) return undefined;
    mkdirSync(c.dir, { recursive: true });
    const started = Date.now();
    try {
      const result = await compileNative({
        exe: this.nativeTsc,
        file: c.file,
        ...(check ? { alsoFiles: [this.paths.envDts] } : {}),
        check,
        scratchParent: c.dir,
        theirs: (f) => this.theirs(f),
      });
      return { ...result, changed: readFileSync(c.file, "utf8") !== c.source, started };
    } catch (e) {
      if (e instanceof NativeTscError) throw e;
      this.nativeTsc = null;
      return undefined;
    }
  }

  /**
   * TypeScript 5's way to the learner's own modules: those the file imports by a relative path,
   * and theirs in turn, each transpiled from the text read here.
   */
  private async transpileLocals(file: string, source: string): Promise<LocalModule[]> {
    const ts = await this.typescript();
    const options = ts.convertCompilerOptionsFromJson(CHECKER_OPTIONS, this.paths.workspace).options;
    const found = new Map<string, LocalModule>([[file, { file, source, js: "" }]]);
    const pending = [{ file, source }];
    for (let next = pending.pop(); next; next = pending.pop()) {
      for (const ref of ts.preProcessFile(next.source, true, true).importedFiles) {
        if (!/^\.{1,2}\//.test(ref.fileName)) continue;
        const target = ts.resolveModuleName(ref.fileName, next.file, options, ts.sys).resolvedModule;
        if (!target || target.isExternalLibraryImport || !/(?<!\.d)\.[cm]?tsx?$/.test(target.resolvedFileName)) continue;
        const at = resolve(target.resolvedFileName);
        if (found.has(at)) continue;
        const text = readFileSync(at, "utf8");
        found.set(at, { file: at, source: text, js: await this.transpileJs(at, text) });
        pending.push({ file: at, source: text });
      }
    }
    found.delete(file);
    return [...found.values()];
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
    const urls: Record<string, string> = {
      "mqtutor/broker": pathToFileURL(this.paths.brokerJs).href,
      "mqtutor/checks": pathToFileURL(this.paths.checkApiJs).href,
    };
    return replaceSpecifiers(js, (spec) => urls[spec]);
  }

  private async typescript(): Promise<TS> {
    if (!this.ts) {
      const dir = cacheDir(this.paths.workspace);
      mkdirSync(dir, { recursive: true });
      ({ ts: this.ts, saveCache: this.saveCache } = loadTypeScript(dir));
    }
    return this.ts;
  }

  private typeCheck(ts: TS, file: string): { problems: TypeProblem[]; declarations: Dep[] } {
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
    // The learner's code: their file and the modules of their own it imports, as tsc reports it.
    const self = resolve(file);
    const theirs = program.getSourceFiles().filter((sf) => this.theirs(sf.fileName));
    const code = theirs.filter((sf) => resolve(sf.fileName) === self || !sf.isDeclarationFile);
    // As tsc does: a program that does not parse gets its syntax errors alone (the semantic
    // ones would repeat them in other words), sorted by file and place.
    const syntactic = code.flatMap((sf) => program.getSyntacticDiagnostics(sf));
    const diagnostics = ts.sortAndDeduplicateDiagnostics(syntactic.length > 0 ? syntactic : code.flatMap((sf) => program.getSemanticDiagnostics(sf)));
    const problems = diagnostics.map((d) => {
      const pos = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : { line: 0, character: 0 };
      return {
        file: d.file && resolve(d.file.fileName) !== self ? resolve(d.file.fileName) : file,
        line: pos.line + 1,
        column: pos.character + 1,
        message: ts.flattenDiagnosticMessageText(d.messageText, "\n"),
      };
    });
    const declarations = theirs.filter((sf) => sf.isDeclarationFile).map((sf) => ({ file: resolve(sf.fileName), sha: sha(sf.text) }));
    return { problems, declarations };
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

/**
 * The learner's declaration files a compile that began at `started` read, by their texts now;
 * undefined when one was saved since it began (what the compiler read may not be this text).
 */
function settled(files: string[], started: number): Dep[] | undefined {
  const deps: Dep[] = [];
  for (const file of files) {
    try {
      if (statSync(file).mtimeMs >= started - 1) return undefined;
      deps.push({ file, sha: sha(readFileSync(file, "utf8")) });
    } catch {
      return undefined;
    }
  }
  return deps;
}

function readFacts(facts: string): Facts | undefined {
  try {
    return JSON.parse(readFileSync(facts, "utf8")) as Facts;
  } catch {
    return undefined;
  }
}

/** Marks a tree as in use now, so pruning keeps it. */
function touch(dir: string): void {
  try {
    const now = new Date();
    utimesSync(dir, now, now);
  } catch {
    // pruned at this moment: the next compile writes it again
  }
}
