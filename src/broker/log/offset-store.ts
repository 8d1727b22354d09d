/**
 * Committed offsets per group and partition, and the fencing that guards them: a commit must
 * come from a current member, with the group's current generation, for partitions it owns.
 *
 * Kafka's coordinator checks the member id and the generation (UNKNOWN_MEMBER_ID,
 * ILLEGAL_GENERATION). It does not check ownership; our broker also refuses a member's commit
 * for a partition it does not own (NOT_ASSIGNED), so that mistake shows up in a lesson instead
 * of silently moving another member's offset.
 */
import { InvalidArgumentError } from "../errors.js";
import { tpKey } from "./assignors.js";
import type { LogCore } from "./core.js";
import type { GroupCoordinator } from "./group-coordinator.js";
import { CommitFailedError, type CommitFailedCode } from "./log-errors.js";
import type { MemberState } from "./member.js";
import type { GroupPartitionOffset, TopicPartitionOffset } from "./types.js";

export class OffsetStore {
  // groupId → `topic:partition` → committed offset
  private readonly committed = new Map<string, Map<string, number>>();
  // groupId → `topic:partition` → how many open transactions carry offsets for it
  private readonly pending = new Map<string, Map<string, number>>();

  constructor(
    private readonly core: LogCore,
    private readonly groups: GroupCoordinator,
  ) {}

  get(groupId: string, topic: string, partition: number): number | null {
    return this.committed.get(groupId)?.get(tpKey(topic, partition)) ?? null;
  }

  /**
   * Whether an open transaction carries offsets for this partition (Kafka's coordinator then
   * answers a consumer's require_stable OffsetFetch with UNSTABLE_OFFSET_COMMIT).
   */
  isPending(groupId: string, topic: string, partition: number): boolean {
    return (this.pending.get(groupId)?.get(tpKey(topic, partition)) ?? 0) > 0;
  }

  /** A transaction added offsets for `key` (TxnOffsetCommit), or ended (`delta` -1). */
  markPending(groupId: string, key: string, delta: 1 | -1): void {
    let map = this.pending.get(groupId);
    if (map === undefined) {
      map = new Map();
      this.pending.set(groupId, map);
    }
    const n = (map.get(key) ?? 0) + delta;
    if (n > 0) map.set(key, n);
    else map.delete(key);
    if (map.size === 0) this.pending.delete(groupId);
  }

  /** Checks the shape of an offsets list and that each partition exists; copies it. */
  validate(offsets: unknown): TopicPartitionOffset[] {
    if (!Array.isArray(offsets)) throw new InvalidArgumentError("offsets", "must be an array of { topic, partition, offset }", offsets);
    return offsets.map((o: TopicPartitionOffset, i) => {
      if (typeof o !== "object" || o === null) throw new InvalidArgumentError(`offsets[${i}]`, "must be { topic, partition, offset }", o);
      this.core.partitionLog(o.topic, o.partition);
      if (!Number.isSafeInteger(o.offset) || o.offset < 0) {
        throw new InvalidArgumentError(`offsets[${i}].offset`, "must be an integer >= 0 (the next offset to read)", o.offset);
      }
      return { topic: o.topic, partition: o.partition, offset: o.offset };
    });
  }

