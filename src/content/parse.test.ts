import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ContentError, formatProblem } from "../errors.js";
import { readCourseFiles } from "./fs-source.js";
import { parseCourse, type CourseFile } from "./parse.js";

const fixture = (name: string) => fileURLToPath(new URL(`../../test/fixtures/${name}`, import.meta.url));

/** The formatted problems parseCourse throws, or [] if it does not throw. */
function problemsOf(files: CourseFile[]): string[] {
  try {
    parseCourse(files, "/course");
    return [];
  } catch (e) {
    if (!(e instanceof ContentError)) throw e;
    return e.problems.map(formatProblem);
  }
}

const lesson = (title: string, extra = "") =>
  `---\ntitle: ${title}\nsummary: S.\nobjectives: [One]\nminutes: 5\n${extra}---\n# ${title}\n\n## Cheat sheet\n\n- ${title}\n`;

describe("parseCourse on the valid fixture", () => {
  const root = fixture("course-valid");
  const course = parseCourse(readCourseFiles(root), root);

  it("reads lessons in order with their front matter, body and cheat sheet", () => {
    expect(course.root).toBe(root);
    expect(course.lessons.map((l) => [l.number, l.slug, l.file, l.minutes])).toEqual([
      [1, "producer-consumer", "lessons/01-producer-consumer.md", 8],
      [2, "acknowledgements", "lessons/02-acknowledgements.md", 10.5],
      [3, "dead-letter-queues", "lessons/03-dead-letter-queues.md", 12],
    ]);
    const [first, second, third] = course.lessons;
    expect(first?.objectives).toEqual(["Name the two roles around a queue", "Explain how a queue absorbs a burst of work"]);
    expect(first?.body.startsWith("# Producers and consumers\n")).toBe(true);
    expect(first?.body).not.toContain("minutes:");
    expect(first?.cheatSheet).toBe("- Producer: sends. Consumer: receives.\n- The queue buffers the difference in speed.");
    // the fenced "## Cheat sheet" in lesson 2 is an example, not the section
    expect(second?.cheatSheet.startsWith("| ack |")).toBe(true);
    expect(third?.cheatSheet).toContain("### Remember");
  });

  it("resolves quiz lessons from numbers, numeric strings and slugs, in course order", () => {
    expect(course.quizzes.map((q) => [q.lesson, q.id, q.type])).toEqual([
      [1, "queue-purpose", "single"],
      [1, "queue-roles", "multiple"],
      [2, "ack-redelivery", "boolean"],
      [3, "dlq-redrive-order", "order"],
      [3, "dlq-name", "text"],
    ]);
    const order = course.quizzes.find((q) => q.type === "order");
    expect(order).toMatchObject({ file: "quizzes/01-redrive-order.md", answer: [1, 2, 0], bloom: "Understand", difficulty: 3 });
    expect(order?.choices).toHaveLength(3);
    const bool = course.quizzes.find((q) => q.type === "boolean");
    expect(bool && "choices" in bool).toBe(false);
    expect(bool?.explanation).toBe("Without the acknowledgement the broker cannot know the work was done, so it redelivers.");
  });

  it("reads the exercise folder", () => {
    expect(course.exercises).toEqual([
      {
        slug: "retrying-consumer",
        dir: "exercises/03-retrying-consumer",
        lesson: 3,
        title: "A retrying consumer",
        difficulty: 3,
        hints: ["Count the attempts per message id.", "Give up after the limit and report the message as dead."],
        task: "Write `attemptsLeft(limit, attempts)`: how many more times a message may be tried.",
        starterFile: "exercises/03-retrying-consumer/starter.ts",
        solutionFile: "exercises/03-retrying-consumer/solution.ts",
        testFiles: ["exercises/03-retrying-consumer/check.test.ts"],
      },
    ]);
  });
});

