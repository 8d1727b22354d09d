/**
 * Where records go. Keyed records: `defaultPartition(key, n)` (murmur2), always. Keyless
 * records: one of two strategies, each starting from the broker's seed.
 *
 * - "sticky" — Kafka's built-in partitioner since 3.3 (KIP-794, non-adaptive part): keep
 *   sending keyless records to one partition until `stickyBatchSize` bytes (batch.size,
 *   default 16384) have gone there, then switch to a uniformly random partition (which may be
 *   the same one). Kafka 2.4-3.2 (KIP-480) switched on every new batch instead.
 * - "round-robin" — the pre-2.4 Java default and kafkajs's DefaultPartitioner: a per-topic
 *   counter from a random start, `toPositive(++counter) % n`.
 */
import type { Random } from "../random.js";
import { defaultPartition, toPositive, type LogKey } from "./murmur2.js";

/** Strategy for records without a key. */
export type KeylessStrategy = "sticky" | "round-robin";

export class Partitioner {
  private readonly sticky = new Map<string, { partition: number; bytes: number }>();
  private readonly counters = new Map<string, number>();

  constructor(
    readonly strategy: KeylessStrategy,
    readonly stickyBatchSize: number,
    private readonly random: Random,
  ) {}

  /** The partition for one record of `size` bytes; updates the keyless state. */
  choose(topic: string, partitionCount: number, key: LogKey | null, size: number): number {
    if (key !== null) return defaultPartition(key, partitionCount);
    if (this.strategy === "round-robin") {
      const c = (this.counters.get(topic) ?? this.random.int(0x7fffffff)) + 1;
      this.counters.set(topic, c);
      return toPositive(c) % partitionCount;
    }
    let s = this.sticky.get(topic);
    if (s === undefined || s.partition >= partitionCount) {
      s = { partition: this.random.int(partitionCount), bytes: 0 };
      this.sticky.set(topic, s);
    }
    const chosen = s.partition;
    s.bytes += size;
    if (s.bytes >= this.stickyBatchSize) {
      s.partition = this.random.int(partitionCount);
      s.bytes = 0;
    }
    return chosen;
  }

  /** Drops per-topic state (the topic was deleted). */
  forget(topic: string): void {
    this.sticky.delete(topic);
    this.counters.delete(topic);
  }
}
