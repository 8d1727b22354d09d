/**
 * ExchangeBroker: AMQP 0-9-1 exchanges, queues, bindings and consumers with RabbitMQ's
 * semantics, on an injected clock. Topology and publishing are here; consuming and settling
 * are on channels (the broker has a default channel for one-consumer programs).
 */
import { type Clock, SystemClock } from "../clock.js";
import { InvalidArgumentError, MessageTooLargeError, ResourceExistsError, UnknownResourceError } from "../errors.js";
import { createRandom, type Random } from "../random.js";
import { Trace } from "../trace.js";
import * as A from "./arguments.js";
import { ChannelOperations, generatedName } from "./channel-ops.js";
import { type ChannelHost, ExchangeChannel, ExchangeConnection } from "./channel.js";
import { Connections } from "./connections.js";
import { DeliveryEngine } from "./delivery-engine.js";
import { ExchangeAccessRefusedError, ExchangePreconditionError } from "./errors.js";
import { ExchangeFaults } from "./faults.js";
import { NO_PROPERTIES, type StoredMessage } from "./message.js";
import { QueueState } from "./queue-state.js";
import { type ExchangeBrokerSnapshot, takeSnapshot } from "./snapshot.js";
import { type BindingRecord, ExchangeState, PREDECLARED } from "./topology.js";
import type * as T from "./types.js";
import { cancelConsumer } from "./consumer-lifecycle.js";

export class ExchangeBroker {
  readonly clock: Clock;
  readonly trace: Trace;
  readonly faults: ExchangeFaults;
  /** Largest body accepted, in bytes. */
  readonly maxMessageSize: number;
  private readonly exchanges = new Map<string, ExchangeState>();
  private readonly queues = new Map<string, QueueState>();
  private readonly engine: DeliveryEngine;
  private readonly ops: ChannelOperations;
  private readonly connections: Connections;
  private readonly host: ChannelHost;
  private readonly random: Random;
  private routeEpoch = 0;
  private defaultChannel: ExchangeChannel;

  constructor(options: T.ExchangeBrokerOptions = {}) {
    this.clock = options.clock ?? new SystemClock();
    this.trace = options.trace ?? new Trace();
    const seed = options.seed ?? 0;
    A.checkInt("seed", seed, -(2 ** 53 - 1), 2 ** 53 - 1);
    this.random = createRandom(seed);
    const max = options.maxMessageSize ?? A.DEFAULT_MAX_MESSAGE_SIZE;
    A.checkInt("maxMessageSize", max, 1, A.HARD_MAX_MESSAGE_SIZE);
    this.maxMessageSize = max;
    this.engine = new DeliveryEngine(this.clock, this.trace, {
      route: (exchange, routingKey, headers) => {
        const x = this.exchanges.get(exchange);
        if (x === undefined) return undefined;
        const out: QueueState[] = [];
        this.routeInto(x, routingKey, headers, ++this.routeEpoch, out);
        return out;
      },
      deleteQueue: (q, reason) => this.removeQueue(q, reason),
    });
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
    for (const [name, type] of PREDECLARED) this.exchanges.set(name, new ExchangeState(name, type, true, false));
    this.defaultChannel = this.openConnection().createChannel();
  }

  // ---- exchanges ------------------------------------------------------------------------

  /** exchange.declare. Redeclaring with the same settings is a no-op; different ones throw. */
  declareExchange(name: string, type: T.ExchangeType, options: T.ExchangeDeclareOptions = {}): { exchange: string } {
    A.checkShortstr("Exchange name", name);
    A.checkExchangeType(type);
    A.checkBoolean("durable", options.durable);
    A.checkBoolean("autoDelete", options.autoDelete);
    this.refuseReserved("exchange", name);
    const durable = options.durable ?? true;
    const autoDelete = options.autoDelete ?? false;
    const existing = this.exchanges.get(name);
    if (existing !== undefined) {
      const diff =
        existing.type !== type ? `type is ${existing.type}, not ${type}`
        : existing.durable !== durable ? `durable is ${existing.durable}`
        : existing.autoDelete !== autoDelete ? `autoDelete is ${existing.autoDelete}`
        : undefined;
      if (diff !== undefined) throw new ResourceExistsError("exchange", name, diff);
    } else {
      this.exchanges.set(name, new ExchangeState(name, type, durable, autoDelete));
    }
    this.engine.record({ type: "exchange-declare", exchange: name, exchangeType: type, created: existing === undefined });
    return { exchange: name };
  }

