/**
 * QueueBroker: queues with the semantics of Amazon SQS (standard and FIFO), on an injected clock.
 * Every operation is synchronous and deterministic except `receiveAsync` (long polling), which
 * resolves when a message arrives or when a clock timer ends the wait. README.md documents each
 * operation. This file holds the public operations; queue-core.ts the machinery they share
 * (delivery, redrive, long-poll waiters, receipt handles, tracing).
 */
import { BrokerError, InvalidArgumentError, ResourceExistsError, UnknownResourceError } from "../errors.js";
import { QueueConsumerCrashedError, QueueMessageNotInflightError, QueuePurgeInProgressError, ReceiptHandleExpiredError } from "./errors.js";
import { QUEUE_LIMITS } from "./limits.js";
import { checkInteger } from "./message-input.js";
import { nextMessageId } from "./message-id.js";
import type { SettleEvents } from "./message-store.js";
import { QueueCore } from "./queue-core.js";
import { createEntry, queueInfo, queueSnapshot, type QueueEntry, type Waiter } from "./queue-entry.js";
import { checkAttributes, checkQueueName, defaultSettings, differingSettings } from "./queue-settings.js";
import { parseReceiptHandle } from "./receipt-handle.js";
import { checkBatch, checkReceive, checkSend } from "./requests.js";
import { StoredMessage } from "./stored-message.js";
import type { QueueTraceInput } from "./trace-events.js";
import type {
  QueueAttributes,
  QueueAttributesSnapshot,
  QueueBrokerOptions,
  QueueInfo,
  QueueMessage,
  QueueReceiveOptions,
  QueueReceiveWaitOptions,
  QueueSendBatchEntry,
  QueueSendBatchResult,
  QueueSendOptions,
  QueueSendResult,
} from "./types.js";

/**
 * Queues with Amazon SQS semantics: standard and FIFO queues, visibility timeouts, receipt
 * handles, dead-letter queues, long polling and seeded faults. See README.md.
 */
export class QueueBroker extends QueueCore {
  /** @param options clock, seed, trace and in-flight limits; see QueueBrokerOptions. */
  constructor(options: QueueBrokerOptions = {}) {
    super(options);
  }

  // ── Queues ────────────────────────────────────────────────────────────────────────────────

  /**
   * Creates a queue, or returns the existing one if every attribute given matches it. A name
   * ending in ".fifo" makes a FIFO queue. Throws InvalidArgumentError for a bad name or
   * setting, ResourceExistsError if the queue exists with other settings.
   */
  createQueue(name: string, attributes: QueueAttributes = {}): QueueInfo {
    return this.guard("createQueue", name, () => {
      checkQueueName(name);
      const fifo = name.endsWith(".fifo");
      const given = checkAttributes("createQueue", name, fifo, attributes, (n) => this.lookup(n));
      const existing = this.queues.get(name);
      if (existing) {
        const differ = differingSettings(existing.settings, given);
        if (differ.length > 0) throw new ResourceExistsError("queue", name, `${differ.join(", ")} differ`);
        this.record({ type: "create-queue", queue: name, fifo, created: false });
        return queueInfo(existing);
      }
      if (given.redrive) this.checkNoRedriveLoop(name, given.redrive.deadLetterQueue);
      const events: SettleEvents = {
        visibilityExpired: (msg, dueAt) =>
          this.record({ type: "visibility-expired", queue: name, messageId: msg.messageId, receiveCount: msg.receiveCount, dueAt }),
        expired: (msg, dueAt) => this.record({ type: "expire", queue: name, messageId: msg.messageId, dueAt }),
      };
      const q = createEntry(name, ++this.queueSerial, { ...defaultSettings(fifo), ...given }, this.clock.now(), events);
      this.queues.set(name, q);
      this.record({ type: "create-queue", queue: name, fifo, created: true });
      return queueInfo(q);
    });
  }

  /** The queue named `name`. Throws UnknownResourceError if there is none. */
  getQueue(name: string): QueueInfo {
    return this.guard("getQueue", name, () => queueInfo(this.queue(name)));
  }

