// Every options object of the exchange family is strict: see strictOptionsSuite (../test-helpers.ts).
import { describe, expect, it } from "vitest";
import { ManualClock } from "../clock.js";
import { strictOptionsSuite } from "../test-helpers.js";
import { ExchangeBroker } from "./exchange-broker.js";

function build() {
  const clock = new ManualClock();
  const broker = new ExchangeBroker({ clock });
  broker.declareExchange("orders", "topic");
  broker.declareQueue("work");
  broker.declareQueue("audit");
  broker.bindQueue("work", "orders", "order.*");
  broker.consume("audit", () => {}, { consumerTag: "auditor" });
  broker.publish("orders", "order.created", "m1");
  const ch = broker.openConnection().createChannel();
  ch.consume("work", () => {}, { prefetch: 1, consumerTag: "worker" });
  return { clock, broker, ch };
}
type World = ReturnType<typeof build>;

const observe = ({ broker }: World) => ({ state: broker.snapshot(), events: broker.trace.events().length });

describe("exchange family: every options object is strict", () => {
  strictOptionsSuite<World>({
    files: /\/broker\/exchange\//,
    build,
    observe,
    notOptions: {
      "ExchangeBroker.bindQueue#3": "binding arguments: for a headers exchange, the headers to match",
      "ExchangeBroker.unbindQueue#3": "binding arguments, as for bindQueue",
      "headersMatch#0": "binding arguments: data",
      "headersMatch#1": "message headers: data",
    },
    cases: [
      ["new ExchangeBroker#0", (w, e) => new ExchangeBroker({ clock: w.clock, maxMessageSize: 1024, ...e })],
      ["ExchangeBroker.declareExchange#2", (w, e) => w.broker.declareExchange("billing", "fanout", { durable: true, ...e })],
      ["ExchangeBroker.deleteExchange#1", (w, e) => w.broker.deleteExchange("orders", { ifUnused: false, ...e })],
      ["ExchangeBroker.declareQueue#1", (w, e) => w.broker.declareQueue("new", { durable: true, ...e })],
      ["ExchangeBroker.declareQueue#1 → arguments", (w, e) => w.broker.declareQueue("new", { arguments: { "x-message-ttl": 1000, ...e } })],
      ["ExchangeBroker.deleteQueue#1", (w, e) => w.broker.deleteQueue("work", { ifEmpty: false, ...e })],
      ["ExchangeBroker.publish#3", (w, e) => w.broker.publish("orders", "order.x", "m", { messageId: "m-1", ...e })],
      ["ExchangeBroker.publish#4", (w, e) => w.broker.publish("orders", "order.x", "m", undefined, { mandatory: true, ...e })],
      ["ExchangeBroker.sendToQueue#2", (w, e) => w.broker.sendToQueue("work", "m", { contentType: "text/plain", ...e })],
      ["ExchangeBroker.sendToQueue#3", (w, e) => w.broker.sendToQueue("work", "m", {}, { mandatory: true, ...e })],
      ["ExchangeBroker.consume#2", (w, e) => w.broker.consume("work", () => {}, { prefetch: 1, ...e })],
      ["ExchangeBroker.cancel#1", (w, e) => w.broker.cancel("auditor", { requeueUnacked: false, ...e })],
      ["ExchangeBroker.get#1", (w, e) => w.broker.get("work", { noAck: false, ...e })],
      ["ExchangeChannel.publish#3", (w, e) => w.ch.publish("orders", "order.x", "m", { messageId: "m-1", ...e })],
      ["ExchangeChannel.publish#4", (w, e) => w.ch.publish("orders", "order.x", "m", undefined, { mandatory: true, ...e })],
      ["ExchangeChannel.sendToQueue#2", (w, e) => w.ch.sendToQueue("work", "m", { contentType: "text/plain", ...e })],
      ["ExchangeChannel.sendToQueue#3", (w, e) => w.ch.sendToQueue("work", "m", {}, { mandatory: true, ...e })],
      ["ExchangeChannel.consume#2", (w, e) => w.ch.consume("audit", () => {}, { prefetch: 1, ...e })],
      ["ExchangeChannel.cancel#1", (w, e) => w.ch.cancel("worker", { requeueUnacked: true, ...e })],
      ["ExchangeChannel.get#1", (w, e) => w.ch.get("work", { noAck: true, ...e })],
    ],
  });
});

describe("exchange family: hints for AMQP's and amqplib's spellings", () => {
  const message = (call: (w: World) => unknown): string => {
    try {
      call(build());
    } catch (err) {
      return (err as Error).message;
    }
    return "did not throw";
  };

  it("prefetchCount and prefetch_count become prefetch; a misspelt mandatory is named", () => {
    expect(message((w) => w.broker.consume("work", () => {}, { prefetchCount: 1 } as never))).toMatch(
      /^Unknown option "prefetchCount" for consume\(\)\.\nWrite "prefetch" \("prefetchCount" is how the Java client spells it\)\./,
    );
    expect(message((w) => w.broker.consume("work", () => {}, { prefetch_count: 1 } as never))).toMatch(/Write "prefetch"/);
    expect(message((w) => w.broker.publish("orders", "nowhere", "m", {}, { mandatroy: true } as never))).toMatch(
      /^Unknown option "mandatroy" for publish\(\)\.\nDid you mean "mandatory"\?/,
    );
  });

  it("puts x-arguments and amqplib's queue options into arguments", () => {
    expect(message((w) => w.broker.declareQueue("q", { "x-message-ttl": 1000 } as never))).toMatch(
      /"x-message-ttl" is a queue argument: declareQueue\(name, \{ arguments: \{ "x-message-ttl": … \} \}\)/,
    );
    expect(message((w) => w.broker.declareQueue("q", { messageTtl: 1000 } as never))).toMatch(/queue argument "x-message-ttl"/);
    expect(message((w) => w.broker.declareQueue("q", { deadLetterExchange: "dlx" } as never))).toMatch(/queue argument "x-dead-letter-exchange"/);
    expect(message((w) => w.broker.declareQueue("q", { arguments: { "x-max-priority": 10 } as never }))).toMatch(
      /RabbitMQ's "x-max-priority" \(message priorities\) is not modelled here/,
    );
    expect(message((w) => w.broker.declareQueue("q", { arguments: { "x-message-tll": 10 } as never }))).toMatch(/Did you mean "x-message-ttl"\?/);
  });

  it("tells a property from a publish option, and maps amqplib's persistent and Java's autoAck", () => {
    expect(message((w) => w.broker.publish("orders", "k", "m", { mandatory: true } as never))).toMatch(/"mandatory" is a publish option, not a message property/);
    expect(message((w) => w.broker.publish("orders", "k", "m", {}, { expiration: "5" } as never))).toMatch(/"expiration" is a message property/);
    expect(message((w) => w.broker.publish("orders", "k", "m", { persistent: true } as never))).toMatch(/Write "deliveryMode".*deliveryMode: 2/);
    expect(message((w) => w.broker.consume("work", () => {}, { autoAck: true } as never))).toMatch(/Write "noAck".*autoAck: true means noAck: true/);
  });
});
