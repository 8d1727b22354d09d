/**
 * Deterministic fault injection for the log family. Every fault is a trace event with
 * `type: "fault"`, recorded when it takes effect.
 */
import { IllegalStateError, InvalidArgumentError } from "../errors.js";
import { crashConsumer, LogConsumer } from "./consumer.js";
import type { LogCore } from "./core.js";
import type { GroupCoordinator } from "./group-coordinator.js";
import { LogProducer } from "./producer.js";

export class LogFaults {
  /** @internal */
  constructor(
    private readonly core: LogCore,
    private readonly groups: GroupCoordinator,
  ) {}

  /**
   * The consumer's process dies now: no commit, no leave. Its partitions stay with it until its
   * session times out (sessionTimeoutMs on the clock); then the group rebalances and the new
   * owners start from the last committed offsets, so uncommitted records are read again.
   */
  crashConsumer(consumer: LogConsumer): void {
    this.aliveConsumer(consumer);
    this.core.record({ family: "log", type: "fault", fault: "crash-consumer", target: consumer.memberId || consumer.clientId });
    crashConsumer(this.core, this.groups, consumer);
  }

  /** The consumer crashes at its next commitSync, after processing and before the commit lands. */
  crashBeforeNextCommit(consumer: LogConsumer): void {
    this.aliveConsumer(consumer);
    consumer.state.crashBeforeCommit = true;
  }

  /**
   * The consumer loses its connection: polls return nothing, commits fail, and heartbeats stop.
   * Unless restored within sessionTimeoutMs, the coordinator removes it and rebalances; the
   * consumer finds out (onLost) at its first poll after reconnecting.
   */
  dropConnection(consumer: LogConsumer): void {
    this.aliveConsumer(consumer);
    const s = consumer.state;
    if (!s.connected) throw new IllegalStateError("ALREADY_DISCONNECTED", "This consumer's connection is already down.\nCall restoreConnection(consumer) first.");
    this.core.record({ family: "log", type: "fault", fault: "drop-connection", target: consumer.memberId || consumer.clientId });
    s.connected = false;
    this.groups.connectionChanged(s);
  }

  restoreConnection(consumer: LogConsumer): void {
    this.aliveConsumer(consumer);
    const s = consumer.state;
    if (s.connected) throw new IllegalStateError("ALREADY_CONNECTED", "This consumer's connection is up.\nDrop it first with dropConnection(consumer).");
    this.core.record({ family: "log", type: "fault", fault: "restore-connection", target: consumer.memberId || consumer.clientId });
    s.connected = true;
    this.groups.connectionChanged(s);
    this.core.wake();
  }

  /** The consumer's fetches return nothing for `ms` (a slow network); pollAsync waits it out. */
  delayFetch(consumer: LogConsumer, ms: number): void {
    this.aliveConsumer(consumer);
    positiveMs(ms);
    const s = consumer.state;
    s.fetchDelayedUntil = this.core.clock.now() + ms;
    this.core.record({ family: "log", type: "fault", fault: "delay-fetch", target: consumer.memberId || consumer.clientId, ms });
    this.core.clock.setTimeout(() => this.core.wake(), ms);
  }

  /**
   * The producer's next `count` batches are delivered twice (the ack was lost and the client
   * retried). An idempotent producer's retry is recognised and not written; without
   * idempotence the partition gets the records twice.
   */
  duplicateProduce(producer: LogProducer, count = 1): void {
    this.aliveProducer(producer);
    positiveCount(count);
    producer.session.duplicateNext += count;
  }

  /**
   * The producer's next `count` sendAsync batches are held in flight for `ms` of clock time.
   * Batches sent meanwhile to the same partition overtake them without idempotence (reordering)
   * and wait behind them with it.
   */
  delayProduce(producer: LogProducer, ms: number, count = 1): void {
    this.aliveProducer(producer);
    positiveMs(ms);
    positiveCount(count);
    for (let i = 0; i < count; i++) producer.session.delays.push(ms);
  }

  /**
   * The producer's process dies: held batches are lost and an open transaction stays open —
   * holding back read_committed readers — until transaction.timeout.ms passes or a new
   * instance with the same transactionalId calls initTransactions().
   */
  crashProducer(producer: LogProducer): void {
    this.aliveProducer(producer);
    this.core.record({ family: "log", type: "fault", fault: "crash-producer", target: producer.transactionalId ?? producer.clientId });
    const s = producer.session;
    s.crashed = true;
    s.dropInFlight(new IllegalStateError("PRODUCER_CRASHED", "The producer crashed before this batch was sent.\nA crashed producer's unsent batches are lost."));
  }

  private aliveConsumer(consumer: LogConsumer): void {
    if (!(consumer instanceof LogConsumer) || consumer.state.core !== this.core) {
      throw new InvalidArgumentError("consumer", "must be a consumer created by this broker", consumer === null ? null : typeof consumer);
    }
    const st = consumer.status;
    if (st === "crashed" || st === "closed") throw new IllegalStateError(`CONSUMER_${st.toUpperCase()}`, `This consumer is ${st}; faults apply to live consumers.\nInject the fault into a live consumer.`);
  }

  private aliveProducer(producer: LogProducer): void {
    if (!(producer instanceof LogProducer) || producer.session.core !== this.core) {
      throw new InvalidArgumentError("producer", "must be a producer created by this broker", producer === null ? null : typeof producer);
    }
    const s = producer.session;
    if (s.crashed || s.closed) throw new IllegalStateError(s.crashed ? "PRODUCER_CRASHED" : "PRODUCER_CLOSED", "This producer is no longer running; faults apply to live producers.\nInject the fault into a live producer.");
  }
}

function positiveMs(ms: number): void {
  if (!Number.isFinite(ms) || ms <= 0) throw new InvalidArgumentError("ms", "must be a number > 0", ms);
}

function positiveCount(n: number): void {
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("count", "must be an integer >= 1", n);
}
