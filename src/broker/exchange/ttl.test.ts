import { describe, expect, it } from "vitest";
import { ManualClock } from "../clock.js";
import { ExchangeBroker } from "./exchange-broker.js";
import type { ExchangeDelivery, ExchangeQueueArguments } from "./types.js";

function setup(args: ExchangeQueueArguments = {}) {
  const clock = new ManualClock();
  const broker = new ExchangeBroker({ clock });
  broker.declareExchange("dlx", "fanout");
  broker.declareQueue("q", { arguments: { "x-dead-letter-exchange": "dlx", ...args } });
  broker.declareQueue("expired");
  broker.bindQueue("expired", "dlx");
  return { clock, broker };
}

const ready = (broker: ExchangeBroker, q: string) => broker.checkQueue(q).messageCount;

describe("per-queue message TTL (x-message-ttl)", () => {
  it("expires a message exactly TTL ms after it was enqueued, and dead-letters it", () => {
    const { broker, clock } = setup({ "x-message-ttl": 1000 });
    broker.sendToQueue("q", "a");
    clock.advance(400);
    broker.sendToQueue("q", "b");
    clock.advance(599);
    expect(ready(broker, "q")).toBe(2);
    clock.advance(1);
    expect(ready(broker, "q")).toBe(1);
    clock.advance(400);
    expect(ready(broker, "q")).toBe(0);
    expect(broker.trace.filter("exchange", "expire").map((e) => [e.at, e["msg"]])).toEqual([[1000, 1], [1400, 2]]);
    expect(ready(broker, "expired")).toBe(2);
  });

  it("does not expire unacked messages; a requeued one keeps its original expiry", () => {
    const { broker, clock } = setup({ "x-message-ttl": 1000 });
    broker.sendToQueue("q", "a");
    const held = broker.get("q")!;
    clock.advance(5000);
    expect(broker.snapshot().queues.find((q) => q.name === "q")!.unacked).toBe(1);
    broker.nack(held.deliveryTag);
    expect(ready(broker, "q")).toBe(0);
    expect(broker.get("expired")!.properties.headers!["x-first-death-reason"]).toBe("expired");
  });

  it("TTL 0: delivered to a consumer that can take it now, expired otherwise", () => {
    const { broker } = setup({ "x-message-ttl": 0 });
    broker.sendToQueue("q", "nobody-waiting");
    expect(ready(broker, "q")).toBe(0);
    expect(ready(broker, "expired")).toBe(1);
    const got: ExchangeDelivery[] = [];
    broker.consume("q", (d) => got.push(d), { prefetch: 1 });
    broker.sendToQueue("q", "taken");
    broker.sendToQueue("q", "no-room");
    expect(got.map((d) => d.body)).toEqual(["taken"]);
    expect(ready(broker, "expired")).toBe(2);
  });
});

describe("per-message TTL (expiration)", () => {
  it("takes the lower of the message's and the queue's TTL", () => {
    const { broker, clock } = setup({ "x-message-ttl": 1000 });
    broker.sendToQueue("q", "short", { expiration: "100" });
    broker.sendToQueue("q", "long", { expiration: "60000" });
    clock.advance(100);
    expect(ready(broker, "q")).toBe(1);
    clock.advance(900);
    expect(ready(broker, "q")).toBe(0);
  });

  it("expires only at the head, as classic queues do: an expired message waits behind a live one", () => {
    const { broker, clock } = setup();
    broker.sendToQueue("q", "long", { expiration: "10000" });
    broker.sendToQueue("q", "short", { expiration: "100" });
    clock.advance(5000);
    expect(ready(broker, "q")).toBe(2); // "short" has expired but is not at the head
    expect(broker.get("q", { noAck: true })!.body).toBe("long");
    // Taking "long" brought "short" to the head: it is dead-lettered then, not delivered.
    expect(broker.get("q", { noAck: true })).toBeUndefined();
    expect(broker.get("expired", { noAck: true })!.body).toBe("short");
  });

  it("rejects an expiration that is not a string of digits within RabbitMQ's range", () => {
    const { broker } = setup();
    for (const bad of ["-1", "1.5", "soon", "", "4294967296"]) {
      expect(() => broker.sendToQueue("q", "m", { expiration: bad })).toThrow(/expiration property must be a string of digits/);
    }
    expect(ready(broker, "q")).toBe(0);
  });
});
