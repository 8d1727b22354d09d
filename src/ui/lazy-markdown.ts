/**
 * The markdown renderer, loaded when a lesson first opens rather than with the app: it and its
 * syntax highlighter are the largest part of the UI, and the home screen needs neither
 * (DESIGN §4: a screen's code loads when it opens). Only type imports of ./markdown.js are
 * allowed elsewhere in the interactive app; test/bundle.test.ts checks the bundle for it.
 */
export type Markdown = typeof import("./markdown.js");

let loaded: Markdown | undefined;
let loading: Promise<Markdown> | undefined;

/** The renderer if {@link loadMarkdown} has finished, so a screen can use it at once. */
export function markdownIfLoaded(): Markdown | undefined {
  return loaded;
}

/** Loads the renderer (once per process; later calls share the first load). */
export function loadMarkdown(): Promise<Markdown> {
  loading ??= import("./markdown.js").then((m) => (loaded = m));
  return loading;
}

// Every construct the lessons use, small: headings, inline marks, lists, a quote, a table and
// code in the highlighted languages.
const SAMPLE = [
  "# Warm-up\n\nSome *text*, `code`, **bold** and a [link](https://example.com): a ≤ b → c.",
  "- one\n- two\n  - nested\n\n1. first\n2. second\n\n> a quote",
  "| key | value |\n|---|---|\n| a | 1 |",
  "```ts\nconst x: number = 1;\n```\n\n```js\nlet y = x;\n```\n\n```bash\necho hi\n```\n\n```sql\nSELECT 1;\n```\n\n```yaml\na: 1\n```\n\n```\n+--+\n```",
].join("\n\n");

/**
 * Loads the renderer, then lays out a small sample while nothing waits for it (after the home
 * screen's first frame): the renderer's regular expressions, highlighter and Unicode tables are
 * set up on first use, and that first use would otherwise fall on the learner's first Enter.
 * Three passes, because V8 compiles a function to faster code only once it has run a few
 * times (measured: the first lesson's first screen then lays out in a third of the time).
 */
export async function preloadMarkdown(): Promise<Markdown> {
  const md = await loadMarkdown();
  for (let pass = 0; pass < 3; pass++) md.layoutMarkdown(SAMPLE, { width: 60, highlight: true });
  return md;
}
