/**
 * Bad input: each call throws a typed error with a two-line message, and the broker's
 * observable state (topics, logs, records, groups, offsets, trace, timers) is unchanged.
 */
import { describe, expect, it } from "vitest";
import { BrokerError, IllegalStateError, InvalidArgumentError, MessageTooLargeError, UnknownResourceError } from "../errors.js";
import { LogBroker } from "./log-broker.js";
import { InvalidTimestampError, TopicExistsError } from "./log-errors.js";
import { setup, snapshot } from "./test-helpers.js";

function busyBroker() {
  const s = setup();
  const { broker } = s;
  broker.createTopic("t", { partitions: 2, maxMessageBytes: 1_000 });
  const producer = broker.producer();
  producer.send("t", [{ key: "a", value: "1" }, { key: "b", value: "2" }]);
  const consumer = broker.consumer({ groupId: "g", autoOffsetReset: "earliest" });
  consumer.subscribe(["t"]);
  consumer.poll();
  consumer.commitSync();
  const tx = broker.producer({ transactionalId: "tx" });
  tx.initTransactions();
  tx.beginTransaction();
  tx.send("t", [{ value: "open", partition: 0 }]);
  return { ...s, producer, consumer, tx };
}

type Ctx = ReturnType<typeof busyBroker>;
type ErrorClass = abstract new (...args: never[]) => BrokerError;