  /** Names of the queues, sorted, optionally only those starting with `prefix`. */
  listQueues(prefix = ""): string[] {
    return this.guard("listQueues", undefined, () => {
      if (typeof prefix !== "string") throw new InvalidArgumentError("The prefix", "must be a string", prefix);
      return [...this.queues.keys()].filter((n) => n.startsWith(prefix)).sort();
    });
  }

  /**
   * Deletes a queue and every message in it. Pending `receiveAsync` calls on it reject with
   * UnknownResourceError; receipt handles it issued become invalid.
   */
  deleteQueue(name: string): void {
    this.guard("deleteQueue", name, () => {
      const q = this.queue(name);
      const messages = q.store.clear();
      this.queues.delete(name);
      this.toServe.delete(q);
      if (q.wake) this.clock.clearTimeout(q.wake.handle);
      q.wake = undefined;
      for (const w of q.waiters.splice(0)) {
        this.clock.clearTimeout(w.timer);
        w.reject(new UnknownResourceError("queue", name, "The queue was deleted while this receive was waiting."));
      }
      this.faults.clear(name);
      this.record({ type: "delete-queue", queue: name, messages });
    });
  }

  /** Settings and approximate counts of a queue (exact here: this broker is one process). */
  getQueueAttributes(name: string): QueueAttributesSnapshot {
    return this.guard("getQueueAttributes", name, () => {
      const q = this.queue(name);
      this.touch(q);
      return queueSnapshot(q);
    });
  }

  /**
   * Changes settings. A new visibility timeout or delay applies to later receives and sends; a
   * new retention period applies to every message in the queue. `fifoQueue` cannot change.
   */
  setQueueAttributes(name: string, attributes: QueueAttributes): void {
    this.guard("setQueueAttributes", name, () => {
      const q = this.queue(name);
      const given = checkAttributes("setQueueAttributes", name, q.settings.fifo, attributes, (n) => this.lookup(n));
      if (given.redrive) this.checkNoRedriveLoop(name, given.redrive.deadLetterQueue);
      const changed = differingSettings(q.settings, given);
      Object.assign(q.settings, given);
      q.lastModifiedAt = this.clock.now();
      this.record({ type: "set-queue-attributes", queue: name, changed });
      this.touch(q);
    });
  }

  /** Deletes every message of a queue, in flight or not. At most once every 60 seconds per queue. */
  purgeQueue(name: string): void {
    this.guard("purgeQueue", name, () => {
      const q = this.queue(name);
      const now = this.clock.now();
      if (q.lastPurgeAt !== undefined && now - q.lastPurgeAt < QUEUE_LIMITS.purgeCooldownMs) {
        throw new QueuePurgeInProgressError(name, q.lastPurgeAt + QUEUE_LIMITS.purgeCooldownMs - now);
      }
      q.lastPurgeAt = now;
      const messages = q.store.clear();
      this.record({ type: "purge", queue: name, messages });
    });
  }

  // ── Sending ───────────────────────────────────────────────────────────────────────────────

  /**
   * Stores a message (SendMessage). FIFO queues need a messageGroupId and, unless the queue has
   * contentBasedDeduplication, a messageDeduplicationId; a repeat of a deduplication id within
   * 5 minutes returns the original message's id and stores nothing.
   */
  send(queue: string, body: string, options: QueueSendOptions = {}): QueueSendResult {
    return this.guard("send", queue, () => {
      const q = this.queue(queue);
      this.touch(q);
      return this.sendTo(q, body, options);
    });
  }

  /**
   * Sends up to 10 messages (SendMessageBatch). The request as a whole must be valid (1–10
   * entries, distinct ids, at most 1 MiB in total); then each entry succeeds or fails on its own.
   */
  sendBatch(queue: string, entries: QueueSendBatchEntry[]): QueueSendBatchResult {
    return this.guard("sendBatch", queue, () => {
      const q = this.queue(queue);
      checkBatch(entries);
      this.touch(q);
      const result: QueueSendBatchResult = { successful: [], failed: [] };
      for (const entry of entries) {
        try {
          const { id: _id, body, ...options } = entry;
          result.successful.push({ id: entry.id, ...this.sendTo(q, body, options) });
        } catch (e) {
          if (!(e instanceof BrokerError)) throw e;
          this.record({ type: "reject", op: "sendBatch", queue, code: e.code });
          result.failed.push({ id: entry.id, code: e.code, message: e.message, senderFault: true });
        }
      }
      return result;
    });
  }

