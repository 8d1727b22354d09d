import { describe, expect, it } from "vitest";
import { ManualClock } from "../clock.js";
import { ResourceExistsError, UnknownResourceError } from "../errors.js";
import { QueuePurgeInProgressError } from "./errors.js";
import { QUEUE_LIMITS } from "./limits.js";
import { QueueBroker } from "./queue-broker.js";
import { queueTraceEvents } from "./trace-events.js";

const T0 = Date.UTC(2026, 0, 1);
const setup = () => {
  const clock = new ManualClock(T0);
  return { clock, broker: new QueueBroker({ clock }) };
};

describe("createQueue / getQueue / listQueues / deleteQueue", () => {
  it("creates a standard queue with the SQS defaults", () => {
    const { broker } = setup();
    const info = broker.createQueue("orders");
    expect(info).toEqual({ name: "orders", arn: "arn:aws:sqs:us-east-1:000000000000:orders", fifoQueue: false, createdTimestamp: T0 / 1000 });
    const a = broker.getQueueAttributes("orders");
    expect(a).toMatchObject({
      fifoQueue: false,
      visibilityTimeout: 30,
      messageRetentionPeriod: 345_600,
      delaySeconds: 0,
      maximumMessageSize: 1_048_576,
      receiveMessageWaitTimeSeconds: 0,
      redrivePolicy: undefined,
      approximateNumberOfMessages: 0,
    });
    expect(QUEUE_LIMITS.maximumMessageSize).toEqual({ min: 1024, max: 1_048_576, default: 1_048_576 });
  });

  it("makes a FIFO queue from a name ending in .fifo", () => {
    const { broker } = setup();
    expect(broker.createQueue("orders.fifo").fifoQueue).toBe(true);
    expect(broker.getQueueAttributes("orders.fifo").fifoQueue).toBe(true);
  });

  it("returns the existing queue when the given attributes match, and refuses different ones", () => {
    const { broker } = setup();
    broker.createQueue("q", { visibilityTimeout: 10 });
    expect(broker.createQueue("q", { visibilityTimeout: 10 }).name).toBe("q");
    expect(broker.createQueue("q").name).toBe("q");
    expect(() => broker.createQueue("q", { visibilityTimeout: 11 })).toThrow(ResourceExistsError);
    expect(broker.getQueueAttributes("q").visibilityTimeout).toBe(10);
  });

  it("lists queues sorted, optionally by prefix", () => {
    const { broker } = setup();
    for (const n of ["b-jobs", "a-jobs", "a-dlq"]) broker.createQueue(n);
    expect(broker.listQueues()).toEqual(["a-dlq", "a-jobs", "b-jobs"]);
    expect(broker.listQueues("a-")).toEqual(["a-dlq", "a-jobs"]);
  });

  it("deletes a queue with its messages; its name is then unknown", () => {
    const { broker } = setup();
    broker.createQueue("q");
    broker.send("q", "x");
    broker.deleteQueue("q");
    expect(broker.listQueues()).toEqual([]);
    expect(() => broker.getQueue("q")).toThrow(UnknownResourceError);
    expect(() => broker.send("q", "x")).toThrow(/No queue named "q"/);
    expect(queueTraceEvents(broker.trace).find((e) => e.type === "delete-queue")).toMatchObject({ queue: "q", messages: 1 });
  });

  it("invalidates receipt handles of a deleted queue even if one of the same name is created", () => {
    const { broker } = setup();
    broker.createQueue("q");
    broker.send("q", "x");
    const [m] = broker.receive("q");
    broker.deleteQueue("q");
    broker.createQueue("q");
    expect(() => broker.deleteMessage("q", m!.receiptHandle)).toThrow(/another queue \(or an earlier queue of this name\)/);
  });
});

describe("setQueueAttributes / getQueueAttributes", () => {
  it("changes settings and reports them, with lastModifiedTimestamp", () => {
    const { broker, clock } = setup();
    broker.createQueue("q");
    clock.advance(5_000);
    broker.setQueueAttributes("q", { visibilityTimeout: 120, delaySeconds: 5, maximumMessageSize: 2048, receiveMessageWaitTimeSeconds: 20 });
    const a = broker.getQueueAttributes("q");
    expect(a).toMatchObject({ visibilityTimeout: 120, delaySeconds: 5, maximumMessageSize: 2048, receiveMessageWaitTimeSeconds: 20 });
    expect(a.lastModifiedTimestamp).toBe(T0 / 1000 + 5);
    expect(queueTraceEvents(broker.trace).at(-1)).toMatchObject({ type: "set-queue-attributes", changed: ["visibilityTimeout", "delaySeconds", "maximumMessageSize", "receiveMessageWaitTimeSeconds"] });
  });

  it("sets and removes a redrive policy (by name or ARN)", () => {
    const { broker } = setup();
    const dlq = broker.createQueue("dlq");
    broker.createQueue("q");
    broker.setQueueAttributes("q", { redrivePolicy: { deadLetterTargetArn: dlq.arn, maxReceiveCount: 5 } });
    expect(broker.getQueueAttributes("q").redrivePolicy).toEqual({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 5 });
    broker.setQueueAttributes("q", { redrivePolicy: null });
    expect(broker.getQueueAttributes("q").redrivePolicy).toBeUndefined();
  });

  it("counts visible, in-flight and delayed messages", () => {
    const { broker } = setup();
    broker.createQueue("q");
    broker.send("q", "a");
    broker.send("q", "b");
    broker.send("q", "c", { delaySeconds: 60 });
    broker.receive("q");
    expect(broker.getQueueAttributes("q")).toMatchObject({
      approximateNumberOfMessages: 1,
      approximateNumberOfMessagesNotVisible: 1,
      approximateNumberOfMessagesDelayed: 1,
    });
  });

  it("applies a new retention period to messages already in the queue", () => {
    const { broker, clock } = setup();
    broker.createQueue("q");
    broker.send("q", "old");
    clock.advance(120_000);
    broker.setQueueAttributes("q", { messageRetentionPeriod: 60 });
    expect(broker.getQueueAttributes("q").approximateNumberOfMessages).toBe(0);
    expect(queueTraceEvents(broker.trace).find((e) => e.type === "expire")).toMatchObject({ dueAt: T0 + 60_000 });
  });
});

describe("purgeQueue", () => {
  it("deletes every message, in flight or not, at most once a minute", () => {
    const { broker, clock } = setup();
    broker.createQueue("q");
    for (const b of ["a", "b", "c"]) broker.send("q", b);
    const [held] = broker.receive("q");
    broker.purgeQueue("q");
    expect(broker.getQueueAttributes("q")).toMatchObject({ approximateNumberOfMessages: 0, approximateNumberOfMessagesNotVisible: 0 });
    expect(broker.deleteMessage("q", held!.receiptHandle)).toBe(false);
    clock.advance(59_999);
    expect(() => broker.purgeQueue("q")).toThrow(QueuePurgeInProgressError);
    clock.advance(1);
    broker.purgeQueue("q");
    expect(queueTraceEvents(broker.trace).filter((e) => e.type === "purge").map((e) => e.messages)).toEqual([3, 0]);
  });
});