  /** exchange.declare passive: throws when it does not exist. */
  checkExchange(name: string): { exchange: string; type: T.ExchangeType } {
    const x = this.exchange(name);
    return { exchange: x.name, type: x.type };
  }

  /** exchange.delete. Deleting one that does not exist is not an error (returns false), as in RabbitMQ. */
  deleteExchange(name: string, options: { ifUnused?: boolean } = {}): boolean {
    A.checkShortstr("Exchange name", name);
    A.checkBoolean("ifUnused", options.ifUnused);
    this.refuseReserved("exchange", name);
    const x = this.exchanges.get(name);
    if (x === undefined) return false;
    if (options.ifUnused && x.bindings.size > 0) {
      throw new ExchangePreconditionError(`Exchange "${name}" has ${x.bindings.size} binding(s) and ifUnused was set`, "Unbind its queues first, or delete without ifUnused.");
    }
    this.removeExchange(x, "client");
    return true;
  }

  // ---- queues ---------------------------------------------------------------------------

  /** queue.declare. "" makes the broker name it ("amq.gen-…"). */
  declareQueue(name = "", options: T.ExchangeQueueDeclareOptions = {}): T.ExchangeQueueInfo {
    A.checkShortstr("Queue name", name);
    A.checkBoolean("durable", options.durable);
    A.checkBoolean("autoDelete", options.autoDelete);
    if (name !== "") this.refuseReserved("queue", name);
    const settings = A.parseQueueArguments(options.arguments);
    const args = { ...options.arguments };
    const durable = options.durable ?? true;
    const autoDelete = options.autoDelete ?? false;
    const existing = name === "" ? undefined : this.queues.get(name);
    if (existing !== undefined) {
      const diff = this.queueDifference(existing, durable, autoDelete, args);
      if (diff !== undefined) throw new ResourceExistsError("queue", name, diff);
      this.engine.touch(existing); // redeclaring renews an x-expires lease
      this.engine.record({ type: "queue-declare", queue: name, created: false });
      return this.info(existing);
    }
    let queueName = name;
    while (queueName === "" || this.queues.has(queueName)) queueName = generatedName("amq.gen-", this.random);
    const q = new QueueState(queueName, durable, autoDelete, args, settings);
    this.queues.set(queueName, q);
    this.engine.touch(q);
    this.engine.record({ type: "queue-declare", queue: queueName, created: true });
    return this.info(q);
  }

  /** queue.declare passive: throws when it does not exist. */
  checkQueue(name: string): T.ExchangeQueueInfo {
    return this.info(this.ops.queue(name));
  }

  /** queue.delete. A queue that does not exist gives messageCount 0, as in RabbitMQ. */
  deleteQueue(name: string, options: { ifUnused?: boolean; ifEmpty?: boolean } = {}): { messageCount: number } {
    A.checkShortstr("Queue name", name);
    A.checkBoolean("ifUnused", options.ifUnused);
    A.checkBoolean("ifEmpty", options.ifEmpty);
    const q = this.queues.get(name);
    if (q === undefined) return { messageCount: 0 };
    if (options.ifUnused && q.consumers.length > 0) {
      throw new ExchangePreconditionError(`Queue "${name}" has ${q.consumers.length} consumer(s) and ifUnused was set`, "Cancel its consumers first, or delete without ifUnused.");
    }
    if (options.ifEmpty && q.readyCount > 0) {
      throw new ExchangePreconditionError(`Queue "${name}" has ${q.readyCount} ready message(s) and ifEmpty was set`, "Consume or purge them first, or delete without ifEmpty.");
    }
    const messageCount = q.readyCount;
    this.removeQueue(q, "client");
    this.engine.flush();
    return { messageCount };
  }

