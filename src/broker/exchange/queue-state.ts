/**
 * One queue's state: its ready messages in order, its consumers, its timers. Delivery,
 * expiry and dead-lettering are driven from DeliveryEngine; this file keeps the invariants of
 * the ready list.
 */
import type { TimerHandle } from "../clock.js";
import type { QueueSettings } from "./arguments.js";
import type { QueuedEntry } from "./message.js";
import type { BindingRecord } from "./topology.js";
import type { ExchangeDelivery, ExchangeMessageHandler, ExchangeQueueArguments } from "./types.js";

/** A consumer (basic.consume) on one queue and one channel. */
export interface ConsumerState {
  readonly tag: string;
  readonly queue: QueueState;
  readonly channel: ChannelState;
  readonly onMessage: ExchangeMessageHandler;
  readonly onCancel: ((consumerTag: string) => void) | undefined;
  readonly noAck: boolean;
  /** 0 = no limit. */
  readonly prefetch: number;
  /** Unacked deliveries it holds (never above prefetch when prefetch > 0). */
  unacked: number;
  active: boolean;
  /** Fault: crash after the callback for the next delivery returns, dropping its acks. */
  crashBeforeAck: boolean;
  /** Fault: the next `delayCount` callbacks run `delayMs` later on the clock. */
  delayMs: number;
  delayCount: number;
  /** Set by a crash fault: its sent-but-unrun callbacks are dropped. */
  crashed: boolean;
}

/** A delivery not yet settled (acked, nacked, rejected) on its channel. */
export interface PendingDelivery {
  readonly tag: number;
  readonly entry: QueuedEntry;
  readonly queue: QueueState;
  /** undefined for basic.get. */
  readonly consumer: ConsumerState | undefined;
}

/** Channel bookkeeping (the public ExchangeChannel wraps it). */
export interface ChannelState {
  readonly id: number;
  readonly connection: number;
  nextTag: number;
  /** Insertion order is tag order, which `multiple` acks rely on. */
  readonly unacked: Map<number, PendingDelivery>;
  readonly consumers: Map<string, ConsumerState>;
  /** Tags whose consumer crashed (a fault): a later ack of them is ignored, as a dead process sends none. */
  readonly lostTags: Set<number>;
  /** basic.qos (global = false): the prefetch a consumer started on this channel gets by default. */
  prefetch: number;
  open: boolean;
}

/** A callback waiting to run: never re-entered, run in order after the current operation. */
export type OutboxItem =
  | {
      readonly kind: "deliver";
      readonly consumer: ConsumerState;
      readonly pending: PendingDelivery | undefined;
      readonly delivery: ExchangeDelivery;
    }
  | { readonly kind: "cancel"; readonly consumer: ConsumerState };

export class QueueState {
  // Invariant: main[head..] is in increasing seq order (arrival order); requeued is sorted by
  // seq too. The head of the queue is the smaller seq of the two fronts, so a requeued message
  // goes back to its original place, as in RabbitMQ classic queues.
  private main: (QueuedEntry | undefined)[] = [];
  private head = 0;
  private requeued: QueuedEntry[] = [];
  private nextSeq = 0;
  readonly consumers: ConsumerState[] = [];
  /** Bindings with this queue as destination, so deleting the queue removes them directly. */
  readonly bindings = new Set<BindingRecord>();
  /**
   * Consumers in turn order, as RabbitMQ's rabbit_queue_consumers keeps them: the next message
   * goes to the first that has room, which then moves to the back. One found full on its turn
   * leaves the turn order (`blocked`) and rejoins at the back when an ack gives it room, so it
   * does not jump ahead of consumers that waited.
   */
  private readonly turns: ConsumerState[] = [];
  private readonly blocked = new Set<ConsumerState>();
  /** Deliveries of this queue not yet settled. */
  unacked = 0;
  /** Body bytes of the ready messages (for x-max-length-bytes). */
  readyBytes = 0;
  ttlTimer: TimerHandle | undefined;
  ttlTimerAt = Infinity;
  expiresTimer: TimerHandle | undefined;
  deleted = false;
  hadConsumer = false;
  /** Stamp of the last publish that routed here (routing gives each queue once). */
  routeMark = 0;
  /** Waiting in DeliveryEngine's dirty list. */
  dirty = false;
  /** Fault: the next message taken from this queue is also put back, as a redelivery. */
  duplicateNext = false;

