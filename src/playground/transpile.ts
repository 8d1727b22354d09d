/**
 * TypeScript-flavoured REPL input to JavaScript that runs as a script in the playground's
 * global scope, so a lesson's ```ts example pastes and runs as written:
 *
 * - types are stripped (typescript's `transpileModule`);
 * - `import { X } from "mqtutor/broker"` binds X to the broker module the playground has loaded
 *   (every export is in scope anyway; an alias or a namespace import gets a variable), and any
 *   other import becomes a `require` of that module;
 * - top-level `const`, `let` and `class` become `var`, as in a browser console, so declaring a
 *   name again in a later input (pasting two lessons' examples) works instead of failing;
 * - `export` keywords are dropped;
 * - input with a top-level `await` runs in an async function whose declarations are copied to
 *   the global scope when it ends (even when it throws), and whose last expression is its value.
 *
 * Input that stops in the middle of a statement is reported as incomplete, so the REPL asks for
 * the next line instead of failing.
 */
import { createRequire } from "node:module";
import type * as TS from "typescript";

/**
 * typescript, loaded on first use with require: importing it as an ES module makes Node scan
 * its 9 MB for export names first, which took more than twice as long.
 */
let ts: typeof TS;
/** Loads typescript now (a REPL does it while the learner reads the prompt). */
export function loadTypescript(): void {
  ts ??= createRequire(import.meta.url)("typescript") as typeof TS;
}

/** Where the rewritten imports find the broker module and `require` at run time. */
export const RUNTIME = "__mqtutor";

export type Transpiled =
  | { kind: "code"; js: string; async: boolean }
  | { kind: "incomplete" }
  | { kind: "error"; message: string };

export interface TranspileOptions {
  /** Run-time export names of mqtutor/broker (types are not among them and bind nothing). */
  brokerExports: ReadonlySet<string>;
}

const compilerOptions = (): TS.CompilerOptions => ({ target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext });

/**
 * A syntax error at the very end of the input means the parser wanted more (a closing bracket,
 * an expression, a type after `as`): the input goes on. An unterminated string is the exception,
 * as in JavaScript: a quote cannot span lines.
 */
const UNTERMINATED_STRING = 1002;

