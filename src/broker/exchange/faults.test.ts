import { describe, expect, it } from "vitest";
import { ManualClock } from "../clock.js";
import { UnknownResourceError } from "../errors.js";
import { ChannelClosedError } from "./errors.js";
import { ExchangeBroker } from "./exchange-broker.js";
import type { ExchangeDelivery } from "./types.js";

const setup = () => {
  const clock = new ManualClock();
  const broker = new ExchangeBroker({ clock });
  broker.declareQueue("q");
  return { clock, broker };
};
const faults = (broker: ExchangeBroker) => broker.trace.filter("exchange", "fault").map((e) => e["fault"]);

describe("faults", () => {
  it("crashConsumer: unacked deliveries are requeued (redelivered) and late acks are ignored", () => {
    const { broker } = setup();
    const held: ExchangeDelivery[] = [];
    const crashing = broker.consume("q", (d) => held.push(d), { prefetch: 2 });
    broker.sendToQueue("q", "1");
    broker.sendToQueue("q", "2");
    broker.faults.crashConsumer(crashing);
    const got: ExchangeDelivery[] = [];
    broker.consume("q", (d) => got.push(d));
    expect(got.map((d) => [d.body, d.redelivered])).toEqual([["1", true], ["2", true]]);
    broker.ack(held[0]!.deliveryTag); // the dead process's ack: ignored, not an error
    expect(broker.trace.filter("exchange", "ack-ignored")).toHaveLength(1);
    expect(faults(broker)).toEqual(["crash-consumer"]);
  });

  it("crashConsumerBeforeAck: the handler runs, its ack is lost, the message comes back redelivered", () => {
    const { broker } = setup();
    const processed: string[] = [];
    const tag = broker.consume("q", (d) => {
      processed.push(String(d.body));
      broker.ack(d.deliveryTag);
    });
    broker.faults.crashConsumerBeforeAck(tag);
    broker.sendToQueue("q", "pay-42");
    expect(processed).toEqual(["pay-42"]);
    expect(broker.checkQueue("q")).toEqual({ queue: "q", messageCount: 1, consumerCount: 0 });
    const again = broker.get("q")!;
    expect([again.body, again.redelivered]).toEqual(["pay-42", true]);
    expect(faults(broker)).toEqual(["crash-consumer-before-ack", "crash-consumer-before-ack"]);
    expect(broker.trace.filter("exchange", "fault").map((e) => e["armed"])).toEqual([true, false]);
  });

  it("duplicateNextDelivery: the consumer side sees the message twice, the second redelivered", () => {
    const { broker } = setup();
    const got: ExchangeDelivery[] = [];
    broker.consume("q", (d) => {
      got.push(d);
      broker.ack(d.deliveryTag);
    });
    broker.faults.duplicateNextDelivery("q");
    broker.sendToQueue("q", "once");
    broker.sendToQueue("q", "next");
    expect(got.map((d) => [d.body, d.redelivered])).toEqual([["once", false], ["once", true], ["next", false]]);
    expect(broker.checkQueue("q").messageCount).toBe(0);
  });

  it("delayDeliveries: the callback runs later on the clock, and the delivery counts against prefetch meanwhile", () => {
    const { broker, clock } = setup();
    const got: Array<[unknown, number]> = [];
    const tag = broker.consume("q", (d) => got.push([d.body, clock.now()]), { prefetch: 1 });
    broker.faults.delayDeliveries(tag, 250);
    broker.sendToQueue("q", "slow");
    broker.sendToQueue("q", "waits");
    expect(got).toEqual([]);
    clock.advance(250);
    expect(got).toEqual([["slow", 250]]);
    expect(broker.checkQueue("q").messageCount).toBe(1);
  });

  it("dropConnection: its channels close, unacked deliveries are requeued, the default channel reopens", () => {
    const { broker } = setup();
    const conn = broker.openConnection();
    const ch = conn.createChannel();
    ch.consume("q", () => {});
    broker.sendToQueue("q", "1");
    broker.faults.dropConnection(conn.id);
    expect(() => ch.ack(1)).toThrow(ChannelClosedError);
    expect(broker.get("q")).toMatchObject({ body: "1", redelivered: true });
    const oldDefault = broker.channel;
    broker.faults.dropConnection(oldDefault.connection);
    expect(broker.channel.id).not.toBe(oldDefault.id);
    expect(broker.get("q")).toMatchObject({ body: "1", redelivered: true });
    expect(broker.trace.filter("exchange", "fault")).toMatchObject([
      { fault: "drop-connection", connection: conn.id, requeued: 1 },
      { fault: "drop-connection", connection: oldDefault.connection, requeued: 1 },
    ]);
  });

  it("refuses unknown targets", () => {
    const { broker } = setup();
    expect(() => broker.faults.crashConsumer("nobody")).toThrow(UnknownResourceError);
    expect(() => broker.faults.duplicateNextDelivery("nowhere")).toThrow(/No queue named "nowhere"/);
    expect(() => broker.faults.dropConnection(99)).toThrow(/No connection named "99"/);
    expect(() => broker.faults.delayDeliveries(broker.consume("q", () => {}), -1)).toThrow(/ms must be an integer/);
  });
});
