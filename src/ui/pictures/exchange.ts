/**
 * Picture of an exchange (the AMQP-like family): its type, each binding (routing key, topic
 * pattern or header arguments) with the queue it leads to, and that queue's depth.
 */
import type { ExchangeBroker, ExchangeBrokerSnapshot } from "../../broker/index.js";
import { type Glyphs, glyphs } from "./glyphs.js";
import { type PictureOptions, heading, columns, plural, quoted, usableWidth, wrapWords } from "./layout.js";
import { barRows } from "./queue.js";

/** What the pictures show of a queue of the exchange family. */
export interface ExchangeQueueDepth {
  queue: string;
  /** Messages waiting to be delivered. */
  ready: number;
  /** Delivered, not yet acked or nacked. */
  unacked: number;
  consumers: number;
  /** The queue's `x-dead-letter-exchange`, if any. */
  deadLetterExchange: string | null;
}

/** An exchange's state as plain data (JSON-safe). */
export interface ExchangePicture {
  exchange: string;
  type: string;
  bindings: Array<{ queue: string; routingKey: string; arguments: Record<string, unknown> | null }>;
  /** The bound queues, each once, in the order first bound. */
  queues: ExchangeQueueDepth[];
}

type QueueSnapshot = ExchangeBrokerSnapshot["queues"][number];

function depth(q: QueueSnapshot): ExchangeQueueDepth {
  const dlx = q.arguments["x-dead-letter-exchange"];
  return { queue: q.name, ready: q.ready.length, unacked: q.unacked, consumers: q.consumers.length, deadLetterExchange: typeof dlx === "string" ? dlx : null };
}

/** Reads an exchange's picture from `snapshot()` (plain data, no trace events). */
export function exchangePicture(exchanges: ExchangeBroker | ExchangeBrokerSnapshot, exchange: string): ExchangePicture {
  const snap = "snapshot" in exchanges ? exchanges.snapshot() : exchanges;
  const x = snap.exchanges.find((e) => e.name === exchange);
  if (!x) throw new Error(`No exchange ${quoted(exchange)}.`);
  const bindings = x.bindings.map((b) => ({ queue: b.queue, routingKey: b.routingKey, arguments: b.arguments ? { ...b.arguments } : null }));
  const names = [...new Set(bindings.map((b) => b.queue))];
  const queues = names.flatMap((n) => snap.queues.filter((q) => q.name === n).map(depth));
  return { exchange, type: x.type, bindings, queues };
}

/** One queue of the exchange family, for drawing on its own. */
export function exchangeQueuePicture(exchanges: ExchangeBroker | ExchangeBrokerSnapshot, queue: string): ExchangeQueueDepth {
  const snap = "snapshot" in exchanges ? exchanges.snapshot() : exchanges;
  const q = snap.queues.find((e) => e.name === queue);
  if (!q) throw new Error(`No queue ${quoted(queue)}.`);
  return depth(q);
}

const exchangeName = (name: string) => (name === "" ? "(default)" : quoted(name));

/** What a binding matches, in words for the types that do not read the routing key. */
function matchText(type: string, b: ExchangePicture["bindings"][number]): string {
  if (type === "fanout") return "(every message)";
  if (type === "headers") {
    const args = Object.entries(b.arguments ?? {}).map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`);
    return args.length === 0 ? "(every message)" : args.join(" ");
  }
  return b.routingKey === "" ? '""' : b.routingKey;
}

function depthText(q: ExchangeQueueDepth | undefined): string {
  if (!q) return "(queue gone)";
  const parts = [`${q.ready} ready`, ...(q.unacked > 0 ? [`${q.unacked} unacked`] : []), plural(q.consumers, "consumer")];
  if (q.deadLetterExchange !== null) parts.push(`dead letters to ${exchangeName(q.deadLetterExchange)}`);
  return parts.join(", ");
}

/**
 * Draws an exchange picture in `width` columns, e.g.:
 *
 * ```text
 * Exchange "orders" · topic · 3 bindings
 *   ├─ order.placed.*  → q.email         3 ready, 1 unacked, 1 consumer
 *   ├─ order.*.eu      → q.warehouse-eu  0 ready, 0 unacked, 0 consumers
 *   └─ order.#         → q.analytics     4 ready, 0 unacked, 0 consumers
 * ```
 *
 * When the rows do not fit, each binding takes two lines: what it matches, then the queue.
 */
export function drawExchange(picture: ExchangePicture, options: PictureOptions): string[] {
  const width = usableWidth(options);
  const g = glyphs(options.ascii ?? false);
  const facts = [`Exchange ${exchangeName(picture.exchange)}`, picture.type, plural(picture.bindings.length, "binding")];
  const out = heading(facts, width, g);
  if (picture.bindings.length === 0) {
    out.push(...wrapWords("No bindings: a message published here reaches no queue.", width, "  ", "  ", g));
    return out;
  }
  const queue = (name: string) => picture.queues.find((q) => q.queue === name);
  const branch = (i: number) => (i === picture.bindings.length - 1 ? g.last : g.branch);
  const rows = picture.bindings.map((b, i) => [`${branch(i)} ${matchText(picture.type, b)}`, `${g.arrow} ${b.queue}`, depthText(queue(b.queue))]);
  const table = columns(rows, width, "  ");
  if (table) return [...out, ...table];
  picture.bindings.forEach((b, i) => {
    const last = i === picture.bindings.length - 1;
    const rail = last ? "     " : `  ${g.rail} `;
    out.push(...wrapWords(matchText(picture.type, b), width, `  ${branch(i)} `, rail, g));
    out.push(...wrapWords(`${g.arrow} ${b.queue}: ${depthText(queue(b.queue))}`, width, rail, `${rail}  `, g));
  });
  return out;
}

/**
 * Draws one queue of the exchange family: ready and unacked messages as bars, its consumers
 * and where its dead letters go.
 */
export function drawExchangeQueue(q: ExchangeQueueDepth, options: PictureOptions): string[] {
  const width = usableWidth(options);
  const g: Glyphs = glyphs(options.ascii ?? false);
  const facts = [`Queue ${quoted(q.queue)}`, plural(q.consumers, "consumer")];
  if (q.deadLetterExchange !== null) facts.push(`dead letters to ${exchangeName(q.deadLetterExchange)}`);
  const out = heading(facts, width, g);
  const bars = barRows([["ready", q.ready, g.full], ["unacked", q.unacked, g.busy]], width, g);
  out.push(...bars.lines.flat());
  if (bars.legend) out.push(...wrapWords(bars.legend, width, "  ", "  ", g));
  return out;
}
