// TypeScript 7's native tsc as the exercise compiler. Its output is read as text, so the reading
// is tested on the shapes it prints; and TypeScript 5 in-process (the fallback, and the compiler
// this one replaced) is the oracle for what it reports: the same problems at the same places, for
// every starter and solution and for a set of broken files.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { loadCourse } from "../content/fs-source.js";
import { prepareWorkspace } from "./fs-workspace.js";
import { cacheDir, Compiler, type CompilerPaths } from "./node-compile.js";
import { compileNative, findNativeTsc, parseNativeOutput, withSourceUrl } from "./native-tsc.js";
import type { TypeProblem } from "./result.js";

const root = join(import.meta.dirname, "..", "..");
const exe = findNativeTsc();
const dir = mkdtempSync(join(tmpdir(), "mqtutor-native-tsc-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("reading tsc's plain output", () => {
  const sample = [
    "03-retrying-consumer.ts(81,7): error TS2322: Type 'string' is not assignable to type 'number'.",
    "03-retrying-consumer.ts(84,5): error TS2322: Type 'Map<string, Set<string>>' is not assignable to type 'Map<string, Set<number>>'.",
    "  Type 'Set<string>' is not assignable to type 'Set<number>'.",
    "    Type 'string' is not assignable to type 'number'.",
    "../my (draft)/a(1).ts(2,10): error TS2304: Cannot find name 'x'.",
    "TSFILE: /tmp/scratch/out/03-retrying-consumer.js",
    "/opt/tsc/lib/lib.es5.d.ts",
    "/tmp/my (draft)/limits.d.ts",
    "/tmp/ws/03-retrying-consumer.ts",
    "",
  ].join("\n");

  it("reads each problem's place and whole message, relative paths resolved", () => {
    const out = parseNativeOutput(sample, "/tmp/ws");
    expect(out.problems).toEqual([
      { file: "/tmp/ws/03-retrying-consumer.ts", line: 81, column: 7, message: "Type 'string' is not assignable to type 'number'." },
      {
        file: "/tmp/ws/03-retrying-consumer.ts",
        line: 84,
        column: 5,
        message:
          "Type 'Map<string, Set<string>>' is not assignable to type 'Map<string, Set<number>>'.\n" +
          "  Type 'Set<string>' is not assignable to type 'Set<number>'.\n" +
          "    Type 'string' is not assignable to type 'number'.",
      },
      { file: "/tmp/my (draft)/a(1).ts", line: 2, column: 10, message: "Cannot find name 'x'." },
    ]);
    expect(out.emitted).toEqual(["/tmp/scratch/out/03-retrying-consumer.js"]);
    expect(out.listed).toEqual(["/opt/tsc/lib/lib.es5.d.ts", "/tmp/my (draft)/limits.d.ts", "/tmp/ws/03-retrying-consumer.ts"]);
    expect(out.global).toEqual([]);
  });

  it("ends the path at the first place, though the message quotes that shape again", () => {
    const line = `a.ts(82,7): error TS2322: Type '"x(1,2): error TS9: y"' is not assignable to type '"a"'.`;
    expect(parseNativeOutput(line, "/w").problems).toEqual([
      { file: "/w/a.ts", line: 82, column: 7, message: `Type '"x(1,2): error TS9: y"' is not assignable to type '"a"'.` },
    ]);
  });

  it("keeps what has no place, and any line it does not know, as the compiler's own problems", () => {
    const out = parseNativeOutput("error TS5023: Unknown compiler option 'x'.\nsomething new\n", "/");
    expect(out.global).toEqual(["Unknown compiler option 'x'.", "something new"]);
    expect(out.problems).toEqual([]);
  });

  it("names the source of an inline source map by its file: URL", () => {
    const map = { version: 3, file: "a.js", sourceRoot: "", sources: ["../../ws/a.ts"], names: [], mappings: "AAAA" };
    const js = `const a = 1;\n//# sourceMappingURL=data:application/json;base64,${Buffer.from(JSON.stringify(map)).toString("base64")}\n`;
    const out = withSourceUrl(js, "/home/l/ws/a.ts");
    const data = /base64,(.+)$/m.exec(out)![1]!;
    expect(out.startsWith("const a = 1;\n")).toBe(true);
    expect(JSON.parse(Buffer.from(data, "base64").toString("utf8"))).toMatchObject({ sources: [pathToFileURL("/home/l/ws/a.ts").href], mappings: "AAAA" });
  });
});

