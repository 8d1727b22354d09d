// Issue 7 §1, as a property over the real lessons: at every width from 40 to 120 no rendered line
// is wider than the screen and every word of the lesson reaches it, in order (table cells in any
// order). Plain output is checked at all 81 widths; the Ink reader, paged through and scrolled
// sideways, at the widths people use and a few in between.
import stringWidth from "string-width";
import { describe, expect, it } from "vitest";
import { renderMarkdown } from "../src/ui/markdown.js";
import { cheatSheetMarkdown, lessonMarkdown } from "../src/ui/plain/lesson-text.js";
import { lessonFiles } from "./helpers/lesson-files.js";
import { readThrough } from "./helpers/reader-pages.js";
import { expectTextFit, textFitProblems } from "./helpers/text-fit.js";

const lessons = lessonFiles();
const widths = Array.from({ length: 81 }, (_, i) => 40 + i);
const readerWidths = [40, 47, 60, 73, 80, 99, 120];

it("reads the ten lessons", () => {
  expect(lessons.map((l) => l.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
});

describe.each(lessons.map((l) => [l.file, l] as const))("%s", (_file, lesson) => {
  const md = lessonMarkdown(lesson);

  it("plain output fits every width from 40 to 120 and keeps every word", () => {
    for (const width of widths) expectTextFit(md, renderMarkdown(md, { width }), width, lesson.file);
  });

  it("keeps every word with colour on too (codes stripped before measuring)", () => {
    for (const width of [40, 80]) expectTextFit(md, renderMarkdown(md, { width, color: true }), width, lesson.file);
  });

  it("its cheat sheet fits every width and keeps every word", () => {
    const sheet = cheatSheetMarkdown(lesson);
    for (const width of widths) expectTextFit(sheet, renderMarkdown(sheet, { width }), width, `${lesson.file} cheat sheet`);
  });

  it.each(readerWidths)("the reader at %i columns shows every word on some frame, and every frame fits", (columns) => {
    const read = readThrough(lesson, columns, 24);
    expect(read.problems).toEqual([]);
    for (const frame of read.frames) {
      const rows = frame.split("\n");
      expect(rows.length).toBeLessThanOrEqual(24);
      for (const row of rows.slice(1, -1)) expect(stringWidth(row), row).toBeLessThanOrEqual(read.width);
      for (const row of [rows[0]!, rows.at(-1)!]) expect(stringWidth(row), row).toBeLessThanOrEqual(columns - 1);
      expect(rows.at(-1), "the status line is fitted, never cut").not.toContain("…");
    }
    expect(textFitProblems(md, read.lines, Number.POSITIVE_INFINITY)).toEqual([]);
  });

  it("the reader with colour keeps every word at 60 columns", () => {
    const read = readThrough(lesson, 60, 24, true);
    expect(read.problems).toEqual([]);
    expect(textFitProblems(md, read.lines, Number.POSITIVE_INFINITY)).toEqual([]);
  });
});
