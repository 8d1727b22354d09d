/**
 * Public types of the exchange family (AMQP 0-9-1, as RabbitMQ implements it). Words follow
 * AMQP: exchange, queue, binding, routing key, consumer tag, delivery tag, ack / nack / reject.
 */
import type { Clock } from "../clock.js";
import type { Trace } from "../trace.js";

/** The four exchange types of AMQP 0-9-1. */
export type ExchangeType = "direct" | "fanout" | "topic" | "headers";

/** A message body: bytes, or a string (counted as its UTF-8 bytes). */
export type ExchangeMessageBody = Uint8Array | string;

/** AMQP field-table values we accept in headers and arguments. */
export type ExchangeFieldValue =
  | string
  | number
  | boolean
  | null
  | Uint8Array
  | readonly ExchangeFieldValue[]
  | { readonly [key: string]: ExchangeFieldValue };

/** basic.publish properties (the AMQP 0-9-1 "basic" content header). */
export interface ExchangeMessageProperties {
  headers?: Record<string, ExchangeFieldValue | undefined>;
  /** Per-message TTL in ms, as a string of digits (AMQP makes it a shortstr), e.g. "60000". */
  expiration?: string;
  messageId?: string;
  correlationId?: string;
  replyTo?: string;
  contentType?: string;
  contentEncoding?: string;
  /** 1 = transient, 2 = persistent (recorded only: nothing here is written to disk). */
  deliveryMode?: 1 | 2;
  priority?: number;
  /** AMQP timestamp (seconds since the epoch). */
  timestamp?: number;
  type?: string;
  userId?: string;
  appId?: string;
}

/** Why a message was dead-lettered (RabbitMQ's `reason` field of `x-death`). */
export type XDeathReason = "rejected" | "expired" | "maxlen" | "delivery_limit";

/** One element of the `x-death` header: one per (queue, reason), most recent first. */
export interface XDeathEntry {
  readonly queue: string;
  readonly reason: XDeathReason;
  /** How many times the message was dead-lettered from this queue for this reason. */
  readonly count: number;
  /** When it was first dead-lettered from this queue for this reason: AMQP timestamp, seconds. */
  readonly time: number;
  /** The exchange the message had been published to, before that first time. */
  readonly exchange: string;
  /** Its routing keys before that first time. */
  readonly "routing-keys": readonly string[];
  /** Its `expiration` property before that first time, when it had one. */
  readonly "original-expiration"?: string;
}

/** What overflow does when a queue is at `x-max-length`. */
export type ExchangeQueueOverflow = "drop-head" | "reject-publish" | "reject-publish-dlx";

/** The queue types modelled: RabbitMQ's default classic queues, and quorum queues' delivery limit. */
export type ExchangeQueueType = "classic" | "quorum";

/**
 * Optional queue arguments (queue.declare's `arguments` table). Strict: an argument not listed
 * here is refused (RabbitMQ would keep one it does not know, and do nothing with it).
 */
export interface ExchangeQueueArguments {
  /** "quorum" adds the delivery limit (below); "stream" is refused (use LogBroker). @default "classic" */
  "x-queue-type"?: ExchangeQueueType;
  /** Per-queue message TTL in ms, 0..4294967295. */
  "x-message-ttl"?: number;
  /** Most ready messages the queue keeps (unacked ones do not count), >= 0. */
  "x-max-length"?: number;
  /** Most bytes of message bodies the ready messages may total (unacked ones do not count), >= 0. */
  "x-max-length-bytes"?: number;
  /** reject-publish-dlx is refused on quorum queues. @default "drop-head" */
  "x-overflow"?: ExchangeQueueOverflow;
  "x-dead-letter-exchange"?: string;
  "x-dead-letter-routing-key"?: string;
  /** Delete the queue after it has been unused for this many ms, 1..4294967295. */
  "x-expires"?: number;
  /**
   * Quorum queues only (refused on classic ones, as RabbitMQ 3.11+ does): dead-letter (reason
   * `delivery_limit`) a message once it has failed more than this many deliveries. A reject
   * with requeue, a closed channel or a crashed consumer counts; a nack with requeue does not
   * (RabbitMQ 4.3). -1: no limit. @default 20 (RabbitMQ 4.0+)
   */
  "x-delivery-limit"?: number;
}

