/**
 * Stored messages and the dead-letter bookkeeping RabbitMQ keeps on them (mc.erl record_death
 * with deaths v2, RabbitMQ 3.13+/4.x): one `x-death` entry per (queue, reason), most recent
 * first; a repeat moves its entry to the front and bumps `count`, keeping the first time,
 * exchange and routing keys; `x-first-death-*` never change, `x-last-death-*` follow the latest.
 */
import type { QueueState } from "./queue-state.js";
import type { ExchangeDelivery, ExchangeMessageBody, ExchangeMessageProperties, XDeathEntry, XDeathReason } from "./types.js";

interface DeathPlace {
  readonly queue: string;
  readonly reason: XDeathReason;
  readonly exchange: string;
}

/** Dead-letter history of a message. */
export interface Deaths {
  /** Most recent first. */
  readonly entries: readonly XDeathEntry[];
  readonly first: DeathPlace;
  readonly last: DeathPlace;
}

/**
 * One published message. Shared, unchanged, by every queue it was routed to: a queue's own
 * state (position, expiry, redelivered) lives in its QueuedEntry.
 */
export interface StoredMessage {
  /** The broker's sequence number, for the trace. */
  readonly id: number;
  readonly exchange: string;
  /** The routing key of basic.publish (or of dead-lettering). (No CC/BCC: one key.) */
  readonly routingKey: string;
  readonly body: ExchangeMessageBody;
  readonly size: number;
  readonly properties: Readonly<ExchangeMessageProperties>;
  /** Parsed `expiration`, ms. */
  readonly ttl: number | undefined;
  readonly deaths: Deaths | undefined;
}

/** A message's place in one queue. */
export interface QueuedEntry {
  readonly msg: StoredMessage;
  /** Order of arrival in this queue; requeued entries go back to their place by it. */
  readonly seq: number;
  /**
   * Clock time at which it expires in this queue, or NEVER. Kept across requeues. (-1 rather
   * than Infinity keeps the field a small integer, which V8 stores without a box.)
   */
  readonly expiresAt: number;
  redelivered: boolean;
  /**
   * Failed deliveries, for x-delivery-limit and the x-delivery-count header. As in RabbitMQ
   * 4.3 quorum queues: a reject with requeue, a channel closing or a consumer crashing with
   * the message unacked count; a nack with requeue does not.
   */
  deliveryCount: number;
}

/** `expiresAt` of a message without TTL. */
export const NEVER = -1;

export const NO_PROPERTIES: Readonly<ExchangeMessageProperties> = Object.freeze({});

/** The properties a delivery shows: stored ones plus the x-death family of headers. */
export function deliveredProperties(entry: QueuedEntry, countDeliveries: boolean): Readonly<ExchangeMessageProperties> {
  const { msg } = entry;
  const deaths = msg.deaths;
  if (deaths === undefined && !(countDeliveries && entry.deliveryCount > 0)) return msg.properties;
  const headers: Record<string, unknown> = { ...msg.properties.headers };
  if (deaths !== undefined) {
    headers["x-death"] = deaths.entries.map((e) => ({ ...e, "routing-keys": [...e["routing-keys"]] }));
    headers["x-first-death-queue"] = deaths.first.queue;
    headers["x-first-death-reason"] = deaths.first.reason;
    headers["x-first-death-exchange"] = deaths.first.exchange;
    headers["x-last-death-queue"] = deaths.last.queue;
    headers["x-last-death-reason"] = deaths.last.reason;
    headers["x-last-death-exchange"] = deaths.last.exchange;
  }
  if (countDeliveries && entry.deliveryCount > 0) headers["x-delivery-count"] = entry.deliveryCount;
  return { ...msg.properties, headers: headers as ExchangeMessageProperties["headers"] };
}

/** What a consumer or basic.get receives for `entry` taken from `q`. */
export function toDelivery(entry: QueuedEntry, q: QueueState, channel: number, deliveryTag: number, consumerTag: string): ExchangeDelivery {
  const msg = entry.msg;
  return {
    consumerTag,
    deliveryTag,
    redelivered: entry.redelivered,
    exchange: msg.exchange,
    routingKey: msg.routingKey,
    queue: q.name,
    channel,
    body: msg.body,
    properties: deliveredProperties(entry, q.settings.type === "quorum"),
  };
}

/**
 * The copy of `msg` that a dead-lettering from `queue` publishes to the dead-letter exchange:
 * its death recorded, its `expiration` removed (so it does not expire again downstream), its
 * exchange replaced, and its routing keys replaced when the queue sets one.
 */
export function deadLetterCopy(
  msg: StoredMessage,
  id: number,
  queue: string,
  reason: XDeathReason,
  nowMs: number,
  deadLetterExchange: string,
  deadLetterRoutingKey: string | undefined,
): StoredMessage {
  const place: DeathPlace = { queue, reason, exchange: msg.exchange };
  const old = msg.deaths?.entries ?? [];
  const at = old.findIndex((e) => e.queue === queue && e.reason === reason);
  let entries: XDeathEntry[];
  if (at >= 0) {
    const bumped: XDeathEntry = { ...old[at]!, count: old[at]!.count + 1 };
    entries = [bumped, ...old.slice(0, at), ...old.slice(at + 1)];
  } else {
    const fresh: XDeathEntry = {
      queue,
      reason,
      count: 1,
      time: Math.floor(nowMs / 1000),
      exchange: msg.exchange,
      "routing-keys": [msg.routingKey],
      ...(msg.properties.expiration !== undefined ? { "original-expiration": msg.properties.expiration } : {}),
    };
    entries = [fresh, ...old];
  }
  let properties = msg.properties;
  if (properties.expiration !== undefined) {
    const { expiration: _dropped, ...rest } = properties;
    properties = rest;
  }
  return {
    id,
    exchange: deadLetterExchange,
    routingKey: deadLetterRoutingKey ?? msg.routingKey,
    body: msg.body,
    size: msg.size,
    properties,
    ttl: undefined,
    deaths: { entries, first: msg.deaths?.first ?? place, last: place },
  };
}

/**
 * RabbitMQ drops a dead-lettered message instead of routing it back into a queue it already
 * died in, unless a consumer rejected it somewhere along that cycle (mc.erl is_cycle_v2).
 */
export function isDeathCycle(msg: StoredMessage, targetQueue: string): boolean {
  const entries = msg.deaths?.entries;
  if (entries === undefined) return false;
  const at = entries.findIndex((e) => e.queue === targetQueue);
  if (at < 0) return false;
  for (let i = 0; i <= at; i++) if (entries[i]!.reason === "rejected") return false;
  return true;
}
