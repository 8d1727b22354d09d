/**
 * The deduplication history of a FIFO queue: each deduplication id is remembered for 5 minutes
 * from the send that stored it. A send with a remembered id is accepted and answered with the
 * original message's id, and nothing is stored. Entries are kept in send order, so expired ones
 * are dropped from the front in O(1) each.
 */
import { Deque } from "./deque.js";
import { QUEUE_LIMITS } from "./limits.js";

interface Entry {
  id: string;
  at: number;
  messageId: string;
  sequenceNumber: string;
}

/** The 5-minute deduplication history of one FIFO queue. */
export class DedupWindow {
  private readonly byId = new Map<string, Entry>();
  private readonly order = new Deque<Entry>();

  /** The original send of `id` if it happened less than 5 minutes before `now`. */
  find(id: string, now: number): Entry | undefined {
    this.prune(now);
    return this.byId.get(id);
  }

  remember(id: string, now: number, messageId: string, sequenceNumber: string): void {
    const entry = { id, at: now, messageId, sequenceNumber };
    this.byId.set(id, entry);
    this.order.push(entry);
  }

  get size(): number {
    return this.byId.size;
  }

  private prune(now: number): void {
    for (;;) {
      const first = this.order.peek();
      if (!first || first.at + QUEUE_LIMITS.deduplicationIntervalMs > now) return;
      this.order.shift();
      if (this.byId.get(first.id) === first) this.byId.delete(first.id);
    }
  }
}