  constructor(
    readonly name: string,
    readonly durable: boolean,
    readonly autoDelete: boolean,
    readonly args: Readonly<ExchangeQueueArguments>,
    readonly settings: QueueSettings,
  ) {}

  get readyCount(): number {
    return this.main.length - this.head + this.requeued.length;
  }

  takeSeq(): number {
    return this.nextSeq++;
  }

  push(entry: QueuedEntry): void {
    this.main.push(entry);
    this.readyBytes += entry.msg.size;
  }

  peek(): QueuedEntry | undefined {
    const m = this.main[this.head];
    const r = this.requeued[0];
    if (r === undefined) return m;
    if (m === undefined) return r;
    return r.seq < m.seq ? r : m;
  }

  shift(): QueuedEntry | undefined {
    const m = this.main[this.head];
    const r = this.requeued[0];
    if (r !== undefined && (m === undefined || r.seq < m.seq)) {
      this.readyBytes -= r.msg.size;
      return this.requeued.shift();
    }
    if (m === undefined) return undefined;
    this.readyBytes -= m.msg.size;
    this.main[this.head++] = undefined;
    if (this.head >= 1024 && this.head * 2 >= this.main.length) {
      this.main = this.main.slice(this.head);
      this.head = 0;
    }
    return m;
  }

  /** Puts an entry back at its original place. */
  requeue(entry: QueuedEntry): void {
    const r = this.requeued;
    let lo = 0;
    let hi = r.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (r[mid]!.seq < entry.seq) lo = mid + 1;
      else hi = mid;
    }
    r.splice(lo, 0, entry);
    this.readyBytes += entry.msg.size;
  }

  /** Removes every ready message; returns them in queue order. */
  takeAll(): QueuedEntry[] {
    const out: QueuedEntry[] = [];
    for (let e = this.shift(); e !== undefined; e = this.shift()) out.push(e);
    this.main = [];
    this.head = 0;
    return out;
  }

  /** Ready messages in queue order (a copy). */
  readyEntries(): QueuedEntry[] {
    const main = this.main.slice(this.head) as QueuedEntry[];
    const all = [...main, ...this.requeued];
    return all.sort((a, b) => a.seq - b.seq);
  }

  addConsumer(c: ConsumerState): void {
    this.consumers.push(c);
    this.turns.push(c);
  }

  /** The consumer whose turn it is and that may take one more delivery (it moves to the back). */
  nextConsumer(): ConsumerState | undefined {
    for (let c = this.turns.shift(); c !== undefined; c = this.turns.shift()) {
      if (hasRoom(c)) {
        this.turns.push(c);
        return c;
      }
      this.blocked.add(c);
    }
    return undefined;
  }

  /** After an ack or nack freed room: a consumer that was passed over rejoins at the back. */
  unblock(c: ConsumerState): void {
    if (this.blocked.has(c) && hasRoom(c)) {
      this.blocked.delete(c);
      this.turns.push(c);
    }
  }

  removeConsumer(c: ConsumerState): void {
    const i = this.consumers.indexOf(c);
    if (i < 0) return;
    this.consumers.splice(i, 1);
    const t = this.turns.indexOf(c);
    if (t >= 0) this.turns.splice(t, 1);
    this.blocked.delete(c);
  }
}

function hasRoom(c: ConsumerState): boolean {
  return c.noAck || c.prefetch === 0 || c.unacked < c.prefetch;
}
