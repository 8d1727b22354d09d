// channel.prefetch(n): basic.qos with global = false, as amqplib sends it. RabbitMQ applies the
// count "separately to each new consumer on the channel"; consumers already running keep theirs.
import { describe, expect, it } from "vitest";
import { ManualClock } from "../clock.js";
import { InvalidArgumentError } from "../errors.js";
import { ExchangeBroker } from "./exchange-broker.js";
import type { ExchangeDelivery } from "./types.js";

function setup(messages: number) {
  const broker = new ExchangeBroker({ clock: new ManualClock() });
  broker.declareQueue("jobs");
  const ch = broker.openConnection().createChannel();
  const publish = (n: number) => {
    for (let i = 0; i < n; i++) broker.sendToQueue("jobs", `m${i}`);
  };
  publish(messages);
  return { broker, ch, publish };
}

describe("channel.prefetch(count)", () => {
  it("limits each consumer started after it, separately", () => {
    const { broker, ch } = setup(10);
    ch.prefetch(2);
    const a: ExchangeDelivery[] = [];
    const b: ExchangeDelivery[] = [];
    ch.consume("jobs", (d) => a.push(d));
    ch.consume("jobs", (d) => b.push(d));
    expect([a.length, b.length]).toEqual([2, 2]);
    expect(broker.snapshot().queues[0]!.consumers.map((c) => c.prefetch)).toEqual([2, 2]);
    ch.ack(a[0]!.deliveryTag);
    expect([a.length, b.length]).toEqual([3, 2]);
  });

  it("leaves consumers already running as they were", () => {
    const { ch, publish } = setup(0);
    const early: ExchangeDelivery[] = [];
    ch.consume("jobs", (d) => early.push(d));
    ch.prefetch(1);
    const late: ExchangeDelivery[] = [];
    ch.consume("jobs", (d) => late.push(d));
    publish(6);
    // Round-robin while both have room; then only the unlimited early consumer takes more.
    expect([early.length, late.length]).toEqual([5, 1]);
  });

  it("is a default: a consume's own prefetch wins, and 0 means no limit", () => {
    const { ch } = setup(10);
    ch.prefetch(1);
    const got: ExchangeDelivery[] = [];
    ch.consume("jobs", (d) => got.push(d), { prefetch: 3 });
    expect(got).toHaveLength(3);
    ch.prefetch(0);
    const rest: ExchangeDelivery[] = [];
    ch.consume("jobs", (d) => rest.push(d));
    expect(rest).toHaveLength(7);
  });

  it("belongs to its channel, and to the broker's own channel through broker.prefetch", () => {
    const { broker, ch } = setup(5);
    ch.prefetch(1);
    const other = broker.openConnection().createChannel();
    const got: ExchangeDelivery[] = [];
    other.consume("jobs", (d) => got.push(d));
    expect(got).toHaveLength(5);
    broker.prefetch(2);
    expect(broker.snapshot().channels.find((c) => c.id === broker.channel.id)!.prefetch).toBe(2);
    expect(broker.trace.filter("exchange", "qos").map((e) => e.prefetch)).toEqual([1, 2]);
  });

  it("refuses a count outside 0..65535 and global = true, changing nothing", () => {
    const { broker, ch } = setup(1);
    const before = broker.snapshot();
    expect(() => ch.prefetch(-1)).toThrow(InvalidArgumentError);
    expect(() => ch.prefetch(65536)).toThrow(/prefetch count must be an integer from 0 to 65535/);
    expect(() => ch.prefetch(5, true)).toThrow(/only per-consumer prefetch is modelled[^]*RabbitMQ deprecated global/);
    expect(broker.snapshot()).toEqual(before);
  });
});
