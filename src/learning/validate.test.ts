import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { anyOf, array, boolean, describeIssues, integer, isoDateTime, literal, object, oneOf, optional, string } from "./validate.js";

describe("isoDateTime", () => {
  // The log used zod's check before; a log valid then must be valid now, and the reverse.
  const zodCheck = z.iso.datetime({ offset: true });
  const agrees = (s: string) => {
    expect(isoDateTime().safeParse(s).success, s).toBe(zodCheck.safeParse(s).success);
  };

  it("accepts what zod's iso.datetime({ offset: true }) accepted, on examples", () => {
    const cases = [
      "2025-03-01T10:00:00.000Z",
      "2025-03-01T10:00:00.123456789+05:30",
      "2025-03-01T10:00:00Z",
      "2024-02-29T00:00:00Z",
      "2023-02-29T00:00:00Z",
      "2025-13-45T00:00:00Z",
      "2025-03-01T10:00Z",
      "2025-03-01T24:00:00Z",
      "2025-03-01 10:00:00Z",
      "2025-03-01T10:00:00",
      "2025-03-01T10:00:00+0530",
      "yesterday",
    ];
    for (const c of cases) agrees(c);
  });

  it("agrees with zod on generated timestamps and their mutations (property)", () => {
    const stamp = fc
      .date({ min: new Date("0001-01-01T00:00:00Z"), max: new Date("9999-12-31T23:59:59Z"), noInvalidDate: true })
      .map((d) => d.toISOString());
    const mutated = fc.tuple(stamp, fc.nat(), fc.constantFrom("", "0", "9", ":", "+", "Z", ".", "T")).map(([s, i, c]) => {
      const at = i % (s.length + 1);
      return s.slice(0, at) + c + s.slice(at + 1);
    });
    fc.assert(fc.property(fc.oneof(stamp, mutated), agrees), { numRuns: 500 });
  });
});

describe("object", () => {
  const event = object({ v: literal(1), name: string({ min: 1, max: 5 }), n: integer({ min: 0 }), note: optional(string()) });

  it("keeps the shape's fields in shape order and drops unknown ones", () => {
    const r = event.safeParse({ extra: true, n: 3, name: "ab", v: 1 });
    expect(r).toEqual({ success: true, data: { v: 1, name: "ab", n: 3 } });
    expect(Object.keys(r.success ? r.data : {})).toEqual(["v", "name", "n"]);
  });

  it("reports every bad field with its path", () => {
    const r = event.safeParse({ v: 2, name: "", n: 1.5, note: 4 });
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(describeIssues(r.issues)).toBe(
      'v: must be 1; name: must not be empty; n: must be an integer; note: must be a string',
    );
    const missing = event.safeParse({});
    expect(missing.success ? "" : describeIssues(missing.issues)).toBe("v: is missing; name: is missing; n: is missing");
  });

  it("ignores inherited keys such as __proto__ tricks and refuses non-objects", () => {
    expect(object({ toString: optional(string()) }).safeParse({}).success).toBe(true);
    for (const bad of [null, [], 3, "x"]) expect(event.safeParse(bad).success).toBe(false);
  });

  it("runs refinements only on valid values, with the path given", () => {
    const pos = object({ line: integer(), of: integer() }).refine((e) => e.line <= e.of, { message: "too far", path: ["line"] });
    expect(pos.safeParse({ line: 2, of: 1 })).toEqual({ success: false, issues: [{ path: ["line"], message: "too far" }] });
    expect(pos.safeParse({ line: "x", of: 1 }).success).toBe(false);
    expect(pos.safeParse({ line: 1, of: 1 }).success).toBe(true);
  });
});

describe("the other validators", () => {
  it("check what their names say", () => {
    expect(oneOf(["again", "good"]).safeParse("good").success).toBe(true);
    expect(oneOf(["again", "good"]).safeParse("easy").success).toBe(false);
    expect(boolean().safeParse(false).success).toBe(true);
    expect(boolean().safeParse("false").success).toBe(false);
    expect(integer({ max: 3 }).safeParse(4).success).toBe(false);
    expect(integer().safeParse(Number.NaN).success).toBe(false);
    expect(string({ max: 2 }).safeParse("abc").success).toBe(false);
    const list = array(integer(), { min: 1 });
    expect(list.safeParse([])).toMatchObject({ success: false });
    const bad = list.safeParse([1, "x"]);
    expect(bad.success ? "" : describeIssues(bad.issues)).toBe("1: must be an integer");
    const answer = anyOf([integer(), array(string())], "must be a number or a list of texts");
    expect(answer.safeParse(["a"]).success).toBe(true);
    expect(answer.safeParse(true)).toEqual({ success: false, issues: [{ path: [], message: "must be a number or a list of texts" }] });
  });
});
