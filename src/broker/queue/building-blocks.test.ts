import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Deque } from "./deque.js";
import { checkBody, utf8Length } from "./message-input.js";
import { MinHeap } from "./min-heap.js";
import { formatReceiptHandle, parseReceiptHandle } from "./receipt-handle.js";

describe("Deque", () => {
  it("behaves like an array with push and shift", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer(), fc.constant("shift" as const), fc.constant("retain" as const)), { size: "large" }), (ops) => {
        const d = new Deque<number>();
        let model: number[] = [];
        for (const op of ops) {
          if (op === "shift") expect(d.shift()).toBe(model.shift());
          else if (op === "retain") {
            d.retain((x) => x % 2 === 0);
            model = model.filter((x) => x % 2 === 0);
          } else {
            d.push(op);
            model.push(op);
          }
          expect(d.length).toBe(model.length);
          expect(d.peek()).toBe(model[0]);
        }
        expect(d.toArray()).toEqual(model);
      }),
      { numRuns: 150 },
    );
  });

  it("keeps working across compactions (thousands of shifts)", () => {
    const d = new Deque<number>();
    for (let i = 0; i < 5000; i++) d.push(i);
    for (let i = 0; i < 4990; i++) expect(d.shift()).toBe(i);
    expect(d.toArray()).toEqual([4990, 4991, 4992, 4993, 4994, 4995, 4996, 4997, 4998, 4999]);
    expect(d.at(9)).toBe(4999);
  });
});

describe("MinHeap", () => {
  it("pops in sorted order, also after retain", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -50, max: 50 }), { size: "large" }), fc.integer({ min: 2, max: 5 }), (xs, k) => {
        const h = new MinHeap<number>((a, b) => a < b);
        xs.forEach((x) => h.push(x));
        h.retain((x) => x % k !== 0);
        const out: number[] = [];
        while (h.size > 0) out.push(h.pop()!);
        expect(out).toEqual(xs.filter((x) => x % k !== 0).sort((a, b) => a - b));
      }),
      { numRuns: 150 },
    );
  });
});

describe("UTF-8 sizes", () => {
  it("utf8Length and checkBody agree with TextEncoder on well-formed text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", minLength: 1 }), (s) => {
        const bytes = new TextEncoder().encode(s).length;
        expect(utf8Length(s)).toBe(bytes);
        // checkBody replaces what SQS disallows; the stored body is what it measured.
        const checked = checkBody(`a${s}`);
        expect(checked.bytes).toBe(new TextEncoder().encode(checked.body).length);
      }),
      { numRuns: 200 },
    );
  });
});

describe("receipt handles", () => {
  it("round-trip and reject anything else", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e9 }), fc.integer({ min: 1, max: 1e9 }), fc.integer({ min: 1, max: 1e9 }), fc.uuid(), (q, d, s, id) => {
        expect(parseReceiptHandle(formatReceiptHandle(q, d, s, id))).toEqual({ queueSerial: q, delivery: d, messageSerial: s, messageId: id });
      }),
    );
    for (const bad of ["", "abc", "1.2.x", "1.2.3", "1..3.x", ".1.2.x", "1.2.3.", "0.1.2.x", "A.1.2.x", 42, null]) expect(parseReceiptHandle(bad)).toBeUndefined();
  });
});
