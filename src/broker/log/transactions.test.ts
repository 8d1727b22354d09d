import { describe, expect, it } from "vitest";
import { IllegalStateError } from "../errors.js";
import { CommitFailedError, ProducerFencedError, UnstableOffsetCommitError } from "./log-errors.js";
import { setup, values } from "./test-helpers.js";

function txSetup() {
  const s = setup();
  s.broker.createTopic("t", { partitions: 2 });
  return s;
}

describe("transactions", () => {
  it("read_committed readers see a transaction's records only after commit; read_uncommitted at once", () => {
    const { broker } = txSetup();
    const p = broker.producer({ transactionalId: "tx-1" });
    p.initTransactions();
    p.beginTransaction();
    p.send("t", [{ value: "a", partition: 0 }, { value: "b", partition: 1 }]);
    expect(broker.lastStableOffset("t", 0)).toBe(0);
    expect(values(broker.readPartition("t", 0, { isolationLevel: "read_committed" }))).toEqual([]);
    expect(values(broker.readPartition("t", 0, { isolationLevel: "read_uncommitted" }))).toEqual(["a"]);
    p.commitTransaction();
    // a commit marker takes offset 1 in each partition
    expect(broker.describeLog("t", 0)).toMatchObject({ logEndOffset: 2, lastStableOffset: 2 });
    expect(values(broker.readPartition("t", 0, { isolationLevel: "read_committed" }))).toEqual(["a"]);
    expect(values(broker.readPartition("t", 1, { isolationLevel: "read_committed" }))).toEqual(["b"]);
    expect(broker.trace.filter("log", "transaction-end")).toMatchObject([
      { result: "commit", markers: [{ topic: "t", partition: 0, offset: 1 }, { topic: "t", partition: 1, offset: 1 }] },
    ]);
  });

  it("aborted records stay in the log but read_committed readers skip them", () => {
    const { broker } = txSetup();
    const plain = broker.producer();
    const p = broker.producer({ transactionalId: "tx-1" });
    p.initTransactions();
    plain.send("t", [{ value: "before", partition: 0 }]);
    p.beginTransaction();
    p.send("t", [{ value: "doomed", partition: 0 }]);
    plain.send("t", [{ value: "during", partition: 0 }]);
    // held back by the open transaction at offset 1
    expect(values(broker.readPartition("t", 0, { isolationLevel: "read_committed" }))).toEqual(["before"]);
    p.abortTransaction();
    expect(values(broker.readPartition("t", 0, { isolationLevel: "read_committed" }))).toEqual(["before", "during"]);
    expect(values(broker.readPartition("t", 0))).toEqual(["before", "doomed", "during"]);
  });

  it("initTransactions by a new instance aborts the old one's open transaction and fences it", () => {
    const { broker } = txSetup();
    const old = broker.producer({ transactionalId: "tx-1" });
    old.initTransactions();
    old.beginTransaction();
    old.send("t", [{ value: "zombie", partition: 0 }]);
    const fresh = broker.producer({ transactionalId: "tx-1" });
    fresh.initTransactions();
    expect([fresh.producerId, fresh.producerEpoch]).toEqual([old.producerId, old.producerEpoch + 1]);
    expect(values(broker.readPartition("t", 0, { isolationLevel: "read_committed" }))).toEqual([]);
    expect(broker.lastStableOffset("t", 0)).toBe(2);
    expect(() => old.send("t", [{ value: "late", partition: 0 }])).toThrow(ProducerFencedError);
    expect(() => old.commitTransaction()).toThrow(/fenced/);
    fresh.beginTransaction();
    fresh.send("t", [{ value: "ok", partition: 0 }]);
    fresh.commitTransaction();
    expect(values(broker.readPartition("t", 0, { isolationLevel: "read_committed" }))).toEqual(["ok"]);
  });

  it("sendOffsetsToTransaction commits the group's offsets with the transaction, and not on abort", () => {
    const { broker } = txSetup();
    broker.createTopic("in");
    broker.producer().send("in", [{ value: "x" }, { value: "y" }]);
    const c = broker.consumer({ groupId: "g", autoOffsetReset: "earliest", isolationLevel: "read_committed" });
    c.subscribe(["in"]);
    const got = c.poll();
    const p = broker.producer({ transactionalId: "tx" });
    p.initTransactions();
    p.beginTransaction();
    p.send("t", [{ value: "out-x", partition: 0 }]);
    p.sendOffsetsToTransaction([{ topic: "in", partition: 0, offset: 1 }], c.groupMetadata());
    p.abortTransaction();
    expect(broker.committed("g", "in", 0)).toBeNull();
    p.beginTransaction();
    p.send("t", got.map((r) => ({ value: `out-${String(r.value)}`, partition: 0 })));
    p.sendOffsetsToTransaction([{ topic: "in", partition: 0, offset: 2 }], c.groupMetadata());
    expect(broker.committed("g", "in", 0)).toBeNull();
    p.commitTransaction();
    expect(broker.committed("g", "in", 0)).toBe(2);
  });

  it("a new owner waits while a transaction holds offsets for its partition, then resumes from them (KIP-447 require_stable)", async () => {
    const { broker } = txSetup();
    broker.createTopic("in");
    broker.producer().send("in", [{ value: "x" }, { value: "y" }]);
    const first = broker.consumer({ groupId: "g", autoOffsetReset: "earliest", isolationLevel: "read_committed" });
    first.subscribe(["in"]);
    const got = first.poll();
    const p = broker.producer({ transactionalId: "tx" });
    p.initTransactions();
    p.beginTransaction();
    p.send("t", got.map((r) => ({ value: `out-${String(r.value)}`, partition: 0 })));
    p.sendOffsetsToTransaction([{ topic: "in", partition: 0, offset: 2 }], first.groupMetadata());
    first.close(); // the partition moves while the transaction is still open
    const next = broker.consumer({ groupId: "g", autoOffsetReset: "earliest", isolationLevel: "read_committed" });
    next.subscribe(["in"]);
    expect(next.poll()).toEqual([]); // not x and y again from the old committed offset
    expect(() => next.position("in", 0)).toThrow(UnstableOffsetCommitError);
    expect(() => next.committed("in", 0)).toThrow(/still open/);
    expect(broker.committed("g", "in", 0)).toBeNull(); // an admin read sees the stable value
    const pending = next.pollAsync(10_000);
    broker.producer().send("in", [{ value: "z" }]);
    p.commitTransaction();
    expect(values(await pending)).toEqual(["z"]);
    expect(next.committed("in", 0)).toBe(2);

    // After an abort the new owner resumes from the offset committed before the transaction.
    p.beginTransaction();
    p.sendOffsetsToTransaction([{ topic: "in", partition: 0, offset: 3 }], next.groupMetadata());
    next.close();
    const third = broker.consumer({ groupId: "g", autoOffsetReset: "earliest", isolationLevel: "read_committed" });
    third.subscribe(["in"]);
    expect(third.poll()).toEqual([]);
    p.abortTransaction();
    expect(values(third.poll())).toEqual(["z"]);
  });

  it("sendOffsetsToTransaction refuses stale group metadata (KIP-447 zombie fencing)", () => {
    const { broker } = txSetup();
    const c1 = broker.consumer({ groupId: "g" });
    c1.subscribe(["t"]);
    const stale = c1.groupMetadata();
    broker.consumer({ groupId: "g" }).subscribe(["t"]); // rebalance: generation moves on
    const p = broker.producer({ transactionalId: "tx" });
    p.initTransactions();
    p.beginTransaction();
    expect(() => p.sendOffsetsToTransaction([{ topic: "t", partition: 0, offset: 0 }], stale)).toThrow(CommitFailedError);
    expect(() => p.sendOffsetsToTransaction([{ topic: "t", partition: 0, offset: 0 }], stale)).toThrow(/stale/);
  });

  it("the coordinator aborts a transaction open longer than transactionTimeoutMs and fences its producer", () => {
    const { broker, clock } = txSetup();
    const p = broker.producer({ transactionalId: "slow", transactionTimeoutMs: 5_000 });
    p.initTransactions();
    p.beginTransaction();
    p.send("t", [{ value: "late", partition: 0 }]);
    clock.advance(4_999);
    expect(broker.lastStableOffset("t", 0)).toBe(0);
    clock.advance(1);
    expect(broker.lastStableOffset("t", 0)).toBe(2);
    expect(values(broker.readPartition("t", 0, { isolationLevel: "read_committed" }))).toEqual([]);
    expect(() => p.commitTransaction()).toThrow(/transaction.timeout.ms/);
  });

  it("a crashed transactional producer holds read_committed readers back until a new instance starts", () => {
    const { broker } = txSetup();
    const p = broker.producer({ transactionalId: "tx" });
    p.initTransactions();
    p.beginTransaction();
    p.send("t", [{ value: "half", partition: 0 }]);
    broker.faults.crashProducer(p);
    broker.producer().send("t", [{ value: "other", partition: 0 }]);
    expect(values(broker.readPartition("t", 0, { isolationLevel: "read_committed" }))).toEqual([]);
    broker.producer({ transactionalId: "tx" }).initTransactions();
    expect(values(broker.readPartition("t", 0, { isolationLevel: "read_committed" }))).toEqual(["other"]);
  });

  it("checks the call order: init once, begin before send, one transaction at a time", () => {
    const { broker } = txSetup();
    const p = broker.producer({ transactionalId: "tx" });
    expect(() => p.beginTransaction()).toThrow(/initTransactions\(\) has not been called/);
    expect(() => p.send("t", [{ value: "a" }])).toThrow(IllegalStateError);
    p.initTransactions();
    expect(() => p.initTransactions()).toThrow(/already called/);
    expect(() => p.send("t", [{ value: "a" }])).toThrow(/No transaction is open/);
    expect(() => p.commitTransaction()).toThrow(/No transaction is open/);
    p.beginTransaction();
    expect(() => p.beginTransaction()).toThrow(/already open/);
    expect(() => broker.producer().initTransactions()).toThrow(/no transactionalId/);
    expect(() => broker.producer({ transactionalId: "x", idempotent: false })).toThrow(/transactions need idempotence/);
  });

  it("close aborts an open transaction", () => {
    const { broker } = txSetup();
    const p = broker.producer({ transactionalId: "tx" });
    p.initTransactions();
    p.beginTransaction();
    p.send("t", [{ value: "a", partition: 0 }]);
    p.close();
    expect(broker.trace.filter("log", "transaction-end")).toMatchObject([{ result: "abort", reason: "producer closed" }]);
    expect(broker.lastStableOffset("t", 0)).toBe(2);
    p.close(); // twice is fine
  });
});
