import { describe, expect, it } from "vitest";
import { IllegalStateError } from "../errors.js";
import { InvalidProducerEpochError, OutOfOrderSequenceError } from "./log-errors.js";
import { defaultPartition } from "./murmur2.js";
import { setup, snapshot, values } from "./test-helpers.js";

describe("partitioning", () => {
  it("sends keyed records to defaultPartition(key, n)", () => {
    const { broker } = setup();
    broker.createTopic("t", { partitions: 6 });
    const p = broker.producer();
    const keys = ["user-1", "user-2", "user-3", "order-1001", "café"];
    const meta = p.send("t", keys.map((key) => ({ key, value: key })));
    meta.forEach((m, i) => expect(m.partition).toBe(defaultPartition(keys[i]!, 6)));
  });

  it("sticky: keyless records stay on one partition until stickyBatchSize bytes, then switch at random", () => {
    const { broker } = setup({ seed: 3 });
    broker.createTopic("t", { partitions: 8 });
    const p = broker.producer({ stickyBatchSize: 1_000 });
    const parts = p.send("t", Array.from({ length: 200 }, () => ({ value: "x".repeat(93) }))).map((m) => m.partition);
    // each record is 100 bytes: 10 records per stint on a partition
    for (let i = 0; i < 200; i += 10) expect(new Set(parts.slice(i, i + 10)).size).toBe(1);
    expect(new Set(parts).size).toBeGreaterThan(3);
  });

  it("round-robin: keyless records go to the next partition each time, from a seeded start", () => {
    const a = setup({ seed: 11 }).broker;
    a.createTopic("t", { partitions: 4 });
    const parts = a.producer({ partitioner: "round-robin" }).send("t", Array.from({ length: 8 }, () => ({ value: "v" }))).map((m) => m.partition);
    for (let i = 1; i < 8; i++) expect(parts[i]).toBe((parts[i - 1]! + 1) % 4);
    const b = setup({ seed: 11 }).broker;
    b.createTopic("t", { partitions: 4 });
    expect(b.producer({ partitioner: "round-robin" }).send("t", [{ value: "v" }])[0]!.partition).toBe(parts[0]);
  });

  it("keyed records map elsewhere after partitions are added (why Kafka warns about it)", () => {
    const { broker } = setup();
    broker.createTopic("t", { partitions: 3 });
    const p = broker.producer();
    const keys = Array.from({ length: 20 }, (_, i) => `k${i}`);
    const before = p.send("t", keys.map((key) => ({ key, value: "" }))).map((m) => m.partition);
    broker.addPartitions("t", 7);
    const after = p.send("t", keys.map((key) => ({ key, value: "" }))).map((m) => m.partition);
    expect(after).toEqual(keys.map((k) => defaultPartition(k, 7)));
    expect(after).not.toEqual(before);
  });
});

