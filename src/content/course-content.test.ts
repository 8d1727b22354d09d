// CI's content validation: the course shipped in this repository has no problems.
import { describe, expect, it } from "vitest";
import { ContentError, formatProblem } from "../errors.js";
import { defaultCourseRoot, loadCourse } from "./fs-source.js";

describe("the real course", () => {
  it("has no content problems", () => {
    let problems: string[] = [];
    try {
      const course = loadCourse(defaultCourseRoot());
      expect(course.lessons.map((l) => l.number)).toEqual(course.lessons.map((_, i) => i + 1));
    } catch (e) {
      if (!(e instanceof ContentError)) throw e;
      problems = e.problems.map(formatProblem);
    }
    // Listed in full so a failing CI run names every file to fix.
    expect(problems).toEqual([]);
  });
});
