/**
 * The log family (Kafka semantics, Kafka words). See README.md in this folder.
 */
export { LogBroker } from "./log-broker.js";
export type { LogBrokerOptions, ProduceRequest, ProduceResponse, OffsetCommitRequest, ReadPartitionOptions } from "./broker-options.js";
export { LogProducer } from "./producer.js";
export { LogConsumer } from "./consumer.js";
export { LogFaults } from "./faults.js";
export type { LogConsumerOptions, LogProducerOptions } from "./client-config.js";
export type { ConsumerRebalanceListener, MemberStatus } from "./member.js";
export { murmur2, toPositive, defaultPartition, keyBytes } from "./murmur2.js";
export type { LogKey } from "./murmur2.js";
export type { KeylessStrategy } from "./partitioner.js";
export { assignPartitions } from "./assignors.js";
export type { AssignorMember } from "./assignors.js";
export { TOPIC_DEFAULTS } from "./topic-config.js";
export {
  TopicExistsError,
  OutOfOrderSequenceError,
  InvalidProducerEpochError,
  ProducerFencedError,
  CommitFailedError,
  OffsetOutOfRangeError,
  NoOffsetForPartitionError,
  InconsistentGroupProtocolError,
  UnstableOffsetCommitError,
  InvalidTimestampError,
} from "./log-errors.js";
export type { CommitFailedCode } from "./log-errors.js";
export type { LogTraceEvent, LogTraceEventInput, LogTraceEventType, LogFaultKind, FetchedRange } from "./log-events.js";
export type {
  LogValue,
  LogHeaders,
  ProducerRecord,
  LogRecord,
  RecordMetadata,
  TopicPartition,
  TopicPartitionOffset,
  TopicConfig,
  ResolvedTopicConfig,
  TopicDescription,
  PartitionLogDescription,
  IsolationLevel,
  AutoOffsetReset,
  AssignorName,
  ConsumerGroupMetadata,
  ConsumerGroupState,
  ConsumerGroupDescription,
  GroupPartitionOffset,
} from "./types.js";