export interface ExchangeDeclareOptions {
  /** Recorded only. @default true */
  durable?: boolean;
  /** Delete the exchange when its last binding is removed. @default false */
  autoDelete?: boolean;
}

export interface ExchangeQueueDeclareOptions {
  /** Recorded only. @default true */
  durable?: boolean;
  /** Delete the queue when its last consumer is cancelled. @default false */
  autoDelete?: boolean;
  arguments?: ExchangeQueueArguments;
}

/** What queue.declare-ok reports. */
export interface ExchangeQueueInfo {
  queue: string;
  /** Ready messages (not counting unacked ones), as RabbitMQ reports. */
  messageCount: number;
  consumerCount: number;
}

/** Binding arguments; for headers exchanges `x-match` is "all" (default), "any", "all-with-x" or "any-with-x". */
export type ExchangeBindingArguments = Record<string, ExchangeFieldValue | undefined>;

/** What publish did with a message. */
export interface ExchangePublishResult {
  /** Queues that enqueued the message, in routing order. */
  queues: string[];
  /** Queues that refused it because they were full (`x-overflow` reject-publish*). */
  rejectedBy: string[];
  /** mandatory and routed to no queue: a basic.return with 312 NO_ROUTE was issued. */
  returned: boolean;
  /** What a publisher confirm would say: "nack" when any queue refused it. */
  confirm: "ack" | "nack";
}

/** A message handed to a consumer (basic.deliver) or to basic.get. */
export interface ExchangeDelivery {
  readonly consumerTag: string;
  /** Per channel, starting at 1, increasing with every delivery on that channel. */
  readonly deliveryTag: number;
  /** True when the message was delivered before and returned to the queue. */
  readonly redelivered: boolean;
  readonly exchange: string;
  readonly routingKey: string;
  /** The queue it came from (not an AMQP field; handy for learners). */
  readonly queue: string;
  /** The channel that owns `deliveryTag`. */
  readonly channel: number;
  readonly body: ExchangeMessageBody;
  /** Treat as read-only: it is shared with the queue's copy. */
  readonly properties: Readonly<ExchangeMessageProperties>;
}

/** basic.get-ok: a delivery plus the ready messages left in the queue. */
export interface ExchangeGetResult extends ExchangeDelivery {
  readonly messageCount: number;
}

export type ExchangeMessageHandler = (delivery: ExchangeDelivery) => void;

export interface ExchangeConsumeOptions {
  /**
   * Most unacked deliveries this consumer holds, 0..65535; 0 = no limit. @default the
   * channel's prefetch (channel.prefetch(n), basic.qos), which is 0 until set
   */
  prefetch?: number;
  /** Deliveries count as acked when sent (automatic acknowledgement). @default false */
  noAck?: boolean;
  /** @default a generated "amq.ctag-…" tag */
  consumerTag?: string;
  /** Called when the broker cancels the consumer (its queue was deleted). */
  onCancel?: (consumerTag: string) => void;
}

/** basic.publish's flags. */
export interface ExchangePublishOptions {
  /** Return (basic.return 312 NO_ROUTE) a message no queue takes, instead of dropping it. @default false */
  mandatory?: boolean;
}

/** basic.get's flags. */
export interface ExchangeGetOptions {
  /** The message counts as acked when taken. @default false */
  noAck?: boolean;
}

export interface ExchangeCancelOptions {
  /**
   * Requeue this consumer's unacked deliveries now. RabbitMQ's AMQP 0-9-1 basic.cancel does
   * not: they stay unacked on the channel until acked or the channel closes. @default false
   */
  requeueUnacked?: boolean;
}

export interface ExchangeBrokerOptions {
  /** @default new SystemClock() */
  clock?: Clock;
  /** Seeds generated names (amq.gen-…, amq.ctag-…). @default 0 */
  seed?: number;
  /** @default new Trace() */
  trace?: Trace;
  /** Largest body accepted, in bytes, 1..536870912 (RabbitMQ's hard cap). @default 16777216 (RabbitMQ 4.x) */
  maxMessageSize?: number;
}