describe("finding the native tsc", () => {
  it("is installed for this platform (a run-time dependency)", () => {
    expect(exe, "npm ci installs typescript-native's platform package").toBeDefined();
  });

  it("is undefined, not an error, where the platform has no package", () => {
    expect(findNativeTsc(undefined, "plan9", "mips")).toBeUndefined();
    expect(
      findNativeTsc(() => {
        throw new Error("Cannot find module");
      }),
    ).toBeUndefined();
  });
});

describe.runIf(exe)("the native tsc against TypeScript 5 in-process", async () => {
  const course = await loadCourse(root);
  const ws = prepareWorkspace(join(dir, "ws"), root);
  const paths: CompilerPaths = {
    workspace: ws.dir,
    brokerJs: join(root, "dist", "broker.js"),
    checkApiJs: join(root, "dist", "exercises", "check-api.js"),
    envDts: ws.envDts,
    version: "test",
  };
  const ts5 = new Compiler(paths, { nativeTsc: null });
  const native = (file: string) => compileNative({ exe: exe!, file, alsoFiles: [ws.envDts], check: true, scratchParent: dir });
  const inProcess = async (file: string) => (await ts5.compileSubject(file)).typeCheck();
  const places = (ps: TypeProblem[]) => ps.map((p) => `${p.file}:${p.line}:${p.column}`);

  const broken: Record<string, string> = {
    "wrong-type": `const n: number = "1";\n`,
    "chained": `const m: Map<string, Set<number>> = new Map<string, Set<string>>();\n`,
    "unknown-export": `import { NoSuchThing } from "mqtutor/broker";\nexport const x = NoSuchThing;\n`,
    "wrong-method": `import { SqsBroker } from "mqtutor/broker";\nnew SqsBroker().sendMesage("q", "x");\n`,
    "implicit-any": `export function f(x) { return x; }\n`,
    "syntax": `export function f( { return 1 }\n`,
    "node-global": `process.exit(1);\n`,
    "two-errors": `let a: string = 1;\nlet b: boolean = "no";\nexport { a, b };\n`,
  };
  const cases: [string, string][] = [
    ...course.exercises.flatMap((e) => [
      [`${e.slug} starter`, join(root, e.starterFile)] as [string, string],
      [`${e.slug} solution`, join(root, e.solutionFile)] as [string, string],
    ]),
    ...Object.entries(broken).map(([name, text]): [string, string] => {
      const file = join(ws.dir, `${name}.ts`);
      writeFileSync(file, text);
      return [name, file];
    }),
  ];

  it.each(cases)("%s: the same problems at the same places", async (_name, file) => {
    const [a, b] = await Promise.all([native(file), inProcess(file)]);
    expect(places(a.problems)).toEqual(places(b));
    // Messages may be worded anew between major versions; the first line names the same fault.
    expect(a.problems.map((p) => p.message.split("\n")[0])).toEqual(b.map((p) => p.message.split("\n")[0]));
    expect(a.js).toContain("sourceMappingURL=data:application/json");
  }, 60_000);

  it("has TypeScript 5 as its oracle (which alone leaves a V8 code cache of itself)", async () => {
    await inProcess(join(ws.dir, "wrong-type.ts"));
    expect(readdirSync(cacheDir(ws.dir)).some((f) => /^typescript-5\..*\.v8cache$/.test(f))).toBe(true);
  });

  it("finds a problem in every broken file (the comparison is not between two silences)", async () => {
    for (const name of Object.keys(broken)) {
      expect((await native(join(ws.dir, `${name}.ts`))).problems.length, name).toBeGreaterThan(0);
    }
  }, 60_000);

  it("falls back to TypeScript 5 when the native tsc cannot be started", async () => {
    const file = join(ws.dir, "wrong-type.ts");
    const compiler = new Compiler({ ...paths, version: "fallback" }, { nativeTsc: join(dir, "no-such-tsc") });
    const subject = await compiler.compileSubject(file);
    expect(places(await subject.typeCheck())).toEqual(places(await inProcess(file)));
  }, 60_000);

  it("says a compiler that answers in a way we do not know is mqtutor's fault, with its output", async () => {
    const fake = join(dir, "fake-tsc");
    writeFileSync(fake, `#!/bin/sh\necho "error TS5023: Unknown compiler option 'x'."\nexit 1\n`, { mode: 0o755 });
    const compiler = new Compiler({ ...paths, version: "fake" }, { nativeTsc: fake });
    await expect(compiler.compileSubject(join(ws.dir, "wrong-type.ts"))).rejects.toThrow(/fault in mqtutor.*\n.*Unknown compiler option 'x'/s);
  });

  it("reports the learner's code: their file and the modules of their own it imports (anywhere), sorted by file, as TypeScript 5 does", async () => {
    const other = mkdtempSync(join(dir, "elsewhere-"));
    writeFileSync(join(other, "types.ts"), `export type Secs = number;\nexport const oops: number = "1";\n`);
    writeFileSync(join(ws.dir, "types.ts"), `export type Ms = number;\nexport const oops: number = "1";\n`);
    // A declaration file of theirs is read, not checked (skipLibCheck), and named as read.
    writeFileSync(join(ws.dir, "limits.d.ts"), `export type Limit = number;\nexport declare const bad: numbr;\n`);
    const file = join(ws.dir, "imports.ts");
    writeFileSync(
      file,
      `import type { Ms } from "./types.js";\nimport type { Secs } from "${other}/types.js";\nimport type { Limit } from "./limits.js";\n` +
        `export const a: Ms = 1;\nexport const b: Secs = "2";\nexport const c: Limit = 3;\n`,
    );
    const out = await native(file);
    const oops = "2:14 Type 'string' is not assignable to type 'number'.";
    expect(out.problems.map((p) => `${p.file} ${p.line}:${p.column} ${p.message}`)).toEqual(
      [`${join(other, "types.ts")} ${oops}`, `${file} 5:14 Type 'string' is not assignable to type 'number'.`, `${join(ws.dir, "types.ts")} ${oops}`].sort(),
    );
    expect(places(out.problems)).toEqual(places(await inProcess(file)));
    // The modules it imports come back compiled, each with the text the compiler read.
    const mapOf = (js: string) => JSON.parse(Buffer.from(/base64,(\S+)\s*$/.exec(js)![1]!, "base64").toString("utf8")) as { sources: string[] };
    const locals = out.locals.map((l) => ({ file: l.file, source: l.source, sources: mapOf(l.js).sources }));
    expect(locals.sort((a, b) => (a.file < b.file ? -1 : 1))).toEqual(
      [join(other, "types.ts"), join(ws.dir, "types.ts")]
        .sort()
        .map((f) => ({ file: f, source: readFileSync(f, "utf8"), sources: [pathToFileURL(f).href] })),
    );
    // Theirs only: no library's, no mqtutor's, not the workspace's globals.
    expect(out.declarations).toEqual([join(ws.dir, "limits.d.ts")]);
  }, 60_000);

  it("caches a verdict only for the text the compiler read, though the file is saved mid-compile", async () => {
    const file = join(ws.dir, "saved-mid-compile.ts");
    const good = `export const n: number = 1;\n`;
    const bad = `export const n: number = "one";\n`;
    // A tsc that sees the learner save (once) just before it reads the file.
    const marker = join(dir, "saved-once");
    const wrapper = join(dir, "tsc-with-a-save");
    writeFileSync(
      wrapper,
      `#!/bin/sh\nif [ ! -e '${marker}' ]; then touch '${marker}'; printf '%s' '${bad.trim()}' > '${file}'; fi\nexec '${exe}' "$@"\n`,
      { mode: 0o755 },
    );
    const compiler = new Compiler({ ...paths, version: "race" }, { nativeTsc: wrapper });
    writeFileSync(file, good);
    const during = await compiler.compileSubject(file);
    expect(during.typeProblems?.length, "the verdict is the new text's").toBe(1);
    writeFileSync(file, good); // undo, back to the text the first compile was keyed by
    expect((await compiler.compileSubject(file)).typeProblems).toEqual([]);
  }, 60_000);

  it("keeps a file that is saved at every compile out of the cache", async () => {
    const file = join(ws.dir, "never-settles.ts");
    const wrapper = join(dir, "tsc-saving-always");
    writeFileSync(wrapper, `#!/bin/sh\necho "// saved $$" >> '${file}'\nexec '${exe}' "$@"\n`, { mode: 0o755 });
    writeFileSync(file, `export const n: number = 1;\n`);
    const subject = await new Compiler({ ...paths, version: "unsettled" }, { nativeTsc: wrapper }).compileSubject(file);
    expect(subject.typeProblems).toEqual([]);
    expect(subject.url).toContain("never-settles-subject-unsettled-");
    const cached = readdirSync(cacheDir(ws.dir)).filter((f) => f.startsWith("never-settles-subject-"));
    expect(cached.filter((f) => f.endsWith(".json")), "no verdict kept for a text tsc may not have read").toEqual([]);
    expect(cached.filter((f) => !f.includes("unsettled")), "nothing under a text's key").toEqual([]);
  }, 60_000);

  it("writes JavaScript that runs, for a file with a type error as for a clean one", async () => {
    const out = await native(join(ws.dir, "two-errors.ts"));
    const js = join(dir, "two-errors.mjs");
    writeFileSync(js, out.js);
    expect(await import(pathToFileURL(js).href)).toEqual(expect.objectContaining({ a: 1, b: "no" }));
  });
});
