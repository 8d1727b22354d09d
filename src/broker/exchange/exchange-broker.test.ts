import { describe, expect, it } from "vitest";
import { ManualClock } from "../clock.js";
import { ResourceExistsError } from "../errors.js";
import { Trace } from "../trace.js";
import { ExchangeAccessRefusedError, ExchangePreconditionError } from "./errors.js";
import { ExchangeBroker } from "./exchange-broker.js";

const setup = () => {
  const clock = new ManualClock();
  const broker = new ExchangeBroker({ clock, seed: 7 });
  return { clock, broker };
};

const drain = (broker: ExchangeBroker, queue: string): string[] => {
  const out: string[] = [];
  for (let m = broker.get(queue, { noAck: true }); m; m = broker.get(queue, { noAck: true })) out.push(String(m.body));
  return out;
};

describe("exchanges", () => {
  it("declares, redeclares with the same settings, and refuses different ones", () => {
    const { broker } = setup();
    expect(broker.declareExchange("logs", "fanout")).toEqual({ exchange: "logs" });
    expect(broker.declareExchange("logs", "fanout")).toEqual({ exchange: "logs" });
    expect(() => broker.declareExchange("logs", "topic")).toThrow(ResourceExistsError);
    expect(() => broker.declareExchange("logs", "fanout", { autoDelete: true })).toThrow(/autoDelete is false/);
    expect(broker.checkExchange("logs")).toEqual({ exchange: "logs", type: "fanout" });
  });

  it("starts with RabbitMQ's predeclared exchanges and refuses the reserved names", () => {
    const { broker } = setup();
    expect(broker.checkExchange("amq.topic").type).toBe("topic");
    expect(broker.checkExchange("amq.match").type).toBe("headers");
    expect(broker.checkExchange("").type).toBe("direct");
    expect(() => broker.declareExchange("amq.mine", "direct")).toThrow(ExchangeAccessRefusedError);
    expect(() => broker.declareExchange("", "direct")).toThrow(ExchangeAccessRefusedError);
    expect(() => broker.deleteExchange("amq.direct")).toThrow(ExchangeAccessRefusedError);
  });

  it("deletes (idempotently), honours ifUnused, and removes the exchange's bindings", () => {
    const { broker } = setup();
    broker.declareExchange("x", "direct");
    broker.declareQueue("q");
    broker.bindQueue("q", "x", "k");
    expect(() => broker.deleteExchange("x", { ifUnused: true })).toThrow(ExchangePreconditionError);
    expect(broker.deleteExchange("x")).toBe(true);
    expect(broker.deleteExchange("x")).toBe(false);
    broker.declareExchange("x", "direct");
    expect(broker.publish("x", "k", "m").queues).toEqual([]);
  });

  it("auto-deletes an exchange when its last binding goes", () => {
    const { broker } = setup();
    broker.declareExchange("tmp", "fanout", { autoDelete: true });
    broker.declareQueue("a");
    broker.declareQueue("b");
    broker.bindQueue("a", "tmp");
    broker.bindQueue("b", "tmp");
    broker.unbindQueue("a", "tmp");
    expect(broker.checkExchange("tmp").exchange).toBe("tmp");
    broker.deleteQueue("b");
    expect(() => broker.checkExchange("tmp")).toThrow(/No exchange named "tmp"/);
  });
});