export function transpileInput(input: string, options: TranspileOptions): Transpiled {
  loadTypescript();
  const code = input.replace(/\s+$/, "");
  if (code === "") return { kind: "code", js: "", async: false };
  // `{ a: 1 }` alone is an object, not a block with a label (as in Node's REPL).
  if (/^\s*\{/.test(code) && !/;\s*$/.test(code)) {
    const asObject = compile(`(${code})`, options);
    if (asObject.kind === "code") return asObject;
  }
  return compile(code, options);
}

function compile(code: string, options: TranspileOptions): Transpiled {
  const state = { async: false, declared: new Set<string>(), error: null as string | null };
  const result = ts.transpileModule(code, {
    compilerOptions: compilerOptions(),
    reportDiagnostics: true,
    fileName: "playground.ts",
    transformers: { before: [scriptTransformer(options, state)] },
  });
  const problems = (result.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (problems.some((d) => d.code !== UNTERMINATED_STRING && (d.start ?? 0) >= code.length)) return { kind: "incomplete" };
  const first = problems[0];
  if (first) return { kind: "error", message: `SyntaxError: ${describe(first, code)}` };
  if (state.error !== null) return { kind: "error", message: state.error };
  const js = result.outputText.replace(/^export \{\};\s*$/m, "").trimEnd();
  return { kind: "code", js, async: state.async };
}

function describe(d: TS.Diagnostic, code: string): string {
  const text = ts.flattenDiagnosticMessageText(d.messageText, "\n");
  const before = code.slice(0, d.start ?? 0).split("\n");
  return `${text} (line ${before.length}, column ${before.at(-1)!.length + 1})`;
}

interface State {
  async: boolean;
  declared: Set<string>;
  error: string | null;
}

function scriptTransformer(options: TranspileOptions, state: State): TS.TransformerFactory<TS.SourceFile> {
  return (context) => (file) => {
    const f = context.factory;
    const statements = file.statements.flatMap((s) => rewriteTopLevel(s, f, options, state));
    state.async = statements.some(hasTopLevelAwait);
    const body = state.async ? [asyncWrapper(statements, f, state)] : statements;
    return f.updateSourceFile(file, body);
  };
}

const hasModifier = (node: TS.Node, kind: TS.SyntaxKind) =>
  ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === kind);

function withoutExport(node: TS.Statement, f: TS.NodeFactory): TS.Statement {
  if (!ts.canHaveModifiers(node) || !hasModifier(node, ts.SyntaxKind.ExportKeyword)) return node;
  const keep = (ts.getModifiers(node) ?? []).filter((m) => m.kind !== ts.SyntaxKind.ExportKeyword && m.kind !== ts.SyntaxKind.DefaultKeyword);
  return f.replaceModifiers(node, keep) as TS.Statement;
}

function rewriteTopLevel(node: TS.Statement, f: TS.NodeFactory, options: TranspileOptions, state: State): TS.Statement[] {
  if (ts.isImportDeclaration(node)) return rewriteImport(node, f, options, state);
  if (ts.isExportDeclaration(node)) return [];
  if (ts.isExportAssignment(node)) return [f.createExpressionStatement(node.expression)];
  const s = withoutExport(node, f);
  if (ts.isVariableStatement(s)) {
    for (const d of s.declarationList.declarations) boundNames(d.name, state.declared);
    // const/let → var: the flags live on the list node.
    const asVar = f.createVariableDeclarationList(s.declarationList.declarations, ts.NodeFlags.None);
    return [f.updateVariableStatement(s, ts.getModifiers(s), asVar)];
  }
  if (ts.isClassDeclaration(s) && s.name && !hasModifier(s, ts.SyntaxKind.DeclareKeyword)) {
    state.declared.add(s.name.text);
    const expr = f.createClassExpression(ts.getDecorators(s), s.name, s.typeParameters, s.heritageClauses, s.members);
    return [varStatement(f, s.name.text, expr)];
  }
  if ((ts.isFunctionDeclaration(s) || ts.isEnumDeclaration(s)) && s.name) state.declared.add(s.name.text);
  return [s];
}

function varStatement(f: TS.NodeFactory, name: string, init: TS.Expression): TS.VariableStatement {
  return f.createVariableStatement(undefined, f.createVariableDeclarationList([f.createVariableDeclaration(name, undefined, undefined, init)], ts.NodeFlags.None));
}

function boundNames(name: TS.BindingName, into: Set<string>): void {
  if (ts.isIdentifier(name)) into.add(name.text);
  else for (const e of name.elements) if (!ts.isOmittedExpression(e)) boundNames(e.name, into);
}

function rewriteImport(node: TS.ImportDeclaration, f: TS.NodeFactory, options: TranspileOptions, state: State): TS.Statement[] {
  const spec = (node.moduleSpecifier as TS.StringLiteral).text;
  const clause = node.importClause;
  if (!clause || clause.isTypeOnly) return [];
  const broker = spec === "mqtutor/broker";
  const runtime = (member: string) => f.createPropertyAccessExpression(f.createIdentifier(RUNTIME), member);
  const source = broker ? runtime("broker") : f.createCallExpression(runtime("require"), undefined, [f.createStringLiteral(spec)]);
  const out: TS.Statement[] = [];
  const bind = (name: string, init: TS.Expression) => {
    state.declared.add(name);
    out.push(varStatement(f, name, init));
  };
  if (clause.name) {
    if (broker) {
      state.error = `SyntaxError: mqtutor/broker has no default export.\nImport names in braces: import { ${clause.name.text} } from "mqtutor/broker".`;
      return [];
    }
    bind(clause.name.text, f.createLogicalOr(f.createPropertyAccessExpression(source, "default"), source));
  }
  const named = clause.namedBindings;
  if (named && ts.isNamespaceImport(named)) bind(named.name.text, source);
  if (named && ts.isNamedImports(named)) {
    for (const el of named.elements) {
      if (el.isTypeOnly) continue;
      const imported = (el.propertyName ?? el.name).text;
      if (broker && !options.brokerExports.has(imported)) continue; // a type: nothing to bind
      bind(el.name.text, f.createPropertyAccessExpression(source, imported));
    }
  }
  return out;
}

function hasTopLevelAwait(node: TS.Node): boolean {
  if (ts.isAwaitExpression(node)) return true;
  if (ts.isForOfStatement(node) && node.awaitModifier) return true;
  if (ts.isFunctionLike(node) || ts.isClassStaticBlockDeclaration(node)) return false;
  return ts.forEachChild(node, hasTopLevelAwait) ?? false;
}

/**
 * `(async () => { try { …statements; return last } finally { Object.assign(globalThis, { a, b }) } })()`:
 * the declarations reach the global scope when the code ends, as they would have in a script.
 */
function asyncWrapper(statements: TS.Statement[], f: TS.NodeFactory, state: State): TS.Statement {
  const body = [...statements];
  const last = body.at(-1);
  if (last && ts.isExpressionStatement(last)) body[body.length - 1] = f.createReturnStatement(last.expression);
  const names = [...state.declared].map((n) => f.createShorthandPropertyAssignment(n));
  const publish = f.createExpressionStatement(
    f.createCallExpression(f.createPropertyAccessExpression(f.createIdentifier("Object"), "assign"), undefined, [
      f.createIdentifier("globalThis"),
      f.createObjectLiteralExpression(names),
    ]),
  );
  const fn = f.createArrowFunction(
    [f.createModifier(ts.SyntaxKind.AsyncKeyword)],
    undefined,
    [],
    undefined,
    undefined,
    f.createBlock([f.createTryStatement(f.createBlock(body, true), undefined, f.createBlock([publish], true))], true),
  );
  return f.createExpressionStatement(f.createCallExpression(f.createParenthesizedExpression(fn), undefined, []));
}
