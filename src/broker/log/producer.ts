/**
 * A producer (Kafka's KafkaProducer, synchronous, plus sendAsync): send records to a topic,
 * idempotently by default, optionally inside transactions. Create it with `LogBroker.producer()`.
 */
import { IllegalStateError, InvalidArgumentError } from "../errors.js";
import type { LogCore } from "./core.js";
import type { GroupCoordinator } from "./group-coordinator.js";
import { ProducerFencedError } from "./log-errors.js";
import type { TxnMark } from "./partition-log.js";
import { metadataFor, type Batch, type ProducerSession } from "./producer-session.js";
import { prepareRecords } from "./records.js";
import type { TransactionCoordinator } from "./transactions.js";
import type { ConsumerGroupMetadata, ProducerRecord, RecordMetadata, TopicPartitionOffset } from "./types.js";

export class LogProducer {
  /** @internal */
  constructor(
    private readonly core: LogCore,
    private readonly groups: GroupCoordinator,
    private readonly txns: TransactionCoordinator,
    /** @internal */ readonly session: ProducerSession,
    readonly transactionalId: string | null,
    private readonly transactionTimeoutMs: number,
  ) {}

  get clientId(): string {
    return this.session.clientId;
  }
  /** enable.idempotence. */
  get idempotent(): boolean {
    return this.session.idempotent;
  }
  /** -1 without idempotence, or for a transactional producer before initTransactions. */
  get producerId(): number {
    return this.session.producerId;
  }
  get producerEpoch(): number {
    return this.session.epoch;
  }
  /** Whether a transaction is open (between beginTransaction and commit/abort). */
  get inTransaction(): boolean {
    return this.session.inTransaction;
  }

  /**
   * Appends records to `topic` and returns where each landed, in the order given. Records with a
   * key go to `defaultPartition(key, n)`; without one, to the keyless strategy's choice. All
   * records are checked before any is written.
   * @throws UnknownResourceError, InvalidArgumentError, MessageTooLargeError for bad input;
   * ProducerFencedError; IllegalStateError (closed, crashed, transactional outside a
   * transaction, or an idempotent producer with a batch held in flight).
   */
  send(topic: string, records: readonly ProducerRecord[]): RecordMetadata[] {
    this.core.maintain();
    const s = this.session;
    this.checkCanSend();
    if (s.idempotent && s.inflightCount > 0) {
      throw new IllegalStateError("BATCH_IN_FLIGHT", "An earlier sendAsync batch is still in flight, so send() cannot keep the order.\nAwait it (advance the clock past the delay), or use sendAsync.");
    }
    const t = this.core.topic(topic);
    const prepared = prepareRecords(topic, records, t.config, t.partitions.length, this.core.clock.now());
    const batches = s.split(t, prepared);
    const mark = this.transactionMark(batches);
    const bases = batches.map((b) => s.deliver(b, s.nextSequence(b), s.epoch, mark));
    this.core.wake();
    return metadataFor(batches, bases, prepared.length);
  }

  /**
   * Like send, but resolves when every batch has landed. Without the delay fault it lands at
   * once; with it, batches wait on the clock (see LogFaults.delayProduce).
   */
  sendAsync(topic: string, records: readonly ProducerRecord[]): Promise<RecordMetadata[]> {
    const s = this.session;
    try {
      if (s.delays.length === 0 && s.inflightCount === 0) return Promise.resolve(this.send(topic, records));
      this.core.maintain();
      this.checkCanSend();
      const t = this.core.topic(topic);
      const prepared = prepareRecords(topic, records, t.config, t.partitions.length, this.core.clock.now());
      const batches = s.split(t, prepared);
      const mark = this.transactionMark(batches);
      return new Promise((resolve, reject) => {
        const bases: number[] = new Array(batches.length);
        let pending = batches.length;
        let failed = false;
        batches.forEach((b, i) =>
          s.sendInFlight(b, mark, (result) => {
            if (failed) return;
            if (result instanceof Error) {
              failed = true;
              reject(result);
              return;
            }
            bases[i] = result;
            if (--pending === 0) resolve(metadataFor(batches, bases, prepared.length));
          }),
        );
        this.core.wake();
      });
    } catch (err) {
      return Promise.reject(err);
    }
  }

