/**
 * Public data shapes of the log family, in Kafka's words: topic, partition, offset, record,
 * consumer group, commit.
 */
import type { LogKey } from "./murmur2.js";

/** A record value: text, bytes, or null (a tombstone). */
export type LogValue = string | Uint8Array | null;

/** Record headers: name → text or bytes. (Kafka allows repeated names; we keep one value each.) */
export type LogHeaders = Readonly<Record<string, string | Uint8Array>>;

/** What a producer sends. */
export interface ProducerRecord {
  /** Records with the same key go to the same partition. @default null */
  key?: LogKey | null;
  value: LogValue;
  /** @default {} */
  headers?: LogHeaders;
  /** Send to this partition instead of asking the partitioner. */
  partition?: number;
  /** CreateTime in ms. @default clock.now() */
  timestamp?: number;
}

/** A record as stored in a partition and returned to consumers. Frozen. */
export interface LogRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  readonly key: LogKey | null;
  readonly value: LogValue;
  readonly headers: LogHeaders;
  readonly timestamp: number;
}

/** Where a sent record landed. */
export interface RecordMetadata {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  readonly timestamp: number;
}

/** A topic and one of its partitions. */
export interface TopicPartition {
  readonly topic: string;
  readonly partition: number;
}

/** A position to commit: the offset of the *next* record to read, as in Kafka. */
export interface TopicPartitionOffset extends TopicPartition {
  readonly offset: number;
}

/** Topic settings, with Kafka's names in camelCase. */
export interface TopicConfig {
  /** Number of partitions (1..10000). @default 1 */
  partitions?: number;
  /** retention.ms: delete segments whose newest record is older than this; -1 keeps forever. @default 604800000 (7 days) */
  retentionMs?: number;
  /** retention.bytes: delete oldest segments while the partition stays at or above this size; -1 means no limit. @default -1 */
  retentionBytes?: number;
  /** segment.bytes: roll a new segment when the active one would pass this size (>= 14). @default 1073741824 (1 GiB) */
  segmentBytes?: number;
  /** segment.ms: roll a new segment when the active one is older than this. @default 604800000 (7 days) */
  segmentMs?: number;
  /** max.message.bytes: the largest record (with its batch header) the topic accepts. @default 1048588 */
  maxMessageBytes?: number;
  /**
   * message.timestamp.after.max.ms: refuse records stamped more than this ahead of the broker's
   * clock. @default 3600000 (one hour, Kafka ≥ 4.0; Kafka 3.x had no limit)
   */
  messageTimestampAfterMaxMs?: number;
}

/** A topic's settings with every default filled in. */
export type ResolvedTopicConfig = Required<TopicConfig>;

/** `describeTopic` result. */
export interface TopicDescription {
  readonly name: string;
  readonly partitions: number;
  readonly config: ResolvedTopicConfig;
}

/** `describeLog` result: one partition's offsets and segments. */
export interface PartitionLogDescription {
  readonly topic: string;
  readonly partition: number;
  /** First offset still kept (moves forward when retention deletes segments). */
  readonly logStartOffset: number;
  /** Offset the next record will get (the high watermark: one broker, so every write is replicated). */
  readonly logEndOffset: number;
  /** First offset of the oldest open transaction, or the log end offset when none is open. */
  readonly lastStableOffset: number;
  readonly sizeBytes: number;
  readonly segments: readonly { baseOffset: number; entries: number; sizeBytes: number }[];
}

/** isolation.level. */
export type IsolationLevel = "read_uncommitted" | "read_committed";

/** auto.offset.reset: where to start when there is no valid committed offset. */
export type AutoOffsetReset = "earliest" | "latest" | "none";

/** partition.assignment.strategy names, as Kafka's assignors call themselves. */
export type AssignorName = "range" | "roundrobin" | "cooperative-sticky";

/** The group identity a transactional producer passes to sendOffsetsToTransaction (KIP-447). */
export interface ConsumerGroupMetadata {
  readonly groupId: string;
  readonly generationId: number;
  readonly memberId: string;
}

/**
 * Group states, as Kafka names them. CompletingRebalance lasts only while the new assignment
 * is handed out (listeners may see it).
 */
export type ConsumerGroupState = "Empty" | "PreparingRebalance" | "CompletingRebalance" | "Stable";

/** `describeGroup` result. */
export interface ConsumerGroupDescription {
  readonly groupId: string;
  readonly state: ConsumerGroupState;
  readonly generationId: number;
  /** The assignor the group agreed on, or null when it has no members. */
  readonly protocol: AssignorName | null;
  readonly members: readonly {
    readonly memberId: string;
    readonly clientId: string;
    readonly subscription: readonly string[];
    readonly assignment: readonly TopicPartition[];
  }[];
}

/** One row of `groupOffsets`. */
export interface GroupPartitionOffset {
  readonly topic: string;
  readonly partition: number;
  readonly committed: number;
  readonly logEndOffset: number;
  /** logEndOffset − committed. */
  readonly lag: number;
}
