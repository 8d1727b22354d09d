import { describe, expect, it } from "vitest";
import { ManualClock } from "../clock.js";
import { InvalidArgumentError, UnknownResourceError } from "../errors.js";
import { QueueOverLimitError } from "./errors.js";
import { QueueBroker } from "./queue-broker.js";
import { queueTraceEvents } from "./trace-events.js";

const T0 = Date.UTC(2026, 0, 1);
const setup = (attributes = {}) => {
  const clock = new ManualClock(T0);
  const broker = new QueueBroker({ clock });
  broker.createQueue("q", attributes);
  return { clock, broker };
};

/** Resolves to "pending" if the promise has not settled after the microtasks queued so far. */
const state = async <T>(p: Promise<T>) => Promise.race([p.then(() => "settled"), new Promise((r) => setTimeout(() => r("pending"), 0))]);

describe("receiveAsync (long polling)", () => {
  it("resolves at once when messages are visible", async () => {
    const { broker } = setup();
    broker.send("q", "ready");
    expect((await broker.receiveAsync("q", { waitTimeSeconds: 20 })).map((m) => m.body)).toEqual(["ready"]);
  });

  it("waits for a send and resolves with it", async () => {
    const { broker, clock } = setup();
    const p = broker.receiveAsync("q", { waitTimeSeconds: 20, maxNumberOfMessages: 5 });
    clock.advance(7_000);
    expect(await state(p)).toBe("pending");
    broker.send("q", "late");
    expect((await p).map((m) => m.body)).toEqual(["late"]);
    expect(queueTraceEvents(broker.trace).filter((e) => e.type === "receive").at(-1)).toMatchObject({ waitedMs: 7_000, requested: 5 });
  });

  it("resolves with [] when the wait time passes on the clock", async () => {
    const { broker, clock } = setup();
    const p = broker.receiveAsync("q", { waitTimeSeconds: 20 });
    clock.advance(19_999);
    expect(await state(p)).toBe("pending");
    clock.advance(1);
    expect(await p).toEqual([]);
    expect(clock.pendingTimers()).toBe(0);
  });

  it("uses the queue's receiveMessageWaitTimeSeconds by default; 0 means short polling", async () => {
    const { broker, clock } = setup({ receiveMessageWaitTimeSeconds: 5 });
    const p = broker.receiveAsync("q");
    clock.advance(5_000);
    expect(await p).toEqual([]);
    expect(await broker.receiveAsync("q", { waitTimeSeconds: 0 })).toEqual([]);
  });

  it("wakes when a delay or a visibility timeout ends", async () => {
    const { broker, clock } = setup({ visibilityTimeout: 10 });
    broker.send("q", "delayed", { delaySeconds: 3 });
    const p = broker.receiveAsync("q", { waitTimeSeconds: 20 });
    clock.advance(3_000);
    const [m] = await p;
    expect(m!.body).toBe("delayed");
    const again = broker.receiveAsync("q", { waitTimeSeconds: 20 });
    clock.advance(10_000);
    expect((await again)[0]!.attributes.approximateReceiveCount).toBe(2);
    expect(clock.pendingTimers()).toBe(0);
  });

  it("serves waiting receives in the order they started", async () => {
    const { broker } = setup();
    const first = broker.receiveAsync("q", { waitTimeSeconds: 20 });
    const second = broker.receiveAsync("q", { waitTimeSeconds: 20 });
    broker.send("q", "one");
    broker.send("q", "two");
    expect((await first).map((m) => m.body)).toEqual(["one"]);
    expect((await second).map((m) => m.body)).toEqual(["two"]);
  });

  it("rejects bad options without waiting, and rejects waiters when the queue is deleted", async () => {
    const { broker } = setup();
    await expect(broker.receiveAsync("q", { waitTimeSeconds: 21 })).rejects.toThrow(InvalidArgumentError);
    await expect(broker.receiveAsync("nope")).rejects.toThrow(UnknownResourceError);
    const p = broker.receiveAsync("q", { waitTimeSeconds: 20 });
    broker.deleteQueue("q");
    await expect(p).rejects.toThrow(/deleted while this receive was waiting/);
  });

  it("at the standard in-flight limit, a long poll waits without an error; a short poll gets OverLimit", async () => {
    const clock = new ManualClock(T0);
    const broker = new QueueBroker({ clock, standardInflightLimit: 2 });
    broker.createQueue("q");
    for (const b of ["a", "b", "c"]) broker.send("q", b);
    const held = broker.receive("q", { maxNumberOfMessages: 10 });
    expect(held).toHaveLength(2);
    await expect(broker.receiveAsync("q", { waitTimeSeconds: 0 })).rejects.toThrow(QueueOverLimitError);
    const p = broker.receiveAsync("q", { waitTimeSeconds: 20 });
    clock.advance(1_000);
    expect(await state(p)).toBe("pending");
    broker.deleteMessage("q", held[0]!.receiptHandle); // room for one more
    expect((await p).map((m) => m.body)).toEqual(["c"]);
    const idle = broker.receiveAsync("q", { waitTimeSeconds: 20 });
    clock.advance(20_000);
    expect(await idle).toEqual([]);
  });

  it("refuses waitTimeSeconds on the synchronous receive", () => {
    const { broker } = setup();
    expect(() => broker.receive("q", { waitTimeSeconds: 5 } as never)).toThrow(/long-poll with receiveAsync/);
  });
});
