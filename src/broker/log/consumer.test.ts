import { describe, expect, it } from "vitest";
import { IllegalStateError } from "../errors.js";
import type { LogConsumer } from "./consumer.js";
import { NoOffsetForPartitionError, OffsetOutOfRangeError } from "./log-errors.js";
import { setup, values } from "./test-helpers.js";

const fill = (broker: ReturnType<typeof setup>["broker"], topic: string, partitions: number, perPartition: number) => {
  const p = broker.producer();
  for (let part = 0; part < partitions; part++) {
    p.send(topic, Array.from({ length: perPartition }, (_, i) => ({ value: `${part}-${i}`, partition: part })));
  }
};

describe("subscribe, poll, commit", () => {
  it("reads from the earliest offset, commits positions, and a new member resumes from the commit", () => {
    const { broker } = setup();
    broker.createTopic("t");
    fill(broker, "t", 1, 5);
    const c = broker.consumer({ groupId: "g", autoOffsetReset: "earliest" });
    c.subscribe(["t"]);
    expect(c.committed("t", 0)).toBeNull();
    expect(values(c.poll(3))).toEqual(["0-0", "0-1", "0-2"]);
    expect(c.position("t", 0)).toBe(3);
    c.commitSync();
    expect(c.committed("t", 0)).toBe(3);
    expect(broker.lag("g", "t", 0)).toBe(2);
    expect(broker.groupOffsets("g")).toEqual([{ topic: "t", partition: 0, committed: 3, logEndOffset: 5, lag: 2 }]);
    c.close();
    const next = broker.consumer({ groupId: "g" });
    next.subscribe(["t"]);
    expect(values(next.poll())).toEqual(["0-3", "0-4"]);
  });

  it("autoOffsetReset latest (Kafka's default) skips what is already there", () => {
    const { broker } = setup();
    broker.createTopic("t");
    fill(broker, "t", 1, 3);
    const c = broker.consumer({ groupId: "g" });
    c.subscribe(["t"]);
    expect(c.poll()).toEqual([]);
    broker.producer().send("t", [{ value: "new" }]);
    expect(values(c.poll())).toEqual(["new"]);
  });

  it('autoOffsetReset "none" throws when there is no committed offset', () => {
    const { broker } = setup();
    broker.createTopic("t");
    const c = broker.consumer({ groupId: "g", autoOffsetReset: "none" });
    c.subscribe(["t"]);
    expect(() => c.poll()).toThrow(NoOffsetForPartitionError);
    c.seek("t", 0, 0);
    expect(c.poll()).toEqual([]);
  });

  it("commits specific offsets, and commitOffsets from outside works only for an empty group", () => {
    const { broker } = setup();
    broker.createTopic("t");
    fill(broker, "t", 1, 4);
    expect(() => broker.commitOffsets({ groupId: "g", offsets: [{ topic: "t", partition: 0, offset: 2 }] })).not.toThrow();
    const c = broker.consumer({ groupId: "g" });
    c.subscribe(["t"]);
    expect(values(c.poll())).toEqual(["0-2", "0-3"]);
    c.commitSync([{ topic: "t", partition: 0, offset: 3 }]);
    expect(broker.committed("g", "t", 0)).toBe(3);
    expect(() => broker.commitOffsets({ groupId: "g", offsets: [{ topic: "t", partition: 0, offset: 0 }] })).toThrow(/has active members/);
  });

  it("seek, seekToBeginning and seekToEnd move the position of owned partitions only", () => {
    const { broker } = setup();
    broker.createTopic("t", { partitions: 2 });
    fill(broker, "t", 2, 3);
    const c = broker.consumer({ groupId: "g", partitionAssignor: "range" });
    c.subscribe(["t"]);
    c.seek("t", 1, 2);
    expect(values(c.poll()).filter((v) => String(v).startsWith("1-"))).toEqual(["1-2"]);
    c.seekToBeginning([{ topic: "t", partition: 0 }]);
    expect(c.position("t", 0)).toBe(0);
    c.seekToEnd();
    expect([c.position("t", 0), c.position("t", 1)]).toEqual([3, 3]);
    const other = broker.consumer({ groupId: "other" });
    expect(() => other.seek("t", 0, 0)).toThrow(/No current assignment/);
  });

  it("seekToEnd and seekToBeginning are evaluated lazily, at the next poll or position (Kafka's javadoc)", () => {
    const { broker } = setup();
    broker.createTopic("t");
    const p = broker.producer();
    p.send("t", [{ value: "old" }]);
    const c = broker.consumer({ groupId: "g", autoOffsetReset: "earliest" });
    c.subscribe(["t"]);
    c.seekToEnd();
    p.send("t", [{ value: "written after seekToEnd" }]);
    expect(c.poll()).toEqual([]); // the end is looked up when poll runs
    expect(c.position("t", 0)).toBe(2);
    c.seekToBeginning();
    c.commitSync(); // a pending reset has no valid position: nothing to commit yet
    expect(broker.committed("g", "t", 0)).toBeNull();
    expect(values(c.poll())).toEqual(["old", "written after seekToEnd"]);
    expect(broker.trace.filter("log", "seek").map((e) => e.offset)).toEqual(["end", "beginning"]);
    expect(broker.trace.filter("log", "offset-reset").map((e) => e.policy)).toEqual(["seekToEnd", "seekToBeginning"]);
  });

  it("read_committed: latest and seekToEnd mean the last stable offset, so an open transaction is read once it commits", () => {
    const { broker } = setup();
    broker.createTopic("t", { partitions: 2 });
    const tx = broker.producer({ transactionalId: "tx" });
    tx.initTransactions();
    tx.beginTransaction();
    tx.send("t", [{ value: "a", partition: 0 }, { value: "b", partition: 1 }]);
    const latest = broker.consumer({ groupId: "g1", isolationLevel: "read_committed" });
    latest.subscribe(["t"]);
    expect(latest.position("t", 0)).toBe(0); // the LSO, not the log end offset (1)
    const sought = broker.consumer({ groupId: "g2", isolationLevel: "read_committed", autoOffsetReset: "earliest" });
    sought.subscribe(["t"]);
    sought.seekToEnd();
    expect(sought.position("t", 1)).toBe(0);
    const uncommitted = broker.consumer({ groupId: "g3" });
    uncommitted.subscribe(["t"]);
    expect(uncommitted.position("t", 0)).toBe(1); // read_uncommitted: the high watermark
    tx.commitTransaction();
    expect(values(latest.poll()).sort()).toEqual(["a", "b"]);
    expect(values(sought.poll()).sort()).toEqual(["a", "b"]);
  });

  it("a position deleted by retention resets per autoOffsetReset", () => {
    const { broker, clock } = setup({ retentionCheckIntervalMs: 1_000 });
    broker.createTopic("t", { retentionMs: 10_000, segmentBytes: 100 });
    const p = broker.producer();
    for (let i = 0; i < 4; i++) p.send("t", [{ value: `old${i}-${"x".repeat(20)}` }]);
    const c = broker.consumer({ groupId: "g", autoOffsetReset: "earliest" });
    c.subscribe(["t"]);
    c.seek("t", 0, 1);
    clock.advance(11_000);
    p.send("t", [{ value: "fresh" }]);
    expect(broker.logStartOffset("t", 0)).toBeGreaterThan(1);
    expect(values(c.poll())).toEqual(["fresh"]);
    expect(broker.trace.filter("log", "offset-reset").at(-1)).toMatchObject({ from: 1, policy: "earliest" });
    const strict = broker.consumer({ groupId: "g2", autoOffsetReset: "none" });
    strict.subscribe(["t"]);
    strict.seek("t", 0, 0);
    expect(() => strict.poll()).toThrow(OffsetOutOfRangeError);
  });

  it("read_committed positions move past control markers and aborted records", () => {
    const { broker } = setup();
    broker.createTopic("t");
    const tx = broker.producer({ transactionalId: "tx" });
    tx.initTransactions();
    tx.beginTransaction();
    tx.send("t", [{ value: "aborted" }]);
    tx.abortTransaction();
    tx.beginTransaction();
    tx.send("t", [{ value: "kept" }]);
    tx.commitTransaction();
    const c = broker.consumer({ groupId: "g", autoOffsetReset: "earliest", isolationLevel: "read_committed" });
    c.subscribe(["t"]);
    expect(values(c.poll())).toEqual(["kept"]);
    expect(c.position("t", 0)).toBe(4);
  });
});

