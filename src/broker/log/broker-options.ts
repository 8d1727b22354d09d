/**
 * What `LogBroker` itself takes: its constructor options, the low-level produce and commit
 * requests, readPartition's options, and their OptionSpecs (../options.ts).
 */
import type { Clock } from "../clock.js";
import { optionSpec } from "../options.js";
import type { Trace } from "../trace.js";
import type { IsolationLevel, ProducerRecord, RecordMetadata, TopicPartitionOffset } from "./types.js";

/** Options of `new LogBroker()`. */
export interface LogBrokerOptions {
  /** @default new SystemClock() */
  clock?: Clock;
  /** Seeds member ids and the keyless partitioners. @default 0 */
  seed?: number;
  /** @default new Trace() */
  trace?: Trace;
  /** log.retention.check.interval.ms. @default 300000 */
  retentionCheckIntervalMs?: number;
  /** group.min.session.timeout.ms. @default 6000 */
  groupMinSessionTimeoutMs?: number;
  /** group.max.session.timeout.ms. @default 1800000 */
  groupMaxSessionTimeoutMs?: number;
  /** transaction.max.timeout.ms. @default 900000 */
  transactionMaxTimeoutMs?: number;
}

/** The low-level ProduceRequest for one partition (what a producer client sends). */
export interface ProduceRequest {
  topic: string;
  partition: number;
  records: readonly ProducerRecord[];
  /** From initProducerId(); -1 for a producer without idempotence. @default -1 */
  producerId?: number;
  /** @default 0 */
  producerEpoch?: number;
  /** Sequence number of the first record; each record takes the next. @default -1 */
  baseSequence?: number;
}

export interface ProduceResponse {
  readonly baseOffset: number;
  /** True when the batch was a retry of one already written: nothing new was written. */
  readonly duplicate: boolean;
  readonly records: readonly RecordMetadata[];
}

/** The low-level OffsetCommit request. Omit member and generation to commit for an empty group. */
export interface OffsetCommitRequest {
  groupId: string;
  /** @default "" (not a member) */
  memberId?: string;
  /** @default -1 */
  generationId?: number;
  offsets: readonly TopicPartitionOffset[];
}

export const BROKER_OPTIONS = optionSpec("new LogBroker()", [
  "clock",
  "seed",
  "trace",
  "retentionCheckIntervalMs",
  "groupMinSessionTimeoutMs",
  "groupMaxSessionTimeoutMs",
  "transactionMaxTimeoutMs",
]);
export const READ_OPTIONS = optionSpec("readPartition()", ["fromOffset", "maxRecords", "isolationLevel"]);
export const PRODUCE_REQUEST = optionSpec("produce()", ["topic", "partition", "records", "producerId", "producerEpoch", "baseSequence"], { noun: "field" });
export const COMMIT_REQUEST = optionSpec("commitOffsets()", ["groupId", "memberId", "generationId", "offsets"], { noun: "field" });

/** Options of `readPartition`. */
export interface ReadPartitionOptions {
  /** First offset to read. @default the log start offset */
  fromOffset?: number;
  /** At most this many records. @default no limit */
  maxRecords?: number;
  /** @default "read_uncommitted" */
  isolationLevel?: IsolationLevel;
}

