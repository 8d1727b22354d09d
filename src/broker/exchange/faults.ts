/**
 * Deterministic fault injection for the exchange broker. Each fault is recorded in the trace
 * (`type: "fault"`) when armed and again when it happens.
 */
import { UnknownResourceError } from "../errors.js";
import { checkInt, checkShortstr } from "./arguments.js";
import type { Connections } from "./connections.js";
import type { DeliveryEngine } from "./delivery-engine.js";
import type { ChannelOperations } from "./channel-ops.js";
import type { ConsumerState } from "./queue-state.js";
import { crashConsumer } from "./consumer-lifecycle.js";

export class ExchangeFaults {
  /** @internal */
  constructor(
    private readonly engine: DeliveryEngine,
    private readonly connections: Connections,
    private readonly ops: ChannelOperations,
  ) {}

  private consumer(consumerTag: string): ConsumerState {
    checkShortstr("consumerTag", consumerTag);
    const c = this.connections.findConsumer(consumerTag);
    if (c === undefined) throw new UnknownResourceError("consumer", consumerTag, "Pass the tag that consume returned, while the consumer is active.");
    return c;
  }

  /**
   * The consumer dies now: it gets nothing more, its unacked deliveries are requeued
   * (redelivered = true), and acks its code sends later are ignored.
   */
  crashConsumer(consumerTag: string): void {
    crashConsumer(this.engine, this.consumer(consumerTag), "crash-consumer");
  }

  /**
   * The consumer dies between processing its next delivery and acking it: its callback runs
   * (side effects happen), the acks it sends for it are lost, and then it crashes as above.
   */
  crashConsumerBeforeAck(consumerTag: string): void {
    const c = this.consumer(consumerTag);
    c.crashBeforeAck = true;
    this.engine.record({ type: "fault", fault: "crash-consumer-before-ack", consumerTag, armed: true });
  }

  /**
   * The next message taken from `queue` (by a consumer or basic.get) is delivered and also put
   * back as a redelivery: the consumer side sees it twice, as after a lost ack.
   */
  duplicateNextDelivery(queue: string): void {
    const q = this.ops.queue(queue);
    q.duplicateNext = true;
    this.engine.record({ type: "fault", fault: "duplicate-delivery", queue: q.name, armed: true });
  }

  /**
   * The next `count` deliveries to the consumer reach its callback `ms` later on the clock.
   * They are unacked meanwhile and count against prefetch.
   */
  delayDeliveries(consumerTag: string, ms: number, count = 1): void {
    checkInt("ms", ms, 0, 4294967295);
    checkInt("count", count, 1, Number.MAX_SAFE_INTEGER);
    const c = this.consumer(consumerTag);
    c.delayMs = ms;
    c.delayCount = count;
    this.engine.record({ type: "fault", fault: "delay-delivery", consumerTag, ms, armed: true });
  }

  /** The connection drops: its channels close and their unacked deliveries are requeued. */
  dropConnection(connection: number): void {
    checkInt("connection", connection, 1, Number.MAX_SAFE_INTEGER);
    if (!this.connections.isOpen(connection)) {
      throw new UnknownResourceError("connection", String(connection), "Pass the id of an open connection.");
    }
    const requeued = this.connections.close(connection, "fault");
    this.engine.record({ type: "fault", fault: "drop-connection", connection, requeued });
  }
}
