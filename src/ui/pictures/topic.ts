/**
 * Picture of a log topic: each partition as a bar from offset 0 to its log end (the part that
 * retention removed shaded), its log start and end offsets, and for each consumer group the
 * member that owns each partition, the group's committed offset there and its lag.
 */
import type { LogBroker } from "../../broker/index.js";
import { glyphs } from "./glyphs.js";
import { type PictureOptions, heading, cellSize, cells, columns, padEnd, padStart, plural, quoted, textWidth, usableWidth, wrapWords } from "./layout.js";

/** A topic's state as plain data (JSON-safe, so it can cross a process boundary). */
export interface TopicPicture {
  topic: string;
  partitions: Array<{
    partition: number;
    /** First offset still kept. */
    logStartOffset: number;
    /** Offset the next record will get. */
    logEndOffset: number;
    /** Below the log end while a transaction is open. */
    lastStableOffset: number;
  }>;
  /** The groups that read the topic (a member subscribes to it) or have committed offsets in it. */
  groups: Array<{
    groupId: string;
    state: string;
    generationId: number;
    members: number;
    partitions: Array<{
      partition: number;
      /** The owning member's client id (its member id when two share a client id), or null. */
      owner: string | null;
      committed: number | null;
      /** Log end offset − committed offset; null before the first commit. */
      lag: number | null;
    }>;
  }>;
}

/** Reads a topic's picture through the log broker's inspection API (no trace events). */
export function topicPicture(log: LogBroker, topic: string): TopicPicture {
  const count = log.describeTopic(topic).partitions;
  const numbers = Array.from({ length: count }, (_, p) => p);
  const partitions = numbers.map((partition) => {
    const d = log.describeLog(topic, partition);
    return { partition, logStartOffset: d.logStartOffset, logEndOffset: d.logEndOffset, lastStableOffset: d.lastStableOffset };
  });
  const groups: TopicPicture["groups"] = [];
  for (const groupId of log.listGroups()) {
    const g = log.describeGroup(groupId);
    const committed = numbers.map((p) => log.committed(groupId, topic, p));
    const reads = g.members.some((m) => m.subscription.includes(topic) || m.assignment.some((a) => a.topic === topic));
    if (!reads && committed.every((c) => c === null)) continue;
    const clientIds = g.members.map((m) => m.clientId);
    const name = (m: (typeof g.members)[number]) => (clientIds.filter((c) => c === m.clientId).length > 1 ? m.memberId : m.clientId);
    groups.push({
      groupId,
      state: g.state,
      generationId: g.generationId,
      members: g.members.length,
      partitions: numbers.map((p) => {
        const owner = g.members.find((m) => m.assignment.some((a) => a.topic === topic && a.partition === p));
        return { partition: p, owner: owner ? name(owner) : null, committed: committed[p]!, lag: log.lag(groupId, topic, p) };
      }),
    });
  }
  return { topic, partitions, groups };
}

/**
 * Draws a topic picture in `width` columns, e.g. at 60 columns:
 *
 * ```text
 * Topic "orders" · 3 partitions
 *   p0 │░░██████████│ start 2  end 12
 *   p1 │█████       │ start 0  end 5
 *   p2 │            │ start 0  end 0
 *   █ one offset kept  ░ removed by retention
 * Group "billing" · Stable · generation 2 · 2 members
 *   p0 → a  committed 10  lag 2
 *   p1 → b  committed 5   lag 0
 *   p2 → b  no commit yet
 * ```
 */
export function drawTopic(picture: TopicPicture, options: PictureOptions): string[] {
  const width = usableWidth(options);
  const g = glyphs(options.ascii ?? false);
  const { topic, partitions } = picture;
  const out = heading([`Topic ${quoted(topic)}`, plural(partitions.length, "partition")], width, g);
  const label = (p: number) => `p${p}`;
  const labelWidth = Math.max(0, ...partitions.map((p) => label(p.partition).length));
  const digits = (f: (p: TopicPicture["partitions"][number]) => number) => Math.max(1, ...partitions.map((p) => String(f(p)).length));
  const [startDigits, endDigits] = [digits((p) => p.logStartOffset), digits((p) => p.logEndOffset)];
  const offsets = partitions.map((p) => {
    const open = p.lastStableOffset < p.logEndOffset ? `  stable ${p.lastStableOffset}` : "";
    return `start ${padStart(String(p.logStartOffset), startDigits)}  end ${padStart(String(p.logEndOffset), endDigits)}${open}`;
  });
  const offsetsWidth = Math.max(0, ...offsets.map(textWidth));
  const maxEnd = Math.max(0, ...partitions.map((p) => p.logEndOffset));
  // "  p0 │…│ " around the bar, then the offsets.
  const room = width - 2 - labelWidth - 1 - 2 - 1 - offsetsWidth;
  const drawBars = maxEnd > 0 && room >= 4;
  const size = drawBars ? cellSize(maxEnd, room) : 1;
  const barWidth = drawBars ? Math.ceil(maxEnd / size) : 0;
  partitions.forEach((p, i) => {
    const head = `  ${padEnd(label(p.partition), labelWidth)} `;
    if (!drawBars) {
      out.push(...wrapWords(offsets[i]!, width, head, " ".repeat(head.length), g));
      return;
    }
    const end = Math.min(barWidth, cells(p.logEndOffset, size));
    const start = Math.min(p.logStartOffset > 0 ? Math.max(1, Math.floor(p.logStartOffset / size)) : 0, Math.max(0, end - 1));
    const bar = g.gone.repeat(start) + g.full.repeat(end - start) + " ".repeat(barWidth - end);
    out.push(`${head}${g.edge}${bar}${g.edge} ${offsets[i]}`);
  });
  if (drawBars) {
    const kept = size === 1 ? `${g.full} one offset kept` : `${g.full} about ${size} offsets kept`;
    const trimmed = partitions.some((p) => p.logStartOffset > 0) ? `, ${g.gone} removed by retention` : "";
    out.push(...wrapWords(kept + trimmed, width, "  ", "  ", g));
  }
  if (picture.groups.length === 0) out.push(...wrapWords("No consumer group reads this topic yet.", width, "", "  ", g));
  for (const group of picture.groups) out.push(...drawGroup(group, width, label, g));
  return out;
}

function drawGroup(group: TopicPicture["groups"][number], width: number, label: (p: number) => string, g: ReturnType<typeof glyphs>): string[] {
  const head = [`Group ${quoted(group.groupId)}`, group.state, `generation ${group.generationId}`, plural(group.members, "member")];
  const out = heading(head, width, g);
  const owner = (o: string | null) => o ?? "no owner";
  const commit = (c: number | null) => (c === null ? ["no commit yet"] : [`committed ${c}`]);
  const lag = (l: number | null) => (l === null ? [] : [`lag ${l}`]);
  const labelWidth = Math.max(...group.partitions.map((p) => label(p.partition).length));
  const rows = group.partitions.map((p) => [
    `${padEnd(label(p.partition), labelWidth)} ${g.arrow} ${owner(p.owner)}`,
    ...commit(p.committed),
    ...lag(p.lag),
  ]);
  const table = columns(rows, width, "  ");
  if (table) return [...out, ...table];
  // Too narrow for a table: a partition and its owner, then what the group has read there.
  for (const p of group.partitions) {
    const first = `  ${label(p.partition)} ${g.arrow} `;
    out.push(...wrapWords(owner(p.owner), width, first, " ".repeat(first.length), g));
    out.push(...wrapWords([...commit(p.committed), ...lag(p.lag)].join(", "), width, "     ", "     ", g));
  }
  return out;
}