  private sendTo(q: QueueEntry, body: string, options: QueueSendOptions): QueueSendResult {
    const input = checkSend(q.name, q.settings, body, options);
    const { groupId, dedupId } = input;
    const now = this.clock.now();
    if (q.dedup && dedupId !== undefined) {
      const seen = q.dedup.find(dedupId, now);
      if (seen) {
        this.record({ type: "send-deduplicated", queue: q.name, messageId: seen.messageId, messageDeduplicationId: dedupId });
        return { messageId: seen.messageId, sequenceNumber: seen.sequenceNumber };
      }
    }
    const messageId = nextMessageId(this.ids);
    const sequenceNumber = q.settings.fifo ? String(q.nextSequence++).padStart(20, "0") : undefined;
    const extra = this.faults.takeDelay(q.name);
    const availableAt = now + input.delaySeconds * 1000 + extra;
    const serial = ++this.messageSerial;
    const extras =
      input.attributes !== undefined || groupId !== undefined || dedupId !== undefined
        ? { messageAttributes: input.attributes, messageGroupId: groupId, messageDeduplicationId: dedupId, sequenceNumber }
        : undefined;
    const msg = new StoredMessage(serial, messageId, input.body, now, now, extras);
    q.store.add(msg, availableAt, now);
    if (q.dedup && dedupId !== undefined) q.dedup.remember(dedupId, now, messageId, sequenceNumber!);
    if (extra > 0) this.record({ type: "fault", fault: "delay", queue: q.name, armed: false, ms: extra, messageId });
    if (this.trace.enabled) {
      const event: QueueTraceInput = { type: "send", queue: q.name, messageId, size: input.size, availableAt };
      if (groupId !== undefined) event.messageGroupId = groupId;
      if (dedupId !== undefined) event.messageDeduplicationId = dedupId;
      if (sequenceNumber !== undefined) event.sequenceNumber = sequenceNumber;
      this.record(event);
    }
    if (q.waiters.length > 0) this.serveWaiters(q);
    return sequenceNumber === undefined ? { messageId } : { messageId, sequenceNumber };
  }

  // ── Receiving ─────────────────────────────────────────────────────────────────────────────

  /**
   * Receives up to `maxNumberOfMessages` visible messages now (short polling; never waits).
   * Each becomes invisible for the visibility timeout and gets a new receipt handle. A message
   * already received `maxReceiveCount` times is moved to the dead-letter queue instead.
   */
  receive(queue: string, options: QueueReceiveOptions = {}): QueueMessage[] {
    return this.guard("receive", queue, () => {
      const q = this.queue(queue);
      const { max, visibilityMs } = checkReceive(q.settings, options, false);
      this.touch(q);
      const messages = this.collect(q, max, visibilityMs, true);
      this.recordReceive(q, max, messages, undefined);
      return messages;
    });
  }

