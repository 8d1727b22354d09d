/**
 * Errors of the exchange family. RabbitMQ answers most of these with a channel or connection
 * error (the AMQP reply code is in each message); here they are thrown and the broker's state
 * stays as it was before the call.
 */
import { BrokerError, IllegalStateError } from "../errors.js";

/** ack/nack/reject of a delivery tag the channel does not hold (406 PRECONDITION_FAILED in RabbitMQ). */
export class UnknownDeliveryTagError extends BrokerError {
  constructor(channel: number, deliveryTag: number) {
    super(
      "UNKNOWN_DELIVERY_TAG",
      `Channel ${channel} holds no unacked delivery with tag ${deliveryTag} (RabbitMQ: 406 PRECONDITION_FAILED, channel closed).\n` +
        "Settle each delivery once, on the channel that received it; noAck deliveries need no ack.",
    );
  }
}

/** An operation on a channel or connection that was closed or dropped. */
export class ChannelClosedError extends IllegalStateError {
  constructor(what: "channel" | "connection", id: number) {
    super(
      "CHANNEL_CLOSED",
      `The ${what} ${id} is closed.\nOpen a new ${what === "channel" ? "channel" : "connection"} and consume again; unacked deliveries were requeued.`,
    );
  }
}

/** Something AMQP reserves: the default exchange, or names starting with "amq." (403 ACCESS_REFUSED). */
export class ExchangeAccessRefusedError extends BrokerError {
  constructor(what: string, hint: string) {
    super("ACCESS_REFUSED", `${what} (RabbitMQ: 403 ACCESS_REFUSED).\n${hint}`);
  }
}

/** A precondition of the operation does not hold (406 PRECONDITION_FAILED), e.g. if-unused/if-empty. */
export class ExchangePreconditionError extends BrokerError {
  constructor(what: string, hint: string) {
    super("PRECONDITION_FAILED", `${what} (RabbitMQ: 406 PRECONDITION_FAILED).\n${hint}`);
  }
}

/** A consumer tag already in use on the channel (530 NOT_ALLOWED in RabbitMQ). */
export class ConsumerTagInUseError extends BrokerError {
  constructor(consumerTag: string, channel: number) {
    super(
      "CONSUMER_TAG_IN_USE",
      `Consumer tag "${consumerTag}" is already used on channel ${channel} (RabbitMQ: 530 NOT_ALLOWED).\nPick another tag, or let the broker generate one.`,
    );
  }
}
