import type { z } from "zod";

/** A problem inside one file: `where` and `rule` of a ContentProblem, the file added later. */
export interface FieldProblem {
  /** e.g. `front matter: "minutes"`. */
  where: string;
  /** e.g. `must be a number`. */
  rule: string;
}

/** `front matter: "answer[1]"` for the path `["answer", 1]`; `front matter` for the root. */
export function fieldWhere(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "front matter";
  const [head, ...rest] = path;
  const tail = rest.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("");
  return `front matter: "${String(head)}${tail}"`;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v = input;
  for (const key of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

const typeRules: Record<string, string> = {
  string: "must be a string",
  number: "must be a number",
  int: "must be a whole number",
  boolean: "must be true or false",
  array: "must be a list",
  object: "must be a mapping of fields",
};

function sizeRule(origin: string, bound: number | bigint, inclusive: boolean, dir: "min" | "max"): string {
  const n = Number(bound);
  if (origin === "array" || origin === "set") {
    if (dir === "min") return n <= 1 ? "must not be empty" : `must have at least ${n} items`;
    return `must have at most ${n} items`;
  }
  if (origin === "string") {
    if (dir === "min") return n <= 1 ? "must not be empty" : `must have at least ${n} characters`;
    return `must have at most ${n} characters`;
  }
  if (dir === "min") return inclusive ? `must be at least ${n}` : `must be greater than ${n}`;
  return inclusive ? `must be at most ${n}` : `must be less than ${n}`;
}

/**
 * Turns zod issues into plain rules a course author understands. A missing field becomes
 * "is required" whatever the schema expected there, which is why the parsed input is needed.
 *
 * @param knownFields listed in the rule for an unknown field, to make typos easy to spot.
 */
export function issuesToProblems(
  issues: readonly z.core.$ZodIssue[],
  input: unknown,
  knownFields: readonly string[],
): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const issue of issues) {
    const where = fieldWhere(issue.path);
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        out.push({
          where: fieldWhere([...issue.path, key]),
          rule: `is not a known field (known: ${knownFields.join(", ")})`,
        });
      }
      continue;
    }
    if (issue.path.length > 0 && valueAt(input, issue.path) === undefined) {
      out.push({ where, rule: "is required" });
      continue;
    }
    out.push({ where, rule: ruleOf(issue) });
  }
  return out;
}

function ruleOf(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "invalid_type":
      if (issue.path.length === 0) return "must be a mapping of fields (name: value lines)";
      return typeRules[issue.expected] ?? `must be of type ${issue.expected}`;
    case "too_small":
      return sizeRule(issue.origin, issue.minimum, issue.inclusive ?? true, "min");
    case "too_big":
      return sizeRule(issue.origin, issue.maximum, issue.inclusive ?? true, "max");
    case "invalid_value":
      return `must be one of: ${issue.values.map(String).join(", ")}`;
    default:
      // custom refinements and unions carry our own wording (see schema.ts)
      return issue.message;
  }
}
