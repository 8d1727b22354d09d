/**
 * The declarations half of ExchangeBroker: exchanges, queues and bindings (exchange.declare /
 * delete, queue.declare / delete / purge, queue.bind / unbind) and routing through them.
 */
import type { Clock } from "../clock.js";
import { ResourceExistsError, UnknownResourceError } from "../errors.js";
import { checkOptions } from "../options.js";
import type { Random } from "../random.js";
import type { Trace } from "../trace.js";
import * as A from "./arguments.js";
import { generatedName } from "./channel-ops.js";
import { cancelConsumer } from "./consumer-lifecycle.js";
import { DeliveryEngine } from "./delivery-engine.js";
import { DECLARE_EXCHANGE, DECLARE_QUEUE, DELETE_EXCHANGE, DELETE_QUEUE } from "./option-specs.js";
import { ExchangeAccessRefusedError, ExchangePreconditionError } from "./errors.js";
import { QueueState } from "./queue-state.js";
import { type BindingRecord, ExchangeState, PREDECLARED } from "./topology.js";
import type * as T from "./types.js";

/** Base class of ExchangeBroker (use that). */
export class ExchangeDeclarations {
  protected readonly exchanges = new Map<string, ExchangeState>();
  protected readonly queues = new Map<string, QueueState>();
  /** @internal */
  protected readonly engine: DeliveryEngine;
  private routeEpoch = 0;

  constructor(
    readonly clock: Clock,
    readonly trace: Trace,
    protected readonly random: Random,
  ) {
    this.engine = new DeliveryEngine(clock, trace, {
      route: (exchange, routingKey, headers) => {
        const x = this.exchanges.get(exchange);
        if (x === undefined) return undefined;
        const out: QueueState[] = [];
        this.routeInto(x, routingKey, headers, this.nextRouteMark(), out);
        return out;
      },
      deleteQueue: (q, reason) => this.removeQueue(q, reason),
    });
    for (const [name, type] of PREDECLARED) this.exchanges.set(name, new ExchangeState(name, type, true, false));
  }

  /** A fresh stamp for one routing (see QueueState.routeMark). */
  protected nextRouteMark(): number {
    return ++this.routeEpoch;
  }

  protected queue(name: string): QueueState {
    A.checkShortstr("Queue name", name);
    const q = this.queues.get(name);
    if (q === undefined) throw new UnknownResourceError("queue", name, "Declare it with declareQueue first (RabbitMQ: 404 NOT_FOUND).");
    return q;
  }

  // ---- exchanges ------------------------------------------------------------------------

  /** exchange.declare. Redeclaring with the same settings is a no-op; different ones throw. */
  declareExchange(name: string, type: T.ExchangeType, options: T.ExchangeDeclareOptions = {}): { exchange: string } {
    A.checkShortstr("Exchange name", name);
    A.checkExchangeType(type);
    checkOptions(options, DECLARE_EXCHANGE);
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
    checkOptions(options, DELETE_EXCHANGE);
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
    checkOptions(options, DECLARE_QUEUE);
    A.checkBoolean("durable", options.durable);
    A.checkBoolean("autoDelete", options.autoDelete);
    if (name !== "") this.refuseReserved("queue", name);
    const durable = options.durable ?? true;
    const autoDelete = options.autoDelete ?? false;
    const settings = A.parseQueueArguments(options.arguments, name, durable, autoDelete);
    const args = { ...options.arguments };
    const existing = name === "" ? undefined : this.queues.get(name);
    if (existing !== undefined) {
      const diff = this.queueDifference(existing, durable, autoDelete, args, settings);
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
    const q = this.queue(name);
    this.engine.touch(q); // a passive declare renews an x-expires lease too (RabbitMQ's stat call)
    return this.info(q);
  }

  /** queue.delete. A queue that does not exist gives messageCount 0, as in RabbitMQ. */
  deleteQueue(name: string, options: { ifUnused?: boolean; ifEmpty?: boolean } = {}): { messageCount: number } {
    A.checkShortstr("Queue name", name);
    checkOptions(options, DELETE_QUEUE);
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
    const q = this.queue(name);
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

  /**
   * queue.unbind. Unbinding a binding, a queue or an exchange that does not exist is not an
   * error (returns false): RabbitMQ has not raised NOT_FOUND for it since 3.2.
   */
  unbindQueue(queue: string, exchange: string, routingKey = "", args?: T.ExchangeBindingArguments): boolean {
    A.checkShortstr("Queue name", queue);
    A.checkShortstr("Exchange name", exchange);
    A.checkShortstr("Routing key", routingKey);
    if (exchange === "") this.refuseDefaultBinding();
    const x = this.exchanges.get(exchange);
    const q = this.queues.get(queue);
    if (x !== undefined) A.checkBindingArguments(x.type, args);
    const record = x?.bindings.get(ExchangeState.bindingKey(queue, routingKey, args));
    const removed = record !== undefined && x!.remove(record.key);
    if (record !== undefined) q?.bindings.delete(record);
    this.engine.record({ type: "unbind", exchange, queue, routingKey, removed });
    if (removed) this.maybeAutoDelete(x!);
    return removed;
  }

  // ---- internals ------------------------------------------------------------------------

  protected exchange(name: string): ExchangeState {
    A.checkShortstr("Exchange name", name);
    const x = this.exchanges.get(name);
    if (x === undefined) throw new UnknownResourceError("exchange", name, "Declare it with declareExchange first (RabbitMQ: 404 NOT_FOUND).");
    return x;
  }

  protected routeInto(x: ExchangeState, routingKey: string, headers: T.ExchangeMessageProperties["headers"], mark: number, out: QueueState[]): void {
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

  private refuseDefaultBinding(): never {
    throw new ExchangeAccessRefusedError("Queues cannot be bound to or unbound from the default exchange", "Every queue is already reachable through it by its name; bind to another exchange.");
  }

  private bindingEnds(queue: string, exchange: string, routingKey: string, args: T.ExchangeBindingArguments | undefined): { x: ExchangeState; q: QueueState } {
    A.checkShortstr("Routing key", routingKey);
    const x = this.exchange(exchange);
    if (x.name === "") this.refuseDefaultBinding();
    const q = this.queue(queue);
    A.checkBindingArguments(x.type, args);
    return { x, q };
  }

  private queueDifference(q: QueueState, durable: boolean, autoDelete: boolean, args: T.ExchangeQueueArguments, settings: A.QueueSettings): string | undefined {
    if (q.durable !== durable) return `durable is ${q.durable}`;
    if (q.autoDelete !== autoDelete) return `autoDelete is ${q.autoDelete}`;
    // An absent x-queue-type means the default type, classic (RabbitMQ fills it in before comparing).
    if (q.settings.type !== settings.type) return `inequivalent arg "x-queue-type": current is ${q.settings.type}, received ${settings.type}`;
    for (const key of A.EQUIVALENCE_KEYS) {
      if (q.args[key] !== args[key]) return `inequivalent arg "${key}": current is ${String(q.args[key] ?? "none")}, received ${String(args[key] ?? "none")}`;
    }
    return undefined;
  }

  private info(q: QueueState): T.ExchangeQueueInfo {
    return { queue: q.name, messageCount: q.readyCount, consumerCount: q.consumers.length };
  }

  protected removeQueue(q: QueueState, reason: "client" | "auto-delete" | "expires"): void {
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
