// Every options object of the log family is strict: see strictOptionsSuite (../test-helpers.ts).
import { describe, expect, it } from "vitest";
import { strictOptionsSuite } from "../test-helpers.js";
import { LogBroker } from "./log-broker.js";
import { setup, snapshot } from "./test-helpers.js";

function build() {
  const s = setup();
  s.broker.createTopic("t", { partitions: 2 });
  const producer = s.broker.producer();
  producer.send("t", [{ key: "a", value: "1" }]);
  const consumer = s.broker.consumer({ groupId: "g", autoOffsetReset: "earliest" });
  consumer.subscribe(["t"]);
  consumer.poll();
  return { ...s, producer, consumer };
}
type World = ReturnType<typeof build>;

/** A listener's extra keys hold functions: a listener may keep state of its own in other keys. */
const asCallbacks = (e: Record<string, unknown>) => Object.fromEntries(Object.keys(e).map((k) => [k, () => {}]));

describe("log family: every options object is strict", () => {
  strictOptionsSuite<World>({
    files: /\/broker\/log\//,
    build,
    observe: (w) => snapshot(w.broker, w.clock),
    notOptions: {
      "LogProducer.sendOffsetsToTransaction#0": "offsets to commit: data",
      "LogProducer.sendOffsetsToTransaction#1": "group metadata, as consumer.groupMetadata() returns it",
      "LogConsumer.commitSync#0": "offsets to commit: data",
      "LogConsumer.seekToBeginning#0": "a list of partitions: data",
      "LogConsumer.seekToEnd#0": "a list of partitions: data",
      "assignPartitions#1": "group members: data",
      "assignPartitions#2": "partition counts: data",
    },
    cases: [
      ["new LogBroker#0", (w, e) => new LogBroker({ clock: w.clock, retentionCheckIntervalMs: 1_000, ...e })],
      ["LogBroker.createTopic#1", (w, e) => w.broker.createTopic("new", { partitions: 3, ...e })],
      ["LogBroker.readPartition#2", (w, e) => w.broker.readPartition("t", 0, { maxRecords: 5, ...e })],
      ["LogBroker.producer#0", (w, e) => w.broker.producer({ idempotent: true, ...e })],
      ["LogBroker.consumer#0", (w, e) => w.broker.consumer({ groupId: "g2", autoOffsetReset: "earliest", ...e })],
      ["LogBroker.produce#0", (w, e) => w.broker.produce({ topic: "t", partition: 0, records: [{ value: "x" }], ...e })],
      ["LogBroker.commitOffsets#0", (w, e) => w.broker.commitOffsets({ groupId: "admin", offsets: [{ topic: "t", partition: 0, offset: 0 }], ...e })],
      ["LogProducer.send#1", (w, e) => w.producer.send("t", [{ key: "k", value: "v", ...e }])],
      ["LogProducer.sendAsync#1", (w, e) => w.producer.sendAsync("t", [{ key: "k", value: "v", ...e }])],
      ["LogConsumer.subscribe#1", (w, e) => w.broker.consumer({ groupId: "g3" }).subscribe(["t"], { onAssign: () => {}, ...asCallbacks(e) })],
    ],
  });
});

describe("log family: hints for Kafka's and kafkajs's spellings", () => {
  const message = (call: (w: World) => unknown): string => {
    try {
      call(build());
    } catch (err) {
      return (err as Error).message;
    }
    return "did not throw";
  };

  it("a consumer with Kafka's auto.offset.reset is refused, not left reading from latest", () => {
    expect(message((w) => w.broker.consumer({ groupId: "g", "auto.offset.reset": "earliest" } as never))).toBe(
      'Unknown option "auto.offset.reset" for consumer().\n' +
        'Write "autoOffsetReset" ("auto.offset.reset" is how Kafka spells it). Valid options: groupId, clientId, isolationLevel, ' +
        "autoOffsetReset, sessionTimeoutMs, maxPollIntervalMs, maxPollRecords, partitionAssignor, enableAutoCommit, autoCommitIntervalMs.",
    );
    for (const [kafka, ours] of [
      ["enable.auto.commit", "enableAutoCommit"],
      ["group.id", "groupId"],
      ["isolation.level", "isolationLevel"],
      ["max.poll.records", "maxPollRecords"],
    ]) {
      expect(message((w) => w.broker.consumer({ groupId: "g", [kafka!]: 1 } as never))).toContain(`Write "${ours}" ("${kafka}" is how Kafka spells it)`);
    }
    expect(message((w) => w.broker.consumer({ groupId: "g", fromBeginning: true } as never))).toMatch(/kafkajs's subscribe\(\{ fromBeginning: true \}\)/);
  });

  it("a producer with idempotence: false stays refused, not idempotent; acks is explained", () => {
    expect(message((w) => w.broker.producer({ idempotence: false } as never))).toMatch(/\nWrite "idempotent" \(Kafka's setting is enable\.idempotence\)/);
    expect(message((w) => w.broker.producer({ "enable.idempotence": false } as never))).toMatch(/Write "idempotent"/);
    expect(message((w) => w.broker.producer({ "transactional.id": "tx" } as never))).toMatch(/Write "transactionalId"/);
    expect(message((w) => w.broker.producer({ acks: "all" } as never))).toMatch(/acks is not an option here/);
    expect(message((w) => w.broker.producer({ groupId: "g" } as never))).toMatch(/"groupId" is a consumer option/);
  });

  it("a record with a misspelt partition is refused rather than hashed elsewhere", () => {
    expect(message((w) => w.producer.send("t", [{ value: "x", partiton: 1 } as never]))).toMatch(/^Unknown field "partiton" for send\(\) records\.\nDid you mean "partition"\?/);
  });

  it("a listener keeps state of its own, but a misspelt callback is refused", () => {
    const w = build();
    const listener = { assigned: [] as unknown[], onAssign(p: unknown[]) { this.assigned.push(...p); } };
    w.broker.consumer({ groupId: "h" }).subscribe(["t"], listener);
    expect(listener.assigned).toHaveLength(2);
    expect(message((x) => x.broker.consumer({ groupId: "h" }).subscribe(["t"], { onPartitionsAssigned: () => {} } as never))).toMatch(/Write "onAssign"/);
  });
});
