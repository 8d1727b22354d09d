import { describe, expect, it } from "vitest";
import { ManualClock } from "../clock.js";
import { ChannelClosedError, ConsumerTagInUseError, UnknownDeliveryTagError } from "./errors.js";
import { ExchangeBroker } from "./exchange-broker.js";
import type { ExchangeDelivery } from "./types.js";

const setup = (queue = "q") => {
  const broker = new ExchangeBroker({ clock: new ManualClock() });
  broker.declareQueue(queue);
  return broker;
};
const bodies = (ds: ExchangeDelivery[]) => ds.map((d) => String(d.body));

describe("consume", () => {
  it("delivers in queue order with increasing delivery tags and a generated consumer tag", () => {
    const broker = setup();
    const got: ExchangeDelivery[] = [];
    const tag = broker.consume("q", (d) => got.push(d));
    for (const b of ["a", "b", "c"]) broker.sendToQueue("q", b);
    expect(tag).toMatch(/^amq\.ctag-[A-Za-z0-9_-]{22}$/);
    expect(bodies(got)).toEqual(["a", "b", "c"]);
    expect(got.map((d) => d.deliveryTag)).toEqual([1, 2, 3]);
    expect(got.every((d) => d.consumerTag === tag && !d.redelivered)).toBe(true);
  });

  it("delivers messages already waiting when the consumer starts", () => {
    const broker = setup();
    broker.sendToQueue("q", "early");
    const got: ExchangeDelivery[] = [];
    broker.consume("q", (d) => got.push(d));
    expect(bodies(got)).toEqual(["early"]);
  });

  it("holds at most `prefetch` unacked deliveries per consumer", () => {
    const broker = setup();
    const got: ExchangeDelivery[] = [];
    broker.consume("q", (d) => got.push(d), { prefetch: 2 });
    for (let i = 0; i < 5; i++) broker.sendToQueue("q", String(i));
    expect(bodies(got)).toEqual(["0", "1"]);
    expect(broker.checkQueue("q").messageCount).toBe(3);
    broker.ack(got[0]!.deliveryTag);
    expect(bodies(got)).toEqual(["0", "1", "2"]);
    broker.ack(got[2]!.deliveryTag, true); // acks 2 and 3 (tags 2 and 3)
    expect(bodies(got)).toEqual(["0", "1", "2", "3", "4"]);
  });

  it("round-robins between consumers with room", () => {
    const broker = setup();
    const a: ExchangeDelivery[] = [];
    const b: ExchangeDelivery[] = [];
    broker.consume("q", (d) => a.push(d), { prefetch: 1 });
    broker.consume("q", (d) => b.push(d), { prefetch: 1 });
    for (let i = 0; i < 4; i++) broker.sendToQueue("q", String(i));
    expect([bodies(a), bodies(b)]).toEqual([["0"], ["1"]]);
    broker.ack(b[0]!.deliveryTag);
    expect([bodies(a), bodies(b)]).toEqual([["0"], ["1", "2"]]);
  });

  it("never re-enters a callback: acks and publishes from inside run after it returns", () => {
    const broker = setup();
    let depth = 0;
    let maxDepth = 0;
    const log: string[] = [];
    broker.consume("q", (d) => {
      depth++;
      maxDepth = Math.max(maxDepth, depth);
      log.push(`start ${String(d.body)}`);
      if (d.body === "1") broker.sendToQueue("q", "2");
      broker.ack(d.deliveryTag);
      log.push(`end ${String(d.body)}`);
      depth--;
    });
    broker.sendToQueue("q", "1");
    expect(maxDepth).toBe(1);
    expect(log).toEqual(["start 1", "end 1", "start 2", "end 2"]);
    expect(broker.checkQueue("q").messageCount).toBe(0);
  });

  it("noAck deliveries need no ack (and cannot be acked)", () => {
    const broker = setup();
    const got: ExchangeDelivery[] = [];
    broker.consume("q", (d) => got.push(d), { noAck: true, prefetch: 1 });
    for (let i = 0; i < 3; i++) broker.sendToQueue("q", String(i));
    expect(got).toHaveLength(3);
    expect(broker.snapshot().channels[0]!.unacked).toEqual([]);
    expect(() => broker.ack(got[0]!.deliveryTag)).toThrow(UnknownDeliveryTagError);
  });

  it("records a throwing callback and leaves its delivery unacked", () => {
    const broker = setup();
    broker.consume("q", () => {
      throw new Error("boom");
    });
    broker.sendToQueue("q", "x");
    expect(broker.trace.filter("exchange", "consumer-error")).toMatchObject([{ deliveryTag: 1, error: "Error: boom" }]);
    expect(broker.snapshot().queues[0]!.unacked).toBe(1);
  });

  it("refuses a consumer tag already used on the channel", () => {
    const broker = setup();
    broker.consume("q", () => {}, { consumerTag: "worker" });
    expect(() => broker.consume("q", () => {}, { consumerTag: "worker" })).toThrow(ConsumerTagInUseError);
    expect(broker.openConnection().createChannel().consume("q", () => {}, { consumerTag: "worker" })).toBe("worker");
  });
});