describe("parseCourse on the defects fixture", () => {
  it("reports every defect, one line each, in course order", () => {
    expect(problemsOf(readCourseFiles(fixture("course-defects")))).toEqual([
      `lessons/01-basics.md → front matter: "minutes" must be a number`,
      `lessons/02-queues.md → front matter: "summary" is required`,
      `lessons/02-routing.md → file name number 02 is already used by lessons/02-queues.md`,
      `lessons/04-logs.md → file name number 04 breaks the sequence: expected 03 (lessons are numbered 01, 02, 03, … with no gap)`,
      `lessons/05-queues.md → file name slug "queues" is already used by lessons/02-queues.md`,
      `lessons/06-no-cheat-sheet.md → body has no "## Cheat sheet" section: end the lesson with one`,
      `lessons/07-late-cheat-sheet.md → body "## Cheat sheet" must be the last section, but "## Further reading" follows it`,
      `lessons/08-bad-yaml.md → front matter is not valid YAML: missed comma between flow collection entries (line 4, column 1)`,
      `lessons/09-empty-objectives.md → front matter: "objectives" must not be empty`,
      `lessons/10-extra-field.md → front matter: "tags" is not a known field (known: title, summary, objectives, minutes)`,
      `lessons/11-no-front-matter.md → front matter is missing: start the file with a line ---, then the fields, then a line ---`,
      `lessons/11_bad_name.md → file name must be NN-slug.md: two digits, a dash, lowercase words joined by dashes (e.g. 03-dead-letter-queues.md)`,
      `lessons/12-title-number.md → front matter: "title" must be a string`,
      `quizzes/01-single-range.md → front matter: "answer" 3 is not among the choices (0-based indexes 0..2)`,
      `quizzes/02-multiple-duplicate.md → front matter: "answer" lists 1 more than once`,
      `quizzes/03-multiple-empty.md → front matter: "answer" must not be empty`,
      `quizzes/04-order-partial.md → front matter: "answer" must list every choice index (0..2) exactly once, in the correct order`,
      `quizzes/05-boolean-choices.md → front matter: "choices" is not used by type boolean: remove it`,
      `quizzes/06-text-string.md → front matter: "answer" must be a list`,
      `quizzes/07-unknown-type.md → front matter: "type" must be one of: single, multiple, boolean, order, text`,
      `quizzes/08-bloom.md → front matter: "bloom" must be one of: Remember, Understand, Apply, Analyze, Evaluate, Create`,
      `quizzes/09-difficulty.md → front matter: "difficulty" must be at most 5`,
      `quizzes/10-unknown-lesson.md → front matter: "lesson" names no lesson: no lesson has the slug "nope"`,
      `quizzes/11-missing-lesson-number.md → front matter: "lesson" names no lesson: there is no lesson 3 (lessons are 1..12)`,
      `quizzes/12-duplicate-id.md → front matter: "id" "single-range" is already used by quizzes/01-single-range.md`,
      `quizzes/13-no-explanation.md → body is empty: explain the answer there (and why the other choices are wrong)`,
      `quizzes/14-bad-yaml.md → front matter is not valid YAML: missed comma between flow collection entries (line 4, column 1)`,
      `quizzes/15-choices-missing.md → front matter: "choices" is required`,
      `quizzes/16-answer-text.md → front matter: "answer" must be a number`,
      `quizzes/single.md → file name must be NN-slug.md: two digits, a dash, lowercase words joined by dashes (e.g. 03-dlq-max-receive.md)`,
      `exercises/01-missing-starter → folder is missing starter.ts`,
      `exercises/02-no-tests → folder has no test file (*.test.ts) with the checks`,
      `exercises/03-unknown-lesson/exercise.md → front matter: "lesson" names no lesson: there is no lesson 99 (lessons are 1..12)`,
      `exercises/04-hints-string/exercise.md → front matter: "hints" must be a list`,
      `exercises/05-no-exercise-md → folder is missing exercise.md`,
      `exercises/06-missing-starter → folder name slug "missing-starter" is already used by exercises/01-missing-starter`,
      `exercises/07-no-task/exercise.md → body is empty: describe the task there`,
      `exercises/Bad_Name → folder name must be NN-slug: two digits, a dash, lowercase words joined by dashes (e.g. 03-retrying-consumer)`,
    ]);
  });

  it("throws a ContentError that exits 3 and lists the problems in its message", () => {
    let error: unknown;
    try {
      parseCourse(readCourseFiles(fixture("course-defects")), "/x");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ContentError);
    const ce = error as ContentError;
    expect(ce.exitCode).toBe(3);
    expect(ce.message.split("\n")[0]).toBe(`The course content has ${ce.problems.length} problems:`);
    expect(ce.message).toContain(`  lessons/01-basics.md → front matter: "minutes" must be a number\n`);
  });
});

