/**
 * Moves messages: enqueue (with TTL and max-length), hand them to consumers (round-robin,
 * prefetch), expire them at the head, dead-letter them. Handing out is eager, so the broker's
 * state is settled when each operation returns; consumer callbacks are queued in an outbox and
 * run in order, one at a time: a callback that acks or publishes never re-enters another.
 */
import type { Clock } from "../clock.js";
import type { Trace } from "../trace.js";
import { deadLetterCopy, isDeathCycle, NEVER, type QueuedEntry, type StoredMessage, toDelivery } from "./message.js";
import { crashConsumer } from "./consumer-lifecycle.js";
import { Outbox } from "./outbox.js";
import type { ChannelState, ConsumerState, OutboxItem, PendingDelivery, QueueState } from "./queue-state.js";
import type { ExchangeTraceInput } from "./trace-events.js";
import type { ExchangeFieldValue, XDeathReason } from "./types.js";

export interface EngineHooks {
  /** Queues a dead-lettered copy routes to; undefined when the exchange does not exist. */
  route(
    exchange: string,
    routingKey: string,
    headers: Readonly<Record<string, ExchangeFieldValue | undefined>> | undefined,
  ): QueueState[] | undefined;
  /** An auto-delete queue lost its last consumer, or an x-expires queue went unused. */
  deleteQueue(queue: QueueState, reason: "auto-delete" | "expires"): void;
}

export type RequeueCause = "nack" | "reject" | "cancel" | "channel-close" | "crash";

export class DeliveryEngine {
  private nextMsgId = 1;
  private readonly dirty: QueueState[] = [];
  /** Dead letters on their way to their exchange, sent in order by flush() (see deadLetter). */
  private readonly deadLetters: Array<() => void> = [];
  readonly outbox: Outbox;
  readonly tracing: boolean;

  constructor(
    readonly clock: Clock,
    private readonly trace: Trace,
    readonly hooks: EngineHooks,
  ) {
    this.tracing = trace.enabled;
    this.outbox = new Outbox(
      (e) => this.record(e),
      (consumer, tag) => crashConsumer(this, consumer, "crash-consumer-before-ack", tag),
    );
  }

  record(event: ExchangeTraceInput): void {
    this.trace.record(this.clock.now(), { family: "exchange", ...event });
  }

  takeMessageId(): number {
    return this.nextMsgId++;
  }

  /**
   * Whether `q` takes `msg`: false when the queue overflows by rejecting and `msg` would take
   * it past x-max-length or x-max-length-bytes (RabbitMQ's will_overflow).
   */
  admits(q: QueueState, msg: StoredMessage): boolean {
    const s = q.settings;
    if (s.overflow === "drop-head") return true;
    if (s.maxLength !== undefined && q.readyCount + 1 > s.maxLength) return false;
    return s.maxLengthBytes === undefined || q.readyBytes + msg.size <= s.maxLengthBytes;
  }

  /** A message `q` did not admit: reject-publish-dlx dead-letters it, reject-publish drops it. */
  refuse(q: QueueState, msg: StoredMessage): void {
    if (q.settings.overflow === "reject-publish-dlx") {
      this.deadLetter(q, { msg, seq: -1, expiresAt: NEVER, redelivered: false, deliveryCount: 0 }, "maxlen");
    }
  }

  /** Puts `msg` at the tail of `q` (call `admits` first), then hands out, expires and trims. */
  enqueue(q: QueueState, msg: StoredMessage): void {
    const s = q.settings;
    const ttl = s.messageTtl === undefined ? msg.ttl : msg.ttl === undefined ? s.messageTtl : Math.min(s.messageTtl, msg.ttl);
    q.push({ msg, seq: q.takeSeq(), expiresAt: ttl === undefined ? NEVER : this.clock.now() + ttl, redelivered: false, deliveryCount: 0 });
    // Deliver first, then expire and trim: a TTL-0 or length-0 queue still hands a message to
    // a consumer that can take it right away, as RabbitMQ does. (Handing out is eager, so when
    // other messages are ready no consumer has room and this one waits its turn.)
    if (q.readyCount === 1 && q.consumers.length > 0) {
      const consumer = q.nextConsumer();
      if (consumer !== undefined) this.deliver(consumer, this.take(q)!);
    }
    this.assign(q);
    this.dropHeadOverMaxLength(q);
  }

