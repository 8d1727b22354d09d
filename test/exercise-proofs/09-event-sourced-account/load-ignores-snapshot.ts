import type { LogBroker, LogConsumer, LogProducer } from "mqtutor/broker";

/** An append whose expected version is not the stream's version. */
export class ConcurrencyError extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`${streamId} is at version ${actual}, not ${expected}: load it again and decide again.`);
    this.name = "ConcurrencyError";
  }
}

/** The folded state of a stream at a version. */
export interface Snapshot<S> {
  version: number;
  state: S;
}

export interface EventStoreOptions<S, E> {
  /** Every appended event is also produced here, for projections. */
  broker: LogBroker;
  /** An existing topic: one record per event, key = stream id, header `version`. */
  topic: string;
  /** The state of a stream with no events, and how one event changes a state. */
  initial: S;
  evolve: (state: S, event: E) => S;
  /** Take a snapshot each time an append reaches or passes a multiple of this. */
  snapshotEvery: number;
}

/**
 * An event store: streams of events numbered from version 1, appends guarded by the expected
 * version, snapshots as a cache of the fold, and every event published to the log.
 */
export class EventStore<S, E> {
  private readonly streams = new Map<string, E[]>();
  private readonly snapshots = new Map<string, Snapshot<S>>();
  private readonly producer: LogProducer;

  constructor(private readonly options: EventStoreOptions<S, E>) {
    this.producer = options.broker.producer();
  }

  /** The stream's version: how many events it holds (0 for a new stream). */
  version(streamId: string): number {
    return this.streams.get(streamId)?.length ?? 0;
  }

  /** The events from `fromVersion` on (version 1 is the first event). */
  read(streamId: string, fromVersion = 1): E[] {
    return (this.streams.get(streamId) ?? []).slice(Math.max(0, fromVersion - 1));
  }

  /**
   * Appends `events` if the stream is still at `expectedVersion`; returns the new version.
   * @throws ConcurrencyError when someone else appended since the caller loaded.
   */
  append(streamId: string, expectedVersion: number, events: E[]): number {
    const actual = this.version(streamId);
    if (actual !== expectedVersion) throw new ConcurrencyError(streamId, expectedVersion, actual);
    if (events.length === 0) return actual;
    // Publish first: a send that throws writes nothing, so the store stays as it was.
    this.producer.send(
      this.options.topic,
      events.map((event, i) => ({
        key: streamId,
        value: JSON.stringify(event),
        headers: { version: String(actual + i + 1) },
      })),
    );
    const stream = this.streams.get(streamId) ?? [];
    stream.push(...events);
    this.streams.set(streamId, stream);
    const every = this.options.snapshotEvery;
    if (Math.floor(stream.length / every) > Math.floor(actual / every)) {
      this.snapshots.set(streamId, this.fold(streamId, undefined));
    }
    return stream.length;
  }

  /** The stream's state and version: the latest snapshot, then the events after it. */
  load(streamId: string): Snapshot<S> {
    return this.fold(streamId, undefined);
  }

  snapshot(streamId: string): Snapshot<S> | undefined {
    return this.snapshots.get(streamId);
  }

  private fold(streamId: string, from: Snapshot<S> | undefined): Snapshot<S> {
    let state = from?.state ?? this.options.initial;
    const events = this.read(streamId, (from?.version ?? 0) + 1);
    for (const event of events) state = this.options.evolve(state, event);
    return { version: (from?.version ?? 0) + events.length, state };
  }
}

/** How many times `execute` tries before giving up on a busy stream. */
export const MAX_TRIES = 3;

/**
 * Handles one command: load, decide, append with the version that was loaded. When another
 * writer got there first, load again and decide again on the new state. `decide` returns the
 * new events, or none to refuse the command.
 */
export function execute<S, E>(
  store: EventStore<S, E>,
  streamId: string,
  decide: (state: S) => E[],
): { version: number; events: E[] } {
  for (let attempt = 1; ; attempt++) {
    const { state, version } = store.load(streamId);
    const events = decide(state);
    try {
      return { version: store.append(streamId, version, events), events };
    } catch (err) {
      if (!(err instanceof ConcurrencyError) || attempt >= MAX_TRIES) throw err;
    }
  }
}

/** The account's events, as the projection reads them from the log. */
export type AccountEvent =
  | { type: "Opened" }
  | { type: "Deposited"; amount: number }
  | { type: "Withdrawn"; amount: number };

/** One row of the balances read model. */
export interface BalanceRow {
  balance: number;
  /** The version of the last event applied to this row. */
  version: number;
}

export interface BalancesOptions {
  broker: LogBroker;
  topic: string;
  /** The projection's consumer group: its committed offsets are its position. */
  groupId: string;
  /** The read model (a table in the projection's database). */
  table: Map<string, BalanceRow>;
}

/**
 * The balances projection: reads account events from the log and keeps one row per account.
 * A new group reads from offset 0, which is how the read model is rebuilt.
 */
export function startBalances(options: BalancesOptions): { consumer: LogConsumer; catchUp(): void } {
  const { broker, topic, groupId, table } = options;
  const consumer = broker.consumer({ groupId, autoOffsetReset: "earliest" });
  consumer.subscribe([topic]);

  function apply(accountId: string, version: number, event: AccountEvent): void {
    const row = table.get(accountId) ?? { balance: 0, version: 0 };
    // Offsets are committed after the rows are written, so a crash in between
    // brings these events again: skip what this row has already seen.
    if (version <= row.version) return;
    const change = event.type === "Deposited" ? event.amount : event.type === "Withdrawn" ? -event.amount : 0;
    table.set(accountId, { balance: row.balance + change, version });
  }

  return {
    consumer,
    catchUp(): void {
      for (let records = consumer.poll(); records.length > 0; records = consumer.poll()) {
        for (const r of records) {
          apply(String(r.key), Number(String(r.headers.version)), JSON.parse(String(r.value)) as AccountEvent);
        }
        consumer.commitSync(); // the position moves only past rows already written
      }
    },
  };
}
