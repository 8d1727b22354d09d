/**
 * State shared by the log broker's parts (topics, coordinators, clients): the clock, the trace,
 * the seeded random source, topics and their partitions. Not exported from the package.
 */
import type { Clock } from "../clock.js";
import { BrokerError, UnknownResourceError } from "../errors.js";
import { createRandom, type Random } from "../random.js";
import type { Trace } from "../trace.js";
import type { LogTraceEventInput } from "./log-events.js";
import { PartitionLog, type TxnMark } from "./partition-log.js";
import { checkSequence, recordSequence } from "./producer-state.js";
import type { PreparedRecord } from "./records.js";
import type { ResolvedTopicConfig } from "./types.js";

export interface Topic {
  readonly name: string;
  readonly config: ResolvedTopicConfig;
  readonly partitions: PartitionLog[];
}

/** Broker-wide limits (Kafka broker settings). */
export interface LogLimits {
  retentionCheckIntervalMs: number;
  groupMinSessionTimeoutMs: number;
  groupMaxSessionTimeoutMs: number;
  transactionMaxTimeoutMs: number;
}

/** Something waiting for records (a pollAsync); returns true once it is satisfied. */
export interface Waiter {
  tryResolve(): boolean;
}

export class LogCore {
  readonly topics = new Map<string, Topic>();
  readonly random: Random;
  private nextProducerId = 0;
  private nextRetentionCheckAt: number;
  private readonly waiters = new Set<Waiter>();
  private waking = false;
  private wakeAgain = false;

  constructor(
    readonly clock: Clock,
    readonly trace: Trace,
    seed: number,
    readonly limits: LogLimits,
  ) {
    this.random = createRandom(seed);
    this.nextRetentionCheckAt = clock.now() + limits.retentionCheckIntervalMs;
  }

  /** Whether events are kept; hot paths check it before building an event. */
  get tracing(): boolean {
    return this.trace.enabled;
  }

  record(event: LogTraceEventInput): void {
    if (this.trace.enabled) this.trace.record(this.clock.now(), event);
  }

  /**
   * Runs the retention checks that fell due since the last call. Kafka's cleaner wakes every
   * log.retention.check.interval.ms; nothing here changes between our calls, so one pass at
   * the latest due instant gives the same result as one pass at each.
   */
  maintain(): void {
    const now = this.clock.now();
    if (now < this.nextRetentionCheckAt) return;
    const every = this.limits.retentionCheckIntervalMs;
    const at = this.nextRetentionCheckAt + Math.floor((now - this.nextRetentionCheckAt) / every) * every;
    this.nextRetentionCheckAt = at + every;
    for (const t of this.topics.values()) {
      for (const log of t.partitions) {
        for (const r of log.applyRetention(at, t.config)) {
          if (this.trace.enabled) {
            this.trace.record(at, {
              family: "log",
              type: "retention",
              topic: t.name,
              partition: log.partition,
              reason: r.reason,
              deletedSegments: r.deletedSegments,
              logStartOffset: log.logStartOffset,
            } satisfies LogTraceEventInput);
          }
        }
      }
    }
  }

  topic(name: string): Topic {
    const t = this.topics.get(name);
    if (t === undefined) throw new UnknownResourceError("topic", String(name), "Create it with createTopic(name, { partitions }), or check the spelling.");
    return t;
  }

  partitionLog(topic: string, partition: number): PartitionLog {
    const t = this.topic(topic);
    const log = Number.isInteger(partition) ? t.partitions[partition] : undefined;
    if (log === undefined) {
      throw new UnknownResourceError("partition", `${topic}-${partition}`, `Topic "${topic}" has partitions 0 to ${t.partitions.length - 1}.`);
    }
    return log;
  }

  newPartition(topic: string, partition: number): PartitionLog {
    const log = new PartitionLog(topic, partition);
    log.onRoll = (baseOffset) => this.record({ family: "log", type: "segment-rolled", topic, partition, baseOffset });
    return log;
  }

  allocateProducerId(): number {
    return this.nextProducerId++;
  }

  /** A deterministic UUID-shaped id from the seeded random source. */
  uuid(): string {
    const hex = (n: number) => Array.from({ length: n }, () => this.random.int(16).toString(16)).join("");
    return `${hex(8)}-${hex(4)}-4${hex(3)}-${(8 + this.random.int(4)).toString(16)}${hex(3)}-${hex(12)}`;
  }

  /**
   * Appends one batch to one partition, applying the idempotence check when `producerId >= 0`.
   * A retried batch (same producer, epoch and sequences) is not written again: its first
   * offset is returned with `duplicate: true`.
   */
  append(
    t: Topic,
    log: PartitionLog,
    records: readonly PreparedRecord[],
    producerId: number,
    epoch: number,
    baseSequence: number,
    txn: TxnMark | null,
  ): { baseOffset: number; duplicate: boolean } {
    if (producerId >= 0) {
      let dup: number;
      try {
        dup = checkSequence(log.producers, t.name, log.partition, producerId, epoch, baseSequence, records.length);
      } catch (err) {
        if (err instanceof BrokerError) {
          this.record({ family: "log", type: "produce-rejected", topic: t.name, partition: log.partition, producerId, baseSequence, code: err.code });
        }
        throw err;
      }
      if (dup >= 0) {
        this.record({ family: "log", type: "produce-duplicate", topic: t.name, partition: log.partition, producerId, baseSequence, baseOffset: dup });
        return { baseOffset: dup, duplicate: true };
      }
    }
    const baseOffset = log.appendBatch(records, txn, producerId, t.config);
    if (producerId >= 0) recordSequence(log.producers, producerId, epoch, baseSequence, records.length, baseOffset);
    if (this.trace.enabled) {
      this.record({
        family: "log",
        type: "produce",
        topic: t.name,
        partition: log.partition,
        baseOffset,
        count: records.length,
        producerId,
        producerEpoch: epoch,
        baseSequence,
        transactional: txn !== null,
      });
    }
    return { baseOffset, duplicate: false };
  }

  addWaiter(w: Waiter): void {
    this.waiters.add(w);
  }

  removeWaiter(w: Waiter): void {
    this.waiters.delete(w);
  }

  /** Lets waiting pollAsync calls look again; call after anything that may make records readable. */
  wake(): void {
    if (this.waiters.size === 0) return;
    if (this.waking) {
      this.wakeAgain = true;
      return;
    }
    this.waking = true;
    try {
      do {
        this.wakeAgain = false;
        for (const w of [...this.waiters]) if (w.tryResolve()) this.waiters.delete(w);
      } while (this.wakeAgain && this.waiters.size > 0);
    } finally {
      this.waking = false;
    }
  }
}
