/**
 * The bundled ExchangeBroker behind the Side interface, on a ManualClock: `wait(ms)` advances
 * the clock by exactly `ms`, so the bundled side sees the same amounts of time that the
 * RabbitMQ side sleeps.
 */
import {
  type ExchangeBindingArguments,
  type ExchangeChannel,
  type ExchangeConnection,
  type ExchangeMessageProperties,
  type ExchangeQueueArguments,
  type ExchangeType,
  ExchangeBroker,
  ManualClock,
} from "mqtutor/broker";
import type { ChannelFailure, ConsumerEvent, Delivery, PublishOutcome, QueueDeclareOptions, Side } from "./side.js";

/** The AMQP reply code RabbitMQ would send for each of the bundled broker's error codes. */
const REPLY_CODES: Readonly<Record<string, number | string>> = {
  UNKNOWN_EXCHANGE: 404,
  UNKNOWN_QUEUE: 404,
  EXCHANGE_EXISTS: 406,
  QUEUE_EXISTS: 406,
  INVALID_ARGUMENT: 406,
  PRECONDITION_FAILED: 406,
  UNKNOWN_DELIVERY_TAG: 406,
  MESSAGE_TOO_LARGE: 406,
  ACCESS_REFUSED: 403,
  CONSUMER_TAG_IN_USE: 530,
  CHANNEL_CLOSED: "channel closed",
};

/** Thrown by the bundled side: the broker's error, with the reply code RabbitMQ would use. */
export class BundledError extends Error {
  constructor(
    readonly replyCode: number | string,
    cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

export class BundledSide implements Side {
  readonly name = "bundled" as const;
  readonly clock: ManualClock;
  readonly broker: ExchangeBroker;
  onConsumerEvent: (event: ConsumerEvent) => void = () => {};
  private readonly connection: ExchangeConnection;
  private readonly channels = new Map<string, ExchangeChannel>();

  constructor(options: { start?: number; mutate?: (broker: ExchangeBroker) => void } = {}) {
    this.clock = new ManualClock(options.start ?? Date.now());
    this.broker = new ExchangeBroker({ clock: this.clock });
    options.mutate?.(this.broker);
    this.connection = this.broker.openConnection();
  }

  private call<T>(fn: () => T): Promise<T> {
    try {
      return Promise.resolve(fn());
    } catch (e) {
      const code = (e as { code?: unknown }).code;
      return Promise.reject(new BundledError(typeof code === "string" ? (REPLY_CODES[code] ?? code) : String(e), e));
    }
  }

  private channel(id: string): ExchangeChannel {
    const ch = this.channels.get(id);
    if (ch === undefined) throw Object.assign(new Error(`no channel ${id}`), { code: "CHANNEL_CLOSED" });
    return ch;
  }

  declareExchange(name: string, type: ExchangeType, options?: { durable?: boolean; autoDelete?: boolean }): Promise<void> {
    return this.call(() => void this.broker.declareExchange(name, type, options));
  }
  deleteExchange(name: string, options?: { ifUnused?: boolean }): Promise<void> {
    return this.call(() => void this.broker.deleteExchange(name, options));
  }
  declareQueue(name: string, options: QueueDeclareOptions = {}): Promise<{ queue: string; messageCount: number; consumerCount: number }> {
    const { arguments: args, ...flags } = options;
    return this.call(() => this.broker.declareQueue(name, { ...flags, ...(args !== undefined ? { arguments: args as ExchangeQueueArguments } : {}) }));
  }
  checkQueue(name: string): Promise<{ messageCount: number; consumerCount: number }> {
    return this.call(() => {
      const { messageCount, consumerCount } = this.broker.checkQueue(name);
      return { messageCount, consumerCount };
    });
  }
  deleteQueue(name: string, options?: { ifUnused?: boolean; ifEmpty?: boolean }): Promise<{ messageCount: number }> {
    return this.call(() => this.broker.deleteQueue(name, options));
  }
  purgeQueue(name: string): Promise<{ messageCount: number }> {
    return this.call(() => this.broker.purgeQueue(name));
  }
  bindQueue(queue: string, exchange: string, routingKey: string, args?: ExchangeBindingArguments): Promise<void> {
    return this.call(() => this.broker.bindQueue(queue, exchange, routingKey, args));
  }
  unbindQueue(queue: string, exchange: string, routingKey: string, args?: ExchangeBindingArguments): Promise<void> {
    return this.call(() => void this.broker.unbindQueue(queue, exchange, routingKey, args));
  }

  openChannel(id: string): Promise<void> {
    return this.call(() => void this.channels.set(id, this.connection.createChannel()));
  }
  closeChannel(id: string): Promise<void> {
    return this.call(() => {
      this.channel(id).close();
      this.channels.delete(id);
    });
  }
  prefetch(channel: string, count: number): Promise<void> {
    return this.call(() => this.channel(channel).prefetch(count));
  }
  publish(exchange: string, routingKey: string, body: string, properties?: ExchangeMessageProperties, options?: { mandatory?: boolean }): Promise<PublishOutcome> {
    return this.call(() => {
      const r = this.broker.publish(exchange, routingKey, body, properties, options);
      return { returned: r.returned, confirm: r.confirm };
    });
  }
  consume(channel: string, queue: string, consumerTag: string, options: { noAck?: boolean } = {}): Promise<void> {
    return this.call(() => {
      this.channel(channel).consume(
        queue,
        (d) => this.onConsumerEvent({ kind: "delivery", delivery: toDelivery(d, channel) }),
        { consumerTag, ...(options.noAck !== undefined ? { noAck: options.noAck } : {}), onCancel: (tag) => this.onConsumerEvent({ kind: "cancelled", consumer: tag }) },
      );
    });
  }
  cancel(channel: string, consumerTag: string): Promise<void> {
    return this.call(() => void this.channel(channel).cancel(consumerTag));
  }
  get(channel: string, queue: string, options?: { noAck?: boolean }): Promise<Delivery | undefined> {
    return this.call(() => {
      const r = this.channel(channel).get(queue, options);
      return r === undefined ? undefined : { ...toDelivery(r, channel), messageCount: r.messageCount };
    });
  }
  ack(channel: string, deliveryTag: number, multiple?: boolean): Promise<void> {
    return this.call(() => this.channel(channel).ack(deliveryTag, multiple));
  }
  nack(channel: string, deliveryTag: number, multiple?: boolean, requeue?: boolean): Promise<void> {
    return this.call(() => this.channel(channel).nack(deliveryTag, multiple, requeue));
  }
  reject(channel: string, deliveryTag: number, requeue?: boolean): Promise<void> {
    return this.call(() => this.channel(channel).reject(deliveryTag, requeue));
  }

  wait(ms: number): Promise<void> {
    this.clock.advance(ms);
    return Promise.resolve();
  }
  settle(): Promise<ChannelFailure[]> {
    return Promise.resolve([]);
  }
  dispose(): Promise<void> {
    this.broker.close();
    return Promise.resolve();
  }
}

function toDelivery(
  d: { consumerTag: string; deliveryTag: number; redelivered: boolean; exchange: string; routingKey: string; body: Uint8Array | string; properties: object },
  channel: string,
): Delivery {
  return {
    consumer: d.consumerTag,
    channel,
    deliveryTag: d.deliveryTag,
    redelivered: d.redelivered,
    exchange: d.exchange,
    routingKey: d.routingKey,
    body: typeof d.body === "string" ? d.body : Buffer.from(d.body).toString("utf8"),
    properties: structuredClone(d.properties) as Record<string, unknown>,
  };
}
