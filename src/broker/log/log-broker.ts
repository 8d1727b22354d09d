/**
 * `LogBroker`: a partitioned, replicated-in-spirit log with Kafka's semantics and words —
 * topics and partitions, the default partitioner, consumer groups, committed offsets,
 * retention, the idempotent producer and transactions — on an injected clock.
 */
import { SystemClock, type Clock } from "../clock.js";
import { InvalidArgumentError, UnknownResourceError } from "../errors.js";
import { checkOptions } from "../options.js";
import { Trace } from "../trace.js";
import { resolveConsumerOptions, resolveProducerOptions, type LogConsumerOptions, type LogProducerOptions } from "./client-config.js";
import { LogConsumer } from "./consumer.js";
import { LogCore } from "./core.js";
import { LogFaults } from "./faults.js";
import { GroupCoordinator } from "./group-coordinator.js";
import { MemberState } from "./member.js";
import { Partitioner } from "./partitioner.js";
import { LogProducer } from "./producer.js";
import { ProducerSession } from "./producer-session.js";
import { NO_PRODUCER_ID } from "./producer-state.js";
import { prepareRecords } from "./records.js";
import { MAX_PARTITIONS, resolveTopicConfig, validateTopicName } from "./topic-config.js";
import { TopicExistsError } from "./log-errors.js";
import { TransactionCoordinator } from "./transactions.js";
import {
  BROKER_OPTIONS,
  COMMIT_REQUEST,
  PRODUCE_REQUEST,
  READ_OPTIONS,
  type LogBrokerOptions,
  type OffsetCommitRequest,
  type ProduceRequest,
  type ProduceResponse,
  type ReadPartitionOptions,
} from "./broker-options.js";
import type {
  ConsumerGroupDescription,
  GroupPartitionOffset,
  LogRecord,
  PartitionLogDescription,
  TopicConfig,
  TopicDescription,
} from "./types.js";

export class LogBroker {
  readonly clock: Clock;
  readonly trace: Trace;
  /** Fault injection: crash, disconnect, duplicate, delay (see faults.ts). */
  readonly faults: LogFaults;
  private readonly core: LogCore;
  private readonly groups: GroupCoordinator;
  private readonly txns: TransactionCoordinator;
  private producerSeq = 0;
  private consumerSeq = 0;

  constructor(options: LogBrokerOptions = {}) {
    checkOptions(options, BROKER_OPTIONS);
    const int = (what: string, v: number | undefined, dflt: number, min: number) => {
      const x = v ?? dflt;
      if (!Number.isSafeInteger(x) || x < min) throw new InvalidArgumentError(what, `must be an integer >= ${min}`, x);
      return x;
    };
    const limits = {
      retentionCheckIntervalMs: int("retentionCheckIntervalMs", options.retentionCheckIntervalMs, 300_000, 1),
      groupMinSessionTimeoutMs: int("groupMinSessionTimeoutMs", options.groupMinSessionTimeoutMs, 6_000, 1),
      groupMaxSessionTimeoutMs: int("groupMaxSessionTimeoutMs", options.groupMaxSessionTimeoutMs, 1_800_000, 1),
      transactionMaxTimeoutMs: int("transactionMaxTimeoutMs", options.transactionMaxTimeoutMs, 900_000, 1),
    };
    if (limits.groupMinSessionTimeoutMs > limits.groupMaxSessionTimeoutMs) {
      throw new InvalidArgumentError("groupMinSessionTimeoutMs", `must not exceed groupMaxSessionTimeoutMs (${limits.groupMaxSessionTimeoutMs})`, limits.groupMinSessionTimeoutMs);
    }
    this.clock = options.clock ?? new SystemClock();
    this.trace = options.trace ?? new Trace();
    this.core = new LogCore(this.clock, this.trace, options.seed ?? 0, limits);
    this.groups = new GroupCoordinator(this.core);
    this.txns = new TransactionCoordinator(this.core, this.groups);
    this.faults = new LogFaults(this.core, this.groups);
  }

  /** Creates a topic. @throws TopicExistsError, InvalidArgumentError */
  createTopic(name: string, config?: TopicConfig): TopicDescription {
    this.core.maintain();
    validateTopicName(name);
    if (this.core.topics.has(name)) throw new TopicExistsError(name);
    const resolved = resolveTopicConfig(config);
    const partitions = Array.from({ length: resolved.partitions }, (_, p) => this.core.newPartition(name, p));
    this.core.topics.set(name, { name, config: resolved, partitions });
    this.core.record({ family: "log", type: "topic-created", topic: name, partitions: resolved.partitions });
    this.groups.topicChanged(name, `topic ${name} created`);
    return this.describeTopic(name);
  }