  /**
   * drop-head: dead-letters (reason maxlen) the oldest ready messages while the queue holds more
   * than x-max-length messages or x-max-length-bytes bytes of bodies. Run after an enqueue and after a requeue, as RabbitMQ's classic queues do
   * (maybe_drop_head in deliver_or_enqueue and requeue_and_run): a requeued message goes back to
   * the head, so it is usually the one dropped. reject-publish queues never drop; a requeue may
   * leave them over the limit until consumers catch up.
   */
  private dropHeadOverMaxLength(q: QueueState): void {
    const s = q.settings;
    if (s.overflow !== "drop-head" || (s.maxLength === undefined && s.maxLengthBytes === undefined)) return;
    while (q.readyCount > (s.maxLength ?? Infinity) || q.readyBytes > (s.maxLengthBytes ?? Infinity)) {
      this.deadLetter(q, q.shift()!, "maxlen");
    }
  }

  markDirty(q: QueueState): void {
    if (!q.dirty) {
      q.dirty = true;
      this.dirty.push(q);
    }
  }

  /**
   * Hands out what can be handed out, sends the dead letters that causes (each may make more
   * to hand out), then runs queued callbacks (unless already running).
   */
  flush(): void {
    for (;;) {
      while (this.dirty.length > 0) {
        const q = this.dirty.shift()!;
        q.dirty = false;
        if (!q.deleted) this.assign(q);
      }
      const next = this.deadLetters.shift();
      if (next === undefined) break;
      next();
    }
    this.outbox.drain();
  }

  /** Expires the head, then gives ready messages to consumers with room, round-robin. */
  assign(q: QueueState): void {
    for (;;) {
      this.expireHead(q);
      if (q.readyCount === 0 || q.consumers.length === 0) break;
      const consumer = q.nextConsumer();
      if (consumer === undefined) break;
      const entry = this.take(q)!;
      this.deliver(consumer, entry);
    }
    this.ensureTtlTimer(q);
  }

  /** Takes the head (the duplicate fault puts a redelivered copy back at its place). */
  take(q: QueueState): QueuedEntry | undefined {
    const entry = q.shift();
    if (entry !== undefined && q.duplicateNext) {
      q.duplicateNext = false;
      q.requeue({ msg: entry.msg, seq: entry.seq, expiresAt: entry.expiresAt, redelivered: true, deliveryCount: entry.deliveryCount });
      if (this.tracing) this.record({ type: "fault", fault: "duplicate-delivery", queue: q.name, armed: false, msg: entry.msg.id });
    }
    return entry;
  }

  private deliver(consumer: ConsumerState, entry: QueuedEntry): void {
    const ch = consumer.channel;
    const q = consumer.queue;
    const tag = ch.nextTag++;
    let pending: PendingDelivery | undefined;
    if (!consumer.noAck) {
      pending = { tag, entry, queue: q, consumer };
      ch.unacked.set(tag, pending);
      consumer.unacked++;
      q.unacked++;
    }
    const delivery = toDelivery(entry, q, ch.id, tag, consumer.tag);
    if (this.tracing) {
      this.record({
        type: "deliver",
        queue: q.name,
        msg: entry.msg.id,
        channel: ch.id,
        consumerTag: consumer.tag,
        deliveryTag: tag,
        redelivered: entry.redelivered,
      });
    }
    const item: OutboxItem = { kind: "deliver", consumer, pending, delivery };
    if (consumer.delayCount > 0) {
      consumer.delayCount--;
      const ms = consumer.delayMs;
      if (this.tracing) this.record({ type: "fault", fault: "delay-delivery", consumerTag: consumer.tag, ms, armed: false, deliveryTag: tag });
      this.clock.setTimeout(() => {
        this.outbox.push(item);
        this.flush();
      }, ms);
      return;
    }
    this.outbox.push(item);
  }

  queueCancelNotice(consumer: ConsumerState): void {
    if (consumer.onCancel !== undefined) this.outbox.push({ kind: "cancel", consumer });
  }


  /** Removes a pending delivery from its channel and its counters. */
  unlink(p: PendingDelivery, ch: ChannelState): void {
    ch.unacked.delete(p.tag);
    if (p.consumer !== undefined) {
      p.consumer.unacked--;
      p.consumer.queue.unblock(p.consumer);
    }
    p.queue.unacked--;
    this.markDirty(p.queue);
  }

  /** Returns an entry to its queue (redelivered), or dead-letters it past x-delivery-limit. */
  requeue(q: QueueState, entry: QueuedEntry, cause: RequeueCause): void {
    if (q.deleted) return;
    entry.redelivered = true;
    if (cause !== "nack") entry.deliveryCount++;
    const limit = q.settings.deliveryLimit;
    if (limit !== undefined && entry.deliveryCount > limit) {
      this.deadLetter(q, entry, "delivery_limit");
      return;
    }
    q.requeue(entry);
    if (this.tracing) this.record({ type: "requeue", queue: q.name, msg: entry.msg.id, cause });
    this.dropHeadOverMaxLength(q);
    this.markDirty(q);
  }

