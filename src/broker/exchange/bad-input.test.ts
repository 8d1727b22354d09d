import { describe, expect, it } from "vitest";
import { ManualClock } from "../clock.js";
import { BrokerError } from "../errors.js";
import { ExchangeBroker } from "./exchange-broker.js";
import type { ExchangeMessageBody } from "./types.js";

/** A broker with some state: an exchange, bound queues, ready and unacked messages, a consumer. */
function populated() {
  const broker = new ExchangeBroker({ clock: new ManualClock(), maxMessageSize: 1024 });
  broker.declareExchange("orders", "topic");
  broker.declareQueue("work", { arguments: { "x-message-ttl": 60000 } });
  broker.declareQueue("audit");
  broker.bindQueue("work", "orders", "order.*");
  broker.bindQueue("audit", "orders", "#");
  broker.consume("audit", () => {}, { prefetch: 1, consumerTag: "auditor" });
  for (let i = 0; i < 3; i++) broker.publish("orders", "order.created", `m${i}`);
  broker.get("work");
  return broker;
}

const long = "k".repeat(256);

// [what, the call, the error code]
const BAD: ReadonlyArray<readonly [string, (b: ExchangeBroker) => unknown, string]> = [
  ["publish to an unknown exchange", (b) => b.publish("nope", "k", "m"), "UNKNOWN_EXCHANGE"],
  ["publish over the max message size", (b) => b.publish("orders", "order.x", "x".repeat(1025)), "MESSAGE_TOO_LARGE"],
  ["publish a body of the wrong type", (b) => b.publish("orders", "order.x", 42 as unknown as ExchangeMessageBody), "INVALID_ARGUMENT"],
  ["publish with a 256-byte routing key", (b) => b.publish("orders", long, "m"), "INVALID_ARGUMENT"],
  ["publish with a negative expiration", (b) => b.publish("orders", "order.x", "m", { expiration: "-5" }), "INVALID_ARGUMENT"],
  ["publish with headers that are not a table", (b) => b.publish("orders", "order.x", "m", { headers: [] as never }), "INVALID_ARGUMENT"],
  ["sendToQueue through a missing exchange name", (b) => b.publish(undefined as unknown as string, "work", "m"), "INVALID_ARGUMENT"],
  ["bind an unknown queue", (b) => b.bindQueue("ghost", "orders", "#"), "UNKNOWN_QUEUE"],
  ["bind to an unknown exchange", (b) => b.bindQueue("work", "ghost", "#"), "UNKNOWN_EXCHANGE"],
  ["bind to the default exchange", (b) => b.bindQueue("work", "", "work"), "ACCESS_REFUSED"],
  ["unbind from the default exchange", (b) => b.unbindQueue("work", "", "work"), "ACCESS_REFUSED"],
  ["unbind with a 256-byte routing key", (b) => b.unbindQueue("work", "orders", long), "INVALID_ARGUMENT"],
  ["declare an exchange of an unknown type", (b) => b.declareExchange("x", "x-delayed-message" as never), "INVALID_ARGUMENT"],
  ["declare an amq. exchange", (b) => b.declareExchange("amq.custom", "topic"), "ACCESS_REFUSED"],
  ["redeclare an exchange with another type", (b) => b.declareExchange("orders", "direct"), "EXCHANGE_EXISTS"],
  ["declare a queue with a 256-byte name", (b) => b.declareQueue(long), "INVALID_ARGUMENT"],
  ["declare a queue with a negative TTL", (b) => b.declareQueue("t", { arguments: { "x-message-ttl": -1 } }), "INVALID_ARGUMENT"],
  ["declare a queue with a TTL over 2^32-1 ms", (b) => b.declareQueue("t", { arguments: { "x-message-ttl": 2 ** 32 } }), "INVALID_ARGUMENT"],
  ["declare a queue with a fractional TTL", (b) => b.declareQueue("t", { arguments: { "x-message-ttl": 1.5 } }), "INVALID_ARGUMENT"],
  ["declare a queue with a TTL given as a string", (b) => b.declareQueue("t", { arguments: { "x-message-ttl": "100" as never } }), "INVALID_ARGUMENT"],
  ["declare a queue with a negative max length", (b) => b.declareQueue("t", { arguments: { "x-max-length": -1 } }), "INVALID_ARGUMENT"],
  ["declare a queue with an unknown overflow", (b) => b.declareQueue("t", { arguments: { "x-overflow": "drop-tail" as never } }), "INVALID_ARGUMENT"],
  ["declare a queue with x-expires 0", (b) => b.declareQueue("t", { arguments: { "x-expires": 0 } }), "INVALID_ARGUMENT"],
  ["declare a dead-letter routing key without an exchange", (b) => b.declareQueue("t", { arguments: { "x-dead-letter-routing-key": "k" } }), "INVALID_ARGUMENT"],
  ["declare a negative delivery limit", (b) => b.declareQueue("t", { arguments: { "x-delivery-limit": -5 } }), "INVALID_ARGUMENT"],
  ["redeclare a queue with other arguments", (b) => b.declareQueue("work"), "QUEUE_EXISTS"],
  ["consume from an unknown queue", (b) => b.consume("ghost", () => {}), "UNKNOWN_QUEUE"],
  ["consume with prefetch over 65535", (b) => b.consume("work", () => {}, { prefetch: 70000 }), "INVALID_ARGUMENT"],
  ["consume with a negative prefetch", (b) => b.consume("work", () => {}, { prefetch: -1 }), "INVALID_ARGUMENT"],
  ["consume with a reused consumer tag", (b) => b.consume("work", () => {}, { consumerTag: "auditor" }), "CONSUMER_TAG_IN_USE"],
  ["consume without a handler", (b) => b.consume("work", undefined as never), "INVALID_ARGUMENT"],
  ["get from an unknown queue", (b) => b.get("ghost"), "UNKNOWN_QUEUE"],
  ["ack an unknown delivery tag", (b) => b.ack(999), "UNKNOWN_DELIVERY_TAG"],
  ["ack multiple up to an unknown tag", (b) => b.ack(999, true), "UNKNOWN_DELIVERY_TAG"],
  ["nack a negative delivery tag", (b) => b.nack(-1), "INVALID_ARGUMENT"],
  ["reject with requeue not a boolean", (b) => b.reject(1, "no" as never), "INVALID_ARGUMENT"],
  ["purge an unknown queue", (b) => b.purgeQueue("ghost"), "UNKNOWN_QUEUE"],
  ["delete a queue that is not empty with ifEmpty", (b) => b.deleteQueue("work", { ifEmpty: true }), "PRECONDITION_FAILED"],
  ["delete a queue in use with ifUnused", (b) => b.deleteQueue("audit", { ifUnused: true }), "PRECONDITION_FAILED"],
  ["delete a bound exchange with ifUnused", (b) => b.deleteExchange("orders", { ifUnused: true }), "PRECONDITION_FAILED"],
  ["delete the default exchange", (b) => b.deleteExchange(""), "ACCESS_REFUSED"],
  ["crash an unknown consumer", (b) => b.faults.crashConsumer("ghost"), "UNKNOWN_CONSUMER"],
  ["duplicate on an unknown queue", (b) => b.faults.duplicateNextDelivery("ghost"), "UNKNOWN_QUEUE"],
];

describe("bad input: a typed error and the state unchanged", () => {
  for (const [what, call, code] of BAD) {
    it(what, () => {
      const broker = populated();
      const before = broker.snapshot();
      const events = broker.trace.events().length;
      let thrown: unknown;
      try {
        call(broker);
      } catch (err) {
        thrown = err;
      }
      expect(thrown).toBeInstanceOf(BrokerError);
      expect((thrown as BrokerError).code).toBe(code);
      expect((thrown as Error).name).toBe((thrown as Error).constructor.name);
      expect((thrown as Error).message.split("\n")).toHaveLength(2);
      expect(broker.snapshot()).toEqual(before);
      expect(broker.trace.events().length).toBe(events);
    });
  }

  it("refuses absurd broker settings", () => {
    expect(() => new ExchangeBroker({ maxMessageSize: 0 })).toThrow(/maxMessageSize must be an integer from 1 to 536870912/);
    expect(() => new ExchangeBroker({ maxMessageSize: 2 ** 30 })).toThrow(BrokerError);
    expect(() => new ExchangeBroker({ seed: 0.5 })).toThrow(/seed must be an integer/);
  });
});
