// Bundles the CLI and the broker library into dist/, dependencies included, so the installed
// package needs nothing at run time and starts fast. The CLI is split into chunks that each
// command imports only when it runs: plain-text commands never load ink, react or yoga
// (test/bundle.test.ts checks this in dist/meta.json). Runs on `npm install` (prepare), so
// `npm start` and the binary work with no extra step.
//
// It also validates the course and writes it as dist/course.json (its long texts apart, in
// dist/course-text.json), which a start reads instead of parsing YAML with a schema library
// (DESIGN §4). Invalid content gets no index, only a
// warning: the app then reads the files and reports the problems (exit 3), and CI fails.
import { build } from "esbuild";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const pkg = JSON.parse(readFileSync(`${root}/package.json`, "utf8"));
const quick = process.argv.includes("--no-types");
// A full build starts clean; the quick one (test setup, possibly several at once) overwrites.
if (!quick) rmSync(`${root}/dist`, { recursive: true, force: true });

/**
 * `import process from "node:process"` (env-paths, ink, chalk…) makes Node build a module
 * namespace of every property of `process`, touching lazy getters such as `process.report`:
 * ~8 ms of every start. The global is the same object; serve it as the module instead. A
 * dependency that imports a name not exported here fails the build.
 */
const globalProcess = {
  name: "global-process",
  setup(b) {
    // Only ES imports: a CommonJS `require("process")` (commander) gets the object itself.
    b.onResolve({ filter: /^(node:)?process$/ }, (args) =>
      args.kind === "import-statement" ? { path: "process", namespace: "global-process" } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: "global-process" }, () => ({
      contents: "const p = globalThis.process;\nexport default p;\nexport const env = p.env;\nexport const cwd = () => p.cwd();\n",
      loader: "js",
    }));
  },
};

/**
 * Dependencies that build an Intl.Segmenter as they are imported (ink, string-width, slice-ansi,
 * ansi-tokenize) make every interactive start load ICU's break rules (~15 ms), even though a
 * terminal mostly shows text that needs none. They get src/ui/render/fast-segmenter.ts's
 * FastSegmenter instead, which answers as Intl.Segmenter does and makes one only when the text
 * needs it. Fails the build if a dependency's file cannot be rewritten.
 */
const FAST_SEGMENTER = join(root, "src/ui/render/fast-segmenter.ts");
const fastSegmenter = {
  name: "fast-segmenter",
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/].*\.[cm]?js$/ }, ({ path }) => {
      const source = readFileSync(path, "utf8");
      if (!source.includes("new Intl.Segmenter(")) return undefined;
      const esm = /^\s*(import|export)\s/m.test(source);
      const bring = esm
        ? `import { FastSegmenter as __MqtutorSegmenter } from ${JSON.stringify(FAST_SEGMENTER)};\n`
        : `const { FastSegmenter: __MqtutorSegmenter } = require(${JSON.stringify(FAST_SEGMENTER)});\n`;
      return { contents: bring + source.replaceAll("new Intl.Segmenter(", "new __MqtutorSegmenter("), loader: "js", resolveDir: dirname(path) };
    });
  },
};

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  sourcemap: "linked",
  logLevel: "warning",
  jsx: "automatic",
  // Some bundled CommonJS packages require Node built-ins; give them a real `require`.
  banner: { js: 'import { createRequire as __mqtutorRequire } from "node:module"; const require = __mqtutorRequire(import.meta.url);' },
  // Ink loads React DevTools only when DEV=true; it is not part of the course.
  external: ["react-devtools-core", "typescript"],
  metafile: true,
  plugins: [globalProcess],
};

/** Where the course index goes, relative to the package root (read by src/content/fs-course-index.ts). */
const COURSE_INDEX = "dist/course.json";
/** Its long texts (lesson bodies…), read only when used: beside it, as fs-course-index.ts expects. */
const COURSE_TEXTS = "dist/course-text.json";

/**
 * yoga-layout (under ink) ships its WebAssembly as a base64 `data:` URL and loads it with
 * `fetch`, which makes Node load undici (~45 ms on every interactive start). Decode the bytes
 * directly instead; Emscripten's loader then compiles them with WebAssembly.instantiate.
 * Fails the build if the loader no longer looks as expected (a yoga-layout upgrade).
 */
const yogaWithoutFetch = {
  name: "yoga-without-fetch",
  setup(b) {
    b.onLoad({ filter: /yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/ }, ({ path }) => {
      const source = readFileSync(path, "utf8");
      const loader = /function ya\(\)\{return w\|\|"function"!=typeof fetch\?.*?\.catch\(function\(\)\{return wa\(\)\}\)\}/;
      if (!loader.test(source)) throw new Error(`${path}: the WebAssembly loader changed; update yogaWithoutFetch in scripts/build.mjs`);
      const direct = 'function ya(){return Promise.resolve(w||Buffer.from(H.slice(H.indexOf(",")+1),"base64"))}';
      return { contents: source.replace(loader, () => direct), loader: "js" };
    });
  },
};

/** What the app's code is built with: its version, where its course index is, React's production build. */
const appDefines = {
  MQTUTOR_VERSION: JSON.stringify(pkg.version),
  MQTUTOR_COURSE_INDEX: JSON.stringify(COURSE_INDEX),
  "process.env.NODE_ENV": '"production"',
};

const cli = await build({
  ...common,
  entryPoints: { cli: "src/cli/main.ts" },
  define: appDefines,
  plugins: [globalProcess, fastSegmenter, yogaWithoutFetch],
  outdir: "dist",
  splitting: true,
  chunkNames: "chunks/[name]-[hash]",
});
writeFileSync(`${root}/dist/meta.json`, JSON.stringify(cli.metafile));

