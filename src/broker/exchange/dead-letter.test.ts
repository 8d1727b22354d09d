import { describe, expect, it } from "vitest";
import { ManualClock } from "../clock.js";
import { ExchangeBroker } from "./exchange-broker.js";
import type { ExchangeQueueArguments } from "./types.js";

/** orders (topic) → work, dead-lettering to dlx (fanout) → dead. */
function setup(workArgs: ExchangeQueueArguments = {}) {
  const clock = new ManualClock(5_000);
  const broker = new ExchangeBroker({ clock });
  broker.declareExchange("orders", "topic");
  broker.declareExchange("dlx", "fanout");
  broker.declareQueue("work", { arguments: { "x-dead-letter-exchange": "dlx", ...workArgs } });
  broker.declareQueue("dead");
  broker.bindQueue("work", "orders", "order.*");
  broker.bindQueue("dead", "dlx");
  return { clock, broker };
}

describe("dead-lettering", () => {
  it("reject without requeue: x-death, x-first-death-* and x-last-death-* as RabbitMQ writes them", () => {
    const { broker } = setup();
    broker.publish("orders", "order.created", "m", { messageId: "id-1", headers: { tenant: "t1" } });
    broker.reject(broker.get("work")!.deliveryTag, false);
    const d = broker.get("dead", { noAck: true })!;
    expect(d).toMatchObject({ exchange: "dlx", routingKey: "order.created", body: "m" });
    expect(d.properties.messageId).toBe("id-1");
    expect(d.properties.headers).toEqual({
      tenant: "t1",
      "x-death": [{ queue: "work", reason: "rejected", count: 1, time: 5, exchange: "orders", "routing-keys": ["order.created"] }],
      "x-first-death-queue": "work",
      "x-first-death-reason": "rejected",
      "x-first-death-exchange": "orders",
      "x-last-death-queue": "work",
      "x-last-death-reason": "rejected",
      "x-last-death-exchange": "orders",
    });
  });

  it("x-dead-letter-routing-key replaces the routing key; x-death keeps the original", () => {
    const clock = new ManualClock();
    const broker = new ExchangeBroker({ clock });
    broker.declareExchange("dlx", "direct");
    broker.declareQueue("work", { arguments: { "x-dead-letter-exchange": "dlx", "x-dead-letter-routing-key": "failed" } });
    broker.declareQueue("failed");
    broker.bindQueue("failed", "dlx", "failed");
    broker.sendToQueue("work", "m");
    broker.nack(broker.get("work")!.deliveryTag, false, false);
    const d = broker.get("failed")!;
    expect(d.routingKey).toBe("failed");
    expect((d.properties.headers!["x-death"] as Array<Record<string, unknown>>)[0]!["routing-keys"]).toEqual(["work"]);
  });

  it("a retry loop keeps one entry per (queue, reason), most recent first, counting repeats", () => {
    const clock = new ManualClock();
    const broker = new ExchangeBroker({ clock });
    broker.declareExchange("retry", "fanout");
    broker.declareQueue("work", { arguments: { "x-dead-letter-exchange": "retry" } });
    // The wait queue holds a message for 1 s, then dead-letters it back to work by name.
    broker.declareQueue("wait", { arguments: { "x-message-ttl": 1000, "x-dead-letter-exchange": "", "x-dead-letter-routing-key": "work" } });
    broker.bindQueue("wait", "retry");
    broker.sendToQueue("work", "job");
    broker.reject(broker.get("work")!.deliveryTag, false);
    clock.advance(1000);
    clock.advance(2000);
    broker.reject(broker.get("work")!.deliveryTag, false);
    clock.advance(1000);
    const d = broker.get("work")!;
    const deaths = d.properties.headers!["x-death"] as Array<Record<string, unknown>>;
    expect(deaths.map((e) => [e["queue"], e["reason"], e["count"], e["time"]])).toEqual([
      ["wait", "expired", 2, 1],
      ["work", "rejected", 2, 0],
    ]);
    expect(deaths[1]!["exchange"]).toBe("");
    expect(d.properties.headers).toMatchObject({
      "x-first-death-queue": "work",
      "x-first-death-reason": "rejected",
      "x-last-death-queue": "wait",
      "x-last-death-reason": "expired",
      "x-last-death-exchange": "retry",
    });
  });

  it("drops a message that would cycle back into a queue without any rejection", () => {
    const clock = new ManualClock();
    const broker = new ExchangeBroker({ clock });
    broker.declareQueue("loop", { arguments: { "x-message-ttl": 10, "x-dead-letter-exchange": "", "x-dead-letter-routing-key": "loop" } });
    broker.sendToQueue("loop", "m");
    clock.advance(10);
    expect(broker.checkQueue("loop").messageCount).toBe(0);
    expect(broker.trace.filter("exchange", "discard")).toMatchObject([{ queue: "loop", reason: "dlx-cycle" }]);
  });

  it("drops silently when the dead-letter exchange does not exist", () => {
    const { broker } = setup({ "x-dead-letter-exchange": "missing" });
    broker.publish("orders", "order.x", "m");
    broker.reject(broker.get("work")!.deliveryTag, false);
    expect(broker.trace.filter("exchange", "discard")).toMatchObject([{ queue: "work", reason: "dlx-missing" }]);
  });

  it("x-max-length with drop-head dead-letters the oldest ready message (reason maxlen)", () => {
    const { broker } = setup({ "x-max-length": 2 });
    for (const b of ["1", "2", "3"]) broker.publish("orders", "order.x", b);
    expect(broker.checkQueue("work").messageCount).toBe(2);
    const d = broker.get("dead")!;
    expect(d.body).toBe("1");
    expect(d.properties.headers!["x-first-death-reason"]).toBe("maxlen");
  });

  it("drop-head also trims after a requeue pushes the queue over x-max-length (RabbitMQ requeue_and_run)", () => {
    const { broker } = setup({ "x-max-length": 2 });
    broker.publish("orders", "order.x", "1");
    const one = broker.get("work")!;
    for (const b of ["2", "3"]) broker.publish("orders", "order.x", b);
    broker.nack(one.deliveryTag); // "1" goes back to its place at the head: three ready, one too many
    expect(broker.checkQueue("work").messageCount).toBe(2);
    const d = broker.get("dead")!;
    expect(d.body).toBe("1");
    expect(d.properties.headers!["x-first-death-reason"]).toBe("maxlen");
    expect(broker.get("work")).toMatchObject({ body: "2", redelivered: false });
    // A closing channel's requeues are trimmed the same way.
    const ch = broker.openConnection().createChannel();
    ch.get("work");
    broker.publish("orders", "order.x", "4");
    broker.publish("orders", "order.x", "5");
    ch.close();
    expect(broker.checkQueue("work").messageCount).toBe(2);
    expect(broker.get("dead")).toMatchObject({ body: "3" });
  });

  it("reject-publish never trims: a requeue may leave the queue over x-max-length, and publishes are refused", () => {
    const { broker } = setup({ "x-max-length": 1, "x-overflow": "reject-publish" });
    broker.publish("orders", "order.x", "1");
    const one = broker.get("work")!;
    broker.publish("orders", "order.x", "2");
    broker.nack(one.deliveryTag);
    expect(broker.checkQueue("work").messageCount).toBe(2);
    expect(broker.checkQueue("dead").messageCount).toBe(0);
    expect(broker.publish("orders", "order.x", "3").rejectedBy).toEqual(["work"]);
  });

  it("counts only ready messages against x-max-length", () => {
    const { broker } = setup({ "x-max-length": 1 });
    broker.publish("orders", "order.x", "1");
    broker.get("work");
    broker.publish("orders", "order.x", "2");
    expect(broker.checkQueue("work").messageCount).toBe(1);
    expect(broker.checkQueue("dead").messageCount).toBe(0);
  });

  it("reject-publish refuses new messages (a nack to a confirming publisher), reject-publish-dlx also dead-letters them", () => {
    const a = setup({ "x-max-length": 1, "x-overflow": "reject-publish" });
    expect(a.broker.publish("orders", "order.x", "1").confirm).toBe("ack");
    expect(a.broker.publish("orders", "order.x", "2")).toEqual({ queues: [], rejectedBy: ["work"], returned: false, confirm: "nack" });
    expect(a.broker.checkQueue("dead").messageCount).toBe(0);
    const b = setup({ "x-max-length": 1, "x-overflow": "reject-publish-dlx" });
    b.broker.publish("orders", "order.x", "1");
    b.broker.publish("orders", "order.x", "2");
    expect(b.broker.get("dead")).toMatchObject({ body: "2" });
    expect(b.broker.get("work")).toMatchObject({ body: "1" });
  });

  it("records original-expiration and removes expiration on dead-lettering", () => {
    const { broker, clock } = setup();
    broker.publish("orders", "order.x", "m", { expiration: "500" });
    clock.advance(500);
    const d = broker.get("dead")!;
    expect(d.properties.expiration).toBeUndefined();
    expect(d.properties.headers!["x-death"]).toEqual([
      { queue: "work", reason: "expired", count: 1, time: 5, exchange: "orders", "routing-keys": ["order.x"], "original-expiration": "500" },
    ]);
  });

  it("x-delivery-limit dead-letters a message that failed too often on a quorum queue (reason delivery_limit)", () => {
    const { broker } = setup({ "x-queue-type": "quorum", "x-delivery-limit": 1 });
    broker.publish("orders", "order.x", "poison");
    // RabbitMQ 4.3: a nack with requeue is a plain return and does not count...
    broker.nack(broker.get("work")!.deliveryTag);
    const first = broker.get("work")!;
    expect([first.redelivered, first.properties.headers]).toEqual([true, undefined]);
    // ...a reject with requeue (or a closed channel) does.
    broker.reject(first.deliveryTag);
    const second = broker.get("work")!;
    expect(second.properties.headers).toEqual({ "x-delivery-count": 1 });
    broker.reject(second.deliveryTag);
    expect(broker.get("work")).toBeUndefined();
    expect(broker.get("dead")!.properties.headers!["x-first-death-reason"]).toBe("delivery_limit");
  });
});