describe("queues", () => {
  it("declares with counts, generates amq.gen- names from the seed, and refuses inequivalent redeclares", () => {
    const { broker } = setup();
    expect(broker.declareQueue("jobs")).toEqual({ queue: "jobs", messageCount: 0, consumerCount: 0 });
    const gen = broker.declareQueue("");
    expect(gen.queue).toMatch(/^amq\.gen-[A-Za-z0-9_-]{22}$/);
    expect(new ExchangeBroker({ clock: new ManualClock(), seed: 7 }).declareQueue().queue).toBe(gen.queue);
    broker.sendToQueue("jobs", "1");
    expect(broker.declareQueue("jobs")).toEqual({ queue: "jobs", messageCount: 1, consumerCount: 0 });
    expect(() => broker.declareQueue("jobs", { arguments: { "x-message-ttl": 5 } })).toThrow(/inequivalent arg "x-message-ttl"/);
    expect(() => broker.declareQueue("amq.q")).toThrow(ExchangeAccessRefusedError);
  });

  it("purges ready messages only, and deletes with ifEmpty / ifUnused", () => {
    const { broker } = setup();
    broker.declareQueue("q");
    for (const b of ["1", "2", "3"]) broker.sendToQueue("q", b);
    const held = broker.get("q")!;
    expect(broker.purgeQueue("q")).toEqual({ messageCount: 2 });
    broker.nack(held.deliveryTag);
    expect(drain(broker, "q")).toEqual(["1"]);
    broker.sendToQueue("q", "4");
    expect(() => broker.deleteQueue("q", { ifEmpty: true })).toThrow(ExchangePreconditionError);
    const tag = broker.consume("q", () => {});
    expect(() => broker.deleteQueue("q", { ifUnused: true })).toThrow(/1 consumer/);
    broker.cancel(tag);
    expect(broker.deleteQueue("q")).toEqual({ messageCount: 0 });
    expect(broker.deleteQueue("q")).toEqual({ messageCount: 0 });
  });

  it("cancels the consumers of a deleted queue and tells them", () => {
    const { broker } = setup();
    broker.declareQueue("q");
    const cancelled: string[] = [];
    const tag = broker.consume("q", () => {}, { onCancel: (t) => cancelled.push(t) });
    broker.sendToQueue("q", "held");
    expect(broker.deleteQueue("q")).toEqual({ messageCount: 0 });
    expect(cancelled).toEqual([tag]);
  });

  it("auto-deletes a queue when its last consumer is cancelled", () => {
    const { broker } = setup();
    broker.declareQueue("reply", { autoDelete: true });
    const tag = broker.consume("reply", () => {});
    broker.cancel(tag);
    expect(() => broker.checkQueue("reply")).toThrow(/No queue named "reply"/);
  });

  it("expires an unused queue after x-expires, unless used again", () => {
    const { broker, clock } = setup();
    broker.declareQueue("rpc", { arguments: { "x-expires": 1000 } });
    clock.advance(900);
    broker.get("rpc"); // basic.get renews the lease
    clock.advance(900);
    expect(broker.checkQueue("rpc").queue).toBe("rpc");
    const tag = broker.consume("rpc", () => {});
    clock.advance(5000);
    expect(broker.checkQueue("rpc").consumerCount).toBe(1);
    broker.cancel(tag);
    clock.advance(999);
    // snapshot(), not checkQueue: a passive declare would renew the lease, as in RabbitMQ.
    expect(broker.snapshot().queues.map((q) => q.name)).toContain("rpc");
    clock.advance(1);
    expect(() => broker.checkQueue("rpc")).toThrow(/No queue named/);
    expect(broker.trace.filter("exchange", "queue-delete").at(-1)).toMatchObject({ queue: "rpc", reason: "expires" });
  });
});

