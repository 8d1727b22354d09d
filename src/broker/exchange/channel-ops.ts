/**
 * What a channel does: basic.consume / cancel / get / ack / nack / reject. Every check runs
 * before any change, so a call that throws leaves the broker as it was.
 */
import { InvalidArgumentError, UnknownResourceError } from "../errors.js";
import { checkOptions } from "../options.js";
import type { Random } from "../random.js";
import { checkBoolean, checkInt, checkShortstr, MAX_PREFETCH } from "./arguments.js";
import { cancelConsumer } from "./consumer-lifecycle.js";
import type { DeliveryEngine } from "./delivery-engine.js";
import { ChannelClosedError, ConsumerTagInUseError, UnknownDeliveryTagError } from "./errors.js";
import { toDelivery } from "./message.js";
import { CANCEL_OPTIONS, CONSUME_OPTIONS, GET_OPTIONS } from "./option-specs.js";
import type { ChannelState, ConsumerState, PendingDelivery, QueueState } from "./queue-state.js";
import type {
  ExchangeCancelOptions,
  ExchangeConsumeOptions,
  ExchangeGetOptions,
  ExchangeGetResult,
  ExchangeMessageHandler,
} from "./types.js";

const TAG_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/** RabbitMQ-style generated names: a prefix and 22 URL-safe base64 characters. */
export function generatedName(prefix: string, random: Random): string {
  let s = prefix;
  for (let i = 0; i < 22; i++) s += TAG_CHARS[random.int(64)];
  return s;
}

export class ChannelOperations {
  constructor(
    private readonly engine: DeliveryEngine,
    private readonly queues: ReadonlyMap<string, QueueState>,
    private readonly random: Random,
  ) {}

  queue(name: unknown): QueueState {
    checkShortstr("Queue name", name);
    const q = this.queues.get(name);
    if (q === undefined) throw new UnknownResourceError("queue", name, "Declare it with declareQueue first (RabbitMQ: 404 NOT_FOUND).");
    return q;
  }

  checkOpen(ch: ChannelState): void {
    if (!ch.open) throw new ChannelClosedError("channel", ch.id);
  }

  /** basic.qos, global = false: the prefetch of consumers started on this channel from now on. */
  qos(ch: ChannelState, count: number, global: boolean): void {
    this.checkOpen(ch);
    checkInt("prefetch count", count, 0, MAX_PREFETCH);
    checkBoolean("global", global);
    if (global) {
      throw new InvalidArgumentError(
        "global",
        "must be false: only per-consumer prefetch is modelled",
        global,
        "Call prefetch(count) without global. RabbitMQ deprecated global (per-channel) prefetch and, from 4.3, applies the count per consumer anyway.",
      );
    }
    ch.prefetch = count;
    this.engine.record({ type: "qos", channel: ch.id, prefetch: count });
  }

  consume(ch: ChannelState, queueName: string, onMessage: ExchangeMessageHandler, options: ExchangeConsumeOptions = {}): string {
    this.checkOpen(ch);
    const q = this.queue(queueName);
    if (typeof onMessage !== "function") throw new InvalidArgumentError("onMessage", "must be a function", onMessage);
    checkOptions(options, CONSUME_OPTIONS);
    const prefetch = options.prefetch ?? ch.prefetch;
    checkInt("prefetch", prefetch, 0, MAX_PREFETCH);
    checkBoolean("noAck", options.noAck);
    if (options.onCancel !== undefined && typeof options.onCancel !== "function") {
      throw new InvalidArgumentError("onCancel", "must be a function", options.onCancel);
    }
    let tag = options.consumerTag;
    if (tag !== undefined) {
      checkShortstr("consumerTag", tag);
      if (tag === "") tag = undefined;
    }
    if (tag !== undefined && ch.consumers.has(tag)) throw new ConsumerTagInUseError(tag, ch.id);
    if (tag === undefined) {
      do tag = generatedName("amq.ctag-", this.random);
      while (ch.consumers.has(tag));
    }
    const consumer: ConsumerState = {
      tag,
      queue: q,
      channel: ch,
      onMessage,
      onCancel: options.onCancel,
      noAck: options.noAck ?? false,
      prefetch,
      unacked: 0,
      active: true,
      crashBeforeAck: false,
      delayMs: 0,
      delayCount: 0,
      crashed: false,
    };
    ch.consumers.set(tag, consumer);
    q.addConsumer(consumer);
    q.hadConsumer = true;
    this.engine.touch(q);
    this.engine.record({ type: "consume", queue: q.name, channel: ch.id, consumerTag: tag, prefetch, noAck: consumer.noAck });
    this.engine.markDirty(q);
    this.engine.flush();
    return tag;
  }

