/**
 * A run's result in words, for `verify` and the exercise screen: the first failure in full
 * (the check's name, what was expected and got, the counterexample's timeline, how to replay
 * it), then every check as a one-line checklist in the order the check file declares them.
 * Pure: text in, text out; the caller wraps it to the screen.
 */
import type { RunResult } from "./result.js";
import { firstFailure } from "./result.js";

export interface ReportOptions {
  /** How to name the exercise in commands (`mqtutor verify <id>`). */
  id: string;
  /** ✓/✗ when Unicode is fine; [ok]/[x] otherwise. */
  ascii?: boolean;
}

/** One line: the exercise and its verdict. */
export function headline(r: RunResult, o: ReportOptions): string {
  const passed = r.checks.filter((c) => c.passed).length;
  const mark = (ok: boolean) => (ok ? (o.ascii ? "[ok]" : "✓") : o.ascii ? "[x]" : "✗");
  switch (r.status) {
    case "passed":
      return `${mark(true)} ${o.id}: passed, all ${r.checks.length} checks`;
    case "failed":
      return `${mark(false)} ${o.id}: failing, ${passed} of ${r.checks.length} checks pass`;
    case "type-error":
      return `${mark(false)} ${o.id}: does not compile (${r.typeProblems.length} type error${r.typeProblems.length === 1 ? "" : "s"}); no check ran`;
    case "crashed":
      return `${mark(false)} ${o.id}: your code crashed the run`;
    case "timeout":
      return `${mark(false)} ${o.id}: stopped after the time limit`;
    case "not-started":
      return `${mark(false)} ${o.id}: not started`;
  }
}

/** The whole report, as markdown-free lines. */
export function reportLines(r: RunResult, o: ReportOptions): string[] {
  const out = [headline(r, o), `  file: ${r.file}`];
  if (r.status === "not-started") {
    out.push("", r.message ?? "", `Create it from the starter with: mqtutor exercise ${o.id}  (or: mqtutor reset ${o.id})`);
    return out;
  }
  if (r.status === "type-error") {
    out.push("", "Fix these first (file:line:column):");
    for (const p of r.typeProblems.slice(0, 10)) out.push(`  ${p.file}:${p.line}:${p.column}  ${p.message}`);
    if (r.typeProblems.length > 10) out.push(`  … and ${r.typeProblems.length - 10} more`);
    return out;
  }
  if (r.message) out.push("", r.message);
  const first = firstFailure(r);
  if (first) {
    out.push("", `First failure: ${first.name}`);
    for (const line of (first.message ?? "").split("\n")) out.push(`  ${line}`);
    if (first.expected !== undefined) out.push(`  expected: ${indentRest(first.expected, 12)}`);
    if (first.actual !== undefined) out.push(`  got:      ${indentRest(first.actual, 12)}`);
    if (first.timeline?.length) {
      out.push("  What happened, step by step:");
      first.timeline.forEach((step, i) => out.push(`    ${i + 1}. ${step}`));
    }
    if (first.replay) out.push(`  Replay this case: mqtutor verify ${o.id} --seed ${first.replay}`);
  }
  if (r.checks.length > 0) {
    out.push("", "Checks:");
    for (const c of r.checks) out.push(`  ${c.passed ? (o.ascii ? "[ok]" : "✓") : o.ascii ? "[x] " : "✗"} ${c.name}`);
  }
  if (r.output && r.status !== "passed") {
    out.push("", "Your code printed (first lines; checks never read it):");
    for (const l of r.output.trimEnd().split("\n").slice(0, 8)) out.push(`  | ${l}`);
  }
  return out;
}

function indentRest(text: string, n: number): string {
  return text.split("\n").join(`\n${" ".repeat(n)}`);
}

/** The `verify --json` shape of one result. */
export function resultJson(r: RunResult): { id: string; file: string; status: string; passed: boolean; failures: { name: string; message: string }[] } {
  const failures = r.checks.filter((c) => !c.passed).map((c) => ({ name: c.name, message: c.message ?? "" }));
  if (r.status === "type-error") {
    failures.unshift(
      ...r.typeProblems.map((p) => ({ name: "type check", message: `${p.file}:${p.line}:${p.column} ${p.message}` })),
    );
  } else if (r.status !== "passed" && r.status !== "failed") {
    failures.unshift({ name: r.status, message: r.message ?? "" });
  }
  return { id: r.exercise, file: r.file, status: r.status, passed: r.status === "passed", failures };
}
