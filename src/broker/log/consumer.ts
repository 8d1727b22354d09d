/**
 * A consumer in a group (Kafka's KafkaConsumer, synchronous): subscribe, poll, commit, seek.
 * Create it with `LogBroker.consumer({ groupId })`.
 */
import { IllegalStateError, InvalidArgumentError } from "../errors.js";
import { optionSpec, unknownKey } from "../options.js";
import { tpKey } from "./assignors.js";
import type { LogCore } from "./core.js";
import { fetchRecords, resolvePositions } from "./fetcher.js";
import type { GroupCoordinator } from "./group-coordinator.js";
import { UnstableOffsetCommitError } from "./log-errors.js";
import type { FetchedRange } from "./log-events.js";
import type { ConsumerRebalanceListener, MemberState, MemberStatus, OwnedPartition } from "./member.js";
import type { ConsumerGroupMetadata, LogRecord, TopicPartition, TopicPartitionOffset } from "./types.js";

const LISTENER = optionSpec("subscribe() listener", ["onAssign", "onRevoke", "onLost"], { noun: "callback" });

export class LogConsumer {
  /** @internal */
  constructor(
    private readonly core: LogCore,
    private readonly groups: GroupCoordinator,
    /** @internal */ readonly state: MemberState,
  ) {}

  get groupId(): string {
    return this.state.groupId;
  }
  get clientId(): string {
    return this.state.config.clientId;
  }
  /** Assigned by the coordinator on join ("" before); a new one after each rejoin. */
  get memberId(): string {
    return this.state.memberId;
  }
  /** The generation this consumer last joined (-1 before). */
  get generationId(): number {
    return this.state.generationId;
  }
  get status(): MemberStatus {
    return this.state.status;
  }

  /**
   * Joins the group for these topics (or changes the subscription), which rebalances the group.
   * @throws UnknownResourceError for a topic that does not exist.
   * @throws InconsistentGroupProtocolError when no assignor is shared with the group.
   */
  subscribe(topics: readonly string[], listener?: ConsumerRebalanceListener): void {
    this.core.maintain();
    this.usable();
    if (!Array.isArray(topics) || topics.length === 0) {
      throw new InvalidArgumentError("topics", "must be a non-empty array of topic names", topics);
    }
    for (const t of topics) this.core.topic(t);
    if (listener !== undefined && (typeof listener !== "object" || listener === null)) {
      throw new InvalidArgumentError("listener", "must be an object with onAssign/onRevoke/onLost functions", listener);
    }
    // Only functions are refused: a listener object may carry state of its own.
    for (const k in listener) {
      if (!LISTENER.keys.has(k) && typeof (listener as Record<string, unknown>)[k] === "function") throw unknownKey(k, LISTENER);
    }
    for (const name of ["onAssign", "onRevoke", "onLost"] as const) {
      const fn = listener?.[name];
      if (fn !== undefined && typeof fn !== "function") throw new InvalidArgumentError(`listener.${name}`, "must be a function", fn);
    }
    const s = this.state;
    const list = [...new Set(topics)].sort();
    if (s.status === "idle") this.groups.checkProtocol(s);
    if (listener !== undefined) s.listener = listener;
    if (s.status === "idle") {
      if (s.connected) this.groups.join(s, list);
      else {
        s.subscription = list;
        s.status = "left"; // joins on the first poll after reconnecting
      }
    } else if (s.status === "member") {
      if (list.join("\n") !== s.subscription.join("\n")) this.groups.resubscribe(s, list);
    } else s.subscription = list;
  }

  /** Leaves the group (revoking what it owns) and forgets the subscription. */
  unsubscribe(): void {
    this.core.maintain();
    this.usable();
    const s = this.state;
    if (s.status === "member" && s.connected) this.groups.leave(s, "unsubscribe");
    else this.groups.loseAll(s); // cannot reach the coordinator (or already removed): just drop what it owns
    s.status = "idle";
    s.subscription = [];
  }

  subscription(): string[] {
    return [...this.state.subscription];
  }

  /** The partitions this consumer believes it owns ([] once unsubscribed or closed). */
  assignment(): TopicPartition[] {
    const st = this.state.status;
    return st === "idle" || st === "closed" ? [] : this.state.ownedList();
  }

  /**
   * Returns up to `maxRecords` records from the owned partitions and advances the positions.
   * Rejoins first if the coordinator removed this consumer; rethrows a listener's error.
   * Returns [] while disconnected or delayed.
   * @default maxRecords maxPollRecords (500)
   */
  poll(maxRecords?: number): LogRecord[] {
    const max = this.beginPoll(maxRecords);
    const ranges: FetchedRange[] | null = this.core.tracing ? [] : null;
    const records = fetchRecords(this.core, this.groups.offsets, this.state, max, ranges);
    this.tracePoll(records.length, ranges);
    return records;
  }

