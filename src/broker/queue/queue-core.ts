/**
 * The machinery under QueueBroker: the queue registry, settling what time did, picking and
 * delivering messages, redrive, long-poll waiters, receipt handles and tracing. QueueBroker
 * (queue-broker.ts) adds the public operations on top.
 */
import { SystemClock, type Clock } from "../clock.js";
import { BrokerError, InvalidArgumentError, UnknownResourceError } from "../errors.js";
import { checkOptions, optionSpec } from "../options.js";
import { createRandom, type Random } from "../random.js";
import { Trace } from "../trace.js";
import { QueueConsumerCrashedError, QueueOverLimitError, ReceiptHandleInvalidError, StaleReceiptHandleError } from "./errors.js";
import { QueueFaults } from "./faults.js";
import { QUEUE_LIMITS } from "./limits.js";
import { checkInteger } from "./message-input.js";
import type { QueueEntry } from "./queue-entry.js";
import { formatReceiptHandle, parseReceiptHandle } from "./receipt-handle.js";
import { StandardStore } from "./standard-store.js";
import { toQueueMessage, type StoredMessage } from "./stored-message.js";
import type { QueueTraceInput } from "./trace-events.js";
import type { QueueBrokerOptions, QueueMessage } from "./types.js";

const BROKER_OPTIONS = optionSpec("new QueueBroker()", ["clock", "seed", "trace", "standardInflightLimit", "fifoInflightLimit"]);

/** Shared machinery of QueueBroker (registry, delivery, redrive, waiters, tracing). */
export abstract class QueueCore {
  readonly clock: Clock;
  readonly trace: Trace;
  /** Deterministic fault injection (see faults.ts). */
  readonly faults: QueueFaults;
  protected readonly queues = new Map<string, QueueEntry>();
  protected readonly ids: Random;
  protected readonly random: Random;
  protected readonly standardInflightLimit: number;
  protected readonly fifoInflightLimit: number;
  protected queueSerial = 0;
  protected messageSerial = 0;
  /** Broker-wide delivery counter; each receive of a message takes the next number. */
  protected deliveries = 0;
  /** Dead-letter queues that received messages while waiters may be waiting on them. */
  protected readonly toServe = new Set<QueueEntry>();

  constructor(options: QueueBrokerOptions = {}) {
    checkOptions(options, BROKER_OPTIONS);
    this.clock = options.clock ?? new SystemClock();
    this.trace = options.trace ?? new Trace();
    const seed = options.seed ?? 0;
    checkInteger("seed", seed, -0x80000000, 0xffffffff);
    this.random = createRandom(seed);
    // Ids draw from their own stream, so arming chaos does not change the message ids.
    this.ids = createRandom((seed ^ 0x9e3779b9) >>> 0);
    this.standardInflightLimit = checkInteger("standardInflightLimit", options.standardInflightLimit ?? QUEUE_LIMITS.standardInflight, 1, 1e9);
    this.fifoInflightLimit = checkInteger("fifoInflightLimit", options.fifoInflightLimit ?? QUEUE_LIMITS.fifoInflight, 1, 1e9);
    this.faults = new QueueFaults(
      {
        isFifo: (name) => this.queue(name).settings.fifo,
        shuffle: (name) => {
          const q = this.queue(name);
          this.touch(q);
          return this.shuffle(q);
        },
        recordFault: (detail) => this.record({ type: "fault", ...detail }),
      },
      this.random,
    );
  }

  protected queue(name: string): QueueEntry {
    const q = typeof name === "string" ? this.queues.get(name) : undefined;
    if (!q) {
      throw new UnknownResourceError(
        "queue",
        String(name),
        "Create it with createQueue(name) first, or check the spelling; listQueues() shows the queues that exist.",
      );
    }
    return q;
  }

  protected lookup(name: string): { fifo: boolean } | undefined {
    const q = this.queues.get(name);
    return q && { fifo: q.settings.fifo };
  }

