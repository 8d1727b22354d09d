import { describe, expect, it } from "vitest";
import { ContentError, formatProblem } from "../errors.js";
import { findCommentCuts } from "./comment-cuts.js";
import { splitFrontMatter } from "./front-matter.js";
import { parseCourse } from "./parse.js";

const fm = (...lines: string[]) => `---\n${lines.join("\n")}\n---\nBody.\n`;
const wheres = (text: string) => findCommentCuts(text).map((p) => p.where);

describe("findCommentCuts", () => {
  it("names the list item an unquoted ' #' cuts, and the words kept", () => {
    const text = fm("title: T", "objectives:", "  - Contrast queues and topics.", "  - Route with * and # patterns.");
    // The trap itself: YAML loads the cut value without complaint.
    expect(splitFrontMatter(text)).toMatchObject({ ok: true, data: { objectives: ["Contrast queues and topics.", "Route with * and"] } });
    expect(findCommentCuts(text)).toEqual([
      {
        where: 'front matter: "objectives[1]"',
        rule:
          'is cut at "Route with * and": an unquoted " #" starts a YAML comment, so the rest of the line is dropped; ' +
          "put the value in double quotes",
      },
    ]);
  });

  it("flags top-level values, flow lists, nested mappings and plain continuation lines", () => {
    expect(wheres(fm("title: Fan-out with # routing"))).toEqual(['front matter: "title"']);
    expect(wheres(fm("objectives: [One, Two # three]"))).toEqual(['front matter: "objectives"']);
    expect(wheres(fm("choices:", "  - text: A", "    note: see # this", "  - text: B # cut"))).toEqual([
      'front matter: "choices[0]"',
      'front matter: "choices[1]"',
    ]);
    expect(wheres(fm("summary: A plain value", "  that goes on # and is cut"))).toEqual(['front matter: "summary"']);
  });

  it("shortens a long kept value to its last words", () => {
    const [p] = findCommentCuts(fm(`title: ${"word ".repeat(20)}end # cut`));
    expect(p?.rule).toMatch(/^is cut at "…(word )+end":/);
  });

  it("leaves quoted values, block scalars, comments and '#' without a space alone", () => {
    const text = fm(
      "# a whole-line comment",
      'title: "Topics: * and # patterns"',
      "prompt: 'It''s # fine'",
      'summary: "starts here, # still quoted,',
      '  and # ends here"',
      "body: >-",
      "  Folded text with # inside",
      "  - and a dash # too",
      "code: |",
      "  x = 1 # literal",
      "lesson: C# basics",
      'hint: "quoted" # a deliberate comment after the value',
      "minutes: # nothing here",
      "answer: [\"a # b\", 'c # d']",
    );
    expect(findCommentCuts(text)).toEqual([]);
  });

  it("looks only at the front matter", () => {
    expect(findCommentCuts("# Title\n\nsome: text # here\n")).toEqual([]);
    expect(findCommentCuts("---\ntitle: A\nminutes: 5\n---\nbody: x # y\n")).toEqual([]);
    expect(findCommentCuts("---\ntitle: A # never closed\n")).toEqual([]);
  });
});

describe("parseCourse reports a value cut by a comment", () => {
  it("names file, field and rule, together with the file's other problems", () => {
    const lesson = fm(
      "title: Pub/Sub",
      "summary: S.",
      "objectives:",
      "  - Contrast queues and topics.",
      "  - Route events with * and # patterns.",
      "minutes: 5",
    ).replace("Body.\n", "# Pub/Sub\n\n## Cheat sheet\n\n- one\n");
    let problems: string[] = [];
    try {
      parseCourse([{ path: "lessons/02-pub-sub.md", text: lesson }], "/course");
    } catch (e) {
      if (!(e instanceof ContentError)) throw e;
      problems = e.problems.map(formatProblem);
    }
    expect(problems).toContain(
      'lessons/02-pub-sub.md → front matter: "objectives[1]" is cut at "Route events with * and": ' +
        'an unquoted " #" starts a YAML comment, so the rest of the line is dropped; put the value in double quotes',
    );
    // the lesson numbering (01 is missing) is still reported alongside
    expect(problems.some((p) => p.includes("breaks the sequence"))).toBe(true);
  });
});
