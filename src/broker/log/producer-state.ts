/**
 * What a partition remembers about each idempotent producer (Kafka's ProducerStateManager, cut
 * down): the latest epoch, the last sequence number written, and the last five batches, so a
 * retried batch is recognised and answered with its first offsets instead of being written again.
 */
import { InvalidProducerEpochError, OutOfOrderSequenceError } from "./log-errors.js";

/** Producer id of a producer without idempotence. */
export const NO_PRODUCER_ID = -1;

/** Kafka keeps the metadata of this many recent batches per producer and partition. */
export const RETAINED_BATCHES = 5;

const SEQ_MODULO = 2 ** 31;

/** Sequence numbers wrap from Int32 max back to 0, as in Kafka. */
export function seqAdd(seq: number, n: number): number {
  return (seq + n) % SEQ_MODULO;
}

interface BatchInfo {
  firstSeq: number;
  lastSeq: number;
  baseOffset: number;
}

/** One producer's state in one partition. */
export interface ProducerEntry {
  epoch: number;
  lastSeq: number;
  batches: BatchInfo[];
}

/**
 * Decides what to do with a batch from an idempotent producer. Returns -1 to append, or the
 * base offset of the earlier identical batch (a retry: do not write it again).
 *
 * @throws InvalidProducerEpochError for an epoch older than the partition has seen.
 * @throws OutOfOrderSequenceError when the batch is not the next in sequence (a gap, a stale
 * retry older than the last five batches, or a new epoch not starting at 0).
 */
export function checkSequence(
  producers: ReadonlyMap<number, ProducerEntry>,
  topic: string,
  partition: number,
  producerId: number,
  epoch: number,
  baseSeq: number,
  count: number,
): number {
  const entry = producers.get(producerId);
  // A producer this partition has no epoch for may start at any sequence (Kafka's
  // ProducerAppendInfo.checkSequence, since KIP-360); a new epoch of a known one starts at 0.
  if (entry === undefined) return -1;
  if (epoch > entry.epoch) {
    if (baseSeq !== 0) throw new OutOfOrderSequenceError(topic, partition, producerId, 0, baseSeq);
    return -1;
  }
  if (epoch < entry.epoch) throw new InvalidProducerEpochError(producerId, epoch, entry.epoch);
  const lastSeq = seqAdd(baseSeq, count - 1);
  for (const b of entry.batches) {
    if (b.firstSeq === baseSeq && b.lastSeq === lastSeq) return b.baseOffset;
  }
  const expected = seqAdd(entry.lastSeq, 1);
  if (baseSeq !== expected) throw new OutOfOrderSequenceError(topic, partition, producerId, expected, baseSeq);
  return -1;
}

/** Remembers a written batch. */
export function recordSequence(
  producers: Map<number, ProducerEntry>,
  producerId: number,
  epoch: number,
  baseSeq: number,
  count: number,
  baseOffset: number,
): void {
  let entry = producers.get(producerId);
  if (entry === undefined || epoch > entry.epoch) {
    entry = { epoch, lastSeq: -1, batches: [] };
    producers.set(producerId, entry);
  }
  entry.lastSeq = seqAdd(baseSeq, count - 1);
  entry.batches.push({ firstSeq: baseSeq, lastSeq: entry.lastSeq, baseOffset });
  if (entry.batches.length > RETAINED_BATCHES) entry.batches.shift();
}

/**
 * A control marker written with a newer epoch fences older ones in this partition (Kafka bumps
 * the epoch when the coordinator aborts a timed-out or replaced transaction). The new epoch
 * starts again at sequence 0.
 */
export function fenceEpoch(producers: Map<number, ProducerEntry>, producerId: number, epoch: number): void {
  const entry = producers.get(producerId);
  if (entry !== undefined && epoch > entry.epoch) {
    entry.epoch = epoch;
    entry.lastSeq = -1;
    entry.batches = [];
  }
}