  // Dead-letter chains must end: a loop would pass a message back and forth forever.
  protected checkNoRedriveLoop(source: string, target: string): void {
    const seen = new Set([source]);
    for (let next: string | undefined = target; next !== undefined; next = this.queues.get(next)?.settings.redrive?.deadLetterQueue) {
      if (seen.has(next)) {
        throw new InvalidArgumentError(
          "redrivePolicy.deadLetterTargetArn",
          `must not lead back to "${source}" through other dead-letter queues (a loop would move messages forever)`,
          target,
        );
      }
      seen.add(next);
    }
  }

  /** Applies what time has done to the queue: delays and visibility timeouts ended, messages expired. */
  protected settle(q: QueueEntry): void {
    q.store.settle(this.clock.now(), q.settings.messageRetentionPeriod * 1000, q.events);
  }

  /** Settles the queue, then lets waiting receives take what became visible. */
  protected touch(q: QueueEntry): void {
    this.settle(q);
    if (q.waiters.length > 0) this.serveWaiters(q);
  }

  /** Picks and delivers up to `max` messages; moves those past maxReceiveCount to the dead-letter queue. */
  protected collect(q: QueueEntry, max: number, visibilityMs: number, mayThrow: boolean): QueueMessage[] {
    const { store, name } = q;
    const limit = q.settings.fifo ? this.fifoInflightLimit : this.standardInflightLimit;
    const room = limit - store.inflightCount;
    if (room <= 0) {
      if (mayThrow && !q.settings.fifo) throw new QueueOverLimitError(name, limit);
      return [];
    }
    if (store instanceof StandardStore && this.faults.takeReorder(name)) this.shuffle(q);
    const now = this.clock.now();
    const picked = store.take(Math.min(max, room), (msg) => this.redriveUnlessDue(q, msg, now));
    const out: QueueMessage[] = [];
    for (const msg of picked) {
      const delivery = ++this.deliveries;
      msg.receiveCount++;
      // The first receive ever (0 is a real time on a ManualClock, so not a "never" marker).
      if (msg.receiveCount === 1) msg.firstReceiveAt = now;
      msg.receiptSeq = delivery;
      msg.receivedAt = now;
      store.markInflight(msg, now + visibilityMs);
      out.push(toQueueMessage(msg, formatReceiptHandle(q.serial, delivery, msg.serial, msg.messageId)));
      if (!q.settings.fifo && this.faults.takeDuplicate(name)) {
        // The copy on another server answers a later receive: visible again at once.
        store.makeVisible(msg, now);
        this.record({ type: "fault", fault: "duplicate-delivery", queue: name, armed: false, messageId: msg.messageId });
      }
    }
    return out;
  }

  /** True to deliver `msg`; false if it was moved to the dead-letter queue instead. */
  protected redriveUnlessDue(q: QueueEntry, msg: StoredMessage, now: number): boolean {
    const redrive = q.settings.redrive;
    if (!redrive || msg.receiveCount < redrive.maxReceiveCount) return true;
    const dlq = this.queues.get(redrive.deadLetterQueue);
    if (!dlq || dlq.settings.fifo !== q.settings.fifo) {
      const reason = dlq ? "the dead-letter queue has another type" : `the dead-letter queue "${redrive.deadLetterQueue}" does not exist`;
      this.record({ type: "redrive-skipped", queue: q.name, messageId: msg.messageId, reason });
      return true;
    }
    this.settle(dlq);
    q.store.remove(msg);
    // Retention: a standard DLQ keeps the original enqueue time, a FIFO DLQ restarts it (AWS docs).
    const copy = msg.copyFor(++this.messageSerial, dlq.settings.fifo ? now : msg.enqueuedAt, q.arn);
    dlq.store.add(copy, now, now);
    this.record({ type: "redrive", queue: q.name, deadLetterQueue: dlq.name, messageId: msg.messageId, receiveCount: msg.receiveCount });
    if (dlq.waiters.length > 0) this.toServe.add(dlq);
    return false;
  }

  protected serveWaiters(q: QueueEntry): void {
    while (q.waiters.length > 0) {
      const w = q.waiters[0]!;
      const messages = this.collect(q, w.max, w.visibilityMs, false);
      if (messages.length === 0) break;
      q.waiters.shift();
      this.clock.clearTimeout(w.timer);
      this.recordReceive(q, w.max, messages, this.clock.now() - w.startedAt);
      w.resolve(messages);
    }
    this.scheduleWake(q);
  }