  /**
   * The coordinator's fencing for a commit by `memberId` at `generationId`. A member id of ""
   * with generation -1 is a commit from outside the group, allowed only while it has no members
   * (as Kafka allows for admin tools and manually assigned consumers).
   */
  check(groupId: string, memberId: string, generationId: number, offsets: readonly TopicPartitionOffset[]): void {
    const g = this.groups.groups.get(groupId);
    const members = g?.members;
    let code: CommitFailedCode | null = null;
    let message = "";
    if (memberId === "" && generationId < 0) {
      if (members !== undefined && members.size > 0) {
        code = "UNKNOWN_MEMBER_ID";
        message = `Group "${groupId}" has active members, so only a member can commit.\nStop the group's consumers first, or commit from a member.`;
      }
    } else if (!members?.has(memberId)) {
      code = "UNKNOWN_MEMBER_ID";
      message = `Member "${memberId}" is not in group "${groupId}" (it left, or the coordinator removed it after a timeout).\nDo not commit: its partitions may belong to another member now. Poll to rejoin.`;
    } else if (generationId !== g!.generationId) {
      code = "ILLEGAL_GENERATION";
      message = `Generation ${generationId} is stale; group "${groupId}" is at generation ${g!.generationId}.\nA rebalance happened since; poll to pick up the new assignment before committing.`;
    } else {
      const m = members.get(memberId)!;
      const foreign = offsets.find((o) => !m.owned.has(tpKey(o.topic, o.partition)));
      if (foreign !== undefined) {
        code = "NOT_ASSIGNED";
        message = `Member "${memberId}" does not own ${foreign.topic}-${foreign.partition} (a check of this broker: Kafka's coordinator would accept the commit and move the owner's offset).\nCommit only the partitions in your assignment.`;
      }
    }
    if (code !== null) {
      this.core.record({ family: "log", type: "commit-rejected", groupId, memberId, generationId, code });
      throw new CommitFailedError(code, message);
    }
  }

  /** Writes offsets (already validated and checked). */
  store(groupId: string, memberId: string, generationId: number, offsets: readonly TopicPartitionOffset[]): void {
    this.groups.group(groupId);
    let map = this.committed.get(groupId);
    if (map === undefined) {
      map = new Map();
      this.committed.set(groupId, map);
    }
    for (const o of offsets) map.set(tpKey(o.topic, o.partition), o.offset);
    this.core.record({ family: "log", type: "commit", groupId, memberId, generationId, offsets: [...offsets] });
  }

  /**
   * The member's positions for everything it owns. Skipped, as Kafka's allConsumed() skips
   * partitions without a valid position: those not yet read, those with a seekToBeginning/End
   * still pending, and those of a deleted topic (the rebalance that revokes them may be waiting).
   */
  positions(m: MemberState): TopicPartitionOffset[] {
    const out: TopicPartitionOffset[] = [];
    for (const o of m.owned.values()) {
      if (o.position !== null && o.reset === null && this.core.topics.get(o.topic)?.partitions[o.partition] !== undefined) {
        out.push({ topic: o.topic, partition: o.partition, offset: o.position });
      }
    }
    return out;
  }

  /** enable.auto.commit: commit current positions; a refusal is traced, not thrown (Kafka logs it). */
  autoCommit(m: MemberState): void {
    const offsets = this.positions(m);
    m.nextAutoCommitAt = this.core.clock.now() + m.config.autoCommitIntervalMs;
    if (offsets.length === 0) return;
    try {
      this.check(m.groupId, m.memberId, m.generationId, offsets);
      this.store(m.groupId, m.memberId, m.generationId, offsets);
    } catch (err) {
      if (!(err instanceof CommitFailedError)) throw err;
    }
  }

  dropTopic(topic: string): void {
    for (const map of this.committed.values()) for (const k of [...map.keys()]) if (k.slice(0, k.lastIndexOf(":")) === topic) map.delete(k);
  }

  /** Committed offset, log end offset and lag of every partition the group has committed. */
  groupOffsets(groupId: string): GroupPartitionOffset[] {
    const map = this.committed.get(groupId);
    if (map === undefined) return [];
    const rows: GroupPartitionOffset[] = [];
    for (const [k, committed] of map) {
      const i = k.lastIndexOf(":");
      const topic = k.slice(0, i);
      const partition = Number(k.slice(i + 1));
      const log = this.core.topics.get(topic)?.partitions[partition];
      if (log === undefined) continue;
      rows.push({ topic, partition, committed, logEndOffset: log.logEndOffset, lag: log.logEndOffset - committed });
    }
    return rows.sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition));
  }
}