describe("parseCourse rules", () => {
  const lessons = (...titles: string[]) =>
    titles.map((t, i) => ({ path: `lessons/0${i + 1}-${t}.md`, text: lesson(t) }));

  it("reports bad YAML in two different files both times, and again on a second parse", () => {
    const bad = "---\ntitle: [unclosed\n---\nBody\n";
    const files = [...lessons("one"), { path: "quizzes/01-a.md", text: bad }, { path: "quizzes/02-b.md", text: bad }];
    const expected = [
      "quizzes/01-a.md → front matter is not valid YAML: unexpected end of the stream within a flow collection (line 3, column 1)",
      "quizzes/02-b.md → front matter is not valid YAML: unexpected end of the stream within a flow collection (line 3, column 1)",
    ];
    expect(problemsOf(files)).toEqual(expected);
    expect(problemsOf(files)).toEqual(expected);
  });

  it("accepts an empty course and ignores files outside the content folders", () => {
    const course = parseCourse(
      [
        { path: "README.md", text: "# not content" },
        { path: "lessons/.gitkeep", text: "" },
        { path: "exercises/README.md", text: "about exercises" },
      ],
      "/c",
    );
    expect(course).toEqual({ root: "/c", lessons: [], quizzes: [], exercises: [] });
  });

  it("reads Windows line endings and a byte-order mark like plain text", () => {
    const text = "\uFEFF" + lesson("crlf").replace(/\n/g, "\r\n");
    const course = parseCourse([{ path: "lessons/01-crlf.md", text }], "/c");
    expect(course.lessons[0]?.cheatSheet).toBe("- crlf");
    expect(course.lessons[0]?.title).toBe("crlf");
  });

  it("reports a lesson number 00 and more than one gap", () => {
    const files = [
      { path: "lessons/00-zero.md", text: lesson("zero") },
      { path: "lessons/01-one.md", text: lesson("one") },
      { path: "lessons/03-three.md", text: lesson("three") },
      { path: "lessons/06-six.md", text: lesson("six") },
    ];
    expect(problemsOf(files)).toEqual([
      "lessons/00-zero.md → file name number 00 breaks the sequence: expected 01 (lessons are numbered 01, 02, 03, … with no gap)",
      "lessons/03-three.md → file name number 03 breaks the sequence: expected 02 (lessons are numbered 01, 02, 03, … with no gap)",
      "lessons/06-six.md → file name number 06 breaks the sequence: expected 04 (lessons are numbered 01, 02, 03, … with no gap)",
    ]);
  });

  it("checks duplicate ids and lesson references even when the file has other problems", () => {
    const q = (id: string, extra: string) =>
      `---\nid: ${id}\nlesson: 1\ntype: boolean\nprompt: P?\nanswer: true\nbloom: Apply\ndifficulty: 1\n${extra}---\nWhy.\n`;
    const files = [
      ...lessons("one"),
      { path: "quizzes/01-a.md", text: q("same", "colour: red\n") },
      { path: "quizzes/02-b.md", text: q("same", "").replace("lesson: 1", "lesson: 2").replace("bloom: Apply", "bloom: x") },
    ];
    expect(problemsOf(files)).toEqual([
      `quizzes/01-a.md → front matter: "colour" is not a known field (known: type, id, lesson, prompt, bloom, difficulty, answer)`,
      `quizzes/02-b.md → front matter: "bloom" must be one of: Remember, Understand, Apply, Analyze, Evaluate, Create`,
      `quizzes/02-b.md → front matter: "id" "same" is already used by quizzes/01-a.md`,
      `quizzes/02-b.md → front matter: "lesson" names no lesson: there is no lesson 2 (the only lesson is 1)`,
    ]);
  });

  it("finds test files anywhere in an exercise folder and skips dot folders", () => {
    const md = "---\ntitle: T\nlesson: one\ndifficulty: 2\nhints: []\n---\nDo it.\n";
    const course = parseCourse(
      [
        ...lessons("one"),
        { path: "exercises/01-ex/exercise.md", text: md },
        { path: "exercises/01-ex/starter.ts", text: "" },
        { path: "exercises/01-ex/solution.ts", text: "" },
        { path: "exercises/01-ex/checks/b.test.ts", text: "" },
        { path: "exercises/01-ex/a.test.ts", text: "" },
        { path: "exercises/.cache/x.ts", text: "" },
      ],
      "/c",
    );
    expect(course.exercises.map((e) => [e.slug, e.lesson, e.hints, e.testFiles])).toEqual([
      ["ex", 1, [], ["exercises/01-ex/a.test.ts", "exercises/01-ex/checks/b.test.ts"]],
    ]);
  });
});
