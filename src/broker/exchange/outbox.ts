/**
 * Consumer callbacks waiting to run. They run in the order their deliveries were made, one at
 * a time, after the operation that caused them: a callback that acks or publishes never
 * re-enters another callback; what it causes waits its turn in this outbox.
 */
import type { ChannelState, ConsumerState, OutboxItem, PendingDelivery } from "./queue-state.js";
import type { ExchangeTraceInput } from "./trace-events.js";
import type { ExchangeDelivery } from "./types.js";

export class Outbox {
  private items: OutboxItem[] = [];
  private head = 0;
  private draining = false;
  /** A consumer whose callback runs under the crash-before-ack fault: its acks are lost. */
  crashing: ConsumerState | undefined;

  constructor(
    private readonly record: (event: ExchangeTraceInput) => void,
    /** Crashes a consumer after its callback returned (the crash-before-ack fault). */
    private readonly crashAfterCallback: (consumer: ConsumerState, deliveryTag: number) => void,
  ) {}

  push(item: OutboxItem): void {
    this.items.push(item);
  }

  /** Runs waiting callbacks, unless a drain is already running further up the stack. */
  drain(): void {
    if (this.draining) return;
    this.draining = true;
    try {
      while (this.head < this.items.length) {
        const item = this.items[this.head++]!;
        if (item.kind === "cancel") this.call(item.consumer, -1, undefined);
        else this.runDelivery(item.consumer, item.pending, item.delivery);
        // Compact only between items: a callback may push more while we run.
        if (this.head >= 1024 && this.head * 2 >= this.items.length) {
          this.items = this.items.slice(this.head);
          this.head = 0;
        }
      }
      this.items.length = 0;
      this.head = 0;
    } finally {
      this.draining = false;
    }
  }

  private runDelivery(consumer: ConsumerState, pending: PendingDelivery | undefined, delivery: ExchangeDelivery): void {
    const ch: ChannelState = consumer.channel;
    // Deliveries sent before a plain cancel still reach the client (AMQP's cancel race);
    // after a crash, a channel close or a requeue, nobody is there to receive them.
    if (!ch.open || consumer.crashed) return;
    if (pending !== undefined && ch.unacked.get(pending.tag) !== pending) return;
    if (consumer.crashBeforeAck && consumer.active) {
      consumer.crashBeforeAck = false;
      this.crashing = consumer;
      try {
        this.call(consumer, delivery.deliveryTag, delivery);
      } finally {
        this.crashing = undefined;
      }
      this.crashAfterCallback(consumer, delivery.deliveryTag);
      return;
    }
    this.call(consumer, delivery.deliveryTag, delivery);
  }

  /** Calls onMessage (or onCancel when `delivery` is undefined), recording what it throws. */
  private call(consumer: ConsumerState, deliveryTag: number, delivery: ExchangeDelivery | undefined): void {
    try {
      if (delivery !== undefined) consumer.onMessage(delivery);
      else consumer.onCancel?.(consumer.tag);
    } catch (err) {
      // A throwing handler is the learner's bug, not the broker's: it is recorded and the
      // delivery stays unacked, as with a real client whose handler threw.
      const error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      this.record({ type: "consumer-error", consumerTag: consumer.tag, deliveryTag, error });
    }
  }
}
