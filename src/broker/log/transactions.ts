/**
 * The transaction coordinator: maps each transactional.id to a producer id and epoch, fences
 * older instances, and ends transactions by writing a control marker into every partition the
 * transaction wrote to and, on commit, the group offsets it carried.
 *
 * Readers: a record of an open transaction holds back read_committed consumers at the last
 * stable offset; once the marker is written, its records are visible (commit) or skipped
 * (abort). read_uncommitted consumers see every data record at once.
 */
import type { TimerHandle } from "../clock.js";
import { tpKey } from "./assignors.js";
import type { LogCore, Topic } from "./core.js";
import type { GroupCoordinator } from "./group-coordinator.js";
import type { PartitionLog, TxnMark } from "./partition-log.js";
import { fenceEpoch } from "./producer-state.js";
import type { ConsumerGroupMetadata, TopicPartitionOffset } from "./types.js";

/** Kafka's epoch is a short; when it runs out the coordinator hands out a new producer id. */
const MAX_EPOCH = 32_766;

/** What the coordinator needs from a producer instance: somewhere to say it is fenced. */
export interface TransactionalSession {
  producerId: number;
  epoch: number;
  fenced: string | null;
}

export interface OpenTransaction {
  /** The producer id the transaction's records carry (the entry's may change if the epoch runs out). */
  readonly producerId: number;
  readonly mark: TxnMark;
  readonly partitions: { topic: Topic; log: PartitionLog }[];
  readonly keys: Set<string>;
  /** groupId → offsets (latest per partition) and the group identity they were sent with. */
  readonly offsets: Map<string, { meta: ConsumerGroupMetadata; byPartition: Map<string, TopicPartitionOffset> }>;
  timer: TimerHandle | null;
}

export interface TransactionalEntry {
  readonly transactionalId: string;
  producerId: number;
  epoch: number;
  timeoutMs: number;
  owner: TransactionalSession | null;
  open: OpenTransaction | null;
}

export class TransactionCoordinator {
  private readonly entries = new Map<string, TransactionalEntry>();

  constructor(
    private readonly core: LogCore,
    private readonly groups: GroupCoordinator,
  ) {}

  /** InitProducerId for a transactional.id: aborts what an older instance left open and fences it. */
  initProducerId(transactionalId: string, session: TransactionalSession, timeoutMs: number): TransactionalEntry {
    let e = this.entries.get(transactionalId);
    if (e === undefined) {
      e = { transactionalId, producerId: this.core.allocateProducerId(), epoch: 0, timeoutMs, owner: session, open: null };
      this.entries.set(transactionalId, e);
    } else {
      const previous = e.owner;
      this.bumpEpoch(e);
      if (e.open !== null) this.end(e, false, "a new instance with this transactional.id called initTransactions");
      if (previous !== null && previous !== session) {
        previous.fenced = "a newer instance with the same transactional.id called initTransactions";
        this.core.record({
          family: "log",
          type: "producer-fenced",
          transactionalId,
          producerId: e.producerId,
          producerEpoch: e.epoch,
          reason: previous.fenced,
        });
      }
      e.owner = session;
      e.timeoutMs = timeoutMs;
    }
    session.producerId = e.producerId;
    session.epoch = e.epoch;
    this.core.record({ family: "log", type: "init-producer-id", producerId: e.producerId, producerEpoch: e.epoch, transactionalId });
    return e;
  }

  begin(e: TransactionalEntry): void {
    e.open = { producerId: e.producerId, mark: { status: "open" }, partitions: [], keys: new Set(), offsets: new Map(), timer: null };
    this.core.record({ family: "log", type: "transaction-begin", transactionalId: e.transactionalId, producerId: e.producerId, producerEpoch: e.epoch });
  }

  /** AddPartitionsToTxn: the first write to a partition in this transaction. */
  addPartition(e: TransactionalEntry, topic: Topic, log: PartitionLog): void {
    const open = e.open!;
    const k = tpKey(topic.name, log.partition);
    if (open.keys.has(k)) return;
    open.keys.add(k);
    open.partitions.push({ topic, log });
    this.startTimer(e);
  }

  /** TxnOffsetCommit: offsets to commit for a group if, and when, the transaction commits. */
  addOffsets(e: TransactionalEntry, meta: ConsumerGroupMetadata, offsets: readonly TopicPartitionOffset[]): void {
    const open = e.open!;
    let entry = open.offsets.get(meta.groupId);
    if (entry === undefined) {
      entry = { meta, byPartition: new Map() };
      open.offsets.set(meta.groupId, entry);
    }
    entry.meta = meta;
    for (const o of offsets) {
      const k = tpKey(o.topic, o.partition);
      if (!entry.byPartition.has(k)) this.groups.offsets.markPending(meta.groupId, k, 1);
      entry.byPartition.set(k, o);
    }
    this.startTimer(e);
    this.core.record({ family: "log", type: "transaction-offsets", transactionalId: e.transactionalId, groupId: meta.groupId, offsets: [...offsets] });
  }

  /** EndTxn: writes the markers (and, on commit, the offsets) and closes the transaction. */
  end(e: TransactionalEntry, commit: boolean, reason: string): void {
    const open = e.open;
    if (open === null) return;
    if (open.timer !== null) this.core.clock.clearTimeout(open.timer);
    e.open = null;
    open.mark.status = commit ? "committed" : "aborted";
    const now = this.core.clock.now();
    const markers: TopicPartitionOffset[] = [];
    for (const { topic, log } of open.partitions) {
      if (this.core.topics.get(topic.name) !== topic) continue; // deleted meanwhile
      if (open.producerId === e.producerId) fenceEpoch(log.producers, e.producerId, e.epoch);
      markers.push({ topic: topic.name, partition: log.partition, offset: log.appendMarker(commit, open.producerId, now, topic.config) });
    }
    for (const [groupId, { byPartition }] of open.offsets) {
      for (const k of byPartition.keys()) this.groups.offsets.markPending(groupId, k, -1);
    }
    if (commit) {
      for (const [groupId, { meta, byPartition }] of open.offsets) {
        const live = [...byPartition.values()].filter((o) => this.core.topics.get(o.topic)?.partitions[o.partition] !== undefined);
        if (live.length > 0) this.groups.offsets.store(groupId, meta.memberId, meta.generationId, live);
      }
    }
    this.core.record({
      family: "log",
      type: "transaction-end",
      transactionalId: e.transactionalId,
      producerId: open.producerId,
      result: commit ? "commit" : "abort",
      reason,
      markers,
    });
    this.core.wake();
  }

  private startTimer(e: TransactionalEntry): void {
    const open = e.open!;
    if (open.timer !== null) return;
    open.timer = this.core.clock.setTimeout(() => {
      open.timer = null;
      if (e.open !== open) return;
      // Kafka's coordinator aborts with a bumped epoch, which fences the producer.
      this.bumpEpoch(e);
      this.end(e, false, `transaction.timeout.ms (${e.timeoutMs} ms) passed`);
      if (e.owner !== null) {
        e.owner.fenced = `its transaction was open longer than transaction.timeout.ms (${e.timeoutMs} ms) and was aborted`;
        this.core.record({ family: "log", type: "producer-fenced", transactionalId: e.transactionalId, producerId: e.producerId, producerEpoch: e.epoch, reason: e.owner.fenced });
      }
    }, e.timeoutMs);
  }

  private bumpEpoch(e: TransactionalEntry): void {
    if (e.epoch >= MAX_EPOCH) {
      e.producerId = this.core.allocateProducerId();
      e.epoch = 0;
    } else e.epoch++;
  }
}