  /** Removes expired messages from the head (only the head: classic-queue behaviour). */
  expireHead(q: QueueState): void {
    let head = q.peek();
    if (head === undefined || head.expiresAt === NEVER) return;
    const now = this.clock.now();
    while (head !== undefined && head.expiresAt !== NEVER && now >= head.expiresAt) {
      q.shift();
      if (this.tracing) this.record({ type: "expire", queue: q.name, msg: head.msg.id });
      this.deadLetter(q, head, "expired");
      head = q.peek();
    }
  }

  /** One clock timer per queue, due when the current head expires. */
  ensureTtlTimer(q: QueueState): void {
    const head = q.deleted ? undefined : q.peek();
    const at = head === undefined || head.expiresAt === NEVER ? Infinity : head.expiresAt;
    if (at === q.ttlTimerAt) return;
    if (q.ttlTimer !== undefined) this.clock.clearTimeout(q.ttlTimer);
    q.ttlTimer = undefined;
    q.ttlTimerAt = at;
    if (at === Infinity) return;
    q.ttlTimer = this.clock.setTimeout(() => {
      q.ttlTimer = undefined;
      q.ttlTimerAt = Infinity;
      if (q.deleted) return;
      this.assign(q);
      this.flush();
    }, at - this.clock.now());
  }

  /**
   * Dead-letters `entry` out of `q`. The dead letter goes out once the operation at hand has
   * done its own work (flush): in RabbitMQ a queue republishes a dead letter as a message of its
   * own, which reaches its targets after what was already on its way to them, after the message
   * routed to several queues at once has reached them all, and after the queue has handed out
   * what it could (a dead letter routed back into its own queue arrives behind that).
   */
  deadLetter(q: QueueState, entry: QueuedEntry, reason: XDeathReason): void {
    this.deadLetters.push(() => this.sendDeadLetter(q, entry, reason));
  }

  /** Republishes a dead letter, or discards it when `q` has no usable dead-letter exchange. */
  private sendDeadLetter(q: QueueState, entry: QueuedEntry, reason: XDeathReason): void {
    const dlx = q.settings.deadLetterExchange;
    const msg = entry.msg;
    if (dlx === undefined) {
      if (this.tracing) this.record({ type: "discard", queue: q.name, msg: msg.id, reason });
      return;
    }
    const copy = deadLetterCopy(msg, this.takeMessageId(), q.name, reason, this.clock.now(), dlx, q.settings.deadLetterRoutingKey);
    const targets = this.hooks.route(dlx, copy.routingKey, copy.properties.headers);
    if (targets === undefined) {
      // RabbitMQ drops the message silently when the dead-letter exchange is missing.
      if (this.tracing) this.record({ type: "discard", queue: q.name, msg: msg.id, reason: "dlx-missing" });
      return;
    }
    const to: string[] = [];
    for (const t of targets) {
      if (isDeathCycle(copy, t.name)) {
        if (this.tracing) this.record({ type: "discard", queue: t.name, msg: copy.id, reason: "dlx-cycle" });
      } else if (this.admits(t, copy)) {
        this.enqueue(t, copy);
        to.push(t.name);
      } else {
        this.refuse(t, copy);
      }
    }
    if (this.tracing) {
      this.record({
        type: "dead-letter",
        queue: q.name,
        msg: msg.id,
        reason,
        exchange: dlx,
        routingKey: copy.routingKey,
        to,
        copy: copy.id,
      });
    }
  }

  /** x-expires: (re)starts the unused-queue timer, or stops it while the queue has consumers. */
  touch(q: QueueState): void {
    const ms = q.settings.expires;
    if (ms === undefined || q.deleted) return;
    if (q.expiresTimer !== undefined) this.clock.clearTimeout(q.expiresTimer);
    q.expiresTimer = undefined;
    if (q.consumers.length > 0) return;
    q.expiresTimer = this.clock.setTimeout(() => {
      q.expiresTimer = undefined;
      if (!q.deleted && q.consumers.length === 0) {
        this.hooks.deleteQueue(q, "expires");
        this.flush();
      }
    }, ms);
  }

  /** Stops a deleted queue's timers. */
  stopTimers(q: QueueState): void {
    if (q.ttlTimer !== undefined) this.clock.clearTimeout(q.ttlTimer);
    if (q.expiresTimer !== undefined) this.clock.clearTimeout(q.expiresTimer);
    q.ttlTimer = undefined;
    q.ttlTimerAt = Infinity;
    q.expiresTimer = undefined;
  }
}