describe("pollAsync", () => {
  it("resolves when records arrive", async () => {
    const { broker } = setup();
    broker.createTopic("t");
    const c = broker.consumer({ groupId: "g" });
    c.subscribe(["t"]);
    const pending = c.pollAsync(5_000);
    broker.producer().send("t", [{ value: "hi" }]);
    expect(values(await pending)).toEqual(["hi"]);
  });

  it("resolves with [] when the timeout passes on the clock", async () => {
    const { broker, clock } = setup();
    broker.createTopic("t");
    const c = broker.consumer({ groupId: "g" });
    c.subscribe(["t"]);
    let done = false;
    const pending = c.pollAsync(1_000).then((r) => ((done = true), r));
    clock.advance(999);
    await Promise.resolve();
    expect(done).toBe(false);
    clock.advance(1);
    expect(await pending).toEqual([]);
  });

  it("waits out a fetch delay, and a rebalance that hands it partitions", async () => {
    const { broker, clock } = setup();
    broker.createTopic("t", { partitions: 2 });
    fill(broker, "t", 2, 1);
    const a = broker.consumer({ groupId: "g", autoOffsetReset: "earliest", sessionTimeoutMs: 6_000 });
    const b = broker.consumer({ groupId: "g", autoOffsetReset: "earliest", sessionTimeoutMs: 6_000 });
    a.subscribe(["t"]);
    b.subscribe(["t"]);
    expect(b.poll()).toHaveLength(1);
    b.commitSync();
    broker.faults.delayFetch(b, 100);
    const pending = b.pollAsync(60_000);
    broker.faults.crashConsumer(a);
    clock.advance(6_000); // a's partition moves to b, whose delay is over by then
    expect(values(await pending)).toHaveLength(1);
  });

  it("rejects when the consumer crashes while waiting", async () => {
    const { broker } = setup();
    broker.createTopic("t");
    const c = broker.consumer({ groupId: "g" });
    c.subscribe(["t"]);
    const pending = c.pollAsync(1_000);
    broker.faults.crashConsumer(c);
    await expect(pending).rejects.toBeInstanceOf(IllegalStateError);
  });
});