/**
 * dist/start.js, the binary's first module (src/cli/start.ts), and dist/plain/<command>.js, the
 * plain commands it runs itself, each one file with no code splitting. Lazy imports are settled
 * here: start.js finds the full CLI (cli.js) and the plain commands beside it; in a plain
 * command the course index, the progress store and the renderer are bundled (evaluated only
 * when imported), and anything else is left out and throws if ever reached.
 */
const PLAIN_COMMANDS = ["lessons", "progress", "exercises", "cheatsheet", "read"];
const BUNDLED_LAZILY = /[\\/]src[\\/](content[\\/]fs-course-index|learning[\\/](fs-progress-store|cards)|ui[\\/]markdown)\.ts$/;
const plainBundles = {
  name: "plain-bundles",
  setup(b) {
    b.onResolve({ filter: /.*/ }, async (args) => {
      if (args.kind !== "dynamic-import") return undefined;
      if (/[\\/]src[\\/]cli[\\/]start\.ts$/.test(args.importer)) {
        if (args.path === "./main.js") return { path: "./cli.js", external: true };
        if (/^\.\/plain\/[a-z]+\.js$/.test(args.path)) return { path: args.path, external: true };
      }
      const resolved = await b.resolve(args.path, { kind: "import-statement", resolveDir: args.resolveDir });
      if (BUNDLED_LAZILY.test(resolved.path)) return { path: resolved.path };
      const why = `mqtutor bug: ${args.path} is not in this bundle; route the command line to cli.js (src/cli/start.ts)`;
      return { path: `data:text/javascript,throw new Error(${encodeURIComponent(JSON.stringify(why))})`, external: true };
    });
  },
};
const start = await build({
  ...common,
  entryPoints: {
    start: "src/cli/start.ts",
    ...Object.fromEntries(PLAIN_COMMANDS.map((c) => [`plain/${c}`, `src/cli/plain/${c}.ts`])),
  },
  define: appDefines,
  plugins: [globalProcess, plainBundles],
  outdir: "dist",
});
writeFileSync(`${root}/dist/start-meta.json`, JSON.stringify(start.metafile));

// The course index: the validating loader, bundled on its own and run here, once.
const tmp = mkdtempSync(join(tmpdir(), "mqtutor-build-"));
try {
  const indexer = join(tmp, "indexer.mjs");
  await build({
    ...common,
    metafile: false,
    sourcemap: false,
    stdin: {
      contents: [
        'export { loadCourse } from "./src/content/fs-source.ts";',
        'export { toCourseIndex } from "./src/content/course-index.ts";',
        'export { TOKENS_DIR, prelexedKey } from "./src/content/prelexed.ts";',
        'export { cheatSheetMarkdown, cheatSheetsMarkdown, lessonMarkdown } from "./src/ui/plain/lesson-text.ts";',
        'export { Lexer } from "marked";',
      ].join("\n"),
      resolveDir: root,
      loader: "ts",
    },
    outfile: indexer,
  });
  const { loadCourse, toCourseIndex, TOKENS_DIR, prelexedKey, lessonMarkdown, cheatSheetMarkdown, cheatSheetsMarkdown, Lexer } = await import(
    pathToFileURL(indexer).href
  );
  try {
    const course = loadCourse(root.replace(/[\\/]$/, ""));
    const { index, texts } = toCourseIndex(course);
    // The texts first: the index's time is what a start compares with the lessons' (never older).
    writeFileSync(join(root, COURSE_TEXTS), JSON.stringify(texts));
    writeFileSync(join(root, COURSE_INDEX), JSON.stringify(index));
    // The documents `read --plain` and `cheatsheet` print, lexed now (src/content/prelexed.ts).
    const tokensDir = join(root, TOKENS_DIR);
    rmSync(tokensDir, { recursive: true, force: true });
    mkdirSync(tokensDir, { recursive: true });
    const documents = [
      ...course.lessons.flatMap((l) => [lessonMarkdown(l), cheatSheetMarkdown(l)]),
      cheatSheetsMarkdown(course.lessons),
      ...course.exercises.map((e) => e.task),
    ];
    for (const source of documents) {
      const tokens = new Lexer({ gfm: true }).lex(source);
      writeFileSync(join(tokensDir, `${prelexedKey(source)}.json`), JSON.stringify({ source, tokens }));
    }
  } catch (error) {
    // Invalid content does not stop the build (a course author mid-edit still gets an app and
    // the tests): with no index the app reads the files and reports the problems itself, exit 3.
    // CI fails on them (src/content/course-content.test.ts, test/bundle.test.ts).
    rmSync(join(root, COURSE_INDEX), { force: true });
    rmSync(join(root, COURSE_TEXTS), { force: true });
    console.warn(`warning: no ${COURSE_INDEX}, because the course is not valid:\n${error.message}`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

// The broker stands alone: learners' code imports it as `mqtutor/broker`.
await build({ ...common, entryPoints: { broker: "src/broker/index.ts" }, outdir: "dist", banner: {} });

// The exercise checks and the child process that runs them (see scripts/build-exercises.mjs).
await (await import("./build-exercises.mjs")).buildExercises(root);

// Types for `import … from "mqtutor/broker"` in the learner's editor (skipped by the test
// setup, which only needs the JavaScript).
if (!quick)
  execFileSync(process.execPath, [`${root}/node_modules/typescript/bin/tsc`, "-p", "tsconfig.broker.json"], {
    cwd: root,
    stdio: "inherit",
  });
