// Every ```ts block in the lessons compiles and runs against the bundled broker, so a lesson
// can never show code that does not work. A block opts out only with `<!-- no-run: reason -->`.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { loadCourse } from "../src/content/fs-source.js";
import { codeBlocks } from "./helpers/code-blocks.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const dir = `${root}.tmp/lesson-code`;
const course = loadCourse(root);

const examples = course.lessons.flatMap((lesson) =>
  codeBlocks(lesson.body)
    .filter((b) => b.lang === "ts" || b.lang === "typescript")
    .map((b) => ({ lesson, block: b, file: `${dir}/${String(lesson.number).padStart(2, "0")}-line${b.line}.ts` })),
);
const runnable = examples.filter((e) => e.block.runnable);

let typeErrors = "";

beforeAll(() => {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const e of runnable) writeFileSync(e.file, e.block.code);
  writeFileSync(
    `${dir}/tsconfig.json`,
    JSON.stringify({ extends: "../../tsconfig.json", compilerOptions: { noEmit: true }, include: ["*.ts"] }),
  );
  try {
    execFileSync(process.execPath, [`${root}node_modules/typescript/bin/tsc`, "-p", `${dir}/tsconfig.json`], { encoding: "utf8" });
  } catch (err) {
    typeErrors = String((err as { stdout?: string }).stdout ?? err);
  }
}, 120_000);

it("finds examples to check, and the compiler ran on them", () => {
  expect(runnable.length).toBeGreaterThanOrEqual(course.lessons.length);
  // Errors that name no example file mean tsc itself failed (bad config, missing types).
  const names = runnable.map((e) => e.file.slice(dir.length + 1));
  const stray = typeErrors.split("\n").filter((l) => l.trim() && !names.some((n) => l.includes(n)) && !/^\s/.test(l));
  expect(stray).toEqual([]);
});

describe.each(examples.map((e) => [`${e.lesson.file}:${e.block.line}`, e] as const))("%s", (_name, e) => {
  if (!e.block.runnable) {
    it("gives a reason for not running", () => {
      expect(e.block.noRunReason?.length ?? 0).toBeGreaterThan(10);
    });
    return;
  }

  it("type-checks", () => {
    const mine = typeErrors.split("\n").filter((l) => l.includes(e.file.slice(dir.length + 1)));
    expect(mine).toEqual([]);
  });

  it("runs to completion and prints what it shows", () => {
    const r = spawnSync(process.execPath, ["--import", "tsx", e.file], { cwd: root, encoding: "utf8", timeout: 20_000 });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout.trim().length).toBeGreaterThan(0);
  });
});
