import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assignPartitions, type AssignorMember } from "./assignors.js";
import type { AssignorName, TopicPartition } from "./types.js";

const tp = (s: string): TopicPartition => {
  const m = /^(t\d)p(\d+)$/.exec(s)!;
  return { topic: m[1]!, partition: Number(m[2]) };
};
const fmt = (a: Map<string, TopicPartition[]>) => Object.fromEntries([...a].map(([k, v]) => [k, v.map((p) => `${p.topic}p${p.partition}`)]));
const member = (memberId: string, topics: string[], owned: string[] = []): AssignorMember => ({ memberId, topics, owned: owned.map(tp) });

describe("assignors: the examples in Kafka's javadoc", () => {
  const counts = new Map([["t0", 3], ["t1", 3]]);
  const two = [member("C0", ["t0", "t1"]), member("C1", ["t0", "t1"])];

  it("range (RangeAssignor javadoc)", () => {
    expect(fmt(assignPartitions("range", two, counts))).toEqual({ C0: ["t0p0", "t0p1", "t1p0", "t1p1"], C1: ["t0p2", "t1p2"] });
  });

  it("roundrobin, equal subscriptions (RoundRobinAssignor javadoc)", () => {
    expect(fmt(assignPartitions("roundrobin", two, counts))).toEqual({ C0: ["t0p0", "t0p2", "t1p1"], C1: ["t0p1", "t1p0", "t1p2"] });
  });

  it("roundrobin, unequal subscriptions (RoundRobinAssignor javadoc)", () => {
    const members = [member("C0", ["t0"]), member("C1", ["t0", "t1"]), member("C2", ["t0", "t1", "t2"])];
    const c = new Map([["t0", 1], ["t1", 2], ["t2", 3]]);
    expect(fmt(assignPartitions("roundrobin", members, c))).toEqual({ C0: ["t0p0"], C1: ["t1p0"], C2: ["t1p1", "t2p0", "t2p1", "t2p2"] });
  });

  it("cooperative-sticky keeps what it can when a member leaves (StickyAssignor javadoc scenario)", () => {
    const c = new Map([["t0", 2], ["t1", 2], ["t2", 2], ["t3", 2]]);
    const all = ["t0", "t1", "t2", "t3"];
    const result = assignPartitions("cooperative-sticky", [member("C0", all, ["t0p0", "t1p1", "t3p0"]), member("C2", all, ["t1p0", "t2p1"])], c);
    const f = fmt(result);
    expect(f.C0).toEqual(expect.arrayContaining(["t0p0", "t1p1", "t3p0"]));
    expect(f.C2).toEqual(expect.arrayContaining(["t1p0", "t2p1"]));
    expect([f.C0!.length, f.C2!.length]).toEqual([4, 4]);
  });

  it("cooperative-sticky keeps owned partitions in partition-then-topic order (Kafka 3.1+ constrained assignment)", () => {
    // A owned all four; B joins. Kafka keeps A's first two by partition number: t0p0 and t1p0.
    const c = new Map([["t0", 2], ["t1", 2]]);
    const r = assignPartitions("cooperative-sticky", [member("A", ["t0", "t1"], ["t0p0", "t0p1", "t1p0", "t1p1"]), member("B", ["t0", "t1"])], c);
    expect(fmt(r)).toEqual({ A: ["t0p0", "t1p0"], B: ["t0p1", "t1p1"] });
  });

  it("cooperative-sticky: only as many members as need it keep maxQuota; the others give back down to minQuota", () => {
    // 7 partitions, 3 members: one member may have 3. A keeps 3, B (also owning 3) keeps 2, and
    // C takes what they gave back — nothing is taken from A's kept partitions.
    const c = new Map([["t0", 7]]);
    const r = assignPartitions(
      "cooperative-sticky",
      [member("A", ["t0"], ["t0p0", "t0p1", "t0p2", "t0p3"]), member("B", ["t0"], ["t0p4", "t0p5", "t0p6"]), member("C", ["t0"])],
      c,
    );
    expect(fmt(r)).toEqual({ A: ["t0p0", "t0p1", "t0p2"], B: ["t0p4", "t0p5"], C: ["t0p3", "t0p6"] });
  });

  it("range sorts members by member id, not by join order", () => {
    const r = assignPartitions("range", [member("b", ["t0"]), member("a", ["t0"])], new Map([["t0", 3]]));
    expect(fmt(r)).toEqual({ b: ["t0p2"], a: ["t0p0", "t0p1"] });
  });
});

