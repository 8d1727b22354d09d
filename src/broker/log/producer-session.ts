/**
 * A producer instance's client-side state and its sending machinery: splitting a send into one
 * batch per partition, numbering batches for idempotence, and batches held in flight by the
 * delay fault (for sendAsync).
 *
 * In flight, an idempotent producer keeps order per partition: a later batch reaching the
 * partition first is refused with OUT_OF_ORDER_SEQUENCE_NUMBER and re-sent after the earlier one
 * lands (what Kafka's client does with max.in.flight.requests.per.connection <= 5). A producer
 * without idempotence lets the later batch land first: the records end up reordered.
 */
import type { TimerHandle } from "../clock.js";
import { tpKey } from "./assignors.js";
import type { LogCore, Topic } from "./core.js";
import { OutOfOrderSequenceError } from "./log-errors.js";
import type { PartitionLog, TxnMark } from "./partition-log.js";
import type { Partitioner } from "./partitioner.js";
import { NO_PRODUCER_ID, seqAdd } from "./producer-state.js";
import type { PreparedRecord } from "./records.js";
import type { TransactionalEntry, TransactionalSession } from "./transactions.js";
import type { RecordMetadata } from "./types.js";

/** One produce request's worth of records for one partition. */
export interface Batch {
  readonly topic: Topic;
  readonly log: PartitionLog;
  readonly records: PreparedRecord[];
  /** Position of each record in the caller's array. */
  readonly indexes: number[];
}

interface InFlightBatch {
  readonly batch: Batch;
  readonly seq: number;
  readonly epoch: number;
  readonly mark: TxnMark | null;
  ready: boolean;
  timer: TimerHandle | null;
  settle(result: number | Error): void;
}

export class ProducerSession implements TransactionalSession {
  producerId = NO_PRODUCER_ID;
  epoch = -1;
  fenced: string | null = null;
  crashed = false;
  closed = false;
  /** Transactional producers: initTransactions done. */
  initialized = false;
  entry: TransactionalEntry | null = null;
  /** Next sequence number per `topic:partition`, for the topic instance it was counted on. */
  readonly sequences = new Map<string, { topic: Topic; next: number }>();
  /** Faults: how many coming batches are delivered twice, and delays for coming sendAsync batches. */
  duplicateNext = 0;
  readonly delays: number[] = [];
  private readonly inflight = new Map<string, InFlightBatch[]>();
  inflightCount = 0;

  constructor(
    readonly core: LogCore,
    readonly clientId: string,
    readonly idempotent: boolean,
    readonly partitioner: Partitioner,
  ) {}

  get inTransaction(): boolean {
    return this.entry?.open != null;
  }

  /** Groups records by partition, asking the partitioner for those without one. */
  split(t: Topic, records: readonly PreparedRecord[]): Batch[] {
    const byPartition = new Map<number, Batch>();
    records.forEach((r, i) => {
      const p = r.partition >= 0 ? r.partition : this.partitioner.choose(t.name, t.partitions.length, r.key, r.size);
      let b = byPartition.get(p);
      if (b === undefined) {
        b = { topic: t, log: t.partitions[p]!, records: [], indexes: [] };
        byPartition.set(p, b);
      }
      b.records.push(r);
      b.indexes.push(i);
    });
    return [...byPartition.values()];
  }

  /** Takes the next sequence number(s) for a batch (-1 without idempotence). */
  nextSequence(b: Batch): number {
    if (!this.idempotent) return -1;
    const k = tpKey(b.topic.name, b.log.partition);
    const entry = this.sequences.get(k);
    // A topic deleted and created again is a new partition: its sequence starts at 0.
    const seq = entry !== undefined && entry.topic === b.topic ? entry.next : 0;
    this.sequences.set(k, { topic: b.topic, next: seqAdd(seq, b.records.length) });
    return seq;
  }

