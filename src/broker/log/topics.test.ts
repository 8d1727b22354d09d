import { describe, expect, it } from "vitest";
import { MessageTooLargeError, UnknownResourceError } from "../errors.js";
import { InvalidTimestampError, TopicExistsError } from "./log-errors.js";
import { BATCH_OVERHEAD, recordSize } from "./records.js";
import { setup, snapshot, values } from "./test-helpers.js";
import { TOPIC_DEFAULTS } from "./topic-config.js";

describe("topics", () => {
  it("creates with Kafka's defaults, lists, describes and deletes", () => {
    const { broker } = setup();
    const d = broker.createTopic("orders", { partitions: 3 });
    expect(d).toEqual({ name: "orders", partitions: 3, config: { ...TOPIC_DEFAULTS, partitions: 3 } });
    expect(d.config.retentionMs).toBe(604_800_000);
    broker.createTopic("audit");
    expect(broker.listTopics()).toEqual(["audit", "orders"]);
    broker.deleteTopic("orders");
    expect(broker.listTopics()).toEqual(["audit"]);
    expect(() => broker.describeTopic("orders")).toThrow(UnknownResourceError);
    expect(broker.trace.filter("log").map((e) => e.type)).toEqual(["topic-created", "topic-created", "topic-deleted"]);
  });

  it("refuses a second topic with the same name, whatever its settings", () => {
    const { broker } = setup();
    broker.createTopic("t", { partitions: 2 });
    expect(() => broker.createTopic("t", { partitions: 2 })).toThrow(TopicExistsError);
    expect(() => broker.createTopic("t")).toThrow(/already exists/);
  });

  it("adds partitions but never removes them; existing records stay put", () => {
    const { broker } = setup();
    broker.createTopic("t", { partitions: 2 });
    broker.producer().send("t", [{ value: "a", partition: 1 }]);
    expect(broker.addPartitions("t", 5).partitions).toBe(5);
    expect(broker.logEndOffset("t", 1)).toBe(1);
    expect(broker.logEndOffset("t", 4)).toBe(0);
    expect(() => broker.addPartitions("t", 5)).toThrow(/must be an integer above the current 5 partitions/);
    expect(() => broker.addPartitions("t", 3)).toThrow(/above the current 5/);
  });

  it("a deleted and recreated topic starts from offset 0", () => {
    const { broker } = setup();
    broker.createTopic("t");
    broker.producer().send("t", [{ value: "a" }, { value: "b" }]);
    broker.deleteTopic("t");
    broker.createTopic("t");
    expect(broker.logEndOffset("t", 0)).toBe(0);
  });
});

describe("records and offsets", () => {
  it("gives consecutive offsets per partition and keeps key, value, headers and timestamp", () => {
    const { broker, clock } = setup();
    broker.createTopic("t", { partitions: 2 });
    const p = broker.producer();
    const meta = p.send("t", [
      { key: "k", value: "v1", headers: { trace: "abc" }, partition: 0 },
      { key: null, value: new Uint8Array([1, 2]), partition: 0, timestamp: 5 },
      { value: null, partition: 1 },
    ]);
    expect(meta).toEqual([
      { topic: "t", partition: 0, offset: 0, timestamp: clock.now() },
      { topic: "t", partition: 0, offset: 1, timestamp: 5 },
      { topic: "t", partition: 1, offset: 0, timestamp: clock.now() },
    ]);
    const [r0, r1] = broker.readPartition("t", 0);
    expect(r0).toEqual({ topic: "t", partition: 0, offset: 0, key: "k", value: "v1", headers: { trace: "abc" }, timestamp: clock.now() });
    expect(r1!.value).toEqual(new Uint8Array([1, 2]));
    expect(Object.isFrozen(r0)).toBe(true);
    expect(broker.readPartition("t", 0, { fromOffset: 1 })).toHaveLength(1);
  });

  it("copies byte keys and values, so the sender may reuse its buffers", () => {
    const { broker } = setup();
    broker.createTopic("t");
    const buf = new Uint8Array([1, 2, 3]);
    broker.producer().send("t", [{ key: buf, value: buf }]);
    buf[0] = 99;
    expect(broker.readPartition("t", 0)[0]!.value).toEqual(new Uint8Array([1, 2, 3]));
  });

  it("refuses a record over maxMessageBytes and writes nothing of that send", () => {
    const { broker, clock } = setup();
    broker.createTopic("t", { maxMessageBytes: 200 });
    const p = broker.producer();
    const before = snapshot(broker, clock);
    expect(() => p.send("t", [{ value: "ok" }, { value: "x".repeat(300) }])).toThrow(MessageTooLargeError);
    expect(snapshot(broker, clock)).toEqual(before);
  });

  it("refuses a record stamped more than messageTimestampAfterMaxMs ahead (one hour by default, Kafka 4.x)", () => {
    const { broker, clock } = setup();
    broker.createTopic("t");
    const p = broker.producer();
    const before = snapshot(broker, clock);
    const late = clock.now() + 3_600_001;
    expect(() => p.send("t", [{ value: "ok" }, { value: "future", timestamp: late }])).toThrow(InvalidTimestampError);
    expect(snapshot(broker, clock)).toEqual(before);
    expect(p.send("t", [{ value: "edge", timestamp: clock.now() + 3_600_000 }, { value: "past", timestamp: 0 }])).toHaveLength(2);
    broker.createTopic("anything-goes", { messageTimestampAfterMaxMs: Number.MAX_SAFE_INTEGER }); // Kafka 3.x's default
    expect(p.send("anything-goes", [{ value: "future", timestamp: late }])[0]!.timestamp).toBe(late);
  });

  it("accounts Kafka-like sizes: record bytes plus a 61-byte header per batch", () => {
    const { broker } = setup();
    broker.createTopic("t");
    broker.producer().send("t", [{ key: "k", value: "hello" }, { key: "k", value: "world" }]);
    const size = recordSize("k", "hello", {});
    expect(size).toBe(1 + 4 + 2 + 6); // length varint + attrs/deltas/header count + key + value
    expect(broker.describeLog("t", 0).sizeBytes).toBe(BATCH_OVERHEAD + 2 * size);
  });
});

