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
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const pkg = JSON.parse(readFileSync(`${root}/package.json`, "utf8"));
const quick = process.argv.includes("--no-types");
// A full build starts clean; the quick one (test setup, possibly several at once) overwrites.
if (!quick) rmSync(`${root}/dist`, { recursive: true, force: true });

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

const cli = await build({
  ...common,
  entryPoints: { cli: "src/cli/main.ts" },
  define: {
    MQTUTOR_VERSION: JSON.stringify(pkg.version),
    MQTUTOR_COURSE_INDEX: JSON.stringify(COURSE_INDEX),
    "process.env.NODE_ENV": '"production"',
  },
  plugins: [yogaWithoutFetch],
  outdir: "dist",
  splitting: true,
  chunkNames: "chunks/[name]-[hash]",
});
writeFileSync(`${root}/dist/meta.json`, JSON.stringify(cli.metafile));

// The course index: the validating loader, bundled on its own and run here, once.
const tmp = mkdtempSync(join(tmpdir(), "mqtutor-build-"));
try {
  const indexer = join(tmp, "indexer.mjs");
  await build({
    ...common,
    metafile: false,
    sourcemap: false,
    stdin: {
      contents: 'export { loadCourse } from "./src/content/fs-source.ts"; export { toCourseIndex } from "./src/content/course-index.ts";',
      resolveDir: root,
      loader: "ts",
    },
    outfile: indexer,
  });
  const { loadCourse, toCourseIndex } = await import(pathToFileURL(indexer).href);
  try {
    const course = loadCourse(root.replace(/[\\/]$/, ""));
    const { index, texts } = toCourseIndex(course);
    // The texts first: the index's time is what a start compares with the lessons' (never older).
    writeFileSync(join(root, COURSE_TEXTS), JSON.stringify(texts));
    writeFileSync(join(root, COURSE_INDEX), JSON.stringify(index));
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
