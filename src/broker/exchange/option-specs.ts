/**
 * Every options object the exchange family takes, as an OptionSpec (../options.ts): its valid
 * keys and the advice for keys a learner brings from AMQP clients (amqplib, the Java client)
 * and from RabbitMQ's own argument names.
 */
import { optionSpec } from "../options.js";

export const BROKER_OPTIONS = optionSpec("new ExchangeBroker()", ["clock", "seed", "trace", "maxMessageSize"]);

/** basic.publish's content properties (AMQP 0-9-1 "basic" class). */
export const PROPERTY_KEYS = [
  "headers",
  "expiration",
  "messageId",
  "correlationId",
  "replyTo",
  "contentType",
  "contentEncoding",
  "deliveryMode",
  "priority",
  "timestamp",
  "type",
  "userId",
  "appId",
];
export const PROPERTIES = optionSpec("publish() properties", PROPERTY_KEYS, {
  noun: "property",
  hint: (key) =>
    key === "mandatory" ? '"mandatory" is a publish option, not a message property: publish(exchange, routingKey, body, properties, { mandatory: true }).'
    : key.startsWith("x-") ? `"${key}" looks like a header: put it in properties.headers ({ headers: { "${key}": … } }).`
    : undefined,
});
export const PUBLISH_OPTIONS = optionSpec("publish()", ["mandatory"], {
  hint: (key) =>
    key === "persistent" ? '"persistent" is amqplib\'s spelling of the message property deliveryMode: 2; pass { deliveryMode: 2 } in the properties (the 4th argument).'
    : PROPERTY_KEYS.includes(key) ? `"${key}" is a message property: pass it in the properties (the 4th argument), not in the options (the 5th).`
    : undefined,
});

export const DECLARE_EXCHANGE = optionSpec("declareExchange()", ["durable", "autoDelete"], {
  hint: (key) =>
    key === "type" ? 'The type is the second argument: declareExchange("orders", "topic").'
    : key === "arguments" ? "Exchange arguments (alternate-exchange and others) are not modelled."
    : undefined,
});
export const DELETE_EXCHANGE = optionSpec("deleteExchange()", ["ifUnused"]);
export const DECLARE_QUEUE = optionSpec("declareQueue()", ["durable", "autoDelete", "arguments"], {
  hint: (key) =>
    key.startsWith("x-") ? `"${key}" is a queue argument: declareQueue(name, { arguments: { "${key}": … } }).`
    : key === "type" ? 'The queue type is the argument "x-queue-type": declareQueue(name, { arguments: { "x-queue-type": "quorum" } }).'
    : undefined,
});
export const DELETE_QUEUE = optionSpec("deleteQueue()", ["ifUnused", "ifEmpty"]);

export const CONSUME_OPTIONS = optionSpec("consume()", ["prefetch", "noAck", "consumerTag", "onCancel"], {
  hint: (key) => (key === "arguments" ? "Consumer arguments (x-priority, x-consumer-timeout and others) are not modelled." : undefined),
});
export const CANCEL_OPTIONS = optionSpec("cancel()", ["requeueUnacked"]);
export const GET_OPTIONS = optionSpec("get()", ["noAck"]);

/** RabbitMQ queue arguments we do not model, and what they do there. */
const NOT_MODELLED: Readonly<Record<string, string>> = {
  "x-max-priority": "message priorities",
  "x-single-active-consumer": "single active consumer",
  "x-queue-mode": "the classic queue mode (lazy)",
  "x-queue-version": "classic queue storage versions",
  "x-queue-master-locator": "where the queue leader is placed (this broker is one node)",
  "x-queue-leader-locator": "where the queue leader is placed (this broker is one node)",
  "x-quorum-initial-group-size": "the replica count of a quorum queue (this broker is one node)",
  "x-member-placement-tag": "quorum queue member placement (this broker is one node)",
  "x-initial-cluster-size": "a stream's replica count (streams are not modelled)",
  "x-dead-letter-strategy": "quorum queues' at-least-once dead-lettering",
  "x-consumer-timeout": "consumer timeouts",
  "x-consumer-disconnected-timeout": "quorum queues' consumer disconnection timeout",
  "x-delayed-retry-type": "quorum queues' delayed retry (RabbitMQ 4.3)",
  "x-delayed-retry-min": "quorum queues' delayed retry (RabbitMQ 4.3)",
  "x-delayed-retry-max": "quorum queues' delayed retry (RabbitMQ 4.3)",
  "x-max-in-memory-length": "quorum queues' in-memory limit (RabbitMQ no longer uses it)",
  "x-max-in-memory-bytes": "quorum queues' in-memory limit (RabbitMQ no longer uses it)",
  "x-max-age": "stream retention (streams are not modelled)",
  "x-stream-max-segment-size-bytes": "stream segments (streams are not modelled)",
  "x-stream-filter-size-bytes": "stream filtering (streams are not modelled)",
  "x-priority": "consumer priorities (a consumer argument, not a queue argument)",
  "x-stream-offset": "where a stream consumer starts (streams are not modelled)",
};

export const QUEUE_ARGUMENTS = optionSpec("declareQueue() arguments", [
  "x-queue-type",
  "x-message-ttl",
  "x-max-length",
  "x-max-length-bytes",
  "x-overflow",
  "x-dead-letter-exchange",
  "x-dead-letter-routing-key",
  "x-expires",
  "x-delivery-limit",
], {
  noun: "argument",
  hint: (key) => {
    const what = NOT_MODELLED[key];
    return what === undefined ? undefined : `RabbitMQ's "${key}" (${what}) is not modelled here; leave it out.`;
  },
});