describe("ack, nack, reject", () => {
  it("ack(0, multiple) settles everything on the channel", () => {
    const broker = setup();
    for (let i = 0; i < 3; i++) broker.sendToQueue("q", String(i));
    for (let i = 0; i < 3; i++) broker.get("q");
    broker.ack(0, true);
    expect(broker.snapshot().channels[0]!.unacked).toEqual([]);
  });

  it("a requeued message goes back to its place at the head, marked redelivered", () => {
    const broker = setup();
    for (const b of ["1", "2", "3"]) broker.sendToQueue("q", b);
    const m1 = broker.get("q")!;
    const m2 = broker.get("q")!;
    broker.nack(m2.deliveryTag);
    broker.reject(m1.deliveryTag);
    const again = [broker.get("q")!, broker.get("q")!, broker.get("q")!];
    expect(again.map((d) => [String(d.body), d.redelivered])).toEqual([["1", true], ["2", true], ["3", false]]);
  });

  it("nack multiple without requeue drops the messages (no dead-letter exchange here)", () => {
    const broker = setup();
    for (const b of ["1", "2", "3"]) broker.sendToQueue("q", b);
    broker.get("q");
    const m2 = broker.get("q")!;
    broker.nack(m2.deliveryTag, true, false);
    expect(broker.trace.filter("exchange", "discard").map((e) => e["reason"])).toEqual(["rejected", "rejected"]);
    expect(broker.checkQueue("q").messageCount).toBe(1);
  });

  it("an unknown or settled delivery tag is a typed error and changes nothing", () => {
    const broker = setup();
    broker.sendToQueue("q", "1");
    const m = broker.get("q")!;
    expect(() => broker.ack(99)).toThrow(UnknownDeliveryTagError);
    broker.ack(m.deliveryTag);
    const before = broker.snapshot();
    expect(() => broker.ack(m.deliveryTag)).toThrow(/holds no unacked delivery with tag 1/);
    expect(() => broker.nack(m.deliveryTag, true)).toThrow(UnknownDeliveryTagError);
    expect(() => broker.reject(m.deliveryTag)).toThrow(UnknownDeliveryTagError);
    expect(broker.snapshot()).toEqual(before);
  });
});

describe("get", () => {
  it("returns the head with the ready count, or undefined", () => {
    const broker = setup();
    expect(broker.get("q")).toBeUndefined();
    broker.sendToQueue("q", "a");
    broker.sendToQueue("q", "b");
    expect(broker.get("q")).toMatchObject({ body: "a", deliveryTag: 1, messageCount: 1, consumerTag: "" });
    expect(broker.checkQueue("q").messageCount).toBe(1);
  });
});

