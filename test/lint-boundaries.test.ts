// The import boundaries of STYLE.md are enforced by eslint; prove each rule bites.
import { ESLint } from "eslint";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const cwd = fileURLToPath(new URL("..", import.meta.url));
const eslint = new ESLint({ cwd });

async function restricted(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${cwd}${file}` });
  return result!.messages.filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
}

describe("import boundaries", () => {
  it.each([
    ["src/broker/queue/x.ts", 'import { renderMarkdown } from "../../ui/markdown.js";'],
    ["src/broker/x.ts", 'import { loadCourse } from "../content/fs-source.js";'],
    ["src/broker/x.ts", 'import { readFileSync } from "node:fs";'],
    ["src/broker/queue/x.ts", 'import { ExitCode } from "../../errors.js";'],
    ["src/broker/x.ts", 'import { parseLog } from "../learning/progress-events.js";'],
    ["src/broker/x.ts", 'import { render } from "ink";'],
    ["src/content/x.ts", 'import { App } from "../ui/App.js";'],
    ["src/learning/x.ts", 'import { Command } from "commander";'],
    ["src/learning/x.ts", 'import { createElement } from "react";'],
    ["src/ui/x.ts", 'import { main } from "../cli/main.js";'],
    ["src/ui/x.ts", 'import { ProgressStore } from "../learning/fs-progress-store.js";'],
  ])("%s may not: %s", async (file, code) => {
    expect(await restricted(file, `${code}\nexport {};\n`)).not.toEqual([]);
  });

  it.each([
    ["src/broker/queue/x.ts", 'import { ManualClock } from "../clock.js";'],
    ["src/ui/x.ts", 'import type { Course } from "../content/model.js";'],
    ["src/cli/x.ts", 'import { render } from "ink";'],
  ])("%s may: %s", async (file, code) => {
    expect(await restricted(file, `${code}\nexport {};\n`)).toEqual([]);
  });
});
