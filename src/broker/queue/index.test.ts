import { describe, expect, it } from "vitest";
import * as broker from "mqtutor/broker";

describe("mqtutor/broker exports the queue family", () => {
  it("exposes the class, limits, errors and trace helper", () => {
    const { QueueBroker, ManualClock, QUEUE_LIMITS, StaleReceiptHandleError, queueTraceEvents } = broker;
    const b = new QueueBroker({ clock: new ManualClock() });
    b.createQueue("jobs");
    b.send("jobs", "hello");
    expect(b.receive("jobs")[0]!.body).toBe("hello");
    expect(QUEUE_LIMITS.maximumMessageSize.default).toBe(1_048_576);
    expect(new StaleReceiptHandleError("q", "id", 2).code).toBe("RECEIPT_HANDLE_STALE");
    expect(queueTraceEvents(b.trace).map((e) => e.type)).toEqual(["create-queue", "send", "receive"]);
  });
});