  /**
   * Like poll, but when nothing is there yet, waits until records arrive or `timeoutMs` passes
   * on the broker's clock (then resolves with []).
   */
  pollAsync(timeoutMs: number, maxRecords?: number): Promise<LogRecord[]> {
    try {
      if (!Number.isFinite(timeoutMs) || timeoutMs < 0) throw new InvalidArgumentError("timeoutMs", "must be a number >= 0", timeoutMs);
      const first = this.poll(maxRecords);
      if (first.length > 0 || timeoutMs === 0) return Promise.resolve(first);
    } catch (err) {
      return Promise.reject(err);
    }
    const max = maxRecords ?? this.state.config.maxPollRecords;
    return new Promise((resolve, reject) => {
      const waiter = {
        tryResolve: (): boolean => {
          try {
            this.beginPoll(max);
            const ranges: FetchedRange[] | null = this.core.tracing ? [] : null;
            const records = fetchRecords(this.core, this.groups.offsets, this.state, max, ranges);
            if (records.length === 0) return false;
            this.core.clock.clearTimeout(timer);
            this.tracePoll(records.length, ranges);
            resolve(records);
          } catch (err) {
            this.core.clock.clearTimeout(timer);
            reject(err);
          }
          return true;
        },
      };
      const timer = this.core.clock.setTimeout(() => {
        this.core.removeWaiter(waiter);
        if (waiter.tryResolve()) return;
        this.tracePoll(0, []);
        resolve([]);
      }, timeoutMs);
      this.core.addWaiter(waiter);
    });
  }

  /**
   * Commits offsets for this consumer's group: by default the current position of every owned
   * partition (the next offset to read), else exactly `offsets`.
   * @throws CommitFailedError when fenced: UNKNOWN_MEMBER_ID, ILLEGAL_GENERATION, NOT_ASSIGNED.
   */
  commitSync(offsets?: readonly TopicPartitionOffset[]): void {
    this.core.maintain();
    this.usable();
    const s = this.state;
    if (s.status === "idle") throw new IllegalStateError("NOT_SUBSCRIBED", "This consumer is not subscribed to any topic.\nCall subscribe(topics) first.");
    const store = this.groups.offsets;
    const list = offsets === undefined ? store.positions(s) : store.validate(offsets);
    if (s.crashBeforeCommit) {
      this.core.record({ family: "log", type: "fault", fault: "crash-before-commit", target: s.memberId, offsets: list });
      crashConsumer(this.core, this.groups, this);
      this.usable();
    }
    if (!s.connected) {
      throw new IllegalStateError("DISCONNECTED", "The consumer cannot reach the group coordinator, so nothing was committed.\nRetry after the connection is back; if the session times out, the group will rebalance.");
    }
    if (list.length === 0) return;
    store.check(s.groupId, s.memberId, s.generationId, list);
    store.store(s.groupId, s.memberId, s.generationId, list);
  }

  /**
   * The group's committed offset for a partition, or null.
   * @throws UnstableOffsetCommitError while an open transaction carries offsets for it (Kafka's
   * consumer would wait for that transaction to end).
   */
  committed(topic: string, partition: number): number | null {
    this.core.partitionLog(topic, partition);
    if (this.groups.offsets.isPending(this.state.groupId, topic, partition)) throw new UnstableOffsetCommitError(this.state.groupId, topic, partition);
    return this.groups.offsets.get(this.state.groupId, topic, partition);
  }

  /**
   * The next offset this consumer will read from an owned partition. Like Kafka's
   * updateFetchPositions, it first resolves every owned partition still without a position
   * (pending seeks, committed offsets, auto.offset.reset).
   * @throws UnstableOffsetCommitError while the partition's committed offset waits on an open
   * transaction (Kafka's position() would block until it ends).
   */
  position(topic: string, partition: number): number {
    this.core.maintain();
    this.usable();
    const o = this.ownedPartition(topic, partition);
    resolvePositions(this.core, this.groups.offsets, this.state, [...this.state.owned.values()]);
    if (o.position === null) throw new UnstableOffsetCommitError(this.groupId, topic, partition);
    return o.position;
  }

  /** Sets the next offset to read from an owned partition; out-of-range offsets reset on the next poll. */
  seek(topic: string, partition: number, offset: number): void {
    this.core.maintain();
    this.usable();
    const o = this.ownedPartition(topic, partition);
    if (!Number.isSafeInteger(offset) || offset < 0) throw new InvalidArgumentError("offset", "must be an integer >= 0", offset);
    o.position = offset;
    o.reset = null;
    this.core.record({ family: "log", type: "seek", groupId: this.groupId, memberId: this.memberId, topic, partition, offset });
    this.core.wake();
  }

