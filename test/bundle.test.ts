// What each command loads from the bundle, from the imports a real run records and esbuild's
// metafiles (dist/meta.json for cli.js and its chunks, dist/start-meta.json for start.js and
// the plain commands' bundles): the start-up budget of DESIGN §4 depends on it (issue 7 §2).
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { COURSE_INDEX_FORMAT, toCourseIndex } from "../src/content/course-index.js";
import { readCourseIndex } from "../src/content/fs-course-index.js";
import { loadCourse } from "../src/content/fs-source.js";
import { readPrelexed } from "../src/content/prelexed.js";
import { cheatSheetMarkdown, cheatSheetsMarkdown, lessonMarkdown } from "../src/ui/plain/lesson-text.js";
import { Lexer } from "marked";
import { root, runBin } from "./helpers/binary.js";
import { TmuxSession, hasTmux } from "./helpers/tmux.js";

const importRecorder = fileURLToPath(new URL("./helpers/record-imports.mjs", import.meta.url));
const builtinRecorder = fileURLToPath(new URL("./helpers/record-builtins.mjs", import.meta.url));
const tmp = () => mkdtempSync(join(tmpdir(), "mqtutor-bundle-"));
const distUrl = new URL("../dist/", import.meta.url).href;

interface Meta {
  outputs: Record<string, { inputs: Record<string, unknown>; imports: { path: string; kind: string }[]; entryPoint?: string }>;
}
let meta: Meta;
beforeAll(() => {
  const read = (name: string) => JSON.parse(readFileSync(new URL(`../dist/${name}`, import.meta.url), "utf8")) as Meta;
  meta = { outputs: { ...read("meta.json").outputs, ...read("start-meta.json").outputs } };
});

/** Source files and packages that must stay off a path, by the input paths esbuild records. */
const CONTENT_VALIDATION = /node_modules\/(zod|gray-matter|js-yaml)\//;
const HIGHLIGHTER = /node_modules\/highlight\.js\//;
const MARKDOWN = /^src\/ui\/markdown\.ts$|node_modules\/marked\//;
/** The old renderer's libraries, and highlight.js with all its languages. */
const HEAVY_RENDERING = /node_modules\/(marked-terminal|cli-highlight|emojilib|parse5)\/|node_modules\/highlight\.js\/(lib|es)\/index\.js/;

interface Run {
  /** Every input (source file or package file) of every bundle file the run loaded. */
  inputs: string[];
  /** Node built-in modules it loaded. */
  builtins: string[];
}

/** Runs the binary without a terminal on the installed course (its dist/ index), recording what it loads. */
function record(args: string[]): Run & { files: string[] } {
  const dir = tmp();
  const importLog = join(dir, "imports.log");
  const builtinLog = join(dir, "builtins.log");
  const r = runBin(args, {
    MQTUTOR_HOME: join(dir, "home"),
    MQTUTOR_IMPORT_LOG: importLog,
    MQTUTOR_BUILTIN_LOG: builtinLog,
    NODE_OPTIONS: `--import ${importRecorder} --import ${builtinRecorder}`,
  });
  expect(r.code, r.stderr).toBe(0);
  const loaded = readFileSync(importLog, "utf8")
    .split("\n")
    .filter((u) => u.startsWith(distUrl))
    .map((u) => `dist/${u.slice(distUrl.length)}`);
  expect(loaded).toContain("dist/start.js");
  return {
    files: loaded,
    inputs: [...new Set(loaded.flatMap((file) => Object.keys(meta.outputs[file]?.inputs ?? {})))],
    builtins: readFileSync(builtinLog, "utf8").split("\n").filter(Boolean),
  };
}

const matching = (inputs: string[], pattern: RegExp) => inputs.filter((i) => pattern.test(i));

describe("the course index in dist/", () => {
  it("is the validated course as it is now (built from the current lessons, quizzes and exercises)", () => {
    const read = (name: string) => JSON.parse(readFileSync(join(root, "dist", name), "utf8")) as unknown;
    // The same data the validating path reads from the files, through JSON as the index is.
    const fresh = JSON.parse(JSON.stringify(toCourseIndex(loadCourse(root.replace(/[\\/]$/, ""))))) as unknown;
    expect({ index: read("course.json"), texts: read("course-text.json") }).toEqual(fresh);
    expect(read("course.json")).toMatchObject({ format: COURSE_INDEX_FORMAT });
  });
});

