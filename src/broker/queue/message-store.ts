/**
 * The messages of one queue and their states. Time-driven changes are applied lazily by
 * `settle(now)`, which every broker operation calls first: no timer per message, so a million
 * messages cost no timers and a ManualClock stays cheap. Two heaps drive it: one by the time a
 * delay or visibility timeout ends, one by enqueue time for the retention period.
 *
 * Subclasses decide the delivery order: StandardStore (best effort, one list) and FifoStore
 * (strict order per message group, a group held while one of its messages is in flight).
 */
import { MinHeap } from "./min-heap.js";
import type { MessageState, StoredMessage } from "./stored-message.js";

interface TimedEntry {
  at: number;
  msg: StoredMessage;
  version: number;
}

/** What settle reports, so the broker can trace it. */
export interface SettleEvents {
  visibilityExpired(msg: StoredMessage, dueAt: number): void;
  expired(msg: StoredMessage, dueAt: number): void;
}

/** Says whether a message picked for delivery may be delivered (false: the broker moved it away). */
export type DeliveryCheck = (msg: StoredMessage) => boolean;

/** The messages of one queue, their states and counts; subclasses pick the delivery order. */
export abstract class MessageStore {
  /**
   * Live messages (not gone) by serial: receipt handles carry the serial, and a number key
   * costs far less to hash and find than the 36-character message id.
   */
  private readonly bySerial = new Map<number, StoredMessage>();
  visibleCount = 0;
  inflightCount = 0;
  delayedCount = 0;
  private readonly timed = new MinHeap<TimedEntry>((a, b) => a.at < b.at || (a.at === b.at && a.msg.serial < b.msg.serial));
  private readonly byAge = new MinHeap<StoredMessage>(
    (a, b) => a.enqueuedAt < b.enqueuedAt || (a.enqueuedAt === b.enqueuedAt && a.serial < b.serial),
  );

  /** Stores a new message, delayed until `availableAt` or visible now. */
  add(msg: StoredMessage, availableAt: number, now: number): void {
    this.bySerial.set(msg.serial, msg);
    this.byAge.push(msg);
    msg.visibleAt = availableAt;
    this.setState(msg, availableAt > now ? "delayed" : "visible");
  }

  /** The live message with this serial and id, if any. */
  find(serial: number, messageId: string): StoredMessage | undefined {
    const msg = this.bySerial.get(serial);
    return msg !== undefined && msg.messageId === messageId ? msg : undefined;
  }

  /** Applies every delay end, visibility timeout and retention expiry due at or before `now`, in time order. */
  settle(now: number, retentionMs: number, events: SettleEvents): void {
    for (;;) {
      const t = this.timed.peek();
      const old = this.byAge.peek();
      const tAt = t ? t.at : Infinity;
      const oldAt = old ? old.enqueuedAt + retentionMs : Infinity;
      if (tAt > now && oldAt > now) return;
      if (oldAt <= tAt) {
        // On a tie the message expires: it was never going to be received again.
        this.byAge.pop();
        if (old!.state !== "gone") {
          this.remove(old!);
          events.expired(old!, oldAt);
        }
      } else {
        this.timed.pop();
        const msg = t!.msg;
        if (msg.version !== t!.version) continue;
        const wasInflight = msg.state === "inflight";
        this.setState(msg, "visible");
        if (wasInflight) events.visibilityExpired(msg, tAt);
      }
    }
  }

  /** Picks up to `max` visible messages in this queue's delivery order (they stay visible until `markInflight`). */
  abstract take(max: number, deliverable: DeliveryCheck): StoredMessage[];

  /** A delivered message: in flight until `visibleAt`. */
  markInflight(msg: StoredMessage, visibleAt: number): void {
    msg.visibleAt = visibleAt;
    if (msg.state === "inflight") {
      msg.version++;
      this.pushTimed(msg);
    } else this.setState(msg, "inflight");
  }

  /** Makes an in-flight message visible at once (visibility timeout 0, or a duplicate-delivery fault). */
  makeVisible(msg: StoredMessage, now: number): void {
    msg.visibleAt = now;
    this.setState(msg, "visible");
  }

  /** Deletes a message for good (deleted, expired, moved to a dead-letter queue). */
  remove(msg: StoredMessage): void {
    this.bySerial.delete(msg.serial);
    this.setState(msg, "gone");
    this.compact();
  }

  /** Removes every message (purge, delete queue); returns how many there were. */
  clear(): number {
    const n = this.bySerial.size;
    for (const msg of this.bySerial.values()) {
      msg.state = "gone";
      msg.version++;
    }
    this.bySerial.clear();
    this.timed.clear();
    this.byAge.clear();
    this.visibleCount = this.inflightCount = this.delayedCount = 0;
    this.clearOrder();
    return n;
  }

  /** When the next delay or visibility timeout ends (possibly a stale entry: waking early is harmless). */
  nextTimedAt(): number | undefined {
    return this.timed.peek()?.at;
  }

  protected setState(msg: StoredMessage, to: MessageState): void {
    const from = msg.state;
    if (from === to) return;
    if (from === "visible") this.visibleCount--;
    else if (from === "inflight") this.inflightCount--;
    else if (from === "delayed") this.delayedCount--;
    if (to === "visible") this.visibleCount++;
    else if (to === "inflight") this.inflightCount++;
    else if (to === "delayed") this.delayedCount++;
    msg.state = to;
    msg.version++;
    if (to === "delayed" || to === "inflight") this.pushTimed(msg);
    this.onStateChange(msg, from, to);
  }

  /** Keeps the subclass's delivery structure in step with a state change. */
  protected abstract onStateChange(msg: StoredMessage, from: MessageState, to: MessageState): void;

  /** Forgets the delivery structure (after `clear`). */
  protected abstract clearOrder(): void;

  private pushTimed(msg: StoredMessage): void {
    this.timed.push({ at: msg.visibleAt, msg, version: msg.version });
    this.compact();
  }

  // Stale heap entries are dropped once they outnumber live ones, so memory follows the live
  // messages (the bench checks that nothing is left once every message is deleted).
  private compact(): void {
    if (this.timed.size > 2 * (this.inflightCount + this.delayedCount) + 64) {
      this.timed.retain((e) => e.msg.version === e.version);
    }
    if (this.byAge.size > 2 * this.bySerial.size + 64) this.byAge.retain((m) => m.state !== "gone");
  }
}
