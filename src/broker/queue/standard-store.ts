/**
 * A standard queue's delivery order: one list of visible messages, oldest first. A message whose
 * visibility timeout ends goes to the back, behind messages that were never received, so order
 * is best effort, as in SQS (which promises none).
 */
import { Deque } from "./deque.js";
import { MessageStore, type DeliveryCheck } from "./message-store.js";
import type { MessageState, StoredMessage } from "./stored-message.js";

/** Delivery order of a standard queue: one best-effort list. */
export class StandardStore extends MessageStore {
  // Invariant: every visible message is in `ready` exactly once; other entries are stale
  // (the message was deleted or expired while visible) and are skipped.
  private readonly ready = new Deque<StoredMessage>();

  take(max: number, deliverable: DeliveryCheck): StoredMessage[] {
    const out: StoredMessage[] = [];
    while (out.length < max) {
      const msg = this.ready.shift();
      if (!msg) break;
      if (msg.state !== "visible") continue;
      if (!deliverable(msg)) continue;
      out.push(msg);
    }
    return out;
  }

  /** The visible messages in delivery order. */
  visibleInOrder(): StoredMessage[] {
    return this.ready.toArray().filter((m) => m.state === "visible");
  }

  /** Replaces the delivery order of the visible messages (the reorder fault). */
  reorder(order: StoredMessage[]): void {
    this.ready.reset(order.slice());
  }

  protected onStateChange(msg: StoredMessage, _from: MessageState, to: MessageState): void {
    if (to === "visible") this.ready.push(msg);
    else if (to === "gone" && this.ready.length > 2 * this.visibleCount + 64) {
      this.ready.retain((m) => m.state === "visible");
    }
  }

  protected clearOrder(): void {
    this.ready.reset();
  }
}
