/**
 * ExchangeBroker: AMQP 0-9-1 exchanges, queues, bindings and consumers with RabbitMQ's
 * semantics, on an injected clock. Declarations live in the base class (declarations.ts);
 * publishing is here; consuming and settling are on channels (the broker has a default
 * channel for one-consumer programs).
 */
import { SystemClock } from "../clock.js";
import { InvalidArgumentError, MessageTooLargeError } from "../errors.js";
import { checkOptions } from "../options.js";
import { createRandom } from "../random.js";
import { Trace } from "../trace.js";
import * as A from "./arguments.js";
import { ChannelOperations } from "./channel-ops.js";
import { type ChannelHost, ExchangeChannel, ExchangeConnection } from "./channel.js";
import { Connections } from "./connections.js";
import { ExchangeDeclarations } from "./declarations.js";
import { ExchangeFaults } from "./faults.js";
import { NO_PROPERTIES, type StoredMessage } from "./message.js";
import { BROKER_OPTIONS, PROPERTIES, PUBLISH_OPTIONS } from "./option-specs.js";
import type { QueueState } from "./queue-state.js";
import { type ExchangeBrokerSnapshot, takeSnapshot } from "./snapshot.js";
import type * as T from "./types.js";

/**
 * An in-process AMQP 0-9-1 broker with RabbitMQ's semantics: exchanges (direct, fanout, topic,
 * headers, the default exchange), queues with TTL, max-length and dead-lettering, consumers
 * with prefetch and ack / nack / reject, and injectable faults. Every operation is recorded in
 * `trace`. See README.md in this folder.
 *
 * @example
 * const broker = new ExchangeBroker({ clock: new ManualClock() });
 * broker.declareExchange("orders", "topic");
 * broker.declareQueue("q.analytics");
 * broker.bindQueue("q.analytics", "orders", "order.#");
 * broker.consume("q.analytics", (d) => broker.ack(d.deliveryTag), { prefetch: 10 });
 * broker.publish("orders", "order.placed.eu", JSON.stringify({ id: 8812 }));
 */
export class ExchangeBroker extends ExchangeDeclarations {
  readonly faults: ExchangeFaults;
  /** Largest body accepted, in bytes. */
  readonly maxMessageSize: number;
  private readonly ops: ChannelOperations;
  private readonly connections: Connections;
  private readonly host: ChannelHost;
  private defaultChannel: ExchangeChannel;

  constructor(options: T.ExchangeBrokerOptions = {}) {
    checkOptions(options, BROKER_OPTIONS);
    const seed = options.seed ?? 0;
    A.checkInt("seed", seed, -(2 ** 53 - 1), 2 ** 53 - 1);
    const max = options.maxMessageSize ?? A.DEFAULT_MAX_MESSAGE_SIZE;
    A.checkInt("maxMessageSize", max, 1, A.HARD_MAX_MESSAGE_SIZE);
    super(options.clock ?? new SystemClock(), options.trace ?? new Trace(), createRandom(seed));
    this.maxMessageSize = max;
    this.ops = new ChannelOperations(this.engine, this.queues, this.random);
    this.connections = new Connections(this.engine, () => this.reopenDefaultChannel());
    this.host = {
      ops: this.ops,
      publish: (x, k, b, p, o) => this.publish(x, k, b, p, o),
      closeChannel: (s) => this.connections.closeChannel(s),
      openChannel: (c) => this.connections.openChannel(c),
      closeConnection: (c, r) => void this.connections.close(c, r),
    };
    this.faults = new ExchangeFaults(this.engine, this.connections, this.ops);
    this.defaultChannel = this.openConnection().createChannel();
  }

  // ---- publishing -----------------------------------------------------------------------