  /** Deletes a topic, its records and the groups' offsets for it; subscribed groups rebalance. */
  deleteTopic(name: string): void {
    this.core.maintain();
    this.core.topic(name);
    this.core.topics.delete(name);
    this.groups.offsets.dropTopic(name);
    this.core.record({ family: "log", type: "topic-deleted", topic: name });
    this.groups.topicChanged(name, `topic ${name} deleted`);
  }

  listTopics(): string[] {
    this.core.maintain();
    return [...this.core.topics.keys()].sort();
  }

  describeTopic(name: string): TopicDescription {
    this.core.maintain();
    const t = this.core.topic(name);
    return { name, partitions: t.partitions.length, config: { ...t.config, partitions: t.partitions.length } };
  }

  /** Raises the partition count to `total` (Kafka cannot lower it); keyed records may map elsewhere afterwards. */
  addPartitions(name: string, total: number): TopicDescription {
    this.core.maintain();
    const t = this.core.topic(name);
    const from = t.partitions.length;
    if (!Number.isInteger(total) || total <= from || total > MAX_PARTITIONS) {
      throw new InvalidArgumentError("total", `must be an integer above the current ${from} partitions and at most ${MAX_PARTITIONS}`, total);
    }
    for (let p = from; p < total; p++) t.partitions.push(this.core.newPartition(name, p));
    this.core.record({ family: "log", type: "partitions-added", topic: name, from, to: total });
    this.groups.topicChanged(name, `topic ${name} grew to ${total} partitions`);
    return this.describeTopic(name);
  }

  describeLog(topic: string, partition: number): PartitionLogDescription {
    this.core.maintain();
    return this.core.partitionLog(topic, partition).describe();
  }

  logStartOffset(topic: string, partition: number): number {
    return this.describeLog(topic, partition).logStartOffset;
  }

  /** The offset the next record will get (the high watermark). */
  logEndOffset(topic: string, partition: number): number {
    return this.describeLog(topic, partition).logEndOffset;
  }

  lastStableOffset(topic: string, partition: number): number {
    return this.describeLog(topic, partition).lastStableOffset;
  }

  /** Reads a partition directly (no group, no trace), for inspection. */
  readPartition(
    topic: string,
    partition: number,
    options: ReadPartitionOptions = {},
  ): LogRecord[] {
    this.core.maintain();
    checkOptions(options, READ_OPTIONS);
    const log = this.core.partitionLog(topic, partition);
    const from = options.fromOffset ?? log.logStartOffset;
    if (!Number.isSafeInteger(from) || from < log.logStartOffset || from > log.logEndOffset) {
      throw new InvalidArgumentError("fromOffset", `must be an integer from ${log.logStartOffset} to ${log.logEndOffset}`, from);
    }
    const max = options.maxRecords ?? Number.MAX_SAFE_INTEGER;
    if (!Number.isSafeInteger(max) || max < 1) throw new InvalidArgumentError("maxRecords", "must be an integer >= 1", max);
    const isolation = options.isolationLevel ?? "read_uncommitted";
    if (isolation !== "read_uncommitted" && isolation !== "read_committed") {
      throw new InvalidArgumentError("isolationLevel", 'must be "read_uncommitted" or "read_committed"', isolation);
    }
    const out: LogRecord[] = [];
    log.read(from, max, isolation, out);
    return out;
  }

  /** A new producer (idempotent by default; transactional with `transactionalId`). */
  producer(options: LogProducerOptions = {}): LogProducer {
    this.core.maintain();
    const o = resolveProducerOptions(options, this.core.limits, ++this.producerSeq);
    const session = new ProducerSession(this.core, o.clientId, o.idempotent, new Partitioner(o.partitioner, o.stickyBatchSize, this.core.random));
    if (o.idempotent && o.transactionalId === null) {
      session.producerId = this.core.allocateProducerId();
      session.epoch = 0;
      this.core.record({ family: "log", type: "init-producer-id", producerId: session.producerId, producerEpoch: 0, transactionalId: null });
    }
    return new LogProducer(this.core, this.groups, this.txns, session, o.transactionalId, o.transactionTimeoutMs);
  }

  /** A new consumer for a group; it joins when it subscribes. */
  consumer(options: LogConsumerOptions): LogConsumer {
    this.core.maintain();
    const config = resolveConsumerOptions(options, this.core.limits, ++this.consumerSeq);
    return new LogConsumer(this.core, this.groups, new MemberState(this.core, config));
  }