describe("segments and retention", () => {
  it("rolls a segment when segmentBytes would be passed", () => {
    const { broker } = setup();
    broker.createTopic("t", { segmentBytes: 200 });
    const p = broker.producer();
    for (let i = 0; i < 5; i++) p.send("t", [{ value: "x".repeat(50) }]);
    const segs = broker.describeLog("t", 0).segments;
    expect(segs.length).toBeGreaterThan(1);
    expect(segs.every((s) => s.sizeBytes <= 200)).toBe(true);
    expect(segs.map((s) => s.baseOffset)).toEqual(segs.map((_, i) => segs.slice(0, i).reduce((n, s) => n + s.entries, 0)));
    expect(broker.trace.filter("log", "segment-rolled").length).toBe(segs.length - 1);
  });

  it("segment.ms counts from the newest timestamp of the segment's first batch (Kafka's rollingBasedTimestamp)", () => {
    const { broker } = setup();
    broker.createTopic("t", { segmentMs: 5_000 });
    const p = broker.producer();
    p.send("t", [{ value: "a", timestamp: 1_000 }, { value: "b", timestamp: 4_000 }]); // first batch: max 4,000
    p.send("t", [{ value: "c", timestamp: 8_500 }]); // 4,500 after it: no roll (6,500 after "a")
    expect(broker.describeLog("t", 0).segments).toHaveLength(1);
    p.send("t", [{ value: "d", timestamp: 9_001 }]); // 5,001 after it: rolls
    expect(broker.describeLog("t", 0).segments.map((s) => s.baseOffset)).toEqual([0, 3]);
  });

  it("deletes whole segments older than retentionMs at the next retention check", () => {
    const { broker, clock } = setup({ retentionCheckIntervalMs: 1_000 });
    broker.createTopic("t", { retentionMs: 10_000, segmentMs: 5_000 });
    const p = broker.producer();
    p.send("t", [{ value: "old-1" }, { value: "old-2" }]);
    clock.advance(6_000);
    p.send("t", [{ value: "new" }]); // segment.ms passed: rolls
    expect(broker.describeLog("t", 0).segments).toHaveLength(2);
    clock.advance(4_000); // 10 s old: not yet past retention.ms (Kafka deletes when age > retention.ms)
    expect(broker.logStartOffset("t", 0)).toBe(0);
    clock.advance(1_000); // the check at 11 s deletes the first segment
    expect(broker.logStartOffset("t", 0)).toBe(2);
    expect(values(broker.readPartition("t", 0))).toEqual(["new"]);
    expect(broker.trace.filter("log", "retention")).toMatchObject([{ reason: "time", deletedSegments: 1, logStartOffset: 2 }]);
    clock.advance(60_000); // the active segment expires too: an empty segment takes its place
    expect(broker.describeLog("t", 0)).toMatchObject({ logStartOffset: 3, logEndOffset: 3, sizeBytes: 0 });
    expect(p.send("t", [{ value: "after" }])[0]!.offset).toBe(3);
  });

  it("waits for the retention check interval (log.retention.check.interval.ms)", () => {
    const { broker, clock } = setup({ retentionCheckIntervalMs: 300_000 });
    broker.createTopic("t", { retentionMs: 1_000 });
    broker.producer().send("t", [{ value: "a" }]);
    clock.advance(200_000);
    expect(broker.logStartOffset("t", 0)).toBe(0);
    clock.advance(100_000);
    expect(broker.logStartOffset("t", 0)).toBe(1);
  });

  it("keeps at least retentionBytes: deletes oldest segments only while the rest stays at or above it", () => {
    const { broker, clock } = setup({ retentionCheckIntervalMs: 1_000 });
    broker.createTopic("t", { segmentBytes: 130, retentionBytes: 250 });
    const p = broker.producer();
    for (let i = 0; i < 6; i++) p.send("t", [{ value: `v${i}-${"x".repeat(40)}` }]); // ~110 bytes a batch: one segment each
    const before = broker.describeLog("t", 0);
    expect(before.segments).toHaveLength(6);
    clock.advance(1_000);
    const after = broker.describeLog("t", 0);
    expect(after.sizeBytes).toBeGreaterThanOrEqual(250);
    expect(after.sizeBytes - after.segments[0]!.sizeBytes).toBeLessThan(250);
    expect(after.logStartOffset).toBe(6 - after.segments.length);
    expect(broker.trace.filter("log", "retention")[0]).toMatchObject({ reason: "size" });
  });

  it("keeps everything with retentionMs -1 and retentionBytes -1", () => {
    const { broker, clock } = setup({ retentionCheckIntervalMs: 1_000 });
    broker.createTopic("t", { retentionMs: -1, segmentBytes: 100 });
    const p = broker.producer();
    for (let i = 0; i < 10; i++) p.send("t", [{ value: "x".repeat(30) }]);
    clock.advance(10 * 365 * 86_400_000);
    expect(broker.logStartOffset("t", 0)).toBe(0);
  });
});