  /**
   * basic.publish. Routes to every matching queue once; with `mandatory`, an unroutable
   * message is returned (312 NO_ROUTE) instead of silently dropped.
   */
  publish(
    exchange: string,
    routingKey: string,
    body: T.ExchangeMessageBody,
    properties?: T.ExchangeMessageProperties,
    options: T.ExchangePublishOptions = {},
  ): T.ExchangePublishResult {
    A.checkShortstr("Exchange name", exchange);
    A.checkShortstr("Routing key", routingKey);
    if (typeof body !== "string" && !(body instanceof Uint8Array)) {
      throw new InvalidArgumentError("The message body", "must be a string or a Uint8Array", body);
    }
    const size = A.bodySize(body);
    if (size > this.maxMessageSize) throw new MessageTooLargeError(size, this.maxMessageSize, "this broker (max_message_size)");
    checkOptions(options, PUBLISH_OPTIONS);
    A.checkBoolean("mandatory", options.mandatory);
    const props = copyProperties(properties);
    const ttl = A.parseExpiration(props.expiration);
    const x = this.exchange(exchange);
    const targets: QueueState[] = [];
    this.routeInto(x, routingKey, props.headers, this.nextRouteMark(), targets);
    const msg: StoredMessage = {
      id: this.engine.takeMessageId(),
      exchange,
      routingKey,
      body,
      size,
      properties: props,
      ttl,
      deaths: undefined,
    };
    // Decide admission for every target first, so the publish is traced before what it causes.
    const queues: string[] = [];
    const rejectedBy: string[] = [];
    let refused: Set<QueueState> | undefined;
    for (const q of targets) {
      if (this.engine.admits(q, msg)) queues.push(q.name);
      else {
        rejectedBy.push(q.name);
        (refused ??= new Set()).add(q);
      }
    }
    const returned = options.mandatory === true && targets.length === 0;
    if (this.engine.tracing) {
      this.engine.record({
        type: "publish",
        exchange,
        routingKey,
        msg: msg.id,
        queues,
        rejectedBy,
        ...(props.messageId !== undefined ? { messageId: props.messageId } : {}),
      });
      if (returned) this.engine.record({ type: "return", exchange, routingKey, msg: msg.id, replyCode: 312, replyText: "NO_ROUTE" });
    }
    // Into every queue first: the dead letters this causes go out in flush(), after.
    for (const q of targets) {
      if (refused?.has(q)) this.engine.refuse(q, msg);
      else this.engine.enqueue(q, msg);
    }
    this.engine.flush();
    return { queues, rejectedBy, returned, confirm: rejectedBy.length > 0 ? "nack" : "ack" };
  }

  /** Publishes through the default exchange ("") straight to `queue`. */
  sendToQueue(queue: string, body: T.ExchangeMessageBody, properties?: T.ExchangeMessageProperties, options?: T.ExchangePublishOptions): T.ExchangePublishResult {
    return this.publish("", queue, body, properties, options);
  }

  // ---- connections and the default channel ----------------------------------------------

  /** Opens a connection; its channels fail together (see faults.dropConnection). */
  openConnection(): ExchangeConnection {
    const id = this.connections.open();
    return new ExchangeConnection(this.host, id, () => this.connections.isOpen(id));
  }

  /**
   * The broker's own channel, used by consume/cancel/get/ack/nack/reject below. When it (or
   * its connection) closes, the broker opens a new one at once, as a reconnecting client does:
   * delivery tags start again at 1 and the old ones are unknown.
   */
  get channel(): ExchangeChannel {
    return this.defaultChannel;
  }

  /** basic.qos on the broker's own channel: see ExchangeChannel.prefetch. */
  prefetch(count: number, global = false): void {
    this.channel.prefetch(count, global);
  }
  consume(queue: string, onMessage: T.ExchangeMessageHandler, options?: T.ExchangeConsumeOptions): string {
    return this.channel.consume(queue, onMessage, options);
  }
  cancel(consumerTag: string, options?: T.ExchangeCancelOptions): boolean {
    return this.channel.cancel(consumerTag, options);
  }
  get(queue: string, options?: T.ExchangeGetOptions): T.ExchangeGetResult | undefined {
    return this.channel.get(queue, options);
  }
  ack(deliveryTag: number, multiple = false): void {
    this.channel.ack(deliveryTag, multiple);
  }
  nack(deliveryTag: number, multiple = false, requeue = true): void {
    this.channel.nack(deliveryTag, multiple, requeue);
  }
  reject(deliveryTag: number, requeue = true): void {
    this.channel.reject(deliveryTag, requeue);
  }

  /** The whole state as plain data. */
  snapshot(): ExchangeBrokerSnapshot {
    return takeSnapshot(this.exchanges.values(), this.queues.values(), this.connections.channels());
  }

  /** Stops every timer the broker holds (TTL, x-expires), so a SystemClock lets the process exit. */
  close(): void {
    for (const q of this.queues.values()) this.engine.stopTimers(q);
  }

  // ---- internals ------------------------------------------------------------------------

  private reopenDefaultChannel(): void {
    // Undefined only while the constructor opens the first one.
    const current = this.defaultChannel as ExchangeChannel | undefined;
    if (current !== undefined && !current.isOpen) this.defaultChannel = this.openConnection().createChannel();
  }

}

/** A private copy of the publisher's properties (the publisher may reuse its object). */
function copyProperties(p: T.ExchangeMessageProperties | undefined): Readonly<T.ExchangeMessageProperties> {
  if (p === undefined) return NO_PROPERTIES;
  if (typeof p !== "object" || p === null || Array.isArray(p)) throw new InvalidArgumentError("Message properties", "must be an object", p);
  checkOptions(p, PROPERTIES);
  const h = p.headers;
  if (h !== undefined && (typeof h !== "object" || h === null || Array.isArray(h))) {
    throw new InvalidArgumentError("properties.headers", "must be an object (an AMQP field table)", h);
  }
  return h === undefined ? { ...p } : { ...p, headers: { ...h } };
}
