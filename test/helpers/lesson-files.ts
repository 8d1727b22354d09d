/**
 * The lessons in lessons/, read file by file without validating the whole course (so a width
 * test does not depend on quizzes or exercises being complete while they are written).
 */
import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { extractCheatSheet } from "../../src/content/markdown.js";
import { splitFrontMatter } from "../../src/content/front-matter.js";
import type { Lesson } from "../../src/content/model.js";

const root = fileURLToPath(new URL("../../lessons/", import.meta.url));

export function lessonFiles(): Lesson[] {
  return readdirSync(root)
    .filter((f) => /^\d\d-.+\.md$/.test(f))
    .sort()
    .map((f) => {
      const split = splitFrontMatter(readFileSync(root + f, "utf8"));
      if (!split.ok) throw new Error(`lessons/${f}: ${split.problem.where} ${split.problem.rule}`);
      const data = split.data as Partial<Lesson>;
      const cheat = extractCheatSheet(split.body);
      return {
        number: Number(f.slice(0, 2)),
        slug: f.slice(3, -3),
        file: `lessons/${f}`,
        title: String(data.title ?? ""),
        summary: String(data.summary ?? ""),
        objectives: (data.objectives ?? []).map(String),
        minutes: Number(data.minutes ?? 0),
        body: split.body,
        cheatSheet: cheat.ok ? cheat.cheatSheet : "",
      };
    });
}
