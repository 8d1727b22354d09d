/**
 * What a scenario is written against. Every call is one step of the run's log: what was asked,
 * what came back (or the AMQP error code), and what each consumer received meanwhile. After each
 * call the side settles (see amqp-side.ts), so a step holds everything that call caused.
 *
 * Scenario code is the same on both sides; it refers to deliveries by position
 * (`t.delivered("c1")[0]`), never by a side's delivery tag.
 */
import type {
  ExchangeBindingArguments,
  ExchangeMessageProperties,
  ExchangeType,
} from "mqtutor/broker";
import type { ConsumerEvent, Delivery, ErrorCode, QueueDeclareOptions, Side } from "./side.js";

export interface Step {
  /** The call, written as code: `publish("x", "a.b", "m1")`. */
  readonly op: string;
  readonly result?: unknown;
  readonly error?: ErrorCode;
  /** Channels that failed during the step (RabbitMQ closes a channel on a channel error). */
  readonly failed?: Record<string, ErrorCode>;
  /** What each consumer received during the step, in order. */
  readonly received?: Record<string, ConsumerEvent[]>;
}

/** The channel every script opens first; `get` and `drain` use it unless told otherwise. */
export const MAIN = "main";

export class Script {
  readonly steps: Step[] = [];
  private pending = new Map<string, ConsumerEvent[]>();
  private readonly received = new Map<string, Delivery[]>();

  constructor(readonly side: Side) {
    side.onConsumerEvent = (e) => {
      const consumer = e.kind === "delivery" ? e.delivery.consumer : e.consumer;
      let list = this.pending.get(consumer);
      if (list === undefined) this.pending.set(consumer, (list = []));
      list.push(e);
      if (e.kind === "delivery") {
        let all = this.received.get(consumer);
        if (all === undefined) this.received.set(consumer, (all = []));
        all.push(e.delivery);
      }
    };
  }