describe("idempotent producer", () => {
  it("is the default, with a producer id and epoch 0", () => {
    const { broker } = setup();
    const p = broker.producer();
    expect([p.idempotent, p.producerId, p.producerEpoch]).toEqual([true, 0, 0]);
    expect(broker.producer({ idempotent: false }).producerId).toBe(-1);
  });

  it("a retried batch (lost ack) is not written twice", () => {
    const { broker } = setup();
    broker.createTopic("t");
    const p = broker.producer();
    broker.faults.duplicateProduce(p);
    const meta = p.send("t", [{ value: "a" }, { value: "b" }]);
    p.send("t", [{ value: "c" }]);
    expect(values(broker.readPartition("t", 0))).toEqual(["a", "b", "c"]);
    expect(meta.map((m) => m.offset)).toEqual([0, 1]);
    expect(broker.trace.filter("log", "produce-duplicate")).toMatchObject([{ baseSequence: 0, baseOffset: 0 }]);
    expect(broker.trace.filter("log", "fault")).toMatchObject([{ fault: "duplicate-produce" }]);
  });

  it("without idempotence the retry writes the records again", () => {
    const { broker } = setup();
    broker.createTopic("t");
    const p = broker.producer({ idempotent: false });
    broker.faults.duplicateProduce(p);
    p.send("t", [{ value: "a" }, { value: "b" }]);
    expect(values(broker.readPartition("t", 0))).toEqual(["a", "b", "a", "b"]);
  });

  it("low-level produce: same sequence is a duplicate, a gap is OUT_OF_ORDER_SEQUENCE_NUMBER, an old epoch is refused", () => {
    const { broker, clock } = setup();
    broker.createTopic("t");
    const { producerId } = broker.initProducerId();
    const req = (baseSequence: number, value: string, producerEpoch = 0) => ({ topic: "t", partition: 0, producerId, producerEpoch, baseSequence, records: [{ value }] });
    expect(broker.produce(req(0, "a"))).toMatchObject({ baseOffset: 0, duplicate: false });
    expect(broker.produce(req(1, "b"))).toMatchObject({ baseOffset: 1, duplicate: false });
    expect(broker.produce(req(0, "a"))).toMatchObject({ baseOffset: 0, duplicate: true });
    const before = snapshot(broker, clock);
    const err = (() => {
      try {
        broker.produce(req(5, "z"));
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(OutOfOrderSequenceError);
    expect((err as OutOfOrderSequenceError).code).toBe("OUT_OF_ORDER_SEQUENCE_NUMBER");
    expect((err as Error).message).toMatch(/expects 2/);
    // the log is unchanged; the refusal is in the trace
    const after = snapshot(broker, clock) as { trace: unknown[] };
    expect({ ...after, trace: after.trace.slice(0, -1) }).toEqual(before);
    expect(broker.trace.events().at(-1)).toMatchObject({ type: "produce-rejected", code: "OUT_OF_ORDER_SEQUENCE_NUMBER" });
    expect(broker.produce(req(0, "c", 1))).toMatchObject({ baseOffset: 2, duplicate: false }); // a new epoch restarts at 0
    expect(() => broker.produce(req(2, "d", 0))).toThrow(InvalidProducerEpochError);
    expect(values(broker.readPartition("t", 0))).toEqual(["a", "b", "c"]);
  });

  it("a producer the partition has not seen may start at any sequence; a new epoch of a known one must start at 0", () => {
    // Kafka's ProducerAppendInfo.checkSequence: with no producer epoch on record for this
    // partition (a new producer, or its records deleted), any sequence number is accepted.
    const { broker } = setup();
    broker.createTopic("t");
    const { producerId } = broker.initProducerId();
    const req = (baseSequence: number, producerEpoch = 0) => ({ topic: "t", partition: 0, producerId, producerEpoch, baseSequence, records: [{ value: `s${baseSequence}` }] });
    expect(broker.produce(req(3))).toMatchObject({ baseOffset: 0, duplicate: false });
    expect(() => broker.produce(req(5))).toThrow(/expects 4/);
    expect(broker.produce(req(4))).toMatchObject({ baseOffset: 1, duplicate: false });
    expect(() => broker.produce(req(7, 1))).toThrow(/expects 0/);
  });

  it("remembers only the last five batches, as Kafka does", () => {
    const { broker } = setup();
    broker.createTopic("t");
    const { producerId } = broker.initProducerId();
    for (let s = 0; s < 7; s++) broker.produce({ topic: "t", partition: 0, producerId, baseSequence: s, records: [{ value: `v${s}` }] });
    expect(broker.produce({ topic: "t", partition: 0, producerId, baseSequence: 2, records: [{ value: "v2" }] }).duplicate).toBe(true);
    expect(() => broker.produce({ topic: "t", partition: 0, producerId, baseSequence: 1, records: [{ value: "v1" }] })).toThrow(OutOfOrderSequenceError);
  });
});

describe("delayed batches (sendAsync)", () => {
  it("without idempotence a later batch overtakes a delayed one: records reorder", async () => {
    const { broker, clock } = setup();
    broker.createTopic("t");
    const p = broker.producer({ idempotent: false });
    broker.faults.delayProduce(p, 100);
    const first = p.sendAsync("t", [{ key: "k", value: "first" }]);
    const second = p.sendAsync("t", [{ key: "k", value: "second" }]);
    expect((await second)[0]!.offset).toBe(0);
    clock.advance(100);
    expect((await first)[0]!.offset).toBe(1);
    expect(values(broker.readPartition("t", 0))).toEqual(["second", "first"]);
  });

  it("with idempotence the later batch is refused out of order and lands after: order kept", async () => {
    const { broker, clock } = setup();
    broker.createTopic("t");
    const p = broker.producer();
    p.send("t", [{ key: "k", value: "zero" }]); // the partition now knows this producer
    broker.faults.delayProduce(p, 100);
    const first = p.sendAsync("t", [{ key: "k", value: "first" }]);
    const second = p.sendAsync("t", [{ key: "k", value: "second" }]);
    expect(broker.trace.filter("log", "produce-rejected")).toMatchObject([{ code: "OUT_OF_ORDER_SEQUENCE_NUMBER", baseSequence: 2 }]);
    expect(broker.logEndOffset("t", 0)).toBe(1);
    expect(() => p.send("t", [{ value: "sync" }])).toThrow(IllegalStateError);
    clock.advance(100);
    expect([(await first)[0]!.offset, (await second)[0]!.offset]).toEqual([1, 2]);
    expect(values(broker.readPartition("t", 0))).toEqual(["zero", "first", "second"]);
  });

  it("with idempotence, a first batch held in flight keeps later ones behind it too", async () => {
    // The partition does not know the producer yet, so it would accept any first sequence:
    // the client keeps the later batch back instead of letting it overtake.
    const { broker, clock } = setup();
    broker.createTopic("t");
    const p = broker.producer();
    broker.faults.delayProduce(p, 100);
    const first = p.sendAsync("t", [{ key: "k", value: "first" }]);
    const second = p.sendAsync("t", [{ key: "k", value: "second" }]);
    expect(broker.logEndOffset("t", 0)).toBe(0);
    clock.advance(100);
    expect([(await first)[0]!.offset, (await second)[0]!.offset]).toEqual([0, 1]);
    expect(values(broker.readPartition("t", 0))).toEqual(["first", "second"]);
  });

  it("sendAsync without faults resolves at once", async () => {
    const { broker } = setup();
    broker.createTopic("t");
    await expect(broker.producer().sendAsync("t", [{ value: "a" }])).resolves.toMatchObject([{ offset: 0 }]);
    await expect(broker.producer().sendAsync("nope", [{ value: "a" }])).rejects.toThrow(/No topic named "nope"/);
  });

  it("a crashed producer loses its held batches", async () => {
    const { broker, clock } = setup();
    broker.createTopic("t");
    const p = broker.producer();
    broker.faults.delayProduce(p, 100);
    const pending = p.sendAsync("t", [{ value: "lost" }]);
    broker.faults.crashProducer(p);
    await expect(pending).rejects.toThrow(/crashed/);
    clock.advance(1_000);
    expect(broker.logEndOffset("t", 0)).toBe(0);
    expect(() => p.send("t", [{ value: "x" }])).toThrow(/crashed/);
  });
});

describe("idempotent producer and topic lifecycle", () => {
  it("keeps sending after its topic is deleted and created again (sequences restart)", () => {
    const { broker } = setup();
    broker.createTopic("t");
    const p = broker.producer();
    p.send("t", [{ value: "a" }, { value: "b" }]);
    broker.deleteTopic("t");
    broker.createTopic("t");
    expect(p.send("t", [{ value: "c" }])[0]!.offset).toBe(0);
    expect(broker.trace.filter("log", "produce").at(-1)).toMatchObject({ baseSequence: 0 });
  });
});