  /** Sends a batch to its partition now (and a second time if the duplicate fault is armed). */
  deliver(b: Batch, seq: number, epoch: number, mark: TxnMark | null): number {
    const pid = this.idempotent ? this.producerId : NO_PRODUCER_ID;
    const { baseOffset } = this.core.append(b.topic, b.log, b.records, pid, epoch, seq, mark);
    if (this.duplicateNext > 0) {
      this.duplicateNext--;
      this.core.record({
        family: "log",
        type: "fault",
        fault: "duplicate-produce",
        target: this.clientId,
        topic: b.topic.name,
        partition: b.log.partition,
        baseSequence: seq,
      });
      // The ack was lost and the client retried the same batch.
      this.core.append(b.topic, b.log, b.records, pid, epoch, seq, mark);
    }
    return baseOffset;
  }

  /** Sends a batch for sendAsync: held if a delay is armed, queued behind an earlier held batch if idempotent. */
  sendInFlight(b: Batch, mark: TxnMark | null, settle: (result: number | Error) => void): void {
    const seq = this.nextSequence(b);
    const k = tpKey(b.topic.name, b.log.partition);
    const fl: InFlightBatch = { batch: b, seq, epoch: this.epoch, mark, ready: true, timer: null, settle };
    const queue = this.inflight.get(k) ?? [];
    const delay = this.delays.shift();
    if (delay !== undefined) {
      fl.ready = false;
      this.core.record({ family: "log", type: "fault", fault: "delay-produce", target: this.clientId, topic: b.topic.name, partition: b.log.partition, ms: delay });
      fl.timer = this.core.clock.setTimeout(() => {
        fl.timer = null;
        fl.ready = true;
        this.drain(k);
        this.core.wake();
      }, delay);
      this.enqueue(k, queue, fl);
      return;
    }
    if (this.idempotent && queue.length > 0) {
      // It reaches the partition before the held batch: refused, then retried behind it. A
      // partition that has not seen this producer would accept any first sequence, so then the
      // client holds the batch back without sending it, keeping the order it promises.
      if (b.log.producers.has(this.producerId)) {
        try {
          this.deliver(b, seq, fl.epoch, mark);
        } catch (err) {
          if (!(err instanceof OutOfOrderSequenceError)) throw err;
        }
      }
      this.enqueue(k, queue, fl);
      return;
    }
    this.land(fl);
  }

  /** Drops every held batch, failing its send (the producer closed or crashed). */
  dropInFlight(reason: Error): void {
    for (const queue of this.inflight.values()) {
      for (const fl of queue) {
        if (fl.timer !== null) this.core.clock.clearTimeout(fl.timer);
        fl.settle(reason);
      }
    }
    this.inflight.clear();
    this.inflightCount = 0;
  }

  private enqueue(k: string, queue: InFlightBatch[], fl: InFlightBatch): void {
    queue.push(fl);
    this.inflight.set(k, queue);
    this.inflightCount++;
  }

  private drain(k: string): void {
    const queue = this.inflight.get(k);
    if (queue === undefined) return;
    // Without idempotence each held batch lands on its own; with it, strictly in queue order.
    for (let i = 0; i < queue.length; ) {
      const fl = queue[i]!;
      if (!fl.ready) {
        if (this.idempotent) break;
        i++;
        continue;
      }
      queue.splice(i, 1);
      this.inflightCount--;
      this.land(fl);
    }
    if (queue.length === 0) this.inflight.delete(k);
  }

  private land(fl: InFlightBatch): void {
    try {
      fl.settle(this.deliver(fl.batch, fl.seq, fl.epoch, fl.mark));
    } catch (err) {
      fl.settle(err instanceof Error ? err : new Error(String(err)));
    }
  }
}

/** Builds the metadata array (in the caller's record order) from batches and their base offsets. */
export function metadataFor(batches: readonly Batch[], baseOffsets: readonly number[], count: number): RecordMetadata[] {
  const out: RecordMetadata[] = new Array(count);
  batches.forEach((b, bi) => {
    const base = baseOffsets[bi]!;
    b.records.forEach((r, j) => {
      out[b.indexes[j]!] = { topic: b.topic.name, partition: b.log.partition, offset: base + j, timestamp: r.timestamp };
    });
  });
  return out;
}
