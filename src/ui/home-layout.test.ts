import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { LessonStatus } from "../learning/course-status.js";
import { lessonLines, visibleList } from "./home-layout.js";

const lesson = (number: number, title: string): LessonStatus => ({
  id: `l${number}`,
  number,
  title,
  summary: "",
  minutes: 15,
  read: number % 3 === 0,
  exercise: number % 2 === 0 ? { id: `e${number}`, passed: number % 4 === 0 } : null,
  quiz: { mastered: number % 3, total: 2 },
  position: number % 3 === 1 ? 0.5 : null,
});
const long = "Event-Driven Architecture Patterns: Choreography vs Orchestration";
const course = Array.from({ length: 10 }, (_, i) => lesson(i + 1, i % 2 ? long : "Short"));
const words = (s: string) => s.split(/\s+/).filter(Boolean);

describe("the home list", () => {
  it("wraps a long title under itself, never cutting a word, at every width from 40", () => {
    for (let columns = 40; columns <= 120; columns++) {
      const lines = lessonLines(lesson(7, long), 6, true, columns);
      for (const l of lines) expect(l.text.length).toBeLessThanOrEqual(columns);
      expect(lines[0]!.text.startsWith("> [~]     1/2  7 ")).toBe(true);
      expect(lines.slice(1).every((l) => l.text.startsWith(" ".repeat(17)))).toBe(true);
      expect(words(lines.map((l) => l.text.slice(17)).join(" "))).toEqual(words(`${long} (15 min)`));
    }
  });

  it("marks whether the exercise passed and how many quiz cards are mastered", () => {
    expect(lessonLines(lesson(4, "Short"), 3, false, 120)[0]!.text).toBe("  [~] [✓] 1/2  4 Short (15 min)");
    expect(lessonLines(lesson(2, "Short"), 1, false, 120)[0]!.text).toBe("  [ ] [ ] 2/2  2 Short (15 min)");
  });

  it("shows the selected lesson whole and only whole lessons, within the rows", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 40, max: 120 }), fc.integer({ min: 4, max: 30 }), (selected, columns, rows) => {
        const lines = visibleList(course, selected, columns, rows);
        expect(lines.length).toBeLessThanOrEqual(rows);
        const shown = [...new Set(lines.map((l) => l.lesson))];
        expect(shown).toContain(selected);
        // Consecutive lessons, each with all of its lines.
        expect(shown).toEqual(Array.from({ length: shown.length }, (_, i) => shown[0]! + i));
        for (const i of shown) {
          expect(lines.filter((l) => l.lesson === i)).toEqual(lessonLines(course[i]!, i, i === selected, columns));
        }
      }),
    );
  });

  it("keeps the selection away from the edges when there is more to show", () => {
    const shown = new Set(visibleList(course, 5, 120, 5).map((l) => l.lesson));
    expect(shown).toEqual(new Set([3, 4, 5, 6, 7]));
  });
});
