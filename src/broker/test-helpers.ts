/**
 * Test helpers shared by the families' strict-options tests (not exported from the package).
 *
 * `objectParameters` reads the package's public API with the TypeScript compiler and lists
 * every parameter of an exported function, constructor or public method whose type is an
 * object (an options object, a record, a list of records…). Each family's test must classify
 * every one it owns, so a new entry point that takes an options object cannot slip past the
 * strictness checks unnoticed.
 */
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { expect, it } from "vitest";
import { BrokerError, InvalidArgumentError } from "./errors.js";

/** "Class.method#index" (or "function#index", "new Class#index") and the file that declares it. */
export interface ObjectParameter {
  readonly entry: string;
  readonly file: string;
}

let cached: ObjectParameter[] | undefined;

/** Every object-typed parameter of the public API of mqtutor/broker (see the file comment). */
export function objectParameters(): ObjectParameter[] {
  if (cached !== undefined) return cached;
  const index = fileURLToPath(new URL("./index.ts", import.meta.url));
  const program = ts.createProgram([index], {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    lib: ["lib.es2023.d.ts"],
    types: [],
    strict: true,
    noEmit: true,
    skipLibCheck: true,
  });
  const checker = program.getTypeChecker();
  const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(index)!)!;
  const out: ObjectParameter[] = [];
  const add = (entry: string, decl: ts.Declaration, params: readonly ts.Symbol[]) => {
    params.forEach((p, i) => {
      const type = checker.getTypeOfSymbolAtLocation(p, decl);
      if (isObjectParameter(checker, type)) out.push({ entry: `${entry}#${i}`, file: decl.getSourceFile().fileName });
    });
  };
  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const decl = symbol.declarations?.[0];
    if (decl === undefined) continue;
    if (ts.isFunctionDeclaration(decl)) {
      for (const sig of checker.getSignaturesOfType(checker.getTypeOfSymbolAtLocation(symbol, decl), ts.SignatureKind.Call)) add(symbol.name, decl, sig.parameters);
    } else if (ts.isClassDeclaration(decl)) {
      const staticType = checker.getTypeOfSymbolAtLocation(symbol, decl);
      for (const sig of staticType.getConstructSignatures()) {
        const ctor = sig.getDeclaration() as ts.Declaration | undefined;
        if (ctor !== undefined && ts.getJSDocTags(ctor).some((t) => t.tagName.text === "internal")) continue;
        add(`new ${symbol.name}`, decl, sig.parameters);
      }
      for (const member of checker.getPropertiesOfType(checker.getDeclaredTypeOfSymbol(symbol))) {
        const md = member.valueDeclaration;
        if (md === undefined || !ts.isMethodDeclaration(md)) continue;
        const modifiers = ts.getCombinedModifierFlags(md);
        if (modifiers & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected) || member.name.startsWith("#")) continue;
        if (ts.getJSDocTags(md).some((t) => t.tagName.text === "internal")) continue;
        for (const sig of checker.getSignaturesOfType(checker.getTypeOfSymbolAtLocation(member, md), ts.SignatureKind.Call)) {
          add(`${symbol.name}.${member.name}`, md, sig.parameters);
        }
      }
    }
  }
  cached = [...new Map(out.map((p) => [p.entry, p])).values()];
  return cached;
}

// An object type that is not a function, not bytes, not a type parameter; arrays count when
// their elements are objects (records, batch entries). Unions count when every member does.
function isObjectParameter(checker: ts.TypeChecker, type: ts.Type): boolean {
  if (type.flags & (ts.TypeFlags.Unknown | ts.TypeFlags.Any)) return false;
  const t = checker.getNonNullableType(type);
  if (t.isUnion()) return t.types.every((u) => isObjectParameter(checker, u));
  if (t.flags & ts.TypeFlags.TypeParameter) return false;
  if (!(t.flags & ts.TypeFlags.Object)) return false;
  if (t.getCallSignatures().length > 0) return false;
  const symbol = t.getSymbol();
  // Bytes and instances of our classes (a Trace, a LogConsumer) are not options objects.
  if (symbol?.name === "Uint8Array" || (symbol !== undefined && symbol.flags & ts.SymbolFlags.Class)) return false;
  if (checker.isArrayType(t) || checker.isTupleType(t)) {
    const element = checker.getTypeArguments(t as ts.TypeReference)[0];
    return element !== undefined && isObjectParameter(checker, element);
  }
  return true;
}

/**
 * The families' test tables: a valid call whose options object gets `extra` merged in. The
 * entry is "Class.method#index" as `objectParameters` names it, or "… → field" for an object
 * nested inside one.
 */
export type StrictCase<W> = readonly [entry: string, call: (world: W, extra: Record<string, unknown>) => unknown];

/** Object parameters that are data, not options (headers, binding arguments…), with why. */
export type NotOptions = Readonly<Record<string, string>>;

/**
 * The suite every family runs: each object parameter of its files is either a strict case or
 * listed as data; each case's valid call works; the same call with an unknown key (or a
 * misspelt valid key) throws InvalidArgumentError naming it, on two lines, and changes nothing.
 */
export function strictOptionsSuite<W>(family: {
  /** Declaring files that belong to this family, e.g. /\/broker\/queue\//. */
  files: RegExp;
  build: () => W;
  observe: (world: W) => unknown;
  cases: readonly StrictCase<W>[];
  notOptions: NotOptions;
}): void {
  it("classifies every object parameter of the family's public API", () => {
    const found = objectParameters()
      .filter((p) => family.files.test(p.file))
      .map((p) => p.entry)
      .sort();
    // Cases named "entry → field" cover objects nested in another options object.
    const listed = [...family.cases.map(([entry]) => entry).filter((e) => !e.includes(" → ")), ...Object.keys(family.notOptions)].sort();
    expect(listed).toEqual(found);
  }, 60_000);

  for (const [entry, call] of family.cases) {
    it(`${entry}: accepts its valid call, refuses an unknown key and a misspelt one, unchanged`, async () => {
      await call(family.build(), {});
      const world = family.build();
      const before = family.observe(world);
      const unknown = await failure(() => call(world, { bogusKey: 1 }));
      expect(unknown.message.split("\n")).toHaveLength(2);
      expect(unknown.message).toMatch(/^Unknown [a-z]+ "bogusKey" for /);
      expect(unknown.message.split("\n")[1]).toMatch(/Valid [a-z]+: .+\.$/);
      expect(family.observe(world)).toEqual(before);
      const valid = /Valid [a-z]+: ([^.]*)\.$/.exec(unknown.message)![1]!.split(", ");
      const key = valid.find((k) => k.length >= 5) ?? valid[0]!;
      const typo = key.slice(0, 2) + "q" + key.slice(2);
      const misspelt = await failure(() => call(family.build(), { [typo]: 1 }));
      expect(misspelt.message).toContain(`Did you mean "${key}"?`);
    });
  }
}

async function failure(call: () => unknown): Promise<InvalidArgumentError> {
  let thrown: unknown;
  try {
    await call();
  } catch (err) {
    thrown = err;
  }
  expect(thrown).toBeInstanceOf(InvalidArgumentError);
  expect((thrown as BrokerError).name).toBe("InvalidArgumentError");
  return thrown as InvalidArgumentError;
}
