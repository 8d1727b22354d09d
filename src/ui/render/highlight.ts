/**
 * Syntax colours for code blocks. Only highlight.js's core and the languages the course uses
 * are loaded (the full library is 1.5 MB and slowed every start). Unknown languages, diagrams
 * (`text`) and colourless output skip highlighting altogether.
 */
import hljs from "highlight.js/lib/core";
import bash from "highlight.js/lib/languages/bash";
import javascript from "highlight.js/lib/languages/javascript";
import json from "highlight.js/lib/languages/json";
import sql from "highlight.js/lib/languages/sql";
import typescript from "highlight.js/lib/languages/typescript";
import yaml from "highlight.js/lib/languages/yaml";
import type { Span, Style } from "./spans.js";

let registered = false;
function register(): void {
  if (registered) return;
  registered = true;
  hljs.registerLanguage("typescript", typescript);
  hljs.registerLanguage("javascript", javascript);
  hljs.registerLanguage("json", json);
  hljs.registerLanguage("bash", bash);
  hljs.registerLanguage("sql", sql);
  hljs.registerLanguage("yaml", yaml);
  hljs.registerAliases(["sh", "shell", "console"], { languageName: "bash" });
}

/** highlight.js scope (first class word) to terminal style. */
const scopes: Record<string, Style> = {
  keyword: { color: "magenta" },
  built_in: { color: "cyan" },
  type: { color: "cyan" },
  literal: { color: "yellow" },
  number: { color: "yellow" },
  string: { color: "green" },
  regexp: { color: "red" },
  comment: { color: "gray", italic: true },
  meta: { color: "gray" },
  title: { color: "blue" },
  attr: { color: "cyan" },
  property: { color: "cyan" },
  variable: { color: "red" },
  params: {},
  symbol: { color: "yellow" },
};

const entities: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#x27;": "'", "&#39;": "'" };
const unescape = (s: string) => s.replace(/&(?:amp|lt|gt|quot|#x27|#39);/g, (e) => entities[e]!);

/**
 * The code as lines of styled spans, or null when `lang` is not one we highlight (the caller
 * then prints the code as it is).
 */
export function highlightLines(code: string, lang: string | undefined): Span[][] | null {
  if (!lang) return null;
  register();
  const name = lang.toLowerCase();
  if (!hljs.getLanguage(name)) return null;
  const html = hljs.highlight(code, { language: name, ignoreIllegals: true }).value;
  const lines: Span[][] = [[]];
  const stack: Array<Style | undefined> = [];
  const current = () => stack.findLast((s) => s !== undefined);
  for (const part of html.split(/(<span class="[^"]*">|<\/span>)/)) {
    if (part.startsWith("<span")) {
      const scope = /class="hljs-([\w-]+)/.exec(part)?.[1] ?? "";
      stack.push(scopes[scope]);
    } else if (part === "</span>") {
      stack.pop();
    } else if (part) {
      const style = current();
      const [first, ...rest] = unescape(part).split("\n");
      const add = (text: string) => {
        if (text) lines.at(-1)!.push(style && Object.keys(style).length ? { text, style } : { text });
      };
      add(first!);
      for (const r of rest) {
        lines.push([]);
        add(r);
      }
    }
  }
  return lines;
}