  /**
   * Seeks owned partitions (all by default) to their log start offset. Lazy, as in Kafka: the
   * offset is looked up at the next poll or position().
   */
  seekToBeginning(partitions?: readonly TopicPartition[]): void {
    this.requestReset(partitions, "earliest");
  }

  /**
   * Seeks owned partitions (all by default) to their end: the log end offset, or for
   * read_committed the last stable offset. Lazy, as in Kafka: the end is looked up at the next
   * poll or position(), so records written in between are skipped.
   */
  seekToEnd(partitions?: readonly TopicPartition[]): void {
    this.requestReset(partitions, "latest");
  }

  /** Group id, generation and member id, for sendOffsetsToTransaction (KIP-447 fencing). */
  groupMetadata(): ConsumerGroupMetadata {
    return { groupId: this.groupId, generationId: this.generationId, memberId: this.memberId };
  }

  /** Leaves the group (auto-commit and onRevoke first). Closing twice does nothing. */
  close(): void {
    const s = this.state;
    if (s.status === "closed") return;
    this.usable();
    if (s.status === "member" && s.connected) this.groups.leave(s, "close");
    else this.groups.loseAll(s);
    s.status = "closed";
    if (s.pollTimer !== null) this.core.clock.clearTimeout(s.pollTimer);
    s.pollTimer = null;
    this.core.wake();
  }

  private usable(): void {
    const st = this.state.status;
    if (st === "crashed") throw new IllegalStateError("CONSUMER_CRASHED", "This consumer crashed (an injected fault).\nCreate a new consumer in the same group; it resumes from the last committed offsets.");
    if (st === "closed") throw new IllegalStateError("CONSUMER_CLOSED", "This consumer is closed.\nCreate a new consumer.");
  }

  private requestReset(partitions: readonly TopicPartition[] | undefined, to: "earliest" | "latest"): void {
    this.core.maintain();
    this.usable();
    if (partitions !== undefined && !Array.isArray(partitions)) {
      throw new InvalidArgumentError("partitions", "must be an array of { topic, partition }, or omitted for every owned partition", partitions);
    }
    // Check them all before changing any, so a bad one leaves every position as it was.
    const owned = (partitions ?? this.assignment()).map((p, i) => {
      if (typeof p !== "object" || p === null) throw new InvalidArgumentError(`partitions[${i}]`, "must be { topic, partition }", p);
      return this.ownedPartition(p.topic, p.partition);
    });
    for (const o of owned) {
      o.reset = to;
      const offset = to === "earliest" ? "beginning" : "end";
      this.core.record({ family: "log", type: "seek", groupId: this.groupId, memberId: this.memberId, topic: o.topic, partition: o.partition, offset });
    }
    this.core.wake();
  }

  private ownedPartition(topic: string, partition: number): OwnedPartition {
    this.core.partitionLog(topic, partition);
    const o = this.state.owned.get(tpKey(topic, partition));
    if (o === undefined) {
      throw new IllegalStateError("NO_CURRENT_ASSIGNMENT", `No current assignment for partition ${topic}-${partition}.\nOnly partitions in assignment() can be read, sought or asked for their position.`);
    }
    return o;
  }

  private beginPoll(maxRecords: number | undefined): number {
    this.core.maintain();
    this.usable();
    const s = this.state;
    const max = maxRecords ?? s.config.maxPollRecords;
    if (!Number.isInteger(max) || max < 1) throw new InvalidArgumentError("maxRecords", "must be an integer >= 1", max);
    if (s.status === "idle") throw new IllegalStateError("NOT_SUBSCRIBED", "This consumer is not subscribed to any topic.\nCall subscribe(topics) first.");
    if (s.callbackError !== undefined) {
      const err = s.callbackError;
      s.callbackError = undefined;
      throw err;
    }
    s.lastPollAt = this.core.clock.now();
    if (s.status === "left" && s.connected) this.groups.rejoin(s);
    this.groups.armPollTimer(s);
    if (s.config.enableAutoCommit && s.status === "member" && s.connected && s.lastPollAt >= s.nextAutoCommitAt) {
      this.groups.offsets.autoCommit(s);
    }
    return max;
  }

  private tracePoll(count: number, ranges: FetchedRange[] | null): void {
    if (ranges === null) return;
    this.core.record({ family: "log", type: "poll", groupId: this.groupId, memberId: this.memberId, count, fetched: ranges });
  }
}

/** The consumer's process dies: no leave, no commit; the group notices when its session times out. */
export function crashConsumer(core: LogCore, groups: GroupCoordinator, consumer: LogConsumer): void {
  const s = consumer.state;
  s.status = "crashed";
  s.connected = false;
  if (s.pollTimer !== null) core.clock.clearTimeout(s.pollTimer);
  s.pollTimer = null;
  groups.connectionChanged(s);
  core.wake();
}
