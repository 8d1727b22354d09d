/**
 * fast-check properties of consumer groups: at most one owner per partition through random
 * joins, leaves, crashes, disconnections and timeouts; at-least-once delivery when consumers
 * crash before committing; and determinism (same seed and calls, same trace).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { LogBroker } from "./log-broker.js";
import type { LogConsumer } from "./consumer.js";
import { setup } from "./test-helpers.js";
import type { AssignorName } from "./types.js";

type Op =
  | { kind: "join" }
  | { kind: "close" | "crash" | "drop" | "restore" | "poll" | "commit" | "crashBeforeCommit"; i: number }
  | { kind: "advance"; ms: number }
  | { kind: "produce"; count: number }
  | { kind: "grow" };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ kind: "join" as const }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constantFrom("close" as const, "crash" as const, "drop" as const, "restore" as const, "poll" as const, "commit" as const, "crashBeforeCommit" as const), i: fc.nat(9) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("advance" as const), ms: fc.integer({ min: 0, max: 20_000 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("produce" as const), count: fc.integer({ min: 1, max: 5 }) }) },
  { weight: 1, arbitrary: fc.constant({ kind: "grow" as const }) },
);

const live = (c: LogConsumer) => c.status !== "crashed" && c.status !== "closed";

/** Throws if two members of the group own the same partition. */
function assertOneOwner(broker: LogBroker): void {
  if (!broker.listGroups().includes("g")) return;
  const seen = new Map<string, string>();
  for (const m of broker.describeGroup("g").members) {
    for (const p of m.assignment) {
      const k = `${p.topic}-${p.partition}`;
      if (seen.has(k)) throw new Error(`${k} owned by ${seen.get(k)} and ${m.memberId}`);
      seen.set(k, m.memberId);
    }
  }
}

/** Runs ops against a fresh broker; calls `check` after each op and in every listener call. */
function run(seed: number, assignor: AssignorName, ops: readonly Op[], check: (broker: LogBroker) => void, processed?: Set<string>) {
  const { broker, clock } = setup({ seed });
  broker.createTopic("t", { partitions: 3 });
  const producer = broker.producer();
  const consumers: LogConsumer[] = [];
  let n = 0;
  const pick = (i: number) => (consumers.length === 0 ? undefined : consumers[i % consumers.length]);
  const poll = (c: LogConsumer) => {
    for (const r of c.poll(4)) processed?.add(String(r.value));
  };
  for (const op of ops) {
    const c = "i" in op ? pick(op.i) : undefined;
    switch (op.kind) {
      case "join": {
        const consumer = broker.consumer({ groupId: "g", partitionAssignor: assignor, autoOffsetReset: "earliest", sessionTimeoutMs: 6_000, maxPollIntervalMs: 15_000 });
        consumer.subscribe(["t"], { onAssign: () => check(broker), onRevoke: () => check(broker) });
        consumers.push(consumer);
        break;
      }
      case "close":
        if (c && live(c)) c.close();
        break;
      case "crash":
        if (c && live(c)) broker.faults.crashConsumer(c);
        break;
      case "drop":
        if (c && live(c) && c.state.connected) broker.faults.dropConnection(c);
        break;
      case "restore":
        if (c && live(c) && !c.state.connected) broker.faults.restoreConnection(c);
        break;
      case "poll":
        if (c && live(c)) poll(c);
        break;
      case "commit":
      case "crashBeforeCommit":
        if (c && live(c) && c.state.connected) {
          if (op.kind === "crashBeforeCommit") broker.faults.crashBeforeNextCommit(c);
          try {
            c.commitSync();
          } catch {
            // fenced or crashed: nothing was committed
          }
        }
        break;
      case "advance":
        clock.advance(op.ms);
        break;
      case "produce":
        producer.send("t", Array.from({ length: op.count }, () => ({ value: `r${n++}` })));
        break;
      case "grow":
        if (broker.describeTopic("t").partitions < 6) broker.addPartitions("t", broker.describeTopic("t").partitions + 1);
        break;
    }
    check(broker);
  }
  return { broker, clock, consumers, produced: n };
}

const assignorArb = fc.constantFrom<AssignorName>("range", "roundrobin", "cooperative-sticky");

describe("consumer groups", () => {
  it("at most one member owns a partition at any time, and a stable group assigns every partition", () => {
    fc.assert(
      fc.property(assignorArb, fc.array(opArb, { maxLength: 40 }), (assignor, ops) => {
        run(1, assignor, ops, (broker) => {
          assertOneOwner(broker);
          if (!broker.listGroups().includes("g")) return;
          const g = broker.describeGroup("g");
          if (g.state === "Stable" && g.members.length > 0) {
            expect(g.members.flatMap((m) => m.assignment).length).toBe(broker.describeTopic("t").partitions);
          }
        });
      }),
      { numRuns: 150 },
    );
  });

  it("nothing is lost when consumers crash before committing (at-least-once)", () => {
    fc.assert(
      fc.property(assignorArb, fc.array(opArb, { maxLength: 40 }), (assignor, ops) => {
        const processed = new Set<string>();
        const { broker, clock, produced } = run(2, assignor, ops, (b) => {
          // every committed offset covers only processed records
          if (!b.listGroups().includes("g")) return;
          for (const row of b.groupOffsets("g")) {
            for (const r of b.readPartition(row.topic, row.partition, { maxRecords: Math.max(1, row.committed) })) {
              if (r.offset < row.committed) expect(processed.has(String(r.value))).toBe(true);
            }
          }
        }, processed);
        clock.advance(60_000); // every crashed or silent member times out
        const drainer = broker.consumer({ groupId: "g", autoOffsetReset: "earliest", partitionAssignor: assignor });
        drainer.subscribe(["t"]);
        for (let batch = drainer.poll(); batch.length > 0; batch = drainer.poll()) for (const r of batch) processed.add(String(r.value));
        for (let i = 0; i < produced; i++) expect(processed.has(`r${i}`), `r${i} never processed`).toBe(true);
      }),
      { numRuns: 120 },
    );
  });

  it("same seed and same calls give the same trace", () => {
    fc.assert(
      fc.property(fc.integer(), assignorArb, fc.array(opArb, { maxLength: 30 }), (seed, assignor, ops) => {
        const a = run(seed, assignor, ops, () => {}).broker.trace.events();
        const b = run(seed, assignor, ops, () => {}).broker.trace.events();
        expect(JSON.stringify(b)).toBe(JSON.stringify(a));
      }),
      { numRuns: 60 },
    );
    const ids = (seed: number) => run(seed, "range", [{ kind: "join" }], () => {}).consumers[0]!.memberId;
    expect(ids(1)).not.toBe(ids(2));
  });
});
