/**
 * A message from the learner's run (a crash, a throw while loading) names the JavaScript that
 * ran: the learner's file compiled into the cache, their modules in the cache's
 * `lib/<hash>/<path from the root>.js` tree. Here each is named by its TypeScript file instead,
 * and a `:line:column` after it is moved to the same place in the TypeScript, through the
 * file's inline source map: the JavaScript's lines are not the learner's (an interface, say,
 * leaves none behind).
 */
import { readFileSync } from "node:fs";
import { SourceMap } from "node:module";
import { join, parse } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { inlineMap } from "./native-tsc.js";
import { cacheDir } from "./node-compile.js";

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export function sourceNames(message: string, workspace: string, subject: { js: string; file: string }): string {
  const lib = join(cacheDir(workspace), "lib");
  const tree = `[/\\\\][0-9a-f]{16}[/\\\\]([^'"\`\\n]+?)\\.([cm]?)js\\b`;
  const compiled = new RegExp(
    // The learner's module is imported under a query naming the run (a fresh instance each time).
    `(?:(${escape(pathToFileURL(subject.js).href)})(?:\\?run=\\d+)?|(${escape(subject.js)})|(${escape(pathToFileURL(lib).href)}${tree})|(${escape(lib)}${tree}))` +
      `(?::(\\d+):(\\d+))?`,
    "g",
  );
  type Groups = [string | undefined, string | undefined, string | undefined, string | undefined, string | undefined, string | undefined, string | undefined, string | undefined, string | undefined, string | undefined];
  return message.replace(compiled, (match: string, ...rest: unknown[]) => {
    const [subjectUrl, subjectPath, treeUrl, urlRel, urlExt, treePath, pathRel, pathExt, line, column] = rest as Groups;
    let js: string;
    let name: string;
    if (subjectUrl !== undefined || subjectPath !== undefined) {
      js = subject.js;
      name = subjectUrl !== undefined ? pathToFileURL(subject.file).href : subject.file;
    } else if (treeUrl !== undefined) {
      js = fileURLToPath(treeUrl);
      name = `file:///${urlRel}.${urlExt}ts`;
    } else if (treePath !== undefined) {
      js = treePath;
      name = `${parse(lib).root}${pathRel}.${pathExt}ts`;
    } else {
      return match;
    }
    if (line === undefined || column === undefined) return name;
    const at = originalPlace(js, Number(line), Number(column));
    return `${name}:${at?.line ?? line}:${at?.column ?? column}`;
  });
}

/** Where a place in compiled JavaScript came from in its TypeScript (1-based), if its map says. */
function originalPlace(js: string, line: number, column: number): { line: number; column: number } | undefined {
  try {
    const map = inlineMap(readFileSync(js, "utf8"));
    if (!map) return undefined;
    const entry = new SourceMap(map as ConstructorParameters<typeof SourceMap>[0]).findEntry(line - 1, column - 1) as {
      originalLine?: number;
      originalColumn?: number;
    };
    return entry.originalLine === undefined || entry.originalColumn === undefined
      ? undefined
      : { line: entry.originalLine + 1, column: entry.originalColumn + 1 };
  } catch {
    return undefined; // pruned since, or no map: the JavaScript's place is better than none
  }
}
