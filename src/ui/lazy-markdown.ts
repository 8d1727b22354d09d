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