  /**
   * Long polling: resolves as soon as at least one message can be received, or with [] when
   * `waitTimeSeconds` pass on the clock (with a ManualClock: when the test advances it).
   * Waiting receives are served in the order they started.
   */
  receiveAsync(queue: string, options: QueueReceiveWaitOptions = {}): Promise<QueueMessage[]> {
    try {
      return this.guard("receiveAsync", queue, () => {
        const q = this.queue(queue);
        const { max, visibilityMs, waitMs } = checkReceive(q.settings, options, true);
        this.touch(q);
        // At the in-flight limit SQS answers a short poll with OverLimit; a long poll just waits.
        const messages = this.collect(q, max, visibilityMs, waitMs === 0);
        if (messages.length > 0 || waitMs === 0) {
          this.recordReceive(q, max, messages, 0);
          return Promise.resolve(messages);
        }
        return new Promise<QueueMessage[]>((resolve, reject) => {
          const startedAt = this.clock.now();
          const waiter: Waiter = { max, visibilityMs, startedAt, resolve, reject, timer: { id: 0 } };
          waiter.timer = this.clock.setTimeout(() => {
            const i = q.waiters.indexOf(waiter);
            if (i < 0) return;
            q.waiters.splice(i, 1);
            this.recordReceive(q, max, [], this.clock.now() - startedAt);
            this.scheduleWake(q);
            resolve([]);
          }, waitMs);
          q.waiters.push(waiter);
          this.scheduleWake(q);
        });
      });
    } catch (e) {
      return Promise.reject(e);
    }
  }

  /**
   * Deletes the message this receipt handle was issued for. Returns true if it deleted it, false
   * if the message was already gone (deleted, expired, dead-lettered, purged), as SQS accepts.
   * Throws StaleReceiptHandleError if the message was received again since this handle was
   * issued: the current holder must delete it, not you. In a FIFO queue, throws
   * ReceiptHandleExpiredError once the delivery's visibility timeout has ended, as SQS does.
   */
  deleteMessage(queue: string, receiptHandle: string): boolean {
    return this.guard("deleteMessage", queue, () => {
      const q = this.queue(queue);
      this.touch(q);
      const msg = this.resolveHandle(q, receiptHandle);
      if (!msg) {
        this.record({ type: "delete", queue, messageId: parseReceiptHandle(receiptHandle)!.messageId, outcome: "already-gone" });
        return false;
      }
      // SQS FIFO refuses a handle whose visibility timeout has ended; standard queues accept it.
      if (q.settings.fifo && msg.state !== "inflight") throw new ReceiptHandleExpiredError(queue, msg.messageId);
      if (this.faults.takeCrash(queue)) {
        this.record({ type: "fault", fault: "crash-before-delete", queue, armed: false, messageId: msg.messageId });
        throw new QueueConsumerCrashedError(queue, msg.messageId);
      }
      q.store.remove(msg);
      this.record({ type: "delete", queue, messageId: msg.messageId, outcome: "deleted" });
      // A FIFO group may be free again.
      if (q.waiters.length > 0) this.serveWaiters(q);
      return true;
    });
  }

  /**
   * Sets the remaining visibility timeout of an in-flight message, counted from now (0 makes
   * it visible at once). The delivery may not stay invisible beyond 12 hours after its receive.
   */
  changeMessageVisibility(queue: string, receiptHandle: string, visibilityTimeout: number): void {
    this.guard("changeMessageVisibility", queue, () => {
      const q = this.queue(queue);
      const L = QUEUE_LIMITS.visibilityTimeout;
      checkInteger("visibilityTimeout", visibilityTimeout, L.min, L.max);
      this.touch(q);
      const msg = this.resolveHandle(q, receiptHandle);
      if (!msg) throw new QueueMessageNotInflightError(queue, undefined, "it was deleted, expired, moved to the dead-letter queue or purged");
      if (msg.state !== "inflight") throw new QueueMessageNotInflightError(queue, msg.messageId, "its visibility timeout already ended");
      const now = this.clock.now();
      const leftMs = L.max * 1000 - (now - msg.receivedAt);
      if (visibilityTimeout * 1000 > leftMs) {
        throw new InvalidArgumentError(
          "visibilityTimeout",
          `must keep the message invisible no longer than 12 hours after its receive (at most ${Math.floor(leftMs / 1000)} s from now)`,
          visibilityTimeout,
        );
      }
      if (visibilityTimeout === 0) q.store.makeVisible(msg, now);
      else q.store.markInflight(msg, now + visibilityTimeout * 1000);
      this.record({ type: "change-visibility", queue, messageId: msg.messageId, visibilityTimeout });
      if (visibilityTimeout === 0 && q.waiters.length > 0) this.serveWaiters(q);
    });
  }

}
