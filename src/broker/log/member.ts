/**
 * A consumer's membership state, shared by the consumer client and the group coordinator.
 * Because our broker and its clients live in one process, the coordinator updates it
 * directly; it still keeps the consumer's own view (what it owns, its generation) apart from
 * the group's, so an evicted consumer goes on believing it owns its partitions — a zombie —
 * until it next talks to the coordinator.
 */
import type { TimerHandle } from "../clock.js";
import type { LogCore } from "./core.js";
import type { AssignorName, AutoOffsetReset, IsolationLevel, TopicPartition } from "./types.js";

/** Called by the group on rebalances (Kafka's ConsumerRebalanceListener). */
export interface ConsumerRebalanceListener {
  /** After a rebalance: the partitions added (cooperative) or the whole new assignment (eager). */
  onAssign?(partitions: TopicPartition[]): void;
  /** Before partitions are taken away; they are still owned, so committing here works. */
  onRevoke?(partitions: TopicPartition[]): void;
  /** Partitions already given to others (this member was evicted). @default calls onRevoke */
  onLost?(partitions: TopicPartition[]): void;
}

/** A consumer's settings with every default filled in. */
export interface ResolvedConsumerConfig {
  groupId: string;
  clientId: string;
  isolationLevel: IsolationLevel;
  autoOffsetReset: AutoOffsetReset;
  sessionTimeoutMs: number;
  maxPollIntervalMs: number;
  maxPollRecords: number;
  partitionAssignors: readonly AssignorName[];
  enableAutoCommit: boolean;
  autoCommitIntervalMs: number;
}

export interface OwnedPartition {
  readonly topic: string;
  readonly partition: number;
  /** Next offset to read; null until resolved from the committed offset or auto.offset.reset. */
  position: number | null;
  /**
   * A seekToBeginning ("earliest") or seekToEnd ("latest") not yet applied: as in Kafka, it is
   * resolved lazily, at the next poll or position().
   */
  reset: "earliest" | "latest" | null;
}

/**
 * - idle: not subscribed. member: in the group. left: evicted or left on poll timeout; rejoins
 *   on the next poll. closed / crashed: unusable.
 */
export type MemberStatus = "idle" | "member" | "left" | "closed" | "crashed";

export class MemberState {
  memberId = "";
  generationId = -1;
  status: MemberStatus = "idle";
  connected = true;
  subscription: readonly string[] = [];
  listener: ConsumerRebalanceListener = {};
  /** This consumer's view of what it owns, keyed by `topic:partition`. */
  readonly owned = new Map<string, OwnedPartition>();
  /** An error thrown by a listener, rethrown from the next poll (as Kafka does). */
  callbackError: unknown = undefined;
  lastPollAt: number;
  sessionTimer: TimerHandle | null = null;
  pollTimer: TimerHandle | null = null;
  fetchDelayedUntil = -Infinity;
  crashBeforeCommit = false;
  fetchCursor = 0;
  nextAutoCommitAt: number;

  constructor(
    readonly core: LogCore,
    readonly config: ResolvedConsumerConfig,
  ) {
    this.lastPollAt = core.clock.now();
    this.nextAutoCommitAt = this.lastPollAt + config.autoCommitIntervalMs;
  }

  get groupId(): string {
    return this.config.groupId;
  }

  /** The owned partitions as plain topic/partition pairs, sorted. */
  ownedList(): TopicPartition[] {
    return [...this.owned.values()]
      .map(({ topic, partition }) => ({ topic, partition }))
      .sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition));
  }

  /** Calls a listener method, keeping (and tracing) what it throws instead of letting it escape. */
  invoke(name: "onAssign" | "onRevoke" | "onLost", partitions: TopicPartition[]): void {
    const fn = name === "onLost" ? (this.listener.onLost ?? this.listener.onRevoke) : this.listener[name];
    if (fn === undefined) return;
    try {
      fn.call(this.listener, partitions);
    } catch (err) {
      if (this.callbackError === undefined) this.callbackError = err;
      this.core.record({
        family: "log",
        type: "callback-error",
        groupId: this.groupId,
        memberId: this.memberId,
        callback: name,
        message: err instanceof Error ? err.message : String(err),
      });
    }
  }
}
