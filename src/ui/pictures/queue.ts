/**
 * Picture of a queue (the SQS-like family): its visible, in-flight and delayed messages as bars
 * on one scale, and, when it has a redrive policy, its dead-letter queue with how many messages
 * it holds.
 */
import type { QueueBroker } from "../../broker/index.js";
import { type Glyphs, glyphs } from "./glyphs.js";
import { type PictureOptions, heading, cellSize, cells, columns, plural, quoted, usableWidth, wrapWords } from "./layout.js";

/** Message counts of one queue. */
export interface QueueCounts {
  /** Receivable now. */
  visible: number;
  /** Received, neither deleted nor visible again. */
  inFlight: number;
  /** Sent with a delay that has not ended. */
  delayed: number;
}

/** A queue's state as plain data (JSON-safe). */
export interface QueuePicture extends QueueCounts {
  queue: string;
  fifo: boolean;
  /** Seconds. */
  visibilityTimeout: number;
  /** Where messages go after `maxReceiveCount` receives; `exists: false` if that queue was deleted. */
  deadLetter: (QueueCounts & { queue: string; maxReceiveCount: number; exists: boolean }) | null;
  /** Queues whose redrive policy names this one. */
  deadLetterFor: string[];
}

const nameOf = (arnOrName: string) => arnOrName.slice(arnOrName.lastIndexOf(":") + 1);

/** Reads a queue's picture through `getQueueAttributes` (no trace events). */
export function queuePicture(queues: QueueBroker, queue: string): QueuePicture {
  const counts = (name: string): QueueCounts => {
    const a = queues.getQueueAttributes(name);
    return { visible: a.approximateNumberOfMessages, inFlight: a.approximateNumberOfMessagesNotVisible, delayed: a.approximateNumberOfMessagesDelayed };
  };
  const attrs = queues.getQueueAttributes(queue);
  const names = queues.listQueues();
  const policy = attrs.redrivePolicy;
  let deadLetter: QueuePicture["deadLetter"] = null;
  if (policy) {
    const target = nameOf(policy.deadLetterTargetArn);
    const exists = names.includes(target);
    deadLetter = { queue: target, maxReceiveCount: policy.maxReceiveCount, exists, ...(exists ? counts(target) : { visible: 0, inFlight: 0, delayed: 0 }) };
  }
  const deadLetterFor = names.filter((n) => {
    const p = n === queue ? undefined : queues.getQueueAttributes(n).redrivePolicy;
    return p !== undefined && nameOf(p.deadLetterTargetArn) === queue;
  });
  return {
    queue,
    fifo: attrs.fifoQueue,
    visibilityTimeout: attrs.visibilityTimeout,
    ...counts(queue),
    deadLetter,
    deadLetterFor,
  };
}

/**
 * Draws a queue picture in `width` columns, e.g.:
 *
 * ```text
 * Queue "invoices" · standard · visibility timeout 30 s
 *   visible    █████ 5
 *   in flight  ▓▓ 2
 *   delayed    0
 *   ↓ after 3 receives, to dead-letter queue "invoices-dlq"
 *   in DLQ     ██ 2
 *   █ one message
 * ```
 */
export function drawQueue(picture: QueuePicture, options: PictureOptions): string[] {
  const width = usableWidth(options);
  const g = glyphs(options.ascii ?? false);
  const facts = [`Queue ${quoted(picture.queue)}`, picture.fifo ? "FIFO" : "standard", `visibility timeout ${picture.visibilityTimeout} s`];
  const out = heading(facts, width, g);
  if (picture.deadLetterFor.length > 0) {
    out.push(...wrapWords(`dead-letter queue of ${picture.deadLetterFor.map(quoted).join(", ")}`, width, "  ", "  ", g));
  }
  const dlq = picture.deadLetter;
  const dlqCount = dlq ? dlq.visible + dlq.inFlight + dlq.delayed : 0;
  const rows: Array<[string, number, string]> = [
    ["visible", picture.visible, g.full],
    ["in flight", picture.inFlight, g.busy],
    ["delayed", picture.delayed, g.later],
  ];
  const bars = barRows(rows.concat(dlq?.exists ? [["in DLQ", dlqCount, g.full]] : []), width, g);
  out.push(...bars.lines.slice(0, 3).flat());
  if (dlq) {
    const where = `${g.down} after ${plural(dlq.maxReceiveCount, "receive")}, to dead-letter queue ${quoted(dlq.queue)}`;
    out.push(...wrapWords(dlq.exists ? where : `${where}, which does not exist: messages stay here`, width, "  ", "    ", g));
    out.push(...bars.lines.slice(3).flat());
    const also = [dlq.inFlight > 0 ? `${dlq.inFlight} in flight` : "", dlq.delayed > 0 ? `${dlq.delayed} delayed` : ""].filter(Boolean);
    if (also.length > 0) out.push(...wrapWords(`(of which ${also.join(", ")})`, width, "    ", "    ", g));
  }
  if (bars.legend) out.push(...wrapWords(bars.legend, width, "  ", "  ", g));
  return out;
}

/**
 * Labelled bars on one scale: `label  ███ count`, or just `label  count` when there is no room
 * for bars; the lines of each row (a row wraps when even that does not fit). The legend says
 * how many messages a cell stands for.
 */
export function barRows(rows: ReadonlyArray<readonly [string, number, string]>, width: number, g: Glyphs): { lines: string[][]; legend: string | null } {
  const labelWidth = Math.max(...rows.map(([l]) => l.length));
  const countWidth = Math.max(...rows.map(([, n]) => String(n).length));
  const max = Math.max(0, ...rows.map(([, n]) => n));
  const room = width - 2 - labelWidth - 2 - 1 - countWidth;
  if (max === 0 || room < 4) {
    const table = columns(rows.map(([l, n]) => [l, String(n)]), width, "  ");
    return { lines: table?.map((l) => [l]) ?? rows.map(([l, n]) => wrapWords(`${l}: ${n}`, width, "  ", "    ", g)), legend: null };
  }
  const size = cellSize(max, room);
  const lines = rows.map(([label, n, cell]) => {
    const bar = cell.repeat(cells(n, size));
    return [`  ${label.padEnd(labelWidth)}  ${bar}${bar === "" ? "" : " "}${n}`];
  });
  const legend = size === 1 ? `${g.full} one message` : `${g.full} about ${size} messages`;
  return { lines, legend };
}
