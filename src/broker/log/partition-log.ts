/**
 * One partition: an append-only sequence of entries split into segments. An entry is a data
 * record or a control marker (the commit/abort line a transaction writes); both take an
 * offset, so offsets stay consecutive and markers leave visible gaps for consumers.
 *
 * Retention deletes whole segments from the front, never single records, as Kafka does.
 */
import type { IsolationLevel, LogRecord, PartitionLogDescription, ResolvedTopicConfig } from "./types.js";
import { BATCH_OVERHEAD, CONTROL_BATCH_BYTES, type PreparedRecord } from "./records.js";
import type { ProducerEntry } from "./producer-state.js";

/** The fate of one transaction, shared by all its records in every partition it wrote to. */
export interface TxnMark {
  status: "open" | "committed" | "aborted";
}

/** A transaction's commit or abort line in a partition. Never returned to consumers. */
export class ControlMarker {
  constructor(
    readonly commit: boolean,
    readonly producerId: number,
    readonly timestamp: number,
  ) {}
}

type Entry = LogRecord | ControlMarker;

interface Segment {
  baseOffset: number;
  entries: Entry[];
  /** txns[i] is the transaction of entries[i]; null while the segment holds no transactional record. */
  txns: (TxnMark | undefined)[] | null;
  sizeBytes: number;
  /** Newest timestamp of the first batch (segment.ms counts from it, as Kafka's rollingBasedTimestamp), -1 when empty. */
  firstTimestamp: number;
  /** Newest timestamp in the segment (retention.ms compares with it), -1 when empty. */
  maxTimestamp: number;
}

const newSegment = (baseOffset: number): Segment => ({
  baseOffset,
  entries: [],
  txns: null,
  sizeBytes: 0,
  firstTimestamp: -1,
  maxTimestamp: -1,
});

/** What one retention pass deleted. */
export interface RetentionResult {
  reason: "time" | "size";
  deletedSegments: number;
}

export class PartitionLog {
  /** Idempotent producers' state in this partition (see producer-state.ts). */
  readonly producers = new Map<number, ProducerEntry>();
  logStartOffset = 0;
  logEndOffset = 0;
  sizeBytes = 0;
  /** Called with the base offset of each new segment after the first. */
  onRoll: ((baseOffset: number) => void) | null = null;
  // Invariant: never empty; segments[i].baseOffset + entries.length === segments[i+1].baseOffset.
  private segments: Segment[] = [newSegment(0)];
  // producerId → first offset of its open transaction here (the last stable offset is the least).
  private readonly openTxns = new Map<number, number>();

  constructor(
    readonly topic: string,
    readonly partition: number,
  ) {}

  /** Appends a batch (records already checked); returns the offset of its first record. */
  appendBatch(records: readonly PreparedRecord[], txn: TxnMark | null, producerId: number, config: ResolvedTopicConfig): number {
    let bytes = BATCH_OVERHEAD;
    let maxTs = -1;
    for (const r of records) {
      bytes += r.size;
      if (r.timestamp > maxTs) maxTs = r.timestamp;
    }
    const seg = this.segmentFor(bytes, maxTs, config);
    const baseOffset = this.logEndOffset;
    if (txn !== null) {
      if (!this.openTxns.has(producerId)) this.openTxns.set(producerId, baseOffset);
      seg.txns ??= [];
    }
    const { topic, partition } = this;
    let offset = baseOffset;
    for (const r of records) {
      if (seg.txns !== null) seg.txns[offset - seg.baseOffset] = txn ?? undefined;
      seg.entries.push(
        Object.freeze({ topic, partition, offset, key: r.key, value: r.value, headers: r.headers, timestamp: r.timestamp }),
      );
      offset++;
    }
    this.logEndOffset = offset;
    this.grow(seg, bytes, maxTs, maxTs);
    return baseOffset;
  }

  /** Writes a transaction's control marker and closes it here; returns the marker's offset. */
  appendMarker(commit: boolean, producerId: number, timestamp: number, config: ResolvedTopicConfig): number {
    const seg = this.segmentFor(CONTROL_BATCH_BYTES, timestamp, config);
    const offset = this.logEndOffset++;
    if (seg.txns !== null) seg.txns[offset - seg.baseOffset] = undefined;
    seg.entries.push(new ControlMarker(commit, producerId, timestamp));
    this.grow(seg, CONTROL_BATCH_BYTES, timestamp, timestamp);
    this.openTxns.delete(producerId);
    return offset;
  }

