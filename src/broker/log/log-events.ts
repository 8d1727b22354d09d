/**
 * The log family's trace events: one per operation and one per injected fault. Each is a
 * `TraceEventInput` with `family: "log"`; the trace adds `seq` and `at`.
 */
import type { TraceEvent } from "../trace.js";
import type { AssignorName, TopicPartition, TopicPartitionOffset } from "./types.js";

type E<T extends string, D> = { family: "log"; type: T } & D;

/** A range of offsets one poll returned from one partition. */
export interface FetchedRange {
  topic: string;
  partition: number;
  fromOffset: number;
  /** Last offset returned (inclusive). */
  toOffset: number;
  count: number;
}

/** Faults the broker can inject (see `LogFaults`). */
export type LogFaultKind =
  | "crash-consumer"
  | "crash-before-commit"
  | "crash-producer"
  | "drop-connection"
  | "restore-connection"
  | "duplicate-produce"
  | "delay-produce"
  | "delay-fetch";

export type LogTraceEventInput =
  | E<"topic-created", { topic: string; partitions: number }>
  | E<"topic-deleted", { topic: string }>
  | E<"partitions-added", { topic: string; from: number; to: number }>
  | E<"produce", {
      topic: string;
      partition: number;
      baseOffset: number;
      count: number;
      producerId: number;
      producerEpoch: number;
      baseSequence: number;
      transactional: boolean;
    }>
  /** An idempotent retry the partition recognised: nothing written, the first offsets returned. */
  | E<"produce-duplicate", { topic: string; partition: number; producerId: number; baseSequence: number; baseOffset: number }>
  | E<"produce-rejected", { topic: string; partition: number; producerId: number; baseSequence: number; code: string }>
  | E<"segment-rolled", { topic: string; partition: number; baseOffset: number }>
  | E<"retention", { topic: string; partition: number; reason: "time" | "size"; deletedSegments: number; logStartOffset: number }>
  | E<"init-producer-id", { producerId: number; producerEpoch: number; transactionalId: string | null }>
  | E<"producer-fenced", { transactionalId: string; producerId: number; producerEpoch: number; reason: string }>
  | E<"transaction-begin", { transactionalId: string; producerId: number; producerEpoch: number }>
  | E<"transaction-offsets", { transactionalId: string; groupId: string; offsets: TopicPartitionOffset[] }>
  | E<"transaction-end", {
      transactionalId: string;
      producerId: number;
      result: "commit" | "abort";
      reason: string;
      /** Offset of the control marker written in each partition of the transaction. */
      markers: TopicPartitionOffset[];
    }>
  | E<"join", { groupId: string; memberId: string; topics: string[] }>
  | E<"leave", { groupId: string; memberId: string; reason: "close" | "unsubscribe" | "session-timeout" | "poll-timeout" }>
  | E<"rebalance-start", { groupId: string; reason: string; protocol: AssignorName }>
  | E<"rebalance", {
      groupId: string;
      generationId: number;
      /** null when the group became empty. */
      protocol: AssignorName | null;
      assignment: Record<string, TopicPartition[]>;
    }>
  | E<"revoke", { groupId: string; memberId: string; partitions: TopicPartition[]; lost: boolean }>
  | E<"assign", { groupId: string; memberId: string; partitions: TopicPartition[] }>
  | E<"poll", { groupId: string; memberId: string; count: number; fetched: FetchedRange[] }>
  | E<"offset-reset", { groupId: string; memberId: string; topic: string; partition: number; from: number | null; to: number; policy: string }>
  /** `offset` is "beginning" or "end" for seekToBeginning/seekToEnd, resolved later (an offset-reset event). */
  | E<"seek", { groupId: string; memberId: string; topic: string; partition: number; offset: number | "beginning" | "end" }>
  | E<"commit", { groupId: string; memberId: string; generationId: number; offsets: TopicPartitionOffset[] }>
  | E<"commit-rejected", { groupId: string; memberId: string; generationId: number; code: string }>
  | E<"callback-error", { groupId: string; memberId: string; callback: string; message: string }>
  | E<"fault", { fault: LogFaultKind; target: string; [detail: string]: unknown }>;

/** A recorded log event (with `seq` and `at`). */
export type LogTraceEvent = TraceEvent<LogTraceEventInput>;

/** The `type` values of log events. */
export type LogTraceEventType = LogTraceEventInput["type"];
