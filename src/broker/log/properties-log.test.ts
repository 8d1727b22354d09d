/**
 * fast-check properties of the log itself: order per partition, the idempotent producer, and
 * transactions being all-or-nothing for read_committed readers.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BrokerError } from "../errors.js";
import { defaultPartition } from "./murmur2.js";
import { setup } from "./test-helpers.js";

const RUNS = { numRuns: 100 };

describe("order per partition", () => {
  it("offsets are consecutive from 0; a key stays on one partition; records keep send order", () => {
    const send = fc.record({
      producer: fc.integer({ min: 0, max: 2 }),
      records: fc.array(fc.record({ key: fc.option(fc.constantFrom("a", "b", "c", "d", "e"), { nil: null }) }), { minLength: 1, maxLength: 6 }),
    });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.array(send, { maxLength: 30 }), fc.constantFrom("sticky" as const, "round-robin" as const), (n, sends, partitioner) => {
        const { broker } = setup();
        broker.createTopic("t", { partitions: n });
        const producers = [broker.producer({ partitioner, stickyBatchSize: 40 }), broker.producer({ idempotent: false, partitioner }), broker.producer()];
        let seq = 0;
        const sent: { key: string | null; seq: number; partition: number; offset: number }[] = [];
        for (const s of sends) {
          const batch = s.records.map((r) => ({ key: r.key, value: String(seq++) }));
          producers[s.producer]!.send("t", batch).forEach((m, i) => sent.push({ key: batch[i]!.key, seq: Number(batch[i]!.value), partition: m.partition, offset: m.offset }));
        }
        for (let p = 0; p < n; p++) {
          const recs = broker.readPartition("t", p);
          expect(recs.map((r) => r.offset)).toEqual(recs.map((_, i) => i));
          const seqs = recs.map((r) => Number(r.value));
          expect(seqs).toEqual([...seqs].sort((x, y) => x - y)); // send order within the partition
          expect(sent.filter((s) => s.partition === p).map((s) => s.seq)).toEqual(seqs);
        }
        for (const s of sent) if (s.key !== null) expect(s.partition).toBe(defaultPartition(s.key, n));
      }),
      RUNS,
    );
  });
});

describe("idempotent producer", () => {
  it("with random retries (lost acks) writes each record once, in order", () => {
    const step = fc.oneof(
      fc.record({ kind: fc.constant("send" as const), count: fc.integer({ min: 1, max: 4 }), duplicate: fc.boolean() }),
      fc.record({ kind: fc.constant("retry" as const), back: fc.integer({ min: 0, max: 8 }) }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        const { broker } = setup();
        broker.createTopic("t");
        const client = broker.producer();
        const { producerId } = broker.initProducerId();
        let n = 0;
        let seq = 0;
        const lowLevel: { baseSequence: number; values: string[] }[] = [];
        const expected: string[] = [];
        for (const s of steps) {
          if (s.kind === "send") {
            const values = Array.from({ length: s.count }, () => `v${n++}`);
            expected.push(...values);
            if (s.duplicate) broker.faults.duplicateProduce(client);
            if (n % 2 === 0) client.send("t", values.map((value) => ({ value, partition: 0 })));
            else {
              broker.produce({ topic: "t", partition: 0, producerId, baseSequence: seq, records: values.map((value) => ({ value })) });
              lowLevel.push({ baseSequence: seq, values });
              seq += values.length;
            }
          } else if (lowLevel.length > 0) {
            // re-send an earlier batch, as a client whose ack was lost would
            const b = lowLevel[Math.max(0, lowLevel.length - 1 - s.back)]!;
            try {
              expect(broker.produce({ topic: "t", partition: 0, producerId, baseSequence: b.baseSequence, records: b.values.map((value) => ({ value })) }).duplicate).toBe(true);
            } catch (e) {
              // older than the last five batches: refused, never written
              expect((e as BrokerError).code).toBe("OUT_OF_ORDER_SEQUENCE_NUMBER");
            }
          }
        }
        expect(broker.readPartition("t", 0).map((r) => r.value)).toEqual(expected);
      }),
      RUNS,
    );
  });
});

describe("transactions", () => {
  type Outcome = "commit" | "abort" | "crash" | "timeout";
  const txn = fc.record({
    outcome: fc.constantFrom<Outcome>("commit", "abort", "crash", "timeout"),
    writes: fc.array(fc.record({ partition: fc.integer({ min: 0, max: 2 }), plain: fc.boolean() }), { minLength: 1, maxLength: 6 }),
  });

  it("read_committed readers see all of a committed transaction and nothing of any other; read_uncommitted see everything", () => {
    fc.assert(
      fc.property(fc.array(txn, { maxLength: 12 }), (txns) => {
        const { broker, clock } = setup();
        broker.createTopic("t", { partitions: 3 });
        const plain = broker.producer();
        const committed = new Set<string>();
        const all = new Set<string>();
        let producer = broker.producer({ transactionalId: "tx", transactionTimeoutMs: 1_000 });
        producer.initTransactions();
        const readCommitted = () => new Set([0, 1, 2].flatMap((p) => broker.readPartition("t", p, { isolationLevel: "read_committed" }).map((r) => String(r.value))));
        txns.forEach((t, i) => {
          producer.beginTransaction();
          const mine: string[] = [];
          t.writes.forEach((w, j) => {
            const value = `${i}.${j}${w.plain ? "p" : "t"}`;
            all.add(value);
            if (w.plain) {
              plain.send("t", [{ value, partition: w.partition }]);
              committed.add(value);
            } else {
              producer.send("t", [{ value, partition: w.partition }]);
              mine.push(value);
            }
          });
          const visible = readCommitted();
          for (const v of mine) expect(visible.has(v)).toBe(false); // open: hidden
          if (t.outcome === "commit") {
            producer.commitTransaction();
            mine.forEach((v) => committed.add(v));
          } else if (t.outcome === "abort") producer.abortTransaction();
          else if (t.outcome === "timeout" && mine.length === 0) {
            // nothing written yet: the coordinator has not started the clock (as in Kafka)
            clock.advance(1_000);
            expect(producer.inTransaction).toBe(true);
            producer.abortTransaction();
          } else if (t.outcome === "timeout") {
            clock.advance(1_000);
            expect(() => producer.beginTransaction()).toThrow(/fenced/);
            producer = broker.producer({ transactionalId: "tx", transactionTimeoutMs: 1_000 });
            producer.initTransactions();
          } else {
            broker.faults.crashProducer(producer);
            producer = broker.producer({ transactionalId: "tx", transactionTimeoutMs: 1_000 });
            producer.initTransactions();
          }
        });
        expect(readCommitted()).toEqual(committed);
        const uncommitted = new Set([0, 1, 2].flatMap((p) => broker.readPartition("t", p).map((r) => String(r.value))));
        expect(uncommitted).toEqual(all);
      }),
      RUNS,
    );
  });
});
