/**
 * A plain-data picture of the broker's state, for tests ("state unchanged after a bad call")
 * and for the UI (queue depth, unacked deliveries, consumers).
 */
import type { ChannelState, QueueState } from "./queue-state.js";
import type { ExchangeState } from "./topology.js";
import type { ExchangeBindingArguments, ExchangeQueueArguments, ExchangeType } from "./types.js";

export interface ExchangeBrokerSnapshot {
  exchanges: Array<{
    name: string;
    type: ExchangeType;
    durable: boolean;
    autoDelete: boolean;
    bindings: Array<{ queue: string; routingKey: string; arguments?: ExchangeBindingArguments }>;
  }>;
  queues: Array<{
    name: string;
    durable: boolean;
    autoDelete: boolean;
    arguments: ExchangeQueueArguments;
    /** Ready messages in queue order: the broker's message number, and whether redelivered. */
    ready: Array<{ msg: number; redelivered: boolean; routingKey: string }>;
    unacked: number;
    consumers: Array<{ consumerTag: string; channel: number; prefetch: number; noAck: boolean; unacked: number }>;
  }>;
  channels: Array<{
    id: number;
    connection: number;
    nextDeliveryTag: number;
    /** The channel's basic.qos prefetch for consumers started from now on (0 = no limit). */
    prefetch: number;
    unacked: Array<{ deliveryTag: number; queue: string; msg: number; consumerTag?: string }>;
  }>;
}

export function takeSnapshot(
  exchanges: Iterable<ExchangeState>,
  queues: Iterable<QueueState>,
  channels: ChannelState[],
): ExchangeBrokerSnapshot {
  return {
    exchanges: [...exchanges].map((x) => ({
      name: x.name,
      type: x.type,
      durable: x.durable,
      autoDelete: x.autoDelete,
      bindings: [...x.bindings.values()].map((b) => ({
        queue: b.queue.name,
        routingKey: b.routingKey,
        ...(b.args !== undefined ? { arguments: structuredClone(b.args) } : {}),
      })),
    })),
    queues: [...queues].map((q) => ({
      name: q.name,
      durable: q.durable,
      autoDelete: q.autoDelete,
      arguments: structuredClone(q.args) as ExchangeQueueArguments,
      ready: q.readyEntries().map((e) => ({ msg: e.msg.id, redelivered: e.redelivered, routingKey: e.msg.routingKey })),
      unacked: q.unacked,
      consumers: q.consumers.map((c) => ({
        consumerTag: c.tag,
        channel: c.channel.id,
        prefetch: c.prefetch,
        noAck: c.noAck,
        unacked: c.unacked,
      })),
    })),
    channels: channels.map((ch) => ({
      id: ch.id,
      connection: ch.connection,
      nextDeliveryTag: ch.nextTag,
      prefetch: ch.prefetch,
      unacked: [...ch.unacked.values()].map((p) => ({
        deliveryTag: p.tag,
        queue: p.queue.name,
        msg: p.entry.msg.id,
        ...(p.consumer !== undefined ? { consumerTag: p.consumer.tag } : {}),
      })),
    })),
  };
}
