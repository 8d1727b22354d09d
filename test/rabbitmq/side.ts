/**
 * The one interface both brokers are driven through: the bundled ExchangeBroker (bundled-side.ts)
 * and a real RabbitMQ over amqplib (amqp-side.ts). Scenarios and the model run call only this,
 * so the same code runs on both and any difference is the brokers', not the drivers'.
 *
 * Names are logical ("q1", "x"): the RabbitMQ side gives them a per-run prefix on the wire and
 * takes it off again in what it reports, so runs never see each other's queues.
 */
import type {
  ExchangeBindingArguments,
  ExchangeMessageProperties,
  ExchangeQueueArguments,
  ExchangeType,
} from "mqtutor/broker";

export type SideName = "bundled" | "rabbitmq";

/** A message handed to a consumer or returned by basic.get, as the side received it. */
export interface Delivery {
  /** The consumer tag, or "" for basic.get. */
  readonly consumer: string;
  /** The logical channel it arrived on. */
  readonly channel: string;
  /** The side's own delivery tag (not compared: only used to settle this delivery). */
  readonly deliveryTag: number;
  readonly redelivered: boolean;
  readonly exchange: string;
  readonly routingKey: string;
  readonly body: string;
  readonly properties: Readonly<Record<string, unknown>>;
  /** basic.get-ok's message-count. */
  readonly messageCount?: number;
}

/** Something a consumer was told: a message, or that the server cancelled it. */
export type ConsumerEvent = { readonly kind: "delivery"; readonly delivery: Delivery } | { readonly kind: "cancelled"; readonly consumer: string };

export interface QueueDeclareOptions {
  durable?: boolean;
  autoDelete?: boolean;
  arguments?: ExchangeQueueArguments | Record<string, unknown>;
}

export interface PublishOutcome {
  /** A basic.return (mandatory, unroutable) came back. */
  returned: boolean;
  /** The publisher confirm. */
  confirm: "ack" | "nack";
}

/** A channel the server (or the bundled broker) closed because of an error, with its AMQP code. */
export interface ChannelFailure {
  channel: string;
  code: number | string;
}

export interface Side {
  readonly name: SideName;
  /** Called, in arrival order, for everything consumers receive. */
  onConsumerEvent: (event: ConsumerEvent) => void;

  declareExchange(name: string, type: ExchangeType, options?: { durable?: boolean; autoDelete?: boolean }): Promise<void>;
  deleteExchange(name: string, options?: { ifUnused?: boolean }): Promise<void>;
  declareQueue(name: string, options?: QueueDeclareOptions): Promise<{ queue: string; messageCount: number; consumerCount: number }>;
  checkQueue(name: string): Promise<{ messageCount: number; consumerCount: number }>;
  deleteQueue(name: string, options?: { ifUnused?: boolean; ifEmpty?: boolean }): Promise<{ messageCount: number }>;
  purgeQueue(name: string): Promise<{ messageCount: number }>;
  bindQueue(queue: string, exchange: string, routingKey: string, args?: ExchangeBindingArguments): Promise<void>;
  unbindQueue(queue: string, exchange: string, routingKey: string, args?: ExchangeBindingArguments): Promise<void>;

  /** Opens a channel known by `id` from now on. */
  openChannel(id: string): Promise<void>;
  closeChannel(id: string): Promise<void>;
  /** basic.qos(count, global = false): the prefetch of consumers started afterwards on the channel. */
  prefetch(channel: string, count: number): Promise<void>;
  /** basic.publish on the side's own confirm-mode publishing channel. */
  publish(exchange: string, routingKey: string, body: string, properties?: ExchangeMessageProperties, options?: { mandatory?: boolean }): Promise<PublishOutcome>;
  consume(channel: string, queue: string, consumerTag: string, options?: { noAck?: boolean }): Promise<void>;
  cancel(channel: string, consumerTag: string): Promise<void>;
  get(channel: string, queue: string, options?: { noAck?: boolean }): Promise<Delivery | undefined>;
  ack(channel: string, deliveryTag: number, multiple?: boolean): Promise<void>;
  nack(channel: string, deliveryTag: number, multiple?: boolean, requeue?: boolean): Promise<void>;
  reject(channel: string, deliveryTag: number, requeue?: boolean): Promise<void>;

  /** Lets `ms` of time pass: wall time on RabbitMQ, ManualClock.advance on the bundled broker. */
  wait(ms: number): Promise<void>;
  /**
   * Returns once everything the last operations caused has happened and been reported
   * (deliveries, dead-letters, expiries); lists channels that failed meanwhile.
   */
  settle(): Promise<ChannelFailure[]>;
  /** Deletes what this run declared and closes its channels. */
  dispose(): Promise<void>;
}

/** The AMQP reply code an error stands for (404, 406, 403, 530), or its message when it has none. */
export type ErrorCode = number | string;