describe("the build-time tokens in dist/tokens/", () => {
  it("are there for every document read --plain, cheatsheet and the exercise screen print, exactly as marked lexes it now", () => {
    const course = readCourseIndex(join(root, "dist", "course.json"), root.replace(/[\\/]$/, ""));
    expect(course).toBeDefined();
    const lessons = course!.lessons;
    const tasks = course!.exercises.map((e) => e.task);
    const documents = [...lessons.flatMap((l) => [lessonMarkdown(l), cheatSheetMarkdown(l)]), cheatSheetsMarkdown(lessons), ...tasks];
    expect(documents).toHaveLength(2 * lessons.length + 1 + 10);
    for (const d of documents) expect(readPrelexed(root, d)).toEqual(JSON.parse(JSON.stringify(new Lexer({ gfm: true }).lex(d))));
    // And never for another text, even one the same length.
    expect(readPrelexed(root, documents[0]!.replace(/e/, "a"))).toBeUndefined();
  });
});

describe("plain commands load only what they print with", () => {
  const plain = [["--version"], ["--help"], ["lessons", "--json"], ["lessons"], ["progress", "--json"], ["progress"], []];
  it.each(plain.map((args) => [args.join(" ") || "(bare, no terminal)", args] as const))(
    "`mqtutor %s`: no zod, gray-matter, js-yaml, markdown renderer, highlight.js or undici",
    (_name, args) => {
      const { inputs, builtins } = record(args);
      expect(matching(inputs, CONTENT_VALIDATION)).toEqual([]);
      expect(matching(inputs, MARKDOWN)).toEqual([]);
      expect(matching(inputs, HIGHLIGHTER)).toEqual([]);
      expect(builtins.filter((b) => b.includes("undici"))).toEqual([]);
    },
  );

  const own = [["lessons", "--json"], ["lessons"], ["progress", "--json"], ["progress"], ["exercises"], ["read", "1", "--plain"], ["cheatsheet", "4"]];
  it.each(own.map((args) => [args.join(" "), args] as const))("`mqtutor %s` runs from start.js and one bundle of its own, without commander", (_name, args) => {
    const { files, inputs } = record(args);
    expect(files).toEqual(["dist/start.js", `dist/plain/${args[0]}.js`]);
    expect(matching(inputs, /node_modules\/(commander|ink|react|ts-fsrs|zod)\//).filter((i) => !(args[0] === "progress" && i.includes("ts-fsrs")))).toEqual([]);
  });

  it("`mqtutor --help` and the app go to cli.js, which loads commander for help", () => {
    expect(record(["--help"]).files).toContain("dist/cli.js");
    expect(matching(record(["--help"]).inputs, /node_modules\/commander\//).length).toBeGreaterThan(0);
    expect(matching(record(["lessons", "--json"]).inputs, /node_modules\/commander\//)).toEqual([]);
  });

  const printing = [["read", "1", "--plain"], ["cheatsheet"]];
  it.each(printing.map((args) => [args.join(" "), args] as const))(
    "`mqtutor %s` loads our markdown renderer with highlight.js core, and no content validation",
    (_name, args) => {
      const { inputs, builtins } = record(args);
      expect(inputs).toContain("src/ui/markdown.ts");
      expect(matching(inputs, /node_modules\/highlight\.js\/lib\/core\.js$/)).toHaveLength(1);
      expect(matching(inputs, HEAVY_RENDERING)).toEqual([]);
      expect(matching(inputs, CONTENT_VALIDATION)).toEqual([]);
      expect(builtins.filter((b) => b.includes("undici"))).toEqual([]);
    },
  );

  it("read the files and validate them when MQTUTOR_CONTENT names a course (so the checks above can fail)", () => {
    const dir = tmp();
    const log = join(dir, "imports.log");
    const r = runBin(["lessons", "--json"], {
      MQTUTOR_HOME: join(dir, "home"),
      MQTUTOR_CONTENT: fileURLToPath(new URL("./fixtures/course-valid", import.meta.url)),
      MQTUTOR_IMPORT_LOG: log,
      NODE_OPTIONS: `--import ${importRecorder}`,
    });
    expect(r.code, r.stderr).toBe(0);
    const inputs = readFileSync(log, "utf8")
      .split("\n")
      .filter((u) => u.startsWith(distUrl))
      .flatMap((u) => Object.keys(meta.outputs[`dist/${u.slice(distUrl.length)}`]?.inputs ?? {}));
    expect(matching(inputs, /node_modules\/zod\//).length).toBeGreaterThan(0);
  });
});

/** The files an output loads before it runs: itself and its static imports, transitively. */
function staticClosure(file: string, seen = new Set<string>()): string[] {
  if (seen.has(file) || !meta.outputs[file]) return [...seen]; // seen, or external (node:*)
  seen.add(file);
  for (const i of meta.outputs[file]?.imports ?? []) if (i.kind === "import-statement") staticClosure(i.path, seen);
  return [...seen];
}

describe("the interactive start", () => {
  const inputsBeforeItRuns = (entry: string) => {
    const output = Object.entries(meta.outputs).find(([, o]) => o.entryPoint === entry);
    expect(output, entry).toBeDefined();
    return staticClosure(output![0]).flatMap((f) => Object.keys(meta.outputs[f]!.inputs));
  };

  it("mounts the home screen without the markdown renderer, highlight.js or content validation", () => {
    const inputs = inputsBeforeItRuns("src/cli/interactive.ts");
    expect(inputs).toContain("src/ui/App.tsx");
    expect(matching(inputs, /node_modules\/ink\//).length).toBeGreaterThan(0);
    expect(matching(inputs, MARKDOWN)).toEqual([]);
    expect(matching(inputs, HIGHLIGHTER)).toEqual([]);
    expect(matching(inputs, CONTENT_VALIDATION)).toEqual([]);
  });

  it("builds no Intl.Segmenter as it loads (bundled dependencies get FastSegmenter: no ICU before the first frame)", () => {
    const output = Object.entries(meta.outputs).find(([, o]) => o.entryPoint === "src/cli/interactive.ts")!;
    const code = staticClosure(output[0]).map((f) => readFileSync(join(root, f), "utf8"));
    // esbuild prints a module's top-level statements unindented: none may make a segmenter.
    expect(code.flatMap((c) => c.match(/^\S.*new Intl\.Segmenter\(.*$/gm) ?? [])).toEqual([]);
    expect(code.join("\n").match(/new FastSegmenter\(/g)?.length ?? 0).toBeGreaterThanOrEqual(3);
  });

  it("bundles yoga-layout's WebAssembly loader without its fetch (which loads undici)", () => {
    const yoga = Object.entries(meta.outputs).find(([, o]) =>
      Object.keys(o.inputs).some((i) => i.endsWith("yoga-layout/dist/binaries/yoga-wasm-base64-esm.js")),
    );
    expect(yoga).toBeDefined();
    // esbuild reprints the code: match the patched loader (scripts/build.mjs) by its shape.
    const code = readFileSync(join(root, yoga![0]), "utf8");
    expect(code).toMatch(/function ya\(\) \{\s*return Promise\.resolve\(w \|\| Buffer\.from\(H\.slice\(/);
    expect(code).not.toMatch(/function ya\(\) \{\s*return w \|\| "function" != typeof fetch/);
  });
});

const sessions: TmuxSession[] = [];
afterEach(() => {
  while (sessions.length) sessions.pop()!.kill();
});

describe.skipIf(!hasTmux())("the home screen in a real terminal", () => {
  it("starts, opens a lesson and quits without loading undici", async () => {
    const dir = tmp();
    const builtinLog = join(dir, "builtins.log");
    const t = new TmuxSession([], {
      MQTUTOR_HOME: join(dir, "home"),
      MQTUTOR_BUILTIN_LOG: builtinLog,
      NODE_OPTIONS: `--import ${builtinRecorder}`,
    });
    sessions.push(t);
    await t.waitFor((s) => s.includes("Read 0/"));
    t.send("Enter");
    await t.waitFor((s) => s.includes("Lesson 1:"));
    t.send("q");
    await t.waitFor((s) => s.includes("c continue"));
    t.send("q");
    await t.waitFor((s) => s.includes("[exit 0]"));
    const builtins = readFileSync(builtinLog, "utf8").split("\n");
    // The check can fail: WebAssembly was compiled (yoga), only not through fetch.
    expect(builtins.length).toBeGreaterThan(50);
    expect(builtins.filter((b) => b.includes("undici"))).toEqual([]);
  });
});