describe("faults and auto-commit", () => {
  it("delayFetch: polls return nothing until the delay passes", async () => {
    const { broker, clock } = setup();
    broker.createTopic("t");
    fill(broker, "t", 1, 2);
    const c = broker.consumer({ groupId: "g", autoOffsetReset: "earliest" });
    c.subscribe(["t"]);
    broker.faults.delayFetch(c, 250);
    expect(c.poll()).toEqual([]);
    const pending = c.pollAsync(10_000);
    clock.advance(249);
    expect(c.poll()).toEqual([]);
    clock.advance(1);
    expect(values(await pending)).toEqual(["0-0", "0-1"]);
    expect(broker.trace.filter("log", "fault")).toMatchObject([{ fault: "delay-fetch", ms: 250 }]);
  });

  it("crashBeforeNextCommit: processed but not committed, so the next owner reads the records again", () => {
    const { broker, clock } = setup();
    broker.createTopic("t");
    fill(broker, "t", 1, 3);
    const a: LogConsumer = broker.consumer({ groupId: "g", autoOffsetReset: "earliest", sessionTimeoutMs: 6_000 });
    a.subscribe(["t"]);
    const processed = values(a.poll());
    broker.faults.crashBeforeNextCommit(a);
    expect(() => a.commitSync()).toThrow(/crashed/);
    expect(broker.committed("g", "t", 0)).toBeNull();
    const b = broker.consumer({ groupId: "g", autoOffsetReset: "earliest" });
    b.subscribe(["t"]);
    expect(b.assignment()).toEqual([]); // the rebalance waits for a's session to expire
    clock.advance(6_000);
    expect(values(b.poll())).toEqual(processed);
  });

  it("enableAutoCommit commits positions in poll every autoCommitIntervalMs and before revoking", () => {
    const { broker, clock } = setup();
    broker.createTopic("t", { partitions: 2 });
    fill(broker, "t", 2, 2);
    const a = broker.consumer({ groupId: "g", autoOffsetReset: "earliest", enableAutoCommit: true, autoCommitIntervalMs: 1_000 });
    a.subscribe(["t"]);
    a.poll();
    expect(broker.groupOffsets("g")).toEqual([]);
    clock.advance(1_000);
    a.poll();
    expect(broker.committed("g", "t", 0)).toBe(2);
    broker.producer().send("t", [{ value: "x", partition: 1 }]);
    a.poll();
    broker.consumer({ groupId: "g", enableAutoCommit: true }).subscribe(["t"]); // a revokes: commits first
    expect(broker.committed("g", "t", 1)).toBe(3);
  });
});