  /** queue.purge: removes ready messages (not unacked ones); they are not dead-lettered. */
  purgeQueue(name: string): { messageCount: number } {
    const q = this.ops.queue(name);
    const messageCount = q.takeAll().length;
    this.engine.ensureTtlTimer(q);
    this.engine.record({ type: "queue-purge", queue: name, messages: messageCount });
    return { messageCount };
  }

  // ---- bindings -------------------------------------------------------------------------

  /** queue.bind. Binding twice with the same key and arguments is a no-op. */
  bindQueue(queue: string, exchange: string, routingKey = "", args?: T.ExchangeBindingArguments): void {
    const { x, q } = this.bindingEnds(queue, exchange, routingKey, args);
    const key = ExchangeState.bindingKey(q.name, routingKey, args);
    const record: BindingRecord = { key, exchange: x.name, queue: q, routingKey, args: args === undefined ? undefined : structuredClone(args) };
    const created = x.add(record);
    if (created) q.bindings.add(record);
    this.engine.record({ type: "bind", exchange: x.name, queue: q.name, routingKey, created });
  }

  /** queue.unbind. Unbinding a binding that does not exist is not an error (returns false). */
  unbindQueue(queue: string, exchange: string, routingKey = "", args?: T.ExchangeBindingArguments): boolean {
    const { x, q } = this.bindingEnds(queue, exchange, routingKey, args);
    const key = ExchangeState.bindingKey(q.name, routingKey, args);
    const record = x.bindings.get(key);
    const removed = record !== undefined && x.remove(key);
    if (record !== undefined) q.bindings.delete(record);
    this.engine.record({ type: "unbind", exchange: x.name, queue: q.name, routingKey, removed });
    if (removed) this.maybeAutoDelete(x);
    return removed;
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
    options: { mandatory?: boolean } = {},
  ): T.ExchangePublishResult {
    A.checkShortstr("Exchange name", exchange);
    A.checkShortstr("Routing key", routingKey);
    if (typeof body !== "string" && !(body instanceof Uint8Array)) {
      throw new InvalidArgumentError("The message body", "must be a string or a Uint8Array", body);
    }
    const size = A.bodySize(body);
    if (size > this.maxMessageSize) throw new MessageTooLargeError(size, this.maxMessageSize, "this broker (max_message_size)");
    A.checkBoolean("mandatory", options.mandatory);
    const props = copyProperties(properties);
    const ttl = A.parseExpiration(props.expiration);
    const x = this.exchange(exchange);
    const targets: QueueState[] = [];
    this.routeInto(x, routingKey, props.headers, ++this.routeEpoch, targets);
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
      if (this.engine.admits(q)) queues.push(q.name);
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
    for (const q of targets) {
      if (refused?.has(q)) this.engine.refuse(q, msg);
      else this.engine.enqueue(q, msg);
    }
    this.engine.flush();
    return { queues, rejectedBy, returned, confirm: rejectedBy.length > 0 ? "nack" : "ack" };
  }