const cases: [string, (c: Ctx) => unknown, ErrorClass, string | RegExp][] = [
  ["topic name with a space", (c) => c.broker.createTopic("a b"), InvalidArgumentError, /topic name must be 1 to 249 characters/],
  ["topic name ..", (c) => c.broker.createTopic(".."), InvalidArgumentError, /not "\." or "\.\."/],
  ["topic name of 250 characters", (c) => c.broker.createTopic("x".repeat(250)), InvalidArgumentError, /1 to 249/],
  ["topic name not a string", (c) => c.broker.createTopic(7 as unknown as string), InvalidArgumentError, /got 7/],
  ["0 partitions", (c) => c.broker.createTopic("u", { partitions: 0 }), InvalidArgumentError, /partitions must be an integer from 1 to 10000; got 0/],
  ["10001 partitions", (c) => c.broker.createTopic("u", { partitions: 10_001 }), InvalidArgumentError, /from 1 to 10000/],
  ["retentionMs -2", (c) => c.broker.createTopic("u", { retentionMs: -2 }), InvalidArgumentError, /retentionMs must be -1 \(forever\) or an integer >= 0/],
  ["segmentBytes 13", (c) => c.broker.createTopic("u", { segmentBytes: 13 }), InvalidArgumentError, /segmentBytes must be an integer from 14/],
  ["unknown topic setting", (c) => c.broker.createTopic("u", { cleanupPolicy: "compact" } as never), InvalidArgumentError, /Unknown setting "cleanupPolicy" for createTopic\(\)\.\nCompaction \(cleanup\.policy\) is not modelled/],
  ["existing topic", (c) => c.broker.createTopic("t"), TopicExistsError, /already exists/],
  ["delete unknown topic", (c) => c.broker.deleteTopic("nope"), UnknownResourceError, /No topic named "nope"/],
  ["fewer partitions", (c) => c.broker.addPartitions("t", 1), InvalidArgumentError, /above the current 2/],
  ["unknown partition", (c) => c.broker.describeLog("t", 2), UnknownResourceError, /partitions 0 to 1/],
  ["fractional partition", (c) => c.broker.logEndOffset("t", 0.5), UnknownResourceError, /t-0.5/],
  ["read before the log start", (c) => c.broker.readPartition("t", 0, { fromOffset: -1 }), InvalidArgumentError, /fromOffset/],
  ["send to unknown topic", (c) => c.producer.send("nope", [{ value: "x" }]), UnknownResourceError, /createTopic/],
  ["send no records", (c) => c.producer.send("t", []), InvalidArgumentError, /non-empty array/],
  ["send a number key", (c) => c.producer.send("t", [{ value: "a" }, { key: 5 as never, value: "x" }]), InvalidArgumentError, /records\[1\]\.key/],
  ["send an object value", (c) => c.producer.send("t", [{ value: { a: 1 } as never }]), InvalidArgumentError, /records\[0\]\.value/],
  ["send to partition 2 of 2", (c) => c.producer.send("t", [{ value: "a", partition: 2 }]), InvalidArgumentError, /from 0 to 1/],
  ["negative timestamp", (c) => c.producer.send("t", [{ value: "a", timestamp: -1 }]), InvalidArgumentError, /timestamp/],
  ["timestamp two hours ahead", (c) => c.producer.send("t", [{ value: "a", timestamp: c.clock.now() + 7_200_000 }]), InvalidTimestampError, /messageTimestampAfterMaxMs/],
  ["messageTimestampAfterMaxMs -1", (c) => c.broker.createTopic("u", { messageTimestampAfterMaxMs: -1 }), InvalidArgumentError, /messageTimestampAfterMaxMs must be an integer >= 0/],
  ["number header", (c) => c.producer.send("t", [{ value: "a", headers: { h: 1 as never } }]), InvalidArgumentError, /headers\["h"\]/],
  ["record over maxMessageBytes", (c) => c.producer.send("t", [{ value: "x".repeat(2_000) }]), MessageTooLargeError, /1000-byte limit/],
  ["producer id -2", (c) => c.broker.produce({ topic: "t", partition: 0, producerId: -2, records: [{ value: "a" }] }), InvalidArgumentError, /producerId/],
  ["epoch over 32767", (c) => c.broker.produce({ topic: "t", partition: 0, producerId: 0, producerEpoch: 40_000, baseSequence: 0, records: [{ value: "a" }] }), InvalidArgumentError, /producerEpoch/],
  ["idempotent produce without a sequence", (c) => c.broker.produce({ topic: "t", partition: 0, producerId: 0, records: [{ value: "a" }] }), InvalidArgumentError, /baseSequence/],
  ["bad partitioner", (c) => c.broker.producer({ partitioner: "random" as never }), InvalidArgumentError, /"sticky", "round-robin"/],
  ["transaction timeout over the max", (c) => c.broker.producer({ transactionalId: "x", transactionTimeoutMs: 900_001 }), InvalidArgumentError, /from 1 to 900000/],
  ["empty transactional id", (c) => c.broker.producer({ transactionalId: "" }), InvalidArgumentError, /non-empty string/],
  ["consumer without groupId", (c) => c.broker.consumer({} as never), InvalidArgumentError, /groupId must be a non-empty string/],
  ["session timeout under the broker's min", (c) => c.broker.consumer({ groupId: "g", sessionTimeoutMs: 5_999 }), InvalidArgumentError, /from 6000 to 1800000/],
  ["unknown assignor", (c) => c.broker.consumer({ groupId: "g", partitionAssignor: "sticky" as never }), InvalidArgumentError, /"range", "roundrobin", "cooperative-sticky"/],
  ["bad isolation level", (c) => c.broker.consumer({ groupId: "g", isolationLevel: "serializable" as never }), InvalidArgumentError, /isolationLevel/],
  ["subscribe to unknown topic", (c) => c.broker.consumer({ groupId: "h" }).subscribe(["t", "nope"]), UnknownResourceError, /nope/],
  ["subscribe to nothing", (c) => c.consumer.subscribe([]), InvalidArgumentError, /non-empty array of topic names/],
  ["poll 0 records", (c) => c.consumer.poll(0), InvalidArgumentError, /maxRecords must be an integer >= 1/],
  ["poll before subscribe", (c) => c.broker.consumer({ groupId: "h" }).poll(), IllegalStateError, /not subscribed/],
  ["seek to -1", (c) => c.consumer.seek("t", 0, -1), InvalidArgumentError, /offset must be an integer >= 0/],
  ["seekToEnd with one unknown partition", (c) => c.consumer.seekToEnd([{ topic: "t", partition: 0 }, { topic: "t", partition: 5 }]), UnknownResourceError, /t-5/],
  ["seekToBeginning with a non-object", (c) => c.consumer.seekToBeginning([null as never]), InvalidArgumentError, /partitions\[0\]/],
  ["seek an unowned partition", (c) => c.broker.consumer({ groupId: "h" }).seek("t", 0, 0), IllegalStateError, /No current assignment/],
  ["commit a negative offset", (c) => c.consumer.commitSync([{ topic: "t", partition: 0, offset: -1 }]), InvalidArgumentError, /offsets\[0\]\.offset/],
  ["commit an unknown partition", (c) => c.consumer.commitSync([{ topic: "t", partition: 9, offset: 0 }]), UnknownResourceError, /t-9/],
  ["commitOffsets without groupId", (c) => c.broker.commitOffsets({ offsets: [] } as never), InvalidArgumentError, /groupId/],
  ["describe unknown group", (c) => c.broker.describeGroup("nope"), UnknownResourceError, /No group named "nope"/],
  ["send outside the transaction's rules", (c) => c.tx.beginTransaction(), IllegalStateError, /already open/],
  ["offsets with bad group metadata", (c) => c.tx.sendOffsetsToTransaction([], { groupId: "" } as never), InvalidArgumentError, /groupMetadata/],
  ["fault on another broker's consumer", (c) => c.broker.faults.crashConsumer(new LogBroker({ clock: c.clock }).consumer({ groupId: "g" })), InvalidArgumentError, /created by this broker/],
  ["delay of 0 ms", (c) => c.broker.faults.delayFetch(c.consumer, 0), InvalidArgumentError, /ms must be a number > 0/],
  ["duplicate 0 batches", (c) => c.broker.faults.duplicateProduce(c.producer, 0), InvalidArgumentError, /count/],
  ["restore a live connection", (c) => c.broker.faults.restoreConnection(c.consumer), IllegalStateError, /connection is up/],
];

describe("bad input leaves the broker as it was", () => {
  it.each(cases)("%s", (_name, call, errorClass, message) => {
    const c = busyBroker();
    const before = snapshot(c.broker, c.clock);
    let thrown: unknown;
    try {
      call(c);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(errorClass);
    const err = thrown as BrokerError;
    expect(err.name).toBe(err.constructor.name);
    expect(err.code).toMatch(/^[A-Z_]+$/);
    expect(err.message).toMatch(message);
    expect(err.message.split("\n")).toHaveLength(2);
    expect(snapshot(c.broker, c.clock)).toEqual(before);
  });

  it("rejects bad broker options", () => {
    expect(() => new LogBroker({ retentionCheckIntervalMs: 0 })).toThrow(InvalidArgumentError);
    expect(() => new LogBroker({ groupMinSessionTimeoutMs: 10, groupMaxSessionTimeoutMs: 5 })).toThrow(/must not exceed/);
  });
});
