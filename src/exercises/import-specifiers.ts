/**
 * Finds the specifiers of a compiled module's imports: `import … from "x"`, `import "x"`,
 * `export … from "x"` and `import("x")`. A small tokenizer walks the JavaScript, so a string,
 * a template, a comment or a regular expression that merely quotes an import is never taken for
 * one (a text search over emitted code was: "moved from './inbox'" was an import to it).
 */

/** A specifier found: the text between its quotes, and where that text is. */
export interface Specifier {
  spec: string;
  /** Index of the first character after the opening quote. */
  start: number;
  /** Index of the closing quote. */
  end: number;
  quote: string;
}

type Token =
  | { kind: "word"; text: string; at: number }
  | { kind: "punct"; text: string; at: number }
  /** A string, or a template with no substitution (its text is the specifier's). */
  | { kind: "string"; text: string; at: number; end: number; quote: string }
  /** A template with substitutions: never a specifier we can know. */
  | { kind: "template"; at: number };

/** After these a `/` begins a regular expression; after anything else it divides. */
const REGEX_AFTER_PUNCT = new Set("( , = : [ ! & | ? { } ; + - * % < > ~ ^ =>".split(" "));
const REGEX_AFTER_WORD = new Set(["return", "typeof", "case", "do", "else", "in", "of", "new", "delete", "void", "throw", "yield", "await", "instanceof"]);

function tokenize(js: string): Token[] {
  const tokens: Token[] = [];
  /** For each template we are inside a `${…}` of: the brace depth at which it resumes. */
  const templates: number[] = [];
  let depth = 0;
  let i = 0;
  const n = js.length;
  const regexAllowed = () => {
    const last = tokens.at(-1);
    if (!last) return true;
    if (last.kind === "punct") return REGEX_AFTER_PUNCT.has(last.text);
    if (last.kind === "word") return REGEX_AFTER_WORD.has(last.text);
    return false;
  };
  /** Reads template text from `i` (after "`" or "}") to its end or its next "${". */
  const templateText = (from: number, openedAt: number, first: boolean): number => {
    let j = from;
    for (; j < n; j++) {
      if (js[j] === "\\") {
        j++;
      } else if (js[j] === "`") {
        if (first) tokens.push({ kind: "string", text: js.slice(from, j), at: openedAt, end: j, quote: "`" });
        else tokens.push({ kind: "template", at: openedAt });
        return j + 1;
      } else if (js[j] === "$" && js[j + 1] === "{") {
        tokens.push({ kind: "template", at: openedAt });
        templates.push(depth);
        depth++;
        return j + 2;
      }
    }
    return n;
  };
  while (i < n) {
    const c = js[i]!;
    if (c === " " || c === "\t" || c === "\n" || c === "\r") {
      i++;
    } else if (c === "/" && js[i + 1] === "/") {
      const eol = js.indexOf("\n", i);
      i = eol < 0 ? n : eol;
    } else if (c === "/" && js[i + 1] === "*") {
      const close = js.indexOf("*/", i + 2);
      i = close < 0 ? n : close + 2;
    } else if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < n && js[j] !== c && js[j] !== "\n") j += js[j] === "\\" ? 2 : 1;
      tokens.push({ kind: "string", text: js.slice(i + 1, j), at: i, end: j, quote: c });
      i = j + 1;
    } else if (c === "`") {
      i = templateText(i + 1, i, true);
    } else if (c === "}" && templates.length > 0 && templates.at(-1) === depth - 1) {
      templates.pop();
      depth--;
      i = templateText(i + 1, i, false);
    } else if (c === "/" && regexAllowed()) {
      let j = i + 1;
      let inClass = false;
      for (; j < n && js[j] !== "\n"; j++) {
        if (js[j] === "\\") j++;
        else if (js[j] === "[") inClass = true;
        else if (js[j] === "]") inClass = false;
        else if (js[j] === "/" && !inClass) break;
      }
      tokens.push({ kind: "punct", text: "regex", at: i });
      i = j + 1;
      while (i < n && /[a-z]/i.test(js[i]!)) i++;
    } else if (/[\p{L}\p{Nl}$_0-9]/u.test(c)) {
      let j = i + 1;
      while (j < n && /[\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}$_]/u.test(js[j]!)) j++;
      tokens.push({ kind: "word", text: js.slice(i, j), at: i });
      i = j;
    } else {
      const two = js.slice(i, i + 2);
      const text = two === "=>" ? two : c;
      if (c === "{") depth++;
      if (c === "}") depth--;
      tokens.push({ kind: "punct", text, at: i });
      i += text.length;
    }
  }
  return tokens;
}

/** The specifiers of every import, re-export and import() in `js`, in order. */
export function importSpecifiers(js: string): Specifier[] {
  const tokens = tokenize(js);
  const found: Specifier[] = [];
  const take = (t: Token | undefined) => {
    if (t?.kind === "string") found.push({ spec: t.text, start: t.at + 1, end: t.end, quote: t.quote });
  };
  const isPunct = (t: Token | undefined, text: string) => t?.kind === "punct" && t.text === text;
  /** From token k, the string after the next `from`, before the statement ends. */
  const fromClause = (k: number) => {
    for (let j = k; j < tokens.length; j++) {
      const t = tokens[j]!;
      if (t.kind === "word" && t.text === "from" && tokens[j + 1]?.kind === "string") return take(tokens[j + 1]);
      if (t.kind === "punct" && (t.text === ";" || t.text === "(" || t.text === "=")) return;
    }
  };
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    // A property named import or export (x.import) is neither.
    if (t.kind !== "word" || isPunct(tokens[k - 1], ".")) continue;
    const next = tokens[k + 1];
    if (t.text === "import") {
      if (isPunct(next, "(")) take(tokens[k + 2]);
      else if (next?.kind === "string") take(next);
      else if (next?.kind === "word" || isPunct(next, "{") || isPunct(next, "*")) fromClause(k + 1);
    } else if (t.text === "export" && isPunct(next, "*")) {
      fromClause(k + 1);
    } else if (t.text === "export" && isPunct(next, "{")) {
      // `export { a, b as c }`, then a `from` only if it re-exports.
      let close = k + 2;
      while (close < tokens.length && !isPunct(tokens[close], "}")) close++;
      const after = tokens[close + 1];
      if (after?.kind === "word" && after.text === "from") take(tokens[close + 2]);
    }
  }
  return found;
}

/**
 * `js` with each import specifier that `to` gives a new one for replaced by it (a URL, whose
 * quote characters are percent-encoded so the string it goes into stays whole).
 */
export function replaceSpecifiers(js: string, to: (spec: string) => string | undefined): string {
  let out = "";
  let last = 0;
  for (const s of importSpecifiers(js)) {
    const url = to(s.spec);
    if (url === undefined) continue;
    out += js.slice(last, s.start) + url.replace(/['"`\\$\n]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);
    last = s.end;
  }
  return out + js.slice(last);
}