  /**
   * Registers the transactional.id with the coordinator: gets the producer id and a new epoch,
   * aborts any transaction an older instance left open, and fences that instance.
   */
  initTransactions(): void {
    this.core.maintain();
    this.usable();
    const s = this.session;
    if (this.transactionalId === null) throw new IllegalStateError("NOT_TRANSACTIONAL", "This producer has no transactionalId.\nCreate it with producer({ transactionalId }).");
    if (s.initialized) throw new IllegalStateError("ALREADY_INITIALIZED", "initTransactions() was already called on this producer.\nCall it once, right after creating the producer.");
    s.entry = this.txns.initProducerId(this.transactionalId, s, this.transactionTimeoutMs);
    s.sequences.clear();
    s.initialized = true;
  }

  beginTransaction(): void {
    this.core.maintain();
    this.checkTransactional();
    if (this.session.inTransaction) throw new IllegalStateError("TRANSACTION_IN_PROGRESS", "A transaction is already open.\nCommit or abort it before beginning another.");
    this.txns.begin(this.session.entry!);
  }

  /**
   * Adds a consumer group's offsets to the open transaction: they are committed with it, or
   * dropped if it aborts. The group metadata must be current (KIP-447 fencing).
   * @throws CommitFailedError when the member is gone, the generation is stale, or it does not
   * own a partition.
   */
  sendOffsetsToTransaction(offsets: readonly TopicPartitionOffset[], groupMetadata: ConsumerGroupMetadata): void {
    this.core.maintain();
    this.checkInTransaction();
    const list = this.groups.offsets.validate(offsets);
    const meta = groupMetadata as ConsumerGroupMetadata | undefined;
    if (typeof meta !== "object" || meta === null || typeof meta.groupId !== "string" || meta.groupId === "" || !Number.isInteger(meta.generationId) || typeof meta.memberId !== "string") {
      throw new InvalidArgumentError("groupMetadata", "must be { groupId, generationId, memberId } from consumer.groupMetadata()", groupMetadata);
    }
    this.groups.offsets.check(meta.groupId, meta.memberId, meta.generationId, list);
    this.txns.addOffsets(this.session.entry!, { groupId: meta.groupId, generationId: meta.generationId, memberId: meta.memberId }, list);
  }

  /** Writes commit markers: the transaction's records become visible to read_committed readers. */
  commitTransaction(): void {
    this.endTransaction(true);
  }

  /** Writes abort markers: read_committed readers skip the transaction's records. */
  abortTransaction(): void {
    this.endTransaction(false);
  }

  /** Closes the producer; an open transaction is aborted, held batches are dropped. */
  close(): void {
    const s = this.session;
    if (s.closed) return;
    this.usable(true);
    s.dropInFlight(new IllegalStateError("PRODUCER_CLOSED", "The producer was closed before this batch was sent.\nSend before closing."));
    if (s.fenced === null && s.inTransaction) this.txns.end(s.entry!, false, "producer closed");
    s.closed = true;
  }

  private endTransaction(commit: boolean): void {
    this.core.maintain();
    this.checkInTransaction();
    if (this.session.inflightCount > 0) {
      throw new IllegalStateError("BATCH_IN_FLIGHT", "A batch of this transaction is still in flight.\nAdvance the clock until it lands, then end the transaction.");
    }
    this.txns.end(this.session.entry!, commit, commit ? "commit" : "abort");
  }

  private transactionMark(batches: readonly Batch[]): TxnMark | null {
    const entry = this.session.entry;
    if (entry?.open == null) return null;
    for (const b of batches) this.txns.addPartition(entry, b.topic, b.log);
    return entry.open.mark;
  }

  private usable(allowFenced = false): void {
    const s = this.session;
    if (s.crashed) throw new IllegalStateError("PRODUCER_CRASHED", "This producer crashed (an injected fault).\nCreate a new one; with the same transactionalId, initTransactions() aborts what this one left open.");
    if (s.closed) throw new IllegalStateError("PRODUCER_CLOSED", "This producer is closed.\nCreate a new one.");
    if (!allowFenced && s.fenced !== null) throw new ProducerFencedError(this.transactionalId ?? "", s.fenced);
  }

  private checkTransactional(): void {
    this.usable();
    if (this.transactionalId === null) throw new IllegalStateError("NOT_TRANSACTIONAL", "This producer has no transactionalId.\nCreate it with producer({ transactionalId }).");
    if (!this.session.initialized) throw new IllegalStateError("TRANSACTIONS_NOT_INITIALIZED", "initTransactions() has not been called.\nCall it once before the first transaction.");
  }

  private checkInTransaction(): void {
    this.checkTransactional();
    if (!this.session.inTransaction) throw new IllegalStateError("NO_TRANSACTION", "No transaction is open.\nCall beginTransaction() first.");
  }

  private checkCanSend(): void {
    if (this.transactionalId !== null) this.checkInTransaction();
    else this.usable();
  }
}