const arbGroup = fc
  .record({
    topics: fc.integer({ min: 1, max: 3 }),
    members: fc.integer({ min: 1, max: 6 }),
    sameSubscription: fc.boolean(),
  })
  .chain(({ topics, members, sameSubscription }) =>
    fc.record({
      counts: fc.array(fc.integer({ min: 0, max: 8 }), { minLength: topics, maxLength: topics }),
      subs: fc.array(fc.subarray(Array.from({ length: topics }, (_, i) => `t${i}`), { minLength: 1 }), { minLength: members, maxLength: members }),
      sameSubscription: fc.constant(sameSubscription),
      ownedSeed: fc.array(fc.nat(), { minLength: 40, maxLength: 40 }),
    }),
  );

describe("assignors: properties", () => {
  for (const name of ["range", "roundrobin", "cooperative-sticky"] as AssignorName[]) {
    it(`${name}: every subscribed partition goes to exactly one subscribed member`, () => {
      fc.assert(
        fc.property(arbGroup, ({ counts, subs, sameSubscription, ownedSeed }) => {
          const countMap = new Map(counts.map((n, i) => [`t${i}`, n]));
          const topicsOf = (i: number) => (sameSubscription ? subs[0]! : subs[i]!);
          const all: TopicPartition[] = counts.flatMap((n, t) => Array.from({ length: n }, (_, p) => ({ topic: `t${t}`, partition: p })));
          // random previous ownership, each partition at most one owner
          const members = subs.map((_, i) => member(`m${i}`, topicsOf(i)));
          const owned = members.map(() => [] as TopicPartition[]);
          all.forEach((p, k) => {
            const o = ownedSeed[k % ownedSeed.length]! % (members.length + 1);
            if (o < members.length) owned[o]!.push(p);
          });
          const input = members.map((m, i) => ({ ...m, owned: owned[i]! }));
          const result = assignPartitions(name, input, countMap);
          const seen = new Map<string, string>();
          for (const [id, parts] of result) {
            const m = input.find((x) => x.memberId === id)!;
            for (const p of parts) {
              const k = `${p.topic}-${p.partition}`;
              if (seen.has(k)) return false;
              seen.set(k, id);
              if (!m.topics.includes(p.topic)) return false;
            }
          }
          const expected = all.filter((p) => input.some((m) => m.topics.includes(p.topic)));
          if (seen.size !== expected.length) return false;
          if (name === "cooperative-sticky") {
            // balanced among members that can take each partition: with equal subscriptions, counts differ by <= 1
            if (sameSubscription) {
              const sizes = [...result.values()].map((v) => v.length);
              if (Math.max(...sizes) - Math.min(...sizes) > 1) return false;
              // sticky: a member keeps at least min(owned, floor(P/C)) of what it owned (and still subscribes to)
              const quota = Math.floor(expected.length / input.length);
              for (const m of input) {
                const stillValid = m.owned.filter((o) => m.topics.includes(o.topic));
                const keep = result.get(m.memberId)!.filter((p) => stillValid.some((o) => o.topic === p.topic && o.partition === p.partition)).length;
                if (keep < Math.min(stillValid.length, quota)) return false;
              }
            }
          }
          return true;
        }),
        { numRuns: 150 },
      );
    });
  }
});
