import { describe, expect, it } from "vitest";
import { ManualClock } from "../clock.js";
import { Trace } from "../trace.js";
import { QueueConsumerCrashedError, StaleReceiptHandleError } from "./errors.js";
import { QueueBroker } from "./queue-broker.js";
import { queueTraceEvents } from "./trace-events.js";

const T0 = Date.UTC(2026, 0, 1);
const setup = (seed = 0) => {
  const clock = new ManualClock(T0);
  const broker = new QueueBroker({ clock, seed });
  broker.createQueue("q", { visibilityTimeout: 30 });
  broker.createQueue("q.fifo", { contentBasedDeduplication: true });
  return { clock, broker };
};
const faultEvents = (broker: QueueBroker) => queueTraceEvents(broker.trace).filter((e) => e.type === "fault");

describe("faults", () => {
  it("crashBeforeDelete: the delete throws, the message comes back after the visibility timeout", () => {
    const { broker, clock } = setup();
    broker.send("q", "charge card");
    broker.faults.crashBeforeDelete("q");
    const [m] = broker.receive("q");
    expect(() => broker.deleteMessage("q", m!.receiptHandle)).toThrow(QueueConsumerCrashedError);
    expect(broker.getQueueAttributes("q").approximateNumberOfMessagesNotVisible).toBe(1);
    clock.advance(30_000);
    const [again] = broker.receive("q");
    expect(again).toMatchObject({ messageId: m!.messageId, attributes: { approximateReceiveCount: 2 } });
    expect(broker.deleteMessage("q", again!.receiptHandle)).toBe(true);
    expect(faultEvents(broker).map((e) => [e.fault, e.armed])).toEqual([
      ["crash-before-delete", true],
      ["crash-before-delete", false],
    ]);
  });

  it("duplicateDelivery: a later receive gets the same message; the first handle is then stale", () => {
    const { broker } = setup();
    broker.send("q", "ship parcel");
    broker.faults.duplicateDelivery("q");
    const [a] = broker.receive("q");
    const [b] = broker.receive("q");
    expect(b!.messageId).toBe(a!.messageId);
    expect(b!.attributes.approximateReceiveCount).toBe(2);
    expect(() => broker.deleteMessage("q", a!.receiptHandle)).toThrow(StaleReceiptHandleError);
    expect(broker.deleteMessage("q", b!.receiptHandle)).toBe(true);
  });

  it("delay: the next send becomes receivable later", () => {
    const { broker, clock } = setup();
    broker.faults.delay("q", 5_000);
    broker.send("q", "slow");
    broker.send("q", "fast");
    expect(broker.receive("q", { maxNumberOfMessages: 10 }).map((m) => m.body)).toEqual(["fast"]);
    clock.advance(5_000);
    expect(broker.receive("q").map((m) => m.body)).toEqual(["slow"]);
  });

  it("reorder: shuffles the visible messages, the same way for the same seed", () => {
    const orders = [1, 1, 2].map((seed) => {
      const { broker } = setup(seed);
      for (let i = 0; i < 8; i++) broker.send("q", `m${i}`);
      broker.faults.reorder("q");
      return broker.receive("q", { maxNumberOfMessages: 10 }).map((m) => m.body);
    });
    expect(orders[0]).toEqual(orders[1]);
    expect(orders[0]).not.toEqual(orders[2]);
    expect([...orders[0]!].sort()).toEqual(["m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7"]);
  });

  it("FIFO queues refuse duplicate and reorder faults but take crash and delay", () => {
    const { broker } = setup();
    expect(() => broker.faults.duplicateDelivery("q.fifo")).toThrow(/FIFO queues deliver in order and without duplicates/);
    expect(() => broker.faults.reorder("q.fifo")).toThrow(/cannot happen on FIFO queue/);
    expect(() => broker.faults.chaos("q.fifo", { reorder: 0.5 })).toThrow(/cannot happen/);
    broker.faults.crashBeforeDelete("q.fifo");
    broker.faults.delay("q.fifo", 1000);
    expect(broker.faults.pending("q.fifo")).toMatchObject({ crashBeforeDelete: 1, delays: [1000] });
  });

  it("validates its arguments and the queue", () => {
    const { broker } = setup();
    expect(() => broker.faults.crashBeforeDelete("nope")).toThrow(/No queue named "nope"/);
    expect(() => broker.faults.crashBeforeDelete("q", 0)).toThrow(/times must be an integer/);
    expect(() => broker.faults.delay("q", -1)).toThrow(/delay in ms/);
    expect(() => broker.faults.chaos("q", { crashBeforeDelete: 1.5 })).toThrow(/probability/);
    expect(broker.faults.pending("q")).toEqual({ crashBeforeDelete: 0, duplicateDelivery: 0, delays: [], chaos: undefined });
  });
});

describe("determinism", () => {
  const scenario = (seed: number) => {
    const clock = new ManualClock(T0);
    const trace = new Trace();
    const broker = new QueueBroker({ clock, seed, trace });
    broker.createQueue("dlq");
    broker.createQueue("q", { visibilityTimeout: 10, redrivePolicy: { deadLetterTargetArn: "dlq", maxReceiveCount: 4 } });
    broker.faults.chaos("q", { crashBeforeDelete: 0.3, duplicateDelivery: 0.2, reorder: 0.3, delay: 0.2, delayMs: 2_500 });
    for (let i = 0; i < 30; i++) broker.send("q", `m${i}`);
    for (let round = 0; round < 40; round++) {
      for (const m of broker.receive("q", { maxNumberOfMessages: 1 + (round % 10) })) {
        if (m.body.endsWith("7")) continue; // poison: never deleted
        try {
          broker.deleteMessage("q", m.receiptHandle);
        } catch {
          // crashed or stale: it comes back
        }
      }
      clock.advance(3_000);
    }
    return trace.events();
  };

  it("gives the same trace for the same seed and calls", () => {
    const a = scenario(42);
    expect(a.length).toBeGreaterThan(100);
    expect(scenario(42)).toEqual(a);
    expect(scenario(43)).not.toEqual(a);
    const kinds = new Set(a.filter((e) => e.type === "fault").map((e) => e.fault));
    expect(kinds).toEqual(new Set(["chaos", "crash-before-delete", "duplicate-delivery", "reorder", "delay"]));
    expect(a.some((e) => e.type === "redrive")).toBe(true);
  });
});
