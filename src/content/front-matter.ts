import matter from "gray-matter";
import type { FieldProblem } from "./issues.js";

/** A markdown file split into its front matter (parsed YAML) and its body. */
export type SplitFile = { ok: true; data: unknown; body: string } | { ok: false; problem: FieldProblem };

const refuseEngine = () => {
  throw new Error("front matter must be YAML");
};

/**
 * Reads a file's YAML front matter with gray-matter.
 *
 * Always with a fresh options object: without one, gray-matter caches by file text and hands
 * out shared objects, and a YAML error is thrown only the first time the same text is seen
 * (STYLE.md, Known traps). Only YAML is accepted: gray-matter would evaluate `---js` blocks.
 */
export function splitFrontMatter(text: string): SplitFile {
  const lines = text.split("\n");
  const opening = lines[0]?.trimEnd();
  if (opening !== "---") {
    const rule =
      opening?.startsWith("---") && opening.length > 3
        ? "must be YAML: start the file with a line of just ---"
        : "is missing: start the file with a line ---, then the fields, then a line ---";
    return { ok: false, problem: { where: "front matter", rule } };
  }
  if (!lines.slice(1).some((l) => l.trimEnd() === "---")) {
    return { ok: false, problem: { where: "front matter", rule: "is not closed: add a line --- after the fields" } };
  }
  let parsed: matter.GrayMatterFile<string>;
  try {
    parsed = matter(text, { engines: { javascript: refuseEngine } });
  } catch (e) {
    return { ok: false, problem: { where: "front matter", rule: yamlRule(e) } };
  }
  // gray-matter turns an empty block into {} but leaves scalars and lists as they are.
  return { ok: true, data: parsed.data, body: parsed.content };
}

function yamlRule(e: unknown): string {
  const err = e as { name?: string; reason?: string; mark?: { line: number; column: number }; message?: string };
  if (err.name === "YAMLException" && err.mark) {
    // The block handed to js-yaml starts with the rest of the opening `---` line, so its
    // 0-based line index equals the 1-based line number in the file minus one.
    return `is not valid YAML: ${err.reason ?? "syntax error"} (line ${err.mark.line + 1}, column ${err.mark.column + 1})`;
  }
  return `cannot be read: ${String(err.message ?? e).split("\n")[0]}`;
}
