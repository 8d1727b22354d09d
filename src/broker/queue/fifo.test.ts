import { describe, expect, it } from "vitest";
import { ManualClock } from "../clock.js";
import { ReceiptHandleExpiredError } from "./errors.js";
import { QueueBroker } from "./queue-broker.js";
import { queueTraceEvents } from "./trace-events.js";

const T0 = Date.UTC(2026, 0, 1);
const setup = (attributes = {}) => {
  const clock = new ManualClock(T0);
  const broker = new QueueBroker({ clock });
  broker.createQueue("q.fifo", { contentBasedDeduplication: true, ...attributes });
  return { clock, broker };
};
const bodies = (ms: { body: string }[]) => ms.map((m) => m.body);

describe("FIFO queues", () => {
  it("need a message group id and (without content-based deduplication) a deduplication id", () => {
    const clock = new ManualClock(T0);
    const broker = new QueueBroker({ clock });
    broker.createQueue("plain.fifo");
    expect(() => broker.send("plain.fifo", "x")).toThrow(/messageGroupId must be given/);
    expect(() => broker.send("plain.fifo", "x", { messageGroupId: "g" })).toThrow(/messageDeduplicationId must be given/);
    expect(() => broker.send("plain.fifo", "x", { messageGroupId: "g", messageDeduplicationId: "d", delaySeconds: 1 })).toThrow(/delaySeconds must be left out/);
    expect(broker.send("plain.fifo", "x", { messageGroupId: "g", messageDeduplicationId: "d" }).sequenceNumber).toBe("00000000000000000001");
  });

  it("deliver a group in send order and hold it while one of its messages is in flight", () => {
    const { broker, clock } = setup({ visibilityTimeout: 30 });
    for (const b of ["a1", "a2", "a3"]) broker.send("q.fifo", b, { messageGroupId: "a" });
    broker.send("q.fifo", "b1", { messageGroupId: "b" });
    const first = broker.receive("q.fifo", { maxNumberOfMessages: 2 });
    expect(bodies(first)).toEqual(["a1", "a2"]);
    // Group a is held; b is free.
    const [b1] = broker.receive("q.fifo", { maxNumberOfMessages: 10 });
    expect(b1!.body).toBe("b1");
    broker.deleteMessage("q.fifo", b1!.receiptHandle);
    expect(broker.receive("q.fifo", { maxNumberOfMessages: 10 })).toEqual([]);
    broker.deleteMessage("q.fifo", first[0]!.receiptHandle);
    expect(broker.receive("q.fifo")).toEqual([]); // a2 is still in flight
    clock.advance(30_000); // a2's visibility ends: the group gives a2 again, then a3
    expect(bodies(broker.receive("q.fifo", { maxNumberOfMessages: 10 }))).toEqual(["a2", "a3"]);
  });

  it("fill a receive from one group before the next, rotating groups that delivered", () => {
    const { broker } = setup();
    for (const g of ["x", "y"]) for (let i = 1; i <= 2; i++) broker.send("q.fifo", `${g}${i}`, { messageGroupId: g });
    const r = broker.receive("q.fifo", { maxNumberOfMessages: 3 });
    expect(bodies(r)).toEqual(["x1", "x2", "y1"]);
    for (const m of r) broker.deleteMessage("q.fifo", m.receiptHandle);
    broker.send("q.fifo", "x3", { messageGroupId: "x" });
    expect(bodies(broker.receive("q.fifo", { maxNumberOfMessages: 1 }))).toEqual(["y2"]);
  });

  it("deduplicate by id within 5 minutes: same message id back, nothing stored", () => {
    const { broker, clock } = setup();
    const first = broker.send("q.fifo", "pay 10", { messageGroupId: "g", messageDeduplicationId: "order-1" });
    clock.advance(299_999);
    expect(broker.send("q.fifo", "pay 10 (retry)", { messageGroupId: "g", messageDeduplicationId: "order-1" })).toEqual(first);
    expect(broker.getQueueAttributes("q.fifo").approximateNumberOfMessages).toBe(1);
    clock.advance(1);
    expect(broker.send("q.fifo", "pay 10 (late)", { messageGroupId: "g", messageDeduplicationId: "order-1" }).messageId).not.toBe(first.messageId);
    expect(queueTraceEvents(broker.trace).filter((e) => e.type === "send-deduplicated")).toHaveLength(1);
  });

  it("deduplicate by SHA-256 of the body with content-based deduplication, even after a delete", () => {
    const { broker } = setup();
    const a = broker.send("q.fifo", "same", { messageGroupId: "g1" });
    const [m] = broker.receive("q.fifo");
    broker.deleteMessage("q.fifo", m!.receiptHandle);
    expect(broker.send("q.fifo", "same", { messageGroupId: "g2" })).toEqual(a);
    expect(broker.receive("q.fifo")).toEqual([]);
    expect(m!.attributes.messageDeduplicationId).toBe("0967115f2813a3541eaef77de9d9d5773f1c0c04314b0bbfe4ff3b3b1c55b5d5");
  });

  it("report group, deduplication id and sequence number on received messages", () => {
    const { broker } = setup();
    broker.send("q.fifo", "a", { messageGroupId: "g", messageDeduplicationId: "d1" });
    broker.send("q.fifo", "b", { messageGroupId: "g", messageDeduplicationId: "d2" });
    const r = broker.receive("q.fifo", { maxNumberOfMessages: 2 });
    expect(r.map((m) => m.attributes.sequenceNumber)).toEqual(["00000000000000000001", "00000000000000000002"]);
    expect(r[1]!.attributes).toMatchObject({ messageGroupId: "g", messageDeduplicationId: "d2" });
  });

  it("let a delayed message (queue delay) hold back its group", () => {
    const { broker, clock } = setup();
    broker.send("q.fifo", "first", { messageGroupId: "g" });
    broker.setQueueAttributes("q.fifo", { delaySeconds: 10 });
    broker.send("q.fifo", "second", { messageGroupId: "g" });
    broker.setQueueAttributes("q.fifo", { delaySeconds: 0 });
    broker.send("q.fifo", "third", { messageGroupId: "g" });
    const [m] = broker.receive("q.fifo", { maxNumberOfMessages: 10 });
    expect(m!.body).toBe("first");
    broker.deleteMessage("q.fifo", m!.receiptHandle);
    expect(broker.receive("q.fifo", { maxNumberOfMessages: 10 })).toEqual([]);
    clock.advance(10_000);
    expect(bodies(broker.receive("q.fifo", { maxNumberOfMessages: 10 }))).toEqual(["second", "third"]);
  });

  it("move a failing head to the FIFO dead-letter queue and free the group", () => {
    const clock = new ManualClock(T0);
    const broker = new QueueBroker({ clock });
    broker.createQueue("dlq.fifo");
    broker.createQueue("q.fifo", { contentBasedDeduplication: true, redrivePolicy: { deadLetterTargetArn: "dlq.fifo", maxReceiveCount: 2 } });
    broker.send("q.fifo", "poison", { messageGroupId: "g" });
    broker.send("q.fifo", "next", { messageGroupId: "g" });
    for (let i = 0; i < 2; i++) {
      expect(bodies(broker.receive("q.fifo"))).toEqual(["poison"]);
      clock.advance(30_000);
    }
    expect(bodies(broker.receive("q.fifo"))).toEqual(["next"]);
    expect(bodies(broker.receive("dlq.fifo"))).toEqual(["poison"]);
  });

  it("drop a group once its last message is dead-lettered", () => {
    const clock = new ManualClock(T0);
    const broker = new QueueBroker({ clock });
    broker.createQueue("dlq.fifo");
    broker.createQueue("q.fifo", { contentBasedDeduplication: true, redrivePolicy: { deadLetterTargetArn: "dlq.fifo", maxReceiveCount: 1 } });
    broker.send("q.fifo", "poison", { messageGroupId: "lonely" });
    broker.receive("q.fifo");
    clock.advance(30_000);
    expect(broker.receive("q.fifo")).toEqual([]); // moves it
    const store = (broker as unknown as { queues: Map<string, { store: { groupOrder(): unknown[] } }> }).queues.get("q.fifo")!.store;
    expect(store.groupOrder()).toEqual([]);
  });

  it("refuse a delete once the delivery's visibility timeout has ended (the receipt handle expired); standard queues accept it", () => {
    const { broker, clock } = setup({ visibilityTimeout: 10 });
    broker.createQueue("std", { visibilityTimeout: 10 });
    broker.send("q.fifo", "slow", { messageGroupId: "g" });
    broker.send("std", "slow");
    const [f] = broker.receive("q.fifo");
    const [s] = broker.receive("std");
    clock.advance(10_000);
    expect(() => broker.deleteMessage("q.fifo", f!.receiptHandle)).toThrow(ReceiptHandleExpiredError);
    expect(broker.deleteMessage("std", s!.receiptHandle)).toBe(true);
    // The FIFO message was not deleted: it is delivered again, and the new handle works.
    const [again] = broker.receive("q.fifo");
    expect(again!.body).toBe("slow");
    expect(again!.attributes.approximateReceiveCount).toBe(2);
    expect(broker.deleteMessage("q.fifo", again!.receiptHandle)).toBe(true);
    // A visibility timeout of 0 expires the handle at once (the AWS SDK examples trap).
    broker.send("q.fifo", "zero", { messageGroupId: "g" });
    const [z] = broker.receive("q.fifo", { visibilityTimeout: 0 });
    expect(() => broker.deleteMessage("q.fifo", z!.receiptHandle)).toThrow(/has expired/);
    // Extending the timeout in time keeps the handle valid.
    const [z2] = broker.receive("q.fifo", { visibilityTimeout: 5 });
    clock.advance(4_000);
    broker.changeMessageVisibility("q.fifo", z2!.receiptHandle, 30);
    clock.advance(20_000);
    expect(broker.deleteMessage("q.fifo", z2!.receiptHandle)).toBe(true);
  });

  it("return nothing more (no error) at the in-flight limit", () => {
    const clock = new ManualClock(T0);
    const broker = new QueueBroker({ clock, fifoInflightLimit: 2 });
    broker.createQueue("q.fifo", { contentBasedDeduplication: true });
    for (const g of ["a", "b", "c"]) broker.send("q.fifo", g, { messageGroupId: g });
    expect(broker.receive("q.fifo", { maxNumberOfMessages: 10 })).toHaveLength(2);
    expect(broker.receive("q.fifo")).toEqual([]);
  });
});
