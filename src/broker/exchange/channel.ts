/**
 * Connections and channels, as a client sees them. Delivery tags and unacked deliveries belong
 * to a channel; closing the channel (or dropping its connection) requeues them, redelivered.
 */
import type { ChannelOperations } from "./channel-ops.js";
import type { ChannelState } from "./queue-state.js";
import type {
  ExchangeCancelOptions,
  ExchangeConsumeOptions,
  ExchangeGetOptions,
  ExchangeGetResult,
  ExchangeMessageBody,
  ExchangeMessageHandler,
  ExchangeMessageProperties,
  ExchangePublishOptions,
  ExchangePublishResult,
} from "./types.js";

/** What channels need from the broker besides ChannelOperations. */
export interface ChannelHost {
  readonly ops: ChannelOperations;
  publish(
    exchange: string,
    routingKey: string,
    body: ExchangeMessageBody,
    properties?: ExchangeMessageProperties,
    options?: ExchangePublishOptions,
  ): ExchangePublishResult;
  closeChannel(state: ChannelState): void;
  openChannel(connection: number): ChannelState;
  closeConnection(connection: number, reason: "client" | "fault"): void;
}

/** An AMQP channel. Its ids are unique across the broker (AMQP numbers them per connection). */
export class ExchangeChannel {
  /** @internal */
  constructor(
    private readonly host: ChannelHost,
    /** @internal */ readonly state: ChannelState,
  ) {}

  get id(): number {
    return this.state.id;
  }

  get connection(): number {
    return this.state.connection;
  }

  get isOpen(): boolean {
    return this.state.open;
  }

  /** basic.publish on this channel. */
  publish(
    exchange: string,
    routingKey: string,
    body: ExchangeMessageBody,
    properties?: ExchangeMessageProperties,
    options?: ExchangePublishOptions,
  ): ExchangePublishResult {
    this.host.ops.checkOpen(this.state);
    return this.host.publish(exchange, routingKey, body, properties, options);
  }

  /** Publishes through the default exchange straight to `queue`. */
  sendToQueue(
    queue: string,
    body: ExchangeMessageBody,
    properties?: ExchangeMessageProperties,
    options?: ExchangePublishOptions,
  ): ExchangePublishResult {
    return this.publish("", queue, body, properties, options);
  }

  /**
   * basic.qos with global = false, as amqplib's `channel.prefetch(count)` sends it: consumers
   * started on this channel *after* the call hold at most `count` unacked deliveries each
   * (RabbitMQ applies the count "separately to each new consumer on the channel"); consumers
   * already running keep theirs; 0 = no limit. A consume's own `prefetch` option wins.
   * `global = true` (one limit shared by the channel) is refused: RabbitMQ deprecated it and,
   * from 4.3, treats it as false by default.
   */
  prefetch(count: number, global = false): void {
    this.host.ops.qos(this.state, count, global);
  }

  /** basic.consume: returns the consumer tag. */
  consume(queue: string, onMessage: ExchangeMessageHandler, options?: ExchangeConsumeOptions): string {
    return this.host.ops.consume(this.state, queue, onMessage, options);
  }

  /** basic.cancel: false when no such consumer is on this channel (not an error in AMQP). */
  cancel(consumerTag: string, options?: ExchangeCancelOptions): boolean {
    return this.host.ops.cancel(this.state, consumerTag, options);
  }

  /** basic.get: undefined when the queue has no ready message. */
  get(queue: string, options?: ExchangeGetOptions): ExchangeGetResult | undefined {
    return this.host.ops.get(this.state, queue, options);
  }

  /** basic.ack; `multiple` also acks every lower tag; (0, true) acks all. */
  ack(deliveryTag: number, multiple = false): void {
    this.host.ops.ack(this.state, deliveryTag, multiple);
  }

  /** basic.nack: requeue (default) or dead-letter (reason `rejected`). */
  nack(deliveryTag: number, multiple = false, requeue = true): void {
    this.host.ops.nack(this.state, deliveryTag, multiple, requeue);
  }

  /** basic.reject: nack of one delivery. */
  reject(deliveryTag: number, requeue = true): void {
    this.host.ops.reject(this.state, deliveryTag, requeue);
  }

  /** channel.close: cancels its consumers and requeues its unacked deliveries. Idempotent. */
  close(): void {
    this.host.closeChannel(this.state);
  }
}

/** An AMQP connection: a group of channels that fail together. */
export class ExchangeConnection {
  /** @internal */
  constructor(
    private readonly host: ChannelHost,
    readonly id: number,
    private readonly isOpenFn: () => boolean,
  ) {}

  get isOpen(): boolean {
    return this.isOpenFn();
  }

  createChannel(): ExchangeChannel {
    return new ExchangeChannel(this.host, this.host.openChannel(this.id));
  }

  /** Closes every channel of the connection (requeueing their unacked deliveries). Idempotent. */
  close(): void {
    this.host.closeConnection(this.id, "client");
  }
}
