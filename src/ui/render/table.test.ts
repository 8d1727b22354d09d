import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fitColumns } from "./table.js";

describe("fitColumns", () => {
  it("gives every column its natural width when the table fits", () => {
    expect(fitColumns([5, 10, 3], [2, 4, 3], 30)).toEqual([5, 10, 3]);
  });

  it("keeps short columns whole and lets the widest wrap", () => {
    expect(fitColumns([8, 17, 48], [6, 9, 6], 50)).toEqual([8, 17, 25]);
  });

  it("gives up (null) when the minimums do not fit", () => {
    expect(fitColumns([10, 10], [8, 9], 16)).toBeNull();
  });

  // Found by the lesson-width property: a short column's natural width left the others
  // less than their minimums, and the table came out one column too wide.
  it("never exceeds the room, never goes below a minimum", () => {
    expect(fitColumns([10, 16, 17, 15], [9, 12, 12, 15], 48)).toEqual([9, 12, 12, 15]);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 40 })), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 120 }),
        (cols, room) => {
          const minimum = cols.map(([m]) => m);
          const natural = cols.map(([m, extra]) => m + extra);
          const widths = fitColumns(natural, minimum, room);
          const sum = (ws: number[]) => ws.reduce((a, b) => a + b, 0);
          if (sum(minimum) > room) {
            expect(widths).toBeNull();
            return;
          }
          expect(sum(widths!)).toBeLessThanOrEqual(room);
          widths!.forEach((w, j) => {
            expect(w).toBeGreaterThanOrEqual(minimum[j]!);
            expect(w).toBeLessThanOrEqual(natural[j]!);
          });
        },
      ),
    );
  });
});