  /** InitProducerId for a client that numbers its own batches (with `produce`). */
  initProducerId(): { producerId: number; producerEpoch: number } {
    this.core.maintain();
    const producerId = this.core.allocateProducerId();
    this.core.record({ family: "log", type: "init-producer-id", producerId, producerEpoch: 0, transactionalId: null });
    return { producerId, producerEpoch: 0 };
  }

  /**
   * The low-level produce: one batch to one partition, with the producer id, epoch and sequence
   * number the client chose. A batch equal to one of the last five from that producer is a
   * retry: nothing is written and the first write's offsets come back with `duplicate: true`.
   * @throws OutOfOrderSequenceError, InvalidProducerEpochError, plus bad-input errors.
   */
  produce(request: ProduceRequest): ProduceResponse {
    this.core.maintain();
    if (typeof request !== "object" || request === null) throw new InvalidArgumentError("request", "must be { topic, partition, records, ... }", request);
    checkOptions(request, PRODUCE_REQUEST);
    const t = this.core.topic(request.topic);
    const log = this.core.partitionLog(request.topic, request.partition);
    const pid = request.producerId ?? NO_PRODUCER_ID;
    const epoch = request.producerEpoch ?? 0;
    const seq = request.baseSequence ?? -1;
    if (!Number.isSafeInteger(pid) || pid < -1) throw new InvalidArgumentError("producerId", "must be -1 or an id from initProducerId()", pid);
    if (!Number.isInteger(epoch) || epoch < 0 || epoch > 32_767) throw new InvalidArgumentError("producerEpoch", "must be an integer from 0 to 32767", epoch);
    if (pid >= 0 && (!Number.isInteger(seq) || seq < 0 || seq > 2_147_483_647)) {
      throw new InvalidArgumentError("baseSequence", "must be an integer from 0 to 2147483647 for an idempotent producer", seq);
    }
    const prepared = prepareRecords(request.topic, request.records, t.config, t.partitions.length, this.clock.now());
    const { baseOffset, duplicate } = this.core.append(t, log, prepared, pid, epoch, seq, null);
    this.core.wake();
    return {
      baseOffset,
      duplicate,
      records: prepared.map((r, i) => ({ topic: t.name, partition: log.partition, offset: baseOffset + i, timestamp: r.timestamp })),
    };
  }

  /**
   * The low-level OffsetCommit, with the coordinator's fencing.
   * @throws CommitFailedError (UNKNOWN_MEMBER_ID, ILLEGAL_GENERATION, NOT_ASSIGNED)
   */
  commitOffsets(request: OffsetCommitRequest): void {
    this.core.maintain();
    if (typeof request !== "object" || request === null || typeof request.groupId !== "string" || request.groupId === "") {
      throw new InvalidArgumentError("request", "must be { groupId, memberId?, generationId?, offsets }", request);
    }
    checkOptions(request, COMMIT_REQUEST);
    const offsets = this.groups.offsets.validate(request.offsets);
    const memberId = request.memberId ?? "";
    const generationId = request.generationId ?? -1;
    if (typeof memberId !== "string" || !Number.isInteger(generationId)) {
      throw new InvalidArgumentError("memberId/generationId", "must be a string and an integer", { memberId, generationId });
    }
    this.groups.offsets.check(request.groupId, memberId, generationId, offsets);
    this.groups.offsets.store(request.groupId, memberId, generationId, offsets);
  }

  /** The group's committed offset for a partition, or null. */
  committed(groupId: string, topic: string, partition: number): number | null {
    this.core.maintain();
    this.core.partitionLog(topic, partition);
    return this.groups.offsets.get(groupId, topic, partition);
  }

  /** Log end offset − committed offset, or null when the group has not committed there. */
  lag(groupId: string, topic: string, partition: number): number | null {
    const committed = this.committed(groupId, topic, partition);
    return committed === null ? null : this.core.partitionLog(topic, partition).logEndOffset - committed;
  }

  /** Every partition the group has committed, with log end offset and lag. */
  groupOffsets(groupId: string): GroupPartitionOffset[] {
    this.core.maintain();
    this.knownGroup(groupId);
    return this.groups.offsets.groupOffsets(groupId);
  }

  listGroups(): string[] {
    this.core.maintain();
    return [...this.groups.groups.keys()].sort();
  }

  describeGroup(groupId: string): ConsumerGroupDescription {
    this.core.maintain();
    return this.groups.describe(this.knownGroup(groupId));
  }

  private knownGroup(groupId: string) {
    const g = this.groups.groups.get(groupId);
    if (g === undefined) throw new UnknownResourceError("group", groupId, "A group exists once a consumer subscribes or offsets are committed for it; check the groupId.");
    return g;
  }
}
