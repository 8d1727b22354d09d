/**
 * How consumers and channels end: basic.cancel, a crash (a fault), channel.close. Unacked
 * deliveries stay on the channel after a plain cancel, as in RabbitMQ; a crash or a close
 * requeues them, marked redelivered.
 */
import type { DeliveryEngine, RequeueCause } from "./delivery-engine.js";
import type { ChannelState, ConsumerState } from "./queue-state.js";

/** Cancels a consumer; with `requeueUnacked` its unacked deliveries go back to the queue. */
export function cancelConsumer(engine: DeliveryEngine, consumer: ConsumerState, requeueUnacked: boolean, cause: RequeueCause): number {
  const q = consumer.queue;
  const ch = consumer.channel;
  consumer.active = false;
  q.removeConsumer(consumer);
  ch.consumers.delete(consumer.tag);
  let requeued = 0;
  if (requeueUnacked && consumer.unacked > 0) {
    for (const p of [...ch.unacked.values()]) {
      if (p.consumer !== consumer) continue;
      engine.unlink(p, ch);
      engine.requeue(p.queue, p.entry, cause);
      requeued++;
    }
  }
  if (q.consumers.length === 0 && !q.deleted) {
    if (q.autoDelete && q.hadConsumer) engine.hooks.deleteQueue(q, "auto-delete");
    else engine.touch(q);
  }
  return requeued;
}

/** A crash fault: the consumer is gone and its unacked deliveries are requeued (redelivered). */
export function crashConsumer(
engine: DeliveryEngine,
consumer: ConsumerState,
fault: "crash-consumer" | "crash-consumer-before-ack",
deliveryTag?: number,
): void {
  if (!consumer.active) return;
  consumer.crashed = true;
  const ch = consumer.channel;
  for (const p of ch.unacked.values()) if (p.consumer === consumer) ch.lostTags.add(p.tag);
  const requeued = cancelConsumer(engine, consumer, true, "crash");
  engine.record({ type: "cancel", queue: consumer.queue.name, channel: ch.id, consumerTag: consumer.tag, reason: "crash", requeued });
  if (fault === "crash-consumer") engine.record({ type: "fault", fault, consumerTag: consumer.tag, requeued });
  else engine.record({ type: "fault", fault, consumerTag: consumer.tag, armed: false, deliveryTag });
  engine.flush();
}

/** Closes a channel: consumers go, unacked deliveries are requeued in tag order. */
export function closeChannelState(engine: DeliveryEngine, ch: ChannelState): number {
  if (!ch.open) return 0;
  for (const c of [...ch.consumers.values()]) {
    cancelConsumer(engine, c, false, "channel-close");
    if (engine.tracing) engine.record({ type: "cancel", queue: c.queue.name, channel: ch.id, consumerTag: c.tag, reason: "channel-close", requeued: 0 });
  }
  let requeued = 0;
  for (const p of [...ch.unacked.values()]) {
    engine.unlink(p, ch);
    engine.requeue(p.queue, p.entry, "channel-close");
    requeued++;
  }
  ch.open = false;
  ch.lostTags.clear();
  return requeued;
}