  /** basic.cancel. An unknown tag is not an error (the AMQP spec says to ignore it): returns false. */
  cancel(ch: ChannelState, consumerTag: string, options: ExchangeCancelOptions = {}): boolean {
    this.checkOpen(ch);
    checkShortstr("consumerTag", consumerTag);
    checkOptions(options, CANCEL_OPTIONS);
    checkBoolean("requeueUnacked", options.requeueUnacked);
    const consumer = ch.consumers.get(consumerTag);
    if (consumer === undefined) return false;
    const requeued = cancelConsumer(this.engine, consumer, options.requeueUnacked ?? false, "cancel");
    this.engine.record({ type: "cancel", queue: consumer.queue.name, channel: ch.id, consumerTag, reason: "client", requeued });
    this.engine.flush();
    return true;
  }

  /** basic.get: the head message, or undefined when the queue has none ready. */
  get(ch: ChannelState, queueName: string, options: ExchangeGetOptions = {}): ExchangeGetResult | undefined {
    this.checkOpen(ch);
    const q = this.queue(queueName);
    checkOptions(options, GET_OPTIONS);
    checkBoolean("noAck", options.noAck);
    const engine = this.engine;
    engine.expireHead(q);
    const entry = engine.take(q);
    engine.touch(q);
    if (entry === undefined) {
      engine.record({ type: "get", queue: q.name, channel: ch.id });
      engine.ensureTtlTimer(q);
      engine.flush();
      return undefined;
    }
    const tag = ch.nextTag++;
    if (!options.noAck) {
      ch.unacked.set(tag, { tag, entry, queue: q, consumer: undefined });
      q.unacked++;
    }
    engine.record({ type: "get", queue: q.name, msg: entry.msg.id, channel: ch.id, deliveryTag: tag, redelivered: entry.redelivered });
    // RabbitMQ drops expired messages from the new head right after a fetch (fetch/2 calls
    // drop_expired_msgs), so they are gone from messageCount.
    engine.expireHead(q);
    const result: ExchangeGetResult = { ...toDelivery(entry, q, ch.id, tag, ""), messageCount: q.readyCount };
    engine.ensureTtlTimer(q);
    engine.flush();
    return result;
  }

  ack(ch: ChannelState, deliveryTag: number, multiple = false): void {
    const list = this.settleList(ch, deliveryTag, multiple);
    if (list === undefined) return;
    const engine = this.engine;
    if (engine.tracing) engine.record({ type: "ack", channel: ch.id, deliveryTag, multiple, msgs: list.map((p) => p.entry.msg.id) });
    if (list.length === 1) {
      engine.unlink(list[0]!, ch);
      engine.flush();
      return;
    }
    for (const group of settleGroups(list)) {
      for (const p of group) engine.unlink(p, ch);
      engine.flush();
    }
  }

  nack(ch: ChannelState, deliveryTag: number, multiple = false, requeue = true): void {
    checkBoolean("requeue", requeue);
    const list = this.settleList(ch, deliveryTag, multiple);
    if (list === undefined) return;
    this.engine.record({ type: "nack", channel: ch.id, deliveryTag, multiple, requeue, msgs: list.map((p) => p.entry.msg.id) });
    this.settleNegative(ch, list, requeue, "nack");
  }

