import { describe, expect, it } from "vitest";
import { ManualClock } from "../clock.js";
import { InvalidArgumentError } from "../errors.js";
import { QueueBroker } from "./queue-broker.js";
import { queueTraceEvents } from "./trace-events.js";

const T0 = Date.UTC(2026, 0, 1);

function setup(maxReceiveCount = 3, fifo = false) {
  const clock = new ManualClock(T0);
  const broker = new QueueBroker({ clock });
  const sfx = fifo ? ".fifo" : "";
  broker.createQueue(`dlq${sfx}`);
  broker.createQueue(`jobs${sfx}`, { visibilityTimeout: 30, redrivePolicy: { deadLetterTargetArn: `dlq${sfx}`, maxReceiveCount } });
  return { clock, broker };
}

describe("redrive to a dead-letter queue", () => {
  it("moves a message after exactly maxReceiveCount receives, on the next receive", () => {
    const { broker, clock } = setup(3);
    const { messageId } = broker.send("jobs", "poison");
    const counts: number[] = [];
    for (let i = 0; i < 5; i++) {
      for (const m of broker.receive("jobs")) counts.push(m.attributes.approximateReceiveCount);
      clock.advance(30_000);
    }
    expect(counts).toEqual([1, 2, 3]);
    const [dead] = broker.receive("dlq");
    expect(dead).toMatchObject({ messageId, body: "poison" });
    expect(dead!.attributes).toMatchObject({
      approximateReceiveCount: 4,
      sentTimestamp: T0,
      approximateFirstReceiveTimestamp: T0,
      deadLetterQueueSourceArn: "arn:aws:sqs:us-east-1:000000000000:jobs",
    });
    expect(queueTraceEvents(broker.trace).filter((e) => e.type === "redrive")).toEqual([
      expect.objectContaining({ queue: "jobs", deadLetterQueue: "dlq", messageId, receiveCount: 3, at: T0 + 90_000 }),
    ]);
  });

  it("delivers the next message in the same receive when it moves one", () => {
    const { broker, clock } = setup(1);
    broker.send("jobs", "poison");
    broker.receive("jobs");
    broker.send("jobs", "good");
    clock.advance(30_000);
    expect(broker.receive("jobs", { maxNumberOfMessages: 10 }).map((m) => m.body)).toEqual(["good"]);
    expect(broker.getQueueAttributes("dlq").approximateNumberOfMessages).toBe(1);
  });

  it("keeps the original enqueue time for retention in a standard DLQ, restarts it in a FIFO DLQ", () => {
    for (const fifo of [false, true]) {
      const { broker, clock } = setup(1, fifo);
      const sfx = fifo ? ".fifo" : "";
      broker.setQueueAttributes(`dlq${sfx}`, { messageRetentionPeriod: 120 });
      broker.send(`jobs${sfx}`, "poison", fifo ? { messageGroupId: "g", messageDeduplicationId: "d" } : {});
      broker.receive(`jobs${sfx}`);
      clock.advance(100_000);
      broker.receive(`jobs${sfx}`); // moves it (received once already)
      clock.advance(30_000); // 130 s after the send, 30 s after the move
      expect(broker.getQueueAttributes(`dlq${sfx}`).approximateNumberOfMessages).toBe(fifo ? 1 : 0);
    }
  });

  it("requires an existing dead-letter queue of the same type, not the queue itself, without loops", () => {
    const clock = new ManualClock(T0);
    const broker = new QueueBroker({ clock });
    broker.createQueue("a");
    broker.createQueue("b", { redrivePolicy: { deadLetterTargetArn: "a", maxReceiveCount: 1 } });
    broker.createQueue("f.fifo");
    const bad = (target: string, count = 1) => () => broker.setQueueAttributes("a", { redrivePolicy: { deadLetterTargetArn: target, maxReceiveCount: count } });
    expect(bad("missing")).toThrow(/must name a queue that exists/);
    expect(bad("a")).toThrow(/must name another queue/);
    expect(bad("f.fifo")).toThrow(/must name a standard queue/);
    expect(bad("b")).toThrow(/must not lead back to "a"/);
    expect(bad("arn:aws:sqs:eu-west-1:123:b")).toThrow(/must be an ARN of this broker/);
    broker.createQueue("c");
    expect(bad("c", 0)).toThrow(InvalidArgumentError);
    expect(bad("c", 1001)).toThrow(/from 1 to 1000/);
    expect(broker.getQueueAttributes("a").redrivePolicy).toBeUndefined();
  });

  it("delivers normally and traces why when the dead-letter queue was deleted", () => {
    const { broker, clock } = setup(1);
    broker.send("jobs", "poison");
    broker.receive("jobs");
    broker.deleteQueue("dlq");
    clock.advance(30_000);
    expect(broker.receive("jobs")).toHaveLength(1);
    expect(queueTraceEvents(broker.trace).at(-2)).toMatchObject({ type: "redrive-skipped", reason: 'the dead-letter queue "dlq" does not exist' });
  });

  it("hands a dead-lettered message to a long poll waiting on the dead-letter queue", async () => {
    const { broker, clock } = setup(1);
    broker.send("jobs", "poison");
    broker.receive("jobs");
    const waiting = broker.receiveAsync("dlq", { waitTimeSeconds: 20 });
    clock.advance(30_000); // the long poll times out first (20 s)
    expect(await waiting).toEqual([]);
    const again = broker.receiveAsync("dlq", { waitTimeSeconds: 20 });
    broker.receive("jobs"); // moves the message
    expect((await again).map((m) => m.body)).toEqual(["poison"]);
  });
});