  /** While receives wait, a timer wakes the queue when the next delay or visibility timeout ends. */
  protected scheduleWake(q: QueueEntry): void {
    const at = q.waiters.length > 0 ? q.store.nextTimedAt() : undefined;
    if (q.wake && q.wake.at === at) return;
    if (q.wake) this.clock.clearTimeout(q.wake.handle);
    q.wake = undefined;
    if (at === undefined) return;
    const handle = this.clock.setTimeout(() => {
      if (q.wake?.handle !== handle) return;
      q.wake = undefined;
      if (this.queues.get(q.name) !== q) return;
      this.touch(q);
      this.scheduleWake(q);
      this.serveDeadLetterQueues();
    }, at - this.clock.now());
    q.wake = { handle, at };
  }

  protected serveDeadLetterQueues(): void {
    while (this.toServe.size > 0) {
      const q = this.toServe.values().next().value!;
      this.toServe.delete(q);
      if (this.queues.get(q.name) === q && q.waiters.length > 0) this.serveWaiters(q);
    }
  }

  /** Finds the message of a current receipt handle; undefined if the message is gone. */
  protected resolveHandle(q: QueueEntry, receiptHandle: string): StoredMessage | undefined {
    const parsed = parseReceiptHandle(receiptHandle);
    if (!parsed) throw new ReceiptHandleInvalidError(q.name, receiptHandle, "it is not a receipt handle");
    if (parsed.queueSerial !== q.serial) throw new ReceiptHandleInvalidError(q.name, receiptHandle, "another queue (or an earlier queue of this name) issued it");
    if (parsed.delivery > this.deliveries) throw new ReceiptHandleInvalidError(q.name, receiptHandle, "no receive issued it");
    const msg = q.store.find(parsed.messageSerial, parsed.messageId);
    if (!msg) return undefined;
    if (parsed.delivery < msg.receiptSeq) throw new StaleReceiptHandleError(q.name, msg.messageId, msg.receiveCount);
    if (parsed.delivery !== msg.receiptSeq) throw new ReceiptHandleInvalidError(q.name, receiptHandle, "no receive of this message issued it");
    return msg;
  }

  protected shuffle(q: QueueEntry): string[] {
    const store = q.store as StandardStore;
    const order = store.visibleInOrder();
    for (let i = order.length - 1; i > 0; i--) {
      const j = this.random.int(i + 1);
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    store.reorder(order);
    const messageIds = order.map((m) => m.messageId);
    this.record({ type: "fault", fault: "reorder", queue: q.name, armed: false, messageIds });
    return messageIds;
  }

  protected recordReceive(q: QueueEntry, requested: number, messages: QueueMessage[], waitedMs: number | undefined): void {
    if (!this.trace.enabled) return;
    const event: QueueTraceInput = {
      type: "receive",
      queue: q.name,
      requested,
      messageIds: messages.map((m) => m.messageId),
      receiveCounts: messages.map((m) => m.attributes.approximateReceiveCount),
    };
    if (waitedMs !== undefined) event.waitedMs = waitedMs;
    this.record(event);
  }

  protected record(event: QueueTraceInput): void {
    if (this.trace.enabled) this.trace.record(this.clock.now(), { family: "queue", ...event });
  }

  /** Runs an operation; a rejected one is traced ("reject") and rethrown, a finished one lets dead-letter queues serve their waiters. */
  protected guard<T>(op: string, queue: string | undefined, fn: () => T): T {
    let result: T;
    try {
      result = fn();
    } catch (e) {
      if (e instanceof BrokerError && !(e instanceof QueueConsumerCrashedError)) {
        const event: QueueTraceInput = { type: "reject", op, code: e.code };
        if (typeof queue === "string") event.queue = queue;
        this.record(event);
      }
      throw e;
    }
    if (this.toServe.size > 0) this.serveDeadLetterQueues();
    return result;
  }
}

