import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../errors.js";
import { defaultPartition, murmur2, toPositive } from "./murmur2.js";

interface TableCase {
  key?: string;
  keyHex?: string;
  murmur2: number;
  partitions: number[];
}
const table = JSON.parse(readFileSync(new URL("./testdata/kafkajs-partition-table.json", import.meta.url), "utf8")) as {
  generatedBy: string;
  counts: number[];
  cases: TableCase[];
};
const bytesOf = (c: TableCase): Uint8Array => (c.keyHex !== undefined ? Uint8Array.from(Buffer.from(c.keyHex, "hex")) : new TextEncoder().encode(c.key!));
const ascii = (s: string): Uint8Array => Uint8Array.from(s, (ch) => ch.charCodeAt(0));

describe("murmur2", () => {
  // apache/kafka clients/src/test/java/org/apache/kafka/common/utils/UtilsTest.java, testMurmur2
  // (read at commit f55581dc73953c3509a4702433aeeeddc2970779).
  const kafkaVectors: [Uint8Array, number][] = [
    [ascii("21"), -973932308],
    [ascii("foobar"), -790332482],
    [ascii("a-little-bit-long-string"), -985981536],
    [ascii("a-little-bit-longer-string"), -1486304829],
    [ascii("lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8"), -58897971],
    [Uint8Array.of(0x61, 0x62, 0x63), 479470107],
  ];

  it.each(kafkaVectors)("matches Kafka's own test vector %#", (bytes, expected) => {
    expect(murmur2(bytes)).toBe(expected);
  });

  it("matches every row of the kafkajs table (murmur2 and partition for each count)", () => {
    expect(table.cases.length).toBeGreaterThan(100);
    for (const c of table.cases) {
      const bytes = bytesOf(c);
      expect(murmur2(bytes), JSON.stringify(c.key ?? c.keyHex)).toBe(c.murmur2);
      table.counts.forEach((n, i) => {
        const key = c.keyHex !== undefined ? bytes : c.key!;
        expect(defaultPartition(key, n), `${JSON.stringify(c.key ?? c.keyHex)} % ${n}`).toBe(c.partitions[i]);
      });
    }
  });

  it("agrees with kafkajs's Java-compatible murmur2 on random keys", () => {
    const require = createRequire(import.meta.url);
    const kafkajsMurmur2 = require("kafkajs/src/producer/partitioners/default/murmur2.js") as (key: Buffer | string) => number;
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => murmur2(bytes) === kafkajsMurmur2(Buffer.from(bytes))),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 30 }), fc.integer({ min: 1, max: 500 }), (s, n) => {
        return defaultPartition(s, n) === toPositive(kafkajsMurmur2(s)) % n;
      }),
      { numRuns: 300 },
    );
  });
});

describe("defaultPartition", () => {
  it("hashes a string as its UTF-8 bytes", () => {
    expect(defaultPartition("café", 7)).toBe(defaultPartition(new TextEncoder().encode("café"), 7));
  });

  it("uses & 0x7fffffff, not Math.abs", () => {
    expect(toPositive(-2147483648)).toBe(0);
    expect(toPositive(-1)).toBe(0x7fffffff);
    // "21" hashes negative: abs() would give a different partition for most counts
    const h = murmur2(ascii("21"));
    expect(h).toBeLessThan(0);
    expect(defaultPartition("21", 7)).toBe((h & 0x7fffffff) % 7);
    expect(defaultPartition("21", 7)).not.toBe(Math.abs(h) % 7);
  });

  it("rejects a bad partition count or key", () => {
    expect(() => defaultPartition("k", 0)).toThrow(InvalidArgumentError);
    expect(() => defaultPartition("k", 1.5)).toThrow(/partitionCount must be an integer >= 1/);
    expect(() => defaultPartition(42 as unknown as string, 3)).toThrow(/key must be a string or a Uint8Array/);
  });
});