describe("cancel and channels", () => {
  it("basic.cancel leaves unacked deliveries on the channel, still ackable (RabbitMQ AMQP 0-9-1)", () => {
    const broker = setup();
    const got: ExchangeDelivery[] = [];
    const tag = broker.consume("q", (d) => got.push(d));
    broker.sendToQueue("q", "1");
    expect(broker.cancel(tag)).toBe(true);
    expect(broker.cancel(tag)).toBe(false);
    broker.sendToQueue("q", "2");
    expect(bodies(got)).toEqual(["1"]);
    expect(broker.snapshot().queues[0]!.unacked).toBe(1);
    broker.ack(got[0]!.deliveryTag);
    expect(broker.snapshot().queues[0]!.unacked).toBe(0);
  });

  it("deliveries made before a cancel still reach the callback (AMQP's cancel race)", () => {
    const broker = setup();
    broker.declareQueue("trigger");
    const seen: string[] = [];
    let bTag = "";
    broker.consume("q", (d) => {
      seen.push(`a:${String(d.body)}`);
      broker.cancel(bTag); // b already holds a delivery waiting to run
    }, { prefetch: 1 });
    bTag = broker.consume("q", (d) => seen.push(`b:${String(d.body)}`), { prefetch: 1 });
    // Publishing from inside a callback: both messages are assigned (a gets 1, b gets 2)
    // before either of their callbacks runs.
    broker.consume("trigger", () => {
      broker.sendToQueue("q", "1");
      broker.sendToQueue("q", "2");
    }, { noAck: true });
    broker.sendToQueue("trigger", "go");
    expect(seen).toEqual(["a:1", "b:2"]);
    broker.sendToQueue("q", "3");
    expect(seen).toEqual(["a:1", "b:2"]);
    expect(broker.checkQueue("q")).toMatchObject({ messageCount: 1, consumerCount: 1 });
  });

  it("cancel with requeueUnacked returns them to the queue, redelivered", () => {
    const broker = setup();
    const tag = broker.consume("q", () => {});
    broker.sendToQueue("q", "1");
    broker.cancel(tag, { requeueUnacked: true });
    expect(broker.get("q")).toMatchObject({ body: "1", redelivered: true });
  });

  it("delivery tags are per channel", () => {
    const broker = setup();
    const conn = broker.openConnection();
    const [c1, c2] = [conn.createChannel(), conn.createChannel()];
    for (let i = 0; i < 4; i++) broker.sendToQueue("q", String(i));
    expect([c1.get("q")!.deliveryTag, c2.get("q")!.deliveryTag, c1.get("q")!.deliveryTag]).toEqual([1, 1, 2]);
    expect(() => c2.ack(2)).toThrow(UnknownDeliveryTagError);
  });

  it("closing a channel requeues its unacked deliveries and closes it for good", () => {
    const broker = setup();
    const ch = broker.openConnection().createChannel();
    const got: ExchangeDelivery[] = [];
    ch.consume("q", (d) => got.push(d));
    broker.sendToQueue("q", "1");
    broker.sendToQueue("q", "2");
    ch.close();
    expect(broker.get("q")).toMatchObject({ body: "1", redelivered: true });
    expect(broker.get("q")).toMatchObject({ body: "2", redelivered: true });
    expect(() => ch.ack(1)).toThrow(ChannelClosedError);
    expect(() => ch.publish("", "q", "x")).toThrow(ChannelClosedError);
    expect(ch.isOpen).toBe(false);
  });

  it("closing a connection closes its channels", () => {
    const broker = setup();
    const conn = broker.openConnection();
    const ch = conn.createChannel();
    ch.consume("q", () => {});
    broker.sendToQueue("q", "1");
    conn.close();
    expect([conn.isOpen, ch.isOpen]).toEqual([false, false]);
    expect(broker.checkQueue("q")).toMatchObject({ messageCount: 1, consumerCount: 0 });
    expect(() => conn.createChannel()).toThrow(ChannelClosedError);
  });
});
