import { describe, expect, it } from "vitest";
import { ManualClock } from "../clock.js";
import { MessageTooLargeError } from "../errors.js";
import { QueueMessageNotInflightError, StaleReceiptHandleError } from "./errors.js";
import { QueueBroker } from "./queue-broker.js";
import { queueTraceEvents } from "./trace-events.js";

const T0 = Date.UTC(2026, 0, 1);
const setup = (attributes = {}) => {
  const clock = new ManualClock(T0);
  const broker = new QueueBroker({ clock });
  broker.createQueue("q", attributes);
  return { clock, broker };
};

describe("send", () => {
  it("returns a UUID-shaped message id and stores the message", () => {
    const { broker } = setup();
    const { messageId } = broker.send("q", "hello");
    expect(messageId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(broker.getQueueAttributes("q").approximateNumberOfMessages).toBe(1);
  });

  it("delays a message by delaySeconds (per message, else the queue's)", () => {
    const { broker, clock } = setup({ delaySeconds: 10 });
    broker.send("q", "queue-delay");
    broker.send("q", "own-delay", { delaySeconds: 2 });
    broker.send("q", "no-delay", { delaySeconds: 0 });
    expect(broker.receive("q", { maxNumberOfMessages: 10 }).map((m) => m.body)).toEqual(["no-delay"]);
    clock.advance(1_999);
    expect(broker.receive("q")).toEqual([]);
    clock.advance(1);
    expect(broker.receive("q").map((m) => m.body)).toEqual(["own-delay"]);
    clock.advance(8_000);
    expect(broker.receive("q").map((m) => m.body)).toEqual(["queue-delay"]);
  });

  it("carries message attributes, copied both ways", () => {
    const { broker } = setup();
    const bytes = new Uint8Array([1, 2, 3]);
    broker.send("q", "x", {
      messageAttributes: { kind: { dataType: "String", stringValue: "invoice" }, n: { dataType: "Number.int", stringValue: "42" }, raw: { dataType: "Binary", binaryValue: bytes } },
    });
    bytes[0] = 99;
    const [m] = broker.receive("q");
    expect(m!.messageAttributes).toEqual({
      kind: { dataType: "String", stringValue: "invoice" },
      n: { dataType: "Number.int", stringValue: "42" },
      raw: { dataType: "Binary", binaryValue: new Uint8Array([1, 2, 3]) },
    });
  });

  it("counts the body and the attributes against maximumMessageSize (UTF-8 bytes)", () => {
    const { broker } = setup({ maximumMessageSize: 1024 });
    broker.send("q", "é".repeat(512)); // 1024 bytes
    expect(() => broker.send("q", "é".repeat(512) + "x")).toThrow(MessageTooLargeError);
    // 1000 + "k" (1) + "String" (6) + "v".repeat(18) = 1025 bytes.
    expect(() => broker.send("q", "x".repeat(1000), { messageAttributes: { k: { dataType: "String", stringValue: "v".repeat(18) } } })).toThrow(
      /1025 bytes, over the 1024-byte limit/,
    );
    expect(broker.getQueueAttributes("q").approximateNumberOfMessages).toBe(1);
  });

  it("accepts a 1 MiB body by default and refuses one byte more", () => {
    const { broker } = setup();
    broker.send("q", "x".repeat(1_048_576));
    expect(() => broker.send("q", "x".repeat(1_048_577))).toThrow(MessageTooLargeError);
  });

  it("replaces characters SQS does not allow with U+FFFD, as SQS does", () => {
    const { broker } = setup();
    broker.send("q", "a\u0000b\ud800c");
    expect(broker.receive("q")[0]!.body).toBe("a\ufffdb\ufffdc");
  });
});

describe("sendBatch", () => {
  it("sends each entry on its own and reports per-entry failures", () => {
    const { broker } = setup();
    const r = broker.sendBatch("q", [
      { id: "a", body: "one" },
      { id: "b", body: "two", delaySeconds: 901 },
      { id: "c", body: "three" },
    ]);
    expect(r.successful.map((s) => s.id)).toEqual(["a", "c"]);
    expect(r.failed).toEqual([{ id: "b", code: "INVALID_ARGUMENT", message: expect.stringContaining("delaySeconds"), senderFault: true }]);
    expect(broker.getQueueAttributes("q").approximateNumberOfMessages).toBe(2);
  });
});

describe("receive", () => {
  it("returns at most maxNumberOfMessages, with receive metadata", () => {
    const { broker, clock } = setup();
    for (let i = 0; i < 12; i++) broker.send("q", `m${i}`);
    clock.advance(500);
    const got = broker.receive("q", { maxNumberOfMessages: 10 });
    expect(got).toHaveLength(10);
    expect(got[0]!.attributes).toEqual({ approximateReceiveCount: 1, sentTimestamp: T0, approximateFirstReceiveTimestamp: T0 + 500 });
    expect(broker.receive("q").length).toBe(1);
  });

  it("hides a received message for the visibility timeout, then gives it back with a new handle", () => {
    const { broker, clock } = setup({ visibilityTimeout: 30 });
    broker.send("q", "job");
    const [first] = broker.receive("q");
    expect(broker.receive("q")).toEqual([]);
    clock.advance(29_999);
    expect(broker.receive("q")).toEqual([]);
    clock.advance(1);
    const [again] = broker.receive("q");
    expect(again!.messageId).toBe(first!.messageId);
    expect(again!.receiptHandle).not.toBe(first!.receiptHandle);
    expect(again!.attributes.approximateReceiveCount).toBe(2);
    expect(again!.attributes.approximateFirstReceiveTimestamp).toBe(T0);
    expect(queueTraceEvents(broker.trace).find((e) => e.type === "visibility-expired")).toMatchObject({ dueAt: T0 + 30_000, receiveCount: 1 });
  });

  it("uses the per-receive visibilityTimeout override", () => {
    const { broker, clock } = setup({ visibilityTimeout: 300 });
    broker.send("q", "job");
    broker.receive("q", { visibilityTimeout: 5 });
    clock.advance(5_000);
    expect(broker.receive("q")).toHaveLength(1);
  });
});

describe("deleteMessage", () => {
  it("deletes by the current receipt handle; a second delete reports the message gone", () => {
    const { broker } = setup();
    broker.send("q", "job");
    const [m] = broker.receive("q");
    expect(broker.deleteMessage("q", m!.receiptHandle)).toBe(true);
    expect(broker.deleteMessage("q", m!.receiptHandle)).toBe(false);
    expect(broker.getQueueAttributes("q").approximateNumberOfMessagesNotVisible).toBe(0);
  });

  it("refuses a handle from an earlier delivery once the message was received again", () => {
    const { broker, clock } = setup({ visibilityTimeout: 30 });
    broker.send("q", "job");
    const [slow] = broker.receive("q");
    clock.advance(30_000);
    const [fast] = broker.receive("q");
    expect(() => broker.deleteMessage("q", slow!.receiptHandle)).toThrow(StaleReceiptHandleError);
    expect(broker.getQueueAttributes("q").approximateNumberOfMessagesNotVisible).toBe(1);
    expect(broker.deleteMessage("q", fast!.receiptHandle)).toBe(true);
  });

  it("still accepts the latest handle after the visibility timeout ended, until another receive", () => {
    const { broker, clock } = setup({ visibilityTimeout: 30 });
    broker.send("q", "job");
    const [m] = broker.receive("q");
    clock.advance(31_000);
    expect(broker.deleteMessage("q", m!.receiptHandle)).toBe(true);
    expect(broker.receive("q")).toEqual([]);
  });
});

describe("changeMessageVisibility", () => {
  it("extends the timeout from now", () => {
    const { broker, clock } = setup({ visibilityTimeout: 30 });
    broker.send("q", "job");
    const [m] = broker.receive("q");
    clock.advance(20_000);
    broker.changeMessageVisibility("q", m!.receiptHandle, 60);
    clock.advance(59_999);
    expect(broker.receive("q")).toEqual([]);
    clock.advance(1);
    expect(broker.receive("q")).toHaveLength(1);
  });

  it("makes the message visible at once with 0", () => {
    const { broker } = setup();
    broker.send("q", "job");
    const [m] = broker.receive("q");
    broker.changeMessageVisibility("q", m!.receiptHandle, 0);
    expect(broker.receive("q")[0]!.attributes.approximateReceiveCount).toBe(2);
  });

  it("refuses to keep a delivery invisible beyond 12 hours after its receive", () => {
    const { broker, clock } = setup();
    broker.send("q", "job");
    const [m] = broker.receive("q");
    clock.advance(10_000);
    expect(() => broker.changeMessageVisibility("q", m!.receiptHandle, 43_200)).toThrow(/at most 43190 s from now/);
    broker.changeMessageVisibility("q", m!.receiptHandle, 43_190);
  });

  it("refuses a message whose visibility timeout already ended", () => {
    const { broker, clock } = setup();
    broker.send("q", "job");
    const [m] = broker.receive("q");
    clock.advance(30_000);
    expect(() => broker.changeMessageVisibility("q", m!.receiptHandle, 10)).toThrow(QueueMessageNotInflightError);
  });
});

describe("retention", () => {
  it("deletes a message after messageRetentionPeriod, in flight or not", () => {
    const { broker, clock } = setup({ messageRetentionPeriod: 60 });
    broker.send("q", "a");
    broker.send("q", "b");
    const [held] = broker.receive("q", { visibilityTimeout: 600 });
    clock.advance(60_000);
    expect(broker.getQueueAttributes("q")).toMatchObject({ approximateNumberOfMessages: 0, approximateNumberOfMessagesNotVisible: 0 });
    expect(broker.deleteMessage("q", held!.receiptHandle)).toBe(false);
    expect(queueTraceEvents(broker.trace).filter((e) => e.type === "expire")).toHaveLength(2);
  });
});

describe("approximateFirstReceiveTimestamp at clock time 0", () => {
  it("keeps a first receive at time 0 (0 is a real time on a ManualClock, not 'never')", () => {
    const clock = new ManualClock(0);
    const broker = new QueueBroker({ clock });
    broker.createQueue("q", { visibilityTimeout: 30 });
    broker.send("q", "x");
    const [first] = broker.receive("q");
    expect(first!.attributes.approximateFirstReceiveTimestamp).toBe(0);
    clock.advance(30_000);
    const [again] = broker.receive("q");
    expect(again!.attributes.approximateReceiveCount).toBe(2);
    expect(again!.attributes.approximateFirstReceiveTimestamp).toBe(0);
  });
});