  /** Publishes through the default exchange ("") straight to `queue`. */
  sendToQueue(queue: string, body: T.ExchangeMessageBody, properties?: T.ExchangeMessageProperties, options?: { mandatory?: boolean }): T.ExchangePublishResult {
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

  consume(queue: string, onMessage: T.ExchangeMessageHandler, options?: T.ExchangeConsumeOptions): string {
    return this.channel.consume(queue, onMessage, options);
  }
  cancel(consumerTag: string, options?: T.ExchangeCancelOptions): boolean {
    return this.channel.cancel(consumerTag, options);
  }
  get(queue: string, options?: { noAck?: boolean }): T.ExchangeGetResult | undefined {
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

  private exchange(name: string): ExchangeState {
    A.checkShortstr("Exchange name", name);
    const x = this.exchanges.get(name);
    if (x === undefined) throw new UnknownResourceError("exchange", name, "Declare it with declareExchange first (RabbitMQ: 404 NOT_FOUND).");
    return x;
  }

  private routeInto(x: ExchangeState, routingKey: string, headers: T.ExchangeMessageProperties["headers"], mark: number, out: QueueState[]): void {
    if (x.name === "") {
      // The default exchange: every queue is bound to it by its own name, and only so.
      const q = this.queues.get(routingKey);
      if (q !== undefined && q.routeMark !== mark) {
        q.routeMark = mark;
        out.push(q);
      }
      return;
    }
    x.route(routingKey, headers, mark, out);
  }

  private refuseReserved(kind: "exchange" | "queue", name: string): void {
    if (kind === "exchange" && name === "") {
      throw new ExchangeAccessRefusedError("The default exchange cannot be declared or deleted", "Publish to it with the queue's name as routing key; declare your own exchange for anything else.");
    }
    if (name.startsWith("amq.")) {
      throw new ExchangeAccessRefusedError(`The ${kind} name "${name}" uses the reserved prefix "amq."`, `Choose a ${kind} name that does not start with "amq.".`);
    }
  }

  private bindingEnds(queue: string, exchange: string, routingKey: string, args: T.ExchangeBindingArguments | undefined): { x: ExchangeState; q: QueueState } {
    A.checkShortstr("Routing key", routingKey);
    const x = this.exchange(exchange);
    if (x.name === "") {
      throw new ExchangeAccessRefusedError("Queues cannot be bound to or unbound from the default exchange", "Every queue is already reachable through it by its name; bind to another exchange.");
    }
    const q = this.ops.queue(queue);
    A.checkBindingArguments(x.type, args);
    return { x, q };
  }

  private queueDifference(q: QueueState, durable: boolean, autoDelete: boolean, args: T.ExchangeQueueArguments): string | undefined {
    if (q.durable !== durable) return `durable is ${q.durable}`;
    if (q.autoDelete !== autoDelete) return `autoDelete is ${q.autoDelete}`;
    for (const key of A.EQUIVALENCE_KEYS) {
      if (q.args[key] !== args[key]) return `inequivalent arg "${key}": current is ${String(q.args[key] ?? "none")}, received ${String(args[key] ?? "none")}`;
    }
    return undefined;
  }

  private info(q: QueueState): T.ExchangeQueueInfo {
    return { queue: q.name, messageCount: q.readyCount, consumerCount: q.consumers.length };
  }

  private removeQueue(q: QueueState, reason: "client" | "auto-delete" | "expires"): void {
    q.deleted = true;
    this.engine.stopTimers(q);
    const messages = q.takeAll().length;
    for (const c of [...q.consumers]) {
      cancelConsumer(this.engine, c, false, "cancel");
      this.engine.queueCancelNotice(c);
      this.engine.record({ type: "cancel", queue: q.name, channel: c.channel.id, consumerTag: c.tag, reason: "queue-deleted", requeued: 0 });
    }
    const touched = new Set<ExchangeState>();
    for (const b of q.bindings) {
      const x = this.exchanges.get(b.exchange)!;
      x.remove(b.key);
      touched.add(x);
    }
    q.bindings.clear();
    this.queues.delete(q.name);
    this.engine.record({ type: "queue-delete", queue: q.name, messages, reason });
    for (const x of touched) this.maybeAutoDelete(x);
  }

  private maybeAutoDelete(x: ExchangeState): void {
    if (x.autoDelete && x.bindings.size === 0 && this.exchanges.get(x.name) === x) this.removeExchange(x, "auto-delete");
  }

  private removeExchange(x: ExchangeState, reason: "client" | "auto-delete"): void {
    const bindings = x.bindings.size;
    for (const b of x.bindings.values()) b.queue.bindings.delete(b);
    this.exchanges.delete(x.name);
    this.engine.record({ type: "exchange-delete", exchange: x.name, bindings, reason });
  }
}

/** A private copy of the publisher's properties (the publisher may reuse its object). */
function copyProperties(p: T.ExchangeMessageProperties | undefined): Readonly<T.ExchangeMessageProperties> {
  if (p === undefined) return NO_PROPERTIES;
  if (typeof p !== "object" || p === null || Array.isArray(p)) throw new InvalidArgumentError("Message properties", "must be an object", p);
  const h = p.headers;
  if (h !== undefined && (typeof h !== "object" || h === null || Array.isArray(h))) {
    throw new InvalidArgumentError("properties.headers", "must be an object (an AMQP field table)", h);
  }
  return h === undefined ? { ...p } : { ...p, headers: { ...h } };
}