describe("bindings and routing", () => {
  it("direct: routes on the exact key; bind is idempotent; unbind stops routing", () => {
    const { broker } = setup();
    broker.declareExchange("tasks", "direct");
    broker.declareQueue("img");
    broker.declareQueue("pdf");
    broker.bindQueue("img", "tasks", "resize");
    broker.bindQueue("img", "tasks", "resize");
    broker.bindQueue("pdf", "tasks", "render");
    broker.bindQueue("pdf", "tasks", "resize");
    expect(broker.publish("tasks", "resize", "a").queues).toEqual(["img", "pdf"]);
    expect(broker.publish("tasks", "Resize", "b").queues).toEqual([]);
    expect(broker.unbindQueue("pdf", "tasks", "resize")).toBe(true);
    expect(broker.unbindQueue("pdf", "tasks", "resize")).toBe(false);
    expect(broker.unbindQueue("ghost", "nowhere", "resize")).toBe(false); // not NOT_FOUND since RabbitMQ 3.2
    expect(broker.publish("tasks", "resize", "c").queues).toEqual(["img"]);
    expect(drain(broker, "img")).toEqual(["a", "c"]);
  });

  it("fanout: every bound queue, whatever the key, once each", () => {
    const { broker } = setup();
    broker.declareExchange("news", "fanout");
    for (const q of ["a", "b"]) broker.declareQueue(q);
    broker.bindQueue("a", "news", "x");
    broker.bindQueue("a", "news", "y");
    broker.bindQueue("b", "news");
    expect(broker.publish("news", "anything", "m").queues).toEqual(["a", "b"]);
    expect(broker.checkQueue("a").messageCount).toBe(1);
  });

  it("topic: a queue with several matching bindings gets the message once", () => {
    const { broker } = setup();
    broker.declareExchange("t", "topic");
    broker.declareQueue("q");
    for (const p of ["order.#", "*.placed", "order.placed", "#"]) broker.bindQueue("q", "t", p);
    expect(broker.publish("t", "order.placed", "m").queues).toEqual(["q"]);
    expect(drain(broker, "q")).toEqual(["m"]);
  });

  it("the default exchange routes by queue name and cannot be bound", () => {
    const { broker } = setup();
    broker.declareQueue("inbox");
    expect(broker.publish("", "inbox", "hi").queues).toEqual(["inbox"]);
    expect(broker.publish("", "nobody", "hi").queues).toEqual([]);
    expect(() => broker.bindQueue("inbox", "", "other")).toThrow(ExchangeAccessRefusedError);
    expect(() => broker.unbindQueue("inbox", "", "inbox")).toThrow(ExchangeAccessRefusedError);
  });

  it("mandatory: an unroutable message is returned with 312 NO_ROUTE", () => {
    const { broker } = setup();
    broker.declareExchange("x", "direct");
    expect(broker.publish("x", "k", "m")).toEqual({ queues: [], rejectedBy: [], returned: false, confirm: "ack" });
    expect(broker.publish("x", "k", "m", {}, { mandatory: true })).toMatchObject({ returned: true });
    expect(broker.trace.filter("exchange", "return")).toMatchObject([{ replyCode: 312, replyText: "NO_ROUTE", routingKey: "k" }]);
  });

  it("keeps a private copy of properties and delivers them", () => {
    const { broker } = setup();
    broker.declareQueue("q");
    const props = { messageId: "m-1", correlationId: "c-9", headers: { attempt: 1 } };
    broker.sendToQueue("q", "body", props);
    props.headers.attempt = 2;
    const m = broker.get("q", { noAck: true })!;
    expect(m).toMatchObject({ exchange: "", routingKey: "q", queue: "q", redelivered: false, body: "body", messageCount: 0 });
    expect(m.properties).toEqual({ messageId: "m-1", correlationId: "c-9", headers: { attempt: 1 } });
  });
});

describe("trace", () => {
  it("records every operation as a typed exchange event", () => {
    const trace = new Trace();
    const broker = new ExchangeBroker({ clock: new ManualClock(), trace });
    broker.declareExchange("x", "fanout");
    broker.declareQueue("q");
    broker.bindQueue("q", "x");
    const tag = broker.consume("q", (d) => broker.ack(d.deliveryTag));
    broker.publish("x", "", "m");
    broker.cancel(tag);
    broker.unbindQueue("q", "x");
    broker.purgeQueue("q");
    broker.deleteQueue("q");
    broker.deleteExchange("x");
    expect(trace.events().every((e) => e.family === "exchange")).toBe(true);
    expect(trace.events().map((e) => e.type)).toEqual([
      "connection-open", "channel-open", "exchange-declare", "queue-declare", "bind", "consume",
      "publish", "deliver", "ack", "cancel", "unbind", "queue-purge", "queue-delete", "exchange-delete",
    ]);
  });
});
