/**
 * A FIFO queue's delivery order: one list per message group, in send order. A group is held
 * while any of its messages is in flight; a receive fills up from one group before moving to
 * the next (as SQS does), and a group that delivered moves to the back of the rotation so that
 * one busy group cannot starve the others.
 */
import { Deque } from "./deque.js";
import { MessageStore, type DeliveryCheck } from "./message-store.js";
import type { MessageState, StoredMessage } from "./stored-message.js";

/** Delivery order of a FIFO queue: per message group, one group held while it has a message in flight. */
export class FifoStore extends MessageStore {
  // Each group's messages in send order; gone messages are removed from the front lazily.
  // A group with no live message is dropped, so the map holds only groups with messages.
  private readonly groups = new Map<string, Deque<StoredMessage>>();
  private readonly inflightByGroup = new Map<string, number>();
  private scanning = false;
  /** Groups that lost a message while `take` was scanning; pruned once the scan is over. */
  private readonly touched = new Set<string>();

  override add(msg: StoredMessage, availableAt: number, now: number): void {
    const group = msg.messageGroupId!;
    let list = this.groups.get(group);
    if (!list) this.groups.set(group, (list = new Deque()));
    list.push(msg);
    super.add(msg, availableAt, now);
  }

  take(max: number, deliverable: DeliveryCheck): StoredMessage[] {
    const out: StoredMessage[] = [];
    const served: string[] = [];
    this.scanning = true;
    try {
      for (const [group, list] of this.groups) {
        if (out.length >= max) break;
        if (this.inflightByGroup.has(group)) continue;
        let took = false;
        for (let i = 0; i < list.length && out.length < max; i++) {
          const msg = list.at(i)!;
          if (msg.state === "gone") continue;
          // A delayed message holds back the rest of its group: order first.
          if (msg.state !== "visible") break;
          if (!deliverable(msg)) continue;
          out.push(msg);
          took = true;
        }
        if (took) served.push(group);
      }
    } finally {
      this.scanning = false;
    }
    for (const group of served) {
      const list = this.groups.get(group);
      this.groups.delete(group);
      if (list && this.prune(list)) this.groups.set(group, list);
    }
    for (const group of this.touched) {
      const list = this.groups.get(group);
      if (list && !this.prune(list)) this.groups.delete(group);
    }
    this.touched.clear();
    return out;
  }

  /** Message groups in rotation order with their live message ids (for tests and the UI). */
  groupOrder(): { group: string; messageIds: string[]; held: boolean }[] {
    return [...this.groups].map(([group, list]) => ({
      group,
      messageIds: list.toArray().filter((m) => m.state !== "gone").map((m) => m.messageId),
      held: this.inflightByGroup.has(group),
    }));
  }

  protected onStateChange(msg: StoredMessage, from: MessageState, to: MessageState): void {
    const group = msg.messageGroupId!;
    if (to === "inflight") this.inflightByGroup.set(group, (this.inflightByGroup.get(group) ?? 0) + 1);
    if (from === "inflight") {
      const n = this.inflightByGroup.get(group)! - 1;
      if (n === 0) this.inflightByGroup.delete(group);
      else this.inflightByGroup.set(group, n);
    }
    if (to === "gone") {
      if (this.scanning) this.touched.add(group);
      else {
        const list = this.groups.get(group);
        if (list && !this.prune(list)) this.groups.delete(group);
      }
    }
  }

  protected clearOrder(): void {
    this.groups.clear();
    this.touched.clear();
    this.inflightByGroup.clear();
  }

  /**
   * Drops gone messages from the front; false if the list is now empty. Gone messages further
   * back stay until they reach the front: a message leaves by being deleted after a receive or
   * by expiring, and both happen at the front of a group (groups are received, and age, from
   * the front), so such stragglers are few.
   */
  private prune(list: Deque<StoredMessage>): boolean {
    while (list.length > 0 && list.peek()!.state === "gone") list.shift();
    return list.length > 0;
  }
}
