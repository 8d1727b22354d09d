import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ContentError } from "../errors.js";
import { parseCourse, type CourseFile } from "./parse.js";

const folder = fc.constantFrom("lessons", "quizzes", "exercises/01-ex", "exercises/x");
const fileName = fc.constantFrom("01-a.md", "02-b.md", "03-a.md", "exercise.md", "starter.ts", "a.test.ts", "bad.md");
const field = fc.constantFrom("title", "summary", "objectives", "minutes", "id", "lesson", "type", "prompt", "choices", "answer", "bloom", "difficulty", "hints");
// YAML is a superset of JSON, so JSON-serialised values make valid front matter of any shape.
const frontMatter = fc.oneof(
  fc.dictionary(field, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 8 }).map((d) => JSON.stringify(d)),
  fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v) ?? "null"),
  fc.string({ maxLength: 40 }),
);
const body = fc.constantFrom("", "Text.", "# T\n\n## Cheat sheet\n\n- x", "```\n## Cheat sheet\n```", "## Cheat sheet\n");
const file = fc
  .record({ folder, fileName, frontMatter, body, fenced: fc.boolean() })
  .map(({ folder, fileName, frontMatter, body, fenced }): CourseFile => ({
    path: `${folder}/${fileName}`,
    text: fenced ? `---\n${frontMatter}\n---\n${body}` : `${frontMatter}\n${body}`,
  }));

describe("parseCourse on arbitrary content", () => {
  it("returns a course or throws a ContentError naming only given files and folders, never crashes", () => {
    fc.assert(
      fc.property(fc.uniqueArray(file, { selector: (f) => f.path, maxLength: 8 }), (files) => {
        const known = new Set(files.flatMap((f) => [f.path, f.path.slice(0, f.path.lastIndexOf("/"))]));
        try {
          const course = parseCourse(files, "/c");
          expect(course.lessons.map((l) => l.number)).toEqual(course.lessons.map((_, i) => i + 1));
        } catch (e) {
          if (!(e instanceof ContentError)) throw e;
          expect(e.problems.length).toBeGreaterThan(0);
          for (const p of e.problems) expect(known.has(p.file)).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });
});