  reject(ch: ChannelState, deliveryTag: number, requeue = true): void {
    checkBoolean("requeue", requeue);
    const list = this.settleList(ch, deliveryTag, false);
    if (list === undefined) return;
    this.engine.record({ type: "reject", channel: ch.id, deliveryTag, requeue, msg: list[0]!.entry.msg.id });
    this.settleNegative(ch, list, requeue, "reject");
  }

  private settleNegative(ch: ChannelState, list: PendingDelivery[], requeue: boolean, cause: "nack" | "reject"): void {
    for (const group of settleGroups(list)) {
      for (const p of group) {
        this.engine.unlink(p, ch);
        if (p.queue.deleted) continue;
        if (requeue) this.engine.requeue(p.queue, p.entry, cause);
        else this.engine.deadLetter(p.queue, p.entry, "rejected");
      }
      this.engine.flush();
    }
  }

  /**
   * The deliveries an ack/nack/reject settles, in tag order; undefined when the call is to be
   * ignored (a crashed consumer's late ack). Throws, changing nothing, on an unknown tag.
   */
  private settleList(ch: ChannelState, deliveryTag: number, multiple: boolean): PendingDelivery[] | undefined {
    this.checkOpen(ch);
    checkInt("deliveryTag", deliveryTag, 0, Number.MAX_SAFE_INTEGER);
    checkBoolean("multiple", multiple);
    const crashing = this.engine.outbox.crashing;
    if (multiple && deliveryTag === 0) {
      // AMQP: multiple with tag 0 settles everything outstanding on the channel.
      return [...ch.unacked.values()].filter((p) => p.consumer === undefined || p.consumer !== crashing);
    }
    if (ch.lostTags.has(deliveryTag)) {
      ch.lostTags.delete(deliveryTag);
      this.engine.record({ type: "ack-ignored", channel: ch.id, deliveryTag, reason: "consumer-crashed" });
      return undefined;
    }
    const pending = ch.unacked.get(deliveryTag);
    if (pending === undefined) throw new UnknownDeliveryTagError(ch.id, deliveryTag);
    if (crashing !== undefined && pending.consumer === crashing) {
      this.engine.record({ type: "ack-ignored", channel: ch.id, deliveryTag, reason: "consumer-crashed" });
      return undefined;
    }
    if (!multiple) return [pending];
    const list: PendingDelivery[] = [];
    for (const p of ch.unacked.values()) {
      if (p.tag > deliveryTag) break;
      if (crashing === undefined || p.consumer !== crashing) list.push(p);
    }
    return list;
  }
}

/**
 * How RabbitMQ's channel passes a multiple ack or nack on (rabbit_channel foreach_per_queue): in
 * groups, one per (queue, consumer), ordered by queue name and then consumer tag (basic.get
 * deliveries, which have none, first), each reaching its queue as a message of its own, which
 * hands out what it can (requeued messages, room freed for a consumer) before the next group.
 * Within a group, tag order. (Names compare by UTF-16 code units, as Erlang compares binaries
 * byte by byte: the same order outside the astral planes.)
 */
function settleGroups(list: PendingDelivery[]): PendingDelivery[][] {
  if (list.length <= 1) return [list];
  const groups = new Map<string, PendingDelivery[]>();
  const keys = new Map<string, [string, string | undefined]>();
  for (const p of list) {
    const tag = p.consumer?.tag;
    const key = `${p.queue.name}\u0000${tag === undefined ? "" : `\u0001${tag}`}`;
    const group = groups.get(key);
    if (group === undefined) {
      groups.set(key, [p]);
      keys.set(key, [p.queue.name, tag]);
    } else group.push(p);
  }
  if (groups.size === 1) return [list];
  const order = [...keys.entries()].sort(([, [qa, ta]], [, [qb, tb]]) =>
    qa !== qb ? (qa < qb ? -1 : 1) : ta === tb ? 0 : ta === undefined ? -1 : tb === undefined ? 1 : ta < tb ? -1 : 1,
  );
  return order.map(([key]) => groups.get(key)!);
}
