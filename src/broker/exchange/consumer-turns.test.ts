// The order in which a queue's consumers take turns, as RabbitMQ's rabbit_queue_consumers keeps
// it. Found by the differential suite against RabbitMQ 3.10.8 (test/rabbitmq): a consumer that
// was full on its turn used to keep its place and take the next message as soon as an ack
// freed it; RabbitMQ moves it out of the rotation and puts it back at the end.
import { describe, expect, it } from "vitest";
import { ManualClock } from "../clock.js";
import type { ExchangeChannel } from "./channel.js";
import { ExchangeBroker } from "./exchange-broker.js";
import type { ExchangeDelivery } from "./types.js";

/** One consumer per channel on queue "q"; `ack(tag, i)` acks its i-th delivery. */
function setup(specs: Array<[string, number]>) {
  const broker = new ExchangeBroker({ clock: new ManualClock() });
  broker.declareQueue("q");
  const got = new Map<string, ExchangeDelivery[]>();
  const channels = new Map<string, ExchangeChannel>();
  for (const [tag, prefetch] of specs) {
    const ch = broker.openConnection().createChannel();
    got.set(tag, []);
    channels.set(tag, ch);
    ch.consume("q", (d) => got.get(tag)!.push(d), { consumerTag: tag, prefetch });
  }
  return {
    publish: (...bodies: string[]) => bodies.forEach((b) => broker.sendToQueue("q", b)),
    ack: (tag: string, i: number) => channels.get(tag)!.ack(got.get(tag)![i]!.deliveryTag),
    who: () => Object.fromEntries([...got].map(([tag, ds]) => [tag, ds.map((d) => String(d.body))])),
  };
}

describe("consumer turns", () => {
  it("a consumer passed over while full rejoins behind the others once an ack frees it", () => {
    const t = setup([["a", 1], ["b", 0], ["c", 0]]);
    t.publish("m1", "m2", "m3", "m4"); // m4: a's turn, but a is full, so b
    expect(t.who()).toEqual({ a: ["m1"], b: ["m2", "m4"], c: ["m3"] });
    t.ack("a", 0);
    t.publish("m5", "m6", "m7", "m8");
    // The turn order after m4 was c, b; a rejoined behind them: c, b, a, c.
    expect(t.who()).toEqual({ a: ["m1", "m7"], b: ["m2", "m4", "m6"], c: ["m3", "m5", "m8"] });
  });

  it("a full consumer that was never passed over keeps its place", () => {
    const t = setup([["a", 1], ["b", 0]]);
    t.publish("m1"); // a; the turn order is now b, a
    t.ack("a", 0); // a was never refused a message: nothing moves
    t.publish("m2", "m3");
    expect(t.who()).toEqual({ a: ["m1", "m3"], b: ["m2"] });
  });

  it("two passed-over consumers rejoin in the order their acks free them", () => {
    const t = setup([["a", 1], ["b", 1], ["c", 0]]);
    t.publish("m1", "m2", "m3", "m4"); // m4: a and b full, so c; turn order: c
    expect(t.who()).toEqual({ a: ["m1"], b: ["m2"], c: ["m3", "m4"] });
    t.ack("b", 0);
    t.ack("a", 0);
    t.publish("m5", "m6", "m7");
    expect(t.who()).toEqual({ a: ["m1", "m7"], b: ["m2", "m6"], c: ["m3", "m4", "m5"] });
  });
});