  /** Runs one call as a step; returns its result, or undefined when it failed. */
  private async step<T>(op: string, fn: () => Promise<T>, show: (r: T) => unknown = (r) => r, settle = true): Promise<T | undefined> {
    let result: T | undefined;
    let error: ErrorCode | undefined;
    try {
      result = await fn();
    } catch (e) {
      error = (e as { replyCode?: ErrorCode }).replyCode ?? (e instanceof Error ? e.message : String(e));
    }
    // Declarations and bindings cause nothing asynchronous: no barrier needed after them.
    const failures = settle ? await this.side.settle() : [];
    const step: { -readonly [K in keyof Step]: Step[K] } = { op };
    if (error !== undefined) step.error = error;
    else if (result !== undefined) step.result = show(result);
    if (failures.length > 0) step.failed = Object.fromEntries(failures.map((f) => [f.channel, f.code]));
    if (this.pending.size > 0) {
      step.received = Object.fromEntries([...this.pending.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
      this.pending = new Map();
    }
    this.steps.push(step);
    return result;
  }

  /** Everything `consumer` has received so far, in order (redeliveries included). */
  delivered(consumer: string): Delivery[] {
    return this.received.get(consumer) ?? [];
  }

  // ---- declarations ---------------------------------------------------------------------

  declareExchange(name: string, type: ExchangeType, options?: { durable?: boolean; autoDelete?: boolean }) {
    return this.step(call("declareExchange", name, type, options), () => this.side.declareExchange(name, type, options), undefined, false);
  }
  deleteExchange(name: string, options?: { ifUnused?: boolean }) {
    return this.step(call("deleteExchange", name, options), () => this.side.deleteExchange(name, options), undefined, false);
  }
  declareQueue(name: string, options?: QueueDeclareOptions) {
    return this.step(call("declareQueue", name, options), () => this.side.declareQueue(name, options), undefined, false);
  }
  checkQueue(name: string) {
    return this.step(call("checkQueue", name), () => this.side.checkQueue(name), undefined, false);
  }
  deleteQueue(name: string, options?: { ifUnused?: boolean; ifEmpty?: boolean }) {
    return this.step(call("deleteQueue", name, options), () => this.side.deleteQueue(name, options));
  }
  purgeQueue(name: string) {
    return this.step(call("purgeQueue", name), () => this.side.purgeQueue(name), undefined, false);
  }
  bind(queue: string, exchange: string, routingKey: string, args?: ExchangeBindingArguments) {
    return this.step(call("bind", queue, exchange, routingKey, args), () => this.side.bindQueue(queue, exchange, routingKey, args), undefined, false);
  }
  unbind(queue: string, exchange: string, routingKey: string, args?: ExchangeBindingArguments) {
    return this.step(call("unbind", queue, exchange, routingKey, args), () => this.side.unbindQueue(queue, exchange, routingKey, args), undefined, false);
  }

  // ---- channels and messages ------------------------------------------------------------

  openChannel(id: string) {
    return this.step(call("openChannel", id), () => this.side.openChannel(id), undefined, false);
  }
  closeChannel(id: string) {
    return this.step(call("closeChannel", id), () => this.side.closeChannel(id));
  }
  prefetch(channel: string, count: number) {
    return this.step(call("prefetch", channel, count), () => this.side.prefetch(channel, count), undefined, false);
  }
  publish(exchange: string, routingKey: string, body: string, properties?: ExchangeMessageProperties, options?: { mandatory?: boolean }) {
    return this.step(call("publish", exchange, routingKey, body, properties, options), () => this.side.publish(exchange, routingKey, body, properties, options));
  }
  /** basic.consume with the channel's current prefetch. */
  consume(channel: string, queue: string, consumerTag: string, options?: { noAck?: boolean }) {
    return this.step(call("consume", channel, queue, consumerTag, options), () => this.side.consume(channel, queue, consumerTag, options));
  }
  cancel(channel: string, consumerTag: string) {
    return this.step(call("cancel", channel, consumerTag), () => this.side.cancel(channel, consumerTag));
  }
  get(queue: string, options: { noAck?: boolean; channel?: string } = {}) {
    const { channel = MAIN, ...rest } = options;
    return this.step(call("get", queue, options), () => this.side.get(channel, queue, rest), (d) => d ?? "empty");
  }
  /** basic.get with noAck until the queue is empty: one step whose result is every message. */
  drain(queue: string) {
    return this.step(call("drain", queue), async () => {
      const out: Delivery[] = [];
      for (let d = await this.side.get(MAIN, queue, { noAck: true }); d !== undefined; d = await this.side.get(MAIN, queue, { noAck: true })) {
        out.push(d);
        if (out.length > 1000) throw new Error(`drain(${queue}): over 1000 messages`);
      }
      return out;
    });
  }
  ack(d: Delivery | undefined, multiple = false) {
    return this.settleStep("ack", d, [multiple], (ch, tag) => this.side.ack(ch, tag, multiple));
  }
  nack(d: Delivery | undefined, options: { multiple?: boolean; requeue?: boolean } = {}) {
    return this.settleStep("nack", d, [options], (ch, tag) => this.side.nack(ch, tag, options.multiple ?? false, options.requeue ?? true));
  }
  reject(d: Delivery | undefined, requeue = true) {
    return this.settleStep("reject", d, [requeue], (ch, tag) => this.side.reject(ch, tag, requeue));
  }
  private settleStep(what: string, d: Delivery | undefined, args: unknown[], fn: (channel: string, tag: number) => Promise<void>) {
    const ref = d === undefined ? "<no such delivery>" : `${d.consumer || "get"} ${JSON.stringify(d.body)}`;
    return this.step(`${what}(${[ref, ...args.map((a) => JSON.stringify(a))].join(", ")})`, () => (d === undefined ? Promise.reject(new Error("no such delivery")) : fn(d.channel, d.deliveryTag)));
  }

  /** Lets `ms` pass (wall time on RabbitMQ, the manual clock on the bundled broker). */
  wait(ms: number) {
    return this.step(`wait(${ms})`, () => this.side.wait(ms));
  }
}

/** A call written as code, trailing undefined arguments left out. */
function call(name: string, ...args: unknown[]): string {
  while (args.length > 0 && args[args.length - 1] === undefined) args.pop();
  const show = (a: unknown): string => (a === undefined ? "undefined" : JSON.stringify(a, (_k, v: unknown) => (v instanceof Uint8Array ? `<${v.length} bytes>` : v)));
  return `${name}(${args.map(show).join(", ")})`;
}
