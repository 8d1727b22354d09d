import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { DataError } from "../errors.js";
import { COURSE_INDEX_FORMAT, courseFromIndex, toCourseIndex } from "./course-index.js";
import { loadCourse } from "./fs-source.js";

const fixture = join(fileURLToPath(new URL("../../test/fixtures/course-valid", import.meta.url)));
const course = loadCourse(fixture);
/** The index and texts as they come back from the JSON files. */
const built = JSON.parse(JSON.stringify(toCourseIndex(course))) as ReturnType<typeof toCourseIndex>;

function fromIndex(index: unknown = built.index, texts: unknown = built.texts) {
  const reads: string[] = [];
  const c = courseFromIndex(index, "/installed", "dist/course.json", {
    file: "dist/course-text.json",
    read: () => {
      reads.push("texts");
      return texts;
    },
  });
  return { c, reads };
}

describe("the course index", () => {
  it("gives back the validated course, rooted where it is read", () => {
    const { c } = fromIndex();
    expect(JSON.parse(JSON.stringify(c))).toEqual(JSON.parse(JSON.stringify({ ...course, root: "/installed" })));
  });

  it("keeps the long texts out of the index and reads them once, when one is first used", () => {
    expect(JSON.stringify(built.index)).not.toContain(course.lessons[0]!.body);
    const { c, reads } = fromIndex();
    expect(c.lessons.map((l) => l.title)).toEqual(course.lessons.map((l) => l.title));
    expect(c.quizzes.map((q) => q.answer)).toEqual(course.quizzes.map((q) => q.answer));
    expect(reads).toEqual([]);
    expect(c.lessons[1]!.body).toBe(course.lessons[1]!.body);
    expect(c.exercises[0]!.task).toBe(course.exercises[0]!.task);
    expect(c.quizzes.map((q) => q.explanation)).toEqual(course.quizzes.map((q) => q.explanation));
    expect(reads).toEqual(["texts"]);
  });

  it("refuses a file of another format or shape, naming it (exit 3)", () => {
    const bad = [null, [], { ...built.index, format: COURSE_INDEX_FORMAT + 1 }, { ...built.index, lessons: [] }, { ...built.index, quizzes: [{}] }];
    for (const index of bad) {
      let caught: unknown;
      try {
        fromIndex(index);
      } catch (error) {
        caught = error;
      }
      expect(caught, JSON.stringify(index)?.slice(0, 60)).toBeInstanceOf(DataError);
      expect((caught as DataError).code).toBe("BAD_COURSE_INDEX");
      expect((caught as DataError).message).toMatch(/^dist\/course\.json: .*\nReinstall mqtutor/);
    }
  });

  it("refuses texts that do not match the index when one is used, naming their file", () => {
    const short = { ...built.texts, lessons: built.texts.lessons.slice(1) };
    const { c } = fromIndex(built.index, short);
    expect(c.lessons[0]!.title).toBe(course.lessons[0]!.title);
    expect(() => c.lessons[0]!.body).toThrow(/^dist\/course-text\.json: is not a course index/);
  });
});
