/**
 * Moves messages: enqueue (with TTL and max-length), hand them to consumers (round-robin,
 * prefetch), expire them at the head, dead-letter them. Handing out is eager, so the broker's
 * state is settled when each operation returns; consumer callbacks are queued in an outbox and
 * run in order, one at a time: a callback that acks or publishes never re-enters another.
 */
import type { Clock } from "../clock.js";
import type { Trace } from "../trace.js";
import { deadLetterCopy, deliveredProperties, isDeathCycle, NEVER, type QueuedEntry, type StoredMessage } from "./message.js";
import type { ChannelState, ConsumerState, OutboxItem, PendingDelivery, QueueState } from "./queue-state.js";
import type { ExchangeTraceInput } from "./trace-events.js";
import type { ExchangeDelivery, ExchangeFieldValue, XDeathReason } from "./types.js";

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
  private outbox: OutboxItem[] = [];
  private outHead = 0;
  private draining = false;
  /** A consumer whose callback runs under the crash-before-ack fault: its acks are lost. */
  crashing: ConsumerState | undefined;
  readonly tracing: boolean;

  constructor(
    readonly clock: Clock,
    private readonly trace: Trace,
    private readonly hooks: EngineHooks,
  ) {
    this.tracing = trace.enabled;
  }

  record(event: ExchangeTraceInput): void {
    this.trace.record(this.clock.now(), { family: "exchange", ...event });
  }

  takeMessageId(): number {
    return this.nextMsgId++;
  }

  /** Whether `q` takes one more message: false when it is full and overflows by rejecting. */
  admits(q: QueueState): boolean {
    const s = q.settings;
    return s.maxLength === undefined || s.overflow === "drop-head" || q.readyCount < s.maxLength;
  }

  /** A message `q` did not admit: reject-publish-dlx dead-letters it, reject-publish drops it. */
  refuse(q: QueueState, msg: StoredMessage): void {
    if (q.settings.overflow === "reject-publish-dlx") {
      this.deadLetter(q, { msg, seq: -1, expiresAt: NEVER, redelivered: false, returns: 0 }, "maxlen");
    }
  }

  /** Puts `msg` at the tail of `q` (call `admits` first), then hands out, expires and trims. */
  enqueue(q: QueueState, msg: StoredMessage): void {
    const s = q.settings;
    const ttl = s.messageTtl === undefined ? msg.ttl : msg.ttl === undefined ? s.messageTtl : Math.min(s.messageTtl, msg.ttl);
    q.push({ msg, seq: q.takeSeq(), expiresAt: ttl === undefined ? NEVER : this.clock.now() + ttl, redelivered: false, returns: 0 });
    // Deliver first, then expire and trim: a TTL-0 or length-0 queue still hands a message to
    // a consumer that can take it right away, as RabbitMQ does. (Handing out is eager, so when
    // other messages are ready no consumer has room and this one waits its turn.)
    if (q.readyCount === 1 && q.consumers.length > 0) {
      const consumer = q.nextConsumer();
      if (consumer !== undefined) this.deliver(consumer, this.take(q)!);
    }
    this.assign(q);
    if (s.maxLength !== undefined) {
      while (q.readyCount > s.maxLength) this.deadLetter(q, q.shift()!, "maxlen");
    }
  }

  markDirty(q: QueueState): void {
    if (!q.dirty) {
      q.dirty = true;
      this.dirty.push(q);
    }
  }

  /** Hands out what can be handed out, then runs queued callbacks (unless already running). */
  flush(): void {
    while (this.dirty.length > 0) {
      const q = this.dirty.shift()!;
      q.dirty = false;
      if (!q.deleted) this.assign(q);
    }
    if (!this.draining) this.drain();
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
      q.requeue({ msg: entry.msg, seq: entry.seq, expiresAt: entry.expiresAt, redelivered: true, returns: entry.returns });
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
    const delivery = this.delivery(entry, q, ch, tag, consumer.tag);
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

  delivery(entry: QueuedEntry, q: QueueState, ch: ChannelState, tag: number, consumerTag: string): ExchangeDelivery {
    const msg = entry.msg;
    return {
      consumerTag,
      deliveryTag: tag,
      redelivered: entry.redelivered,
      exchange: msg.exchange,
      routingKey: msg.routingKey,
      queue: q.name,
      channel: ch.id,
      body: msg.body,
      properties: deliveredProperties(entry, q.settings.deliveryLimit !== undefined),
    };
  }

  queueCancelNotice(consumer: ConsumerState): void {
    if (consumer.onCancel !== undefined) this.outbox.push({ kind: "cancel", consumer });
  }

  private drain(): void {
    this.draining = true;
    try {
      while (this.outHead < this.outbox.length) {
        const item = this.outbox[this.outHead++]!;
        if (item.kind === "cancel") this.run(item.consumer, -1, () => item.consumer.onCancel!(item.consumer.tag));
        else this.runDelivery(item.consumer, item.pending, item.delivery);
        // Compact only between items: `flush` below may push more while we run.
        if (this.outHead >= 1024 && this.outHead * 2 >= this.outbox.length) {
          this.outbox = this.outbox.slice(this.outHead);
          this.outHead = 0;
        }
      }
      this.outbox.length = 0;
      this.outHead = 0;
    } finally {
      this.draining = false;
    }
  }

  private runDelivery(consumer: ConsumerState, pending: PendingDelivery | undefined, delivery: ExchangeDelivery): void {
    const ch = consumer.channel;
    // Deliveries sent before a plain cancel still reach the client (AMQP's cancel race);
    // after a crash, a channel close or a requeue, nobody is there to receive them.
    if (!ch.open || consumer.crashed) return;
    if (pending !== undefined && ch.unacked.get(pending.tag) !== pending) return;
    if (consumer.crashBeforeAck && consumer.active) {
      consumer.crashBeforeAck = false;
      this.crashing = consumer;
      try {
        this.run(consumer, delivery.deliveryTag, () => consumer.onMessage(delivery));
      } finally {
        this.crashing = undefined;
      }
      this.crashConsumer(consumer, "crash-consumer-before-ack", delivery.deliveryTag);
      return;
    }
    this.run(consumer, delivery.deliveryTag, () => consumer.onMessage(delivery));
  }

  private run(consumer: ConsumerState, deliveryTag: number, fn: () => void): void {
    try {
      fn();
    } catch (err) {
      // A throwing handler is the learner's bug, not the broker's: it is recorded and the
      // delivery stays unacked, as with a real client whose handler threw.
      const error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      this.record({ type: "consumer-error", consumerTag: consumer.tag, deliveryTag, error });
    }
  }

  /** Removes a pending delivery from its channel and its counters. */
  unlink(p: PendingDelivery, ch: ChannelState): void {
    ch.unacked.delete(p.tag);
    if (p.consumer !== undefined) p.consumer.unacked--;
    p.queue.unacked--;
    this.markDirty(p.queue);
  }

  /** Returns an entry to its queue (redelivered), or dead-letters it past x-delivery-limit. */
  requeue(q: QueueState, entry: QueuedEntry, cause: RequeueCause): void {
    if (q.deleted) return;
    entry.redelivered = true;
    entry.returns++;
    const limit = q.settings.deliveryLimit;
    if (limit !== undefined && entry.returns > limit) {
      this.deadLetter(q, entry, "delivery_limit");
      return;
    }
    q.requeue(entry);
    if (this.tracing) this.record({ type: "requeue", queue: q.name, msg: entry.msg.id, cause });
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

  /** Dead-letters `entry` out of `q`, or discards it when `q` has no usable dead-letter exchange. */
  deadLetter(q: QueueState, entry: QueuedEntry, reason: XDeathReason): void {
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
      } else if (this.admits(t)) {
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

  /** Cancels a consumer; with `requeueUnacked` its unacked deliveries go back to the queue. */
  cancel(consumer: ConsumerState, requeueUnacked: boolean, cause: RequeueCause): number {
    const q = consumer.queue;
    const ch = consumer.channel;
    consumer.active = false;
    q.removeConsumer(consumer);
    ch.consumers.delete(consumer.tag);
    let requeued = 0;
    if (requeueUnacked && consumer.unacked > 0) {
      for (const p of [...ch.unacked.values()]) {
        if (p.consumer !== consumer) continue;
        this.unlink(p, ch);
        this.requeue(p.queue, p.entry, cause);
        requeued++;
      }
    }
    if (q.consumers.length === 0 && !q.deleted) {
      if (q.autoDelete && q.hadConsumer) this.hooks.deleteQueue(q, "auto-delete");
      else this.touch(q);
    }
    return requeued;
  }

  /** A crash fault: the consumer is gone and its unacked deliveries are requeued (redelivered). */
  crashConsumer(consumer: ConsumerState, fault: "crash-consumer" | "crash-consumer-before-ack", deliveryTag?: number): void {
    if (!consumer.active) return;
    consumer.crashed = true;
    const ch = consumer.channel;
    for (const p of ch.unacked.values()) if (p.consumer === consumer) ch.lostTags.add(p.tag);
    const requeued = this.cancel(consumer, true, "crash");
    this.record({ type: "cancel", queue: consumer.queue.name, channel: ch.id, consumerTag: consumer.tag, reason: "crash", requeued });
    if (fault === "crash-consumer") this.record({ type: "fault", fault, consumerTag: consumer.tag, requeued });
    else this.record({ type: "fault", fault, consumerTag: consumer.tag, armed: false, deliveryTag });
    this.flush();
  }

  /** Closes a channel: consumers go, unacked deliveries are requeued in tag order. */
  closeChannel(ch: ChannelState): number {
    if (!ch.open) return 0;
    for (const c of [...ch.consumers.values()]) {
      this.cancel(c, false, "channel-close");
      if (this.tracing) this.record({ type: "cancel", queue: c.queue.name, channel: ch.id, consumerTag: c.tag, reason: "channel-close", requeued: 0 });
    }
    let requeued = 0;
    for (const p of [...ch.unacked.values()]) {
      this.unlink(p, ch);
      this.requeue(p.queue, p.entry, "channel-close");
      requeued++;
    }
    ch.open = false;
    ch.lostTags.clear();
    return requeued;
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
