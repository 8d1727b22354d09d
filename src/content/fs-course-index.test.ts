import { cpSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { toCourseIndex } from "./course-index.js";
import { readCourseIndex, textsFileOf } from "./fs-course-index.js";
import { loadCourse } from "./fs-source.js";

const fixture = fileURLToPath(new URL("../../test/fixtures/course-valid", import.meta.url));
const temps: string[] = [];
afterEach(() => {
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A copy of the valid fixture with its index built, files dated `contentAt`, the index `builtAt`. */
function installed(contentAt: Date, builtAt: Date) {
  const root = mkdtempSync(join(tmpdir(), "mqtutor-index-"));
  temps.push(root);
  cpSync(fixture, root, { recursive: true });
  const { index, texts } = toCourseIndex(loadCourse(root));
  const file = join(root, "course.json");
  writeFileSync(textsFileOf(file), JSON.stringify(texts));
  writeFileSync(file, JSON.stringify(index));
  for (const p of readdirSync(root, { recursive: true }) as string[]) utimesSync(join(root, p), contentAt, contentAt);
  utimesSync(file, builtAt, builtAt);
  return { root, file };
}

describe("readCourseIndex", () => {
  const old = new Date("2026-01-01T00:00:00Z");
  const later = new Date("2026-01-02T00:00:00Z");

  it("reads the course from an index at least as new as the content (an installed package dates all alike)", () => {
    const { root, file } = installed(old, old);
    const course = readCourseIndex(file, root);
    expect(course?.root).toBe(root);
    expect(course?.lessons.map((l) => l.slug)).toEqual(loadCourse(root).lessons.map((l) => l.slug));
    expect(course?.lessons[0]!.body).toBe(loadCourse(root).lessons[0]!.body);
  });

  it("says there is none when a lesson changed after the build, or nothing was built", () => {
    const { root, file } = installed(old, old);
    utimesSync(join(root, "lessons", "01-producer-consumer.md"), later, later);
    expect(readCourseIndex(file, root)).toBeUndefined();
    expect(readCourseIndex(join(root, "missing.json"), root)).toBeUndefined();
  });

  it("names a damaged index (exit 3)", () => {
    const { root, file } = installed(old, later);
    writeFileSync(file, '{"format":2,"less');
    utimesSync(file, later, later);
    expect(() => readCourseIndex(file, root)).toThrow(/course\.json: is not valid JSON\.\nReinstall mqtutor/);
  });
});