  /** Offsets below this are settled: no open transaction starts before it. */
  lastStableOffset(): number {
    let lso = this.logEndOffset;
    for (const first of this.openTxns.values()) if (first < lso) lso = first;
    return Math.max(lso, this.logStartOffset);
  }

  /** Whether `producerId` has an open transaction with records here. */
  hasOpenTxn(producerId: number): boolean {
    return this.openTxns.has(producerId);
  }

  /**
   * Reads from `from` (which must be within [logStartOffset, logEndOffset]) into `out`, at most
   * `max` records. Control markers are skipped, and so are aborted records for read_committed,
   * which also stops at the last stable offset. Returns the next offset to read.
   */
  read(from: number, max: number, isolation: IsolationLevel, out: LogRecord[]): number {
    const committedOnly = isolation === "read_committed";
    const limit = committedOnly ? this.lastStableOffset() : this.logEndOffset;
    let pos = from;
    let si = this.segmentIndex(pos);
    let taken = 0;
    while (pos < limit && taken < max) {
      const seg = this.segments[si]!;
      const i = pos - seg.baseOffset;
      if (i >= seg.entries.length) {
        si++;
        continue;
      }
      const e = seg.entries[i]!;
      pos++;
      if (e instanceof ControlMarker) continue;
      if (committedOnly && seg.txns !== null && seg.txns[i]?.status === "aborted") continue;
      out.push(e);
      taken++;
    }
    return pos;
  }

  /** Applies retention.ms then retention.bytes as of `now`, as one pass of Kafka's log cleaner would. */
  applyRetention(now: number, config: ResolvedTopicConfig): RetentionResult[] {
    const results: RetentionResult[] = [];
    if (config.retentionMs >= 0) {
      let n = 0;
      while (this.deletable(n) && now - this.segments[n]!.maxTimestamp > config.retentionMs) n++;
      if (n > 0) results.push({ reason: "time", deletedSegments: this.deleteFirst(n) });
    }
    if (config.retentionBytes >= 0 && this.sizeBytes > config.retentionBytes) {
      // Kafka deletes a segment only if the log stays at or above retention.bytes without it.
      let excess = this.sizeBytes - config.retentionBytes;
      let n = 0;
      while (this.deletable(n) && excess - this.segments[n]!.sizeBytes >= 0) excess -= this.segments[n++]!.sizeBytes;
      if (n > 0) results.push({ reason: "size", deletedSegments: this.deleteFirst(n) });
    }
    return results;
  }

  describe(): PartitionLogDescription {
    return {
      topic: this.topic,
      partition: this.partition,
      logStartOffset: this.logStartOffset,
      logEndOffset: this.logEndOffset,
      lastStableOffset: this.lastStableOffset(),
      sizeBytes: this.sizeBytes,
      segments: this.segments.map((s) => ({ baseOffset: s.baseOffset, entries: s.entries.length, sizeBytes: s.sizeBytes })),
    };
  }

  private deletable(n: number): boolean {
    const s = this.segments[n];
    return s !== undefined && s.entries.length > 0;
  }

  private deleteFirst(n: number): number {
    // Deleting every segment: roll an empty one first so the log always has an active segment.
    if (n === this.segments.length) this.segments.push(newSegment(this.logEndOffset));
    for (const s of this.segments.splice(0, n)) this.sizeBytes -= s.sizeBytes;
    this.logStartOffset = this.segments[0]!.baseOffset;
    return n;
  }

  private segmentFor(bytes: number, maxTs: number, config: ResolvedTopicConfig): Segment {
    const active = this.segments[this.segments.length - 1]!;
    if (
      active.entries.length > 0 &&
      (active.sizeBytes + bytes > config.segmentBytes || maxTs - active.firstTimestamp > config.segmentMs)
    ) {
      const seg = newSegment(this.logEndOffset);
      this.segments.push(seg);
      this.onRoll?.(seg.baseOffset);
      return seg;
    }
    return active;
  }

  private grow(seg: Segment, bytes: number, firstTs: number, maxTs: number): void {
    seg.sizeBytes += bytes;
    this.sizeBytes += bytes;
    if (seg.firstTimestamp < 0) seg.firstTimestamp = firstTs;
    if (maxTs > seg.maxTimestamp) seg.maxTimestamp = maxTs;
  }

  private segmentIndex(offset: number): number {
    let lo = 0;
    let hi = this.segments.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.segments[mid]!.baseOffset <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}
