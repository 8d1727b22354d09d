/**
 * Reading for a consumer: resolve each owned partition's position (a pending seekToBeginning or
 * seekToEnd, else the committed offset, else auto.offset.reset; also when retention has deleted
 * the position), then read partitions in turn, starting one further along each poll so no
 * partition starves.
 *
 * "The end" depends on the isolation level, as Kafka's ListOffsets does: the high watermark
 * (here the log end offset) for read_uncommitted, the last stable offset for read_committed.
 */
import type { LogCore } from "./core.js";
import type { FetchedRange } from "./log-events.js";
import { NoOffsetForPartitionError, OffsetOutOfRangeError } from "./log-errors.js";
import type { MemberState, OwnedPartition } from "./member.js";
import type { OffsetStore } from "./offset-store.js";
import type { PartitionLog } from "./partition-log.js";
import type { LogRecord } from "./types.js";

interface Resolution {
  owned: OwnedPartition;
  log: PartitionLog;
  /** New position, or null to keep the current one. */
  to: number | null;
  /** The policy that moved it (traced as offset-reset), or null when it simply resumed. */
  policy: string | null;
  /** No position yet: the committed offset waits on an open transaction (not read this time). */
  waiting?: true;
}

/** The offset a reset to "earliest" or "latest" lands on for this consumer. */
function resetOffset(log: PartitionLog, m: MemberState, to: "earliest" | "latest"): number {
  if (to === "earliest") return log.logStartOffset;
  return m.config.isolationLevel === "read_committed" ? log.lastStableOffset() : log.logEndOffset;
}

function resolveOne(core: LogCore, offsets: OffsetStore, m: MemberState, o: OwnedPartition): Resolution | null {
  const log = core.topics.get(o.topic)?.partitions[o.partition];
  if (log === undefined) return null; // topic deleted; the rebalance under way will revoke it
  if (o.reset !== null) {
    return { owned: o, log, to: resetOffset(log, m, o.reset), policy: o.reset === "earliest" ? "seekToBeginning" : "seekToEnd" };
  }
  if (o.position === null && offsets.isPending(m.groupId, o.topic, o.partition)) {
    // Kafka's consumer fetches committed offsets with require_stable (KIP-447): while a
    // transaction carries offsets for this partition, it waits rather than start from an older
    // offset and read again what that transaction may yet commit as processed.
    return { owned: o, log, to: null, policy: null, waiting: true };
  }
  const pos = o.position ?? offsets.get(m.groupId, o.topic, o.partition);
  if (pos !== null && pos >= log.logStartOffset && pos <= log.logEndOffset) {
    return { owned: o, log, to: pos === o.position ? null : pos, policy: null };
  }
  switch (m.config.autoOffsetReset) {
    case "earliest":
    case "latest":
      return { owned: o, log, to: resetOffset(log, m, m.config.autoOffsetReset), policy: m.config.autoOffsetReset };
    case "none":
      if (pos === null) throw new NoOffsetForPartitionError(m.groupId, o.topic, o.partition);
      throw new OffsetOutOfRangeError(o.topic, o.partition, pos, log.logStartOffset, log.logEndOffset);
  }
}

/**
 * Resolves positions for `parts` (all of them first, so a "none" policy throws before anything
 * changes), applies them, and returns the partition logs in the same order (null for a
 * partition whose topic is gone or whose committed offset waits on an open transaction).
 */
export function resolvePositions(core: LogCore, offsets: OffsetStore, m: MemberState, parts: readonly OwnedPartition[]): (PartitionLog | null)[] {
  const plan = parts.map((o) => resolveOne(core, offsets, m, o));
  for (const r of plan) {
    if (r === null || r.to === null) continue;
    if (r.policy !== null) {
      core.record({
        family: "log",
        type: "offset-reset",
        groupId: m.groupId,
        memberId: m.memberId,
        topic: r.owned.topic,
        partition: r.owned.partition,
        from: r.owned.position,
        to: r.to,
        policy: r.policy,
      });
    }
    r.owned.position = r.to;
    r.owned.reset = null;
  }
  return plan.map((r) => (r === null || r.waiting ? null : r.log));
}

/** Reads up to `max` records; `ranges` receives what came from each partition. */
export function fetchRecords(
  core: LogCore,
  offsets: OffsetStore,
  m: MemberState,
  max: number,
  ranges: FetchedRange[] | null,
): LogRecord[] {
  const out: LogRecord[] = [];
  if (!m.connected || core.clock.now() < m.fetchDelayedUntil || m.owned.size === 0) return out;
  const parts = [...m.owned.values()];
  const logs = resolvePositions(core, offsets, m, parts);
  const n = parts.length;
  const start = m.fetchCursor % n;
  m.fetchCursor = start + 1;
  for (let i = 0; i < n && out.length < max; i++) {
    const o = parts[(start + i) % n]!;
    const log = logs[(start + i) % n];
    if (log === null || log === undefined) continue;
    const before = out.length;
    o.position = log.read(o.position!, max - out.length, m.config.isolationLevel, out);
    if (ranges !== null && out.length > before) {
      ranges.push({
        topic: o.topic,
        partition: o.partition,
        fromOffset: out[before]!.offset,
        toOffset: out[out.length - 1]!.offset,
        count: out.length - before,
      });
    }
  }
  return out;
}
