/**
 * The group coordinator: members join and leave, the group agrees on an assignor, and every
 * membership or partition change starts a rebalance.
 *
 * Our rebalances finish inside the call that caused them, except when a member is
 * disconnected: then the group stays in PreparingRebalance until that member reconnects or its
 * session times out, as Kafka's coordinator waits for every member to rejoin.
 *
 * - Eager protocol (range, roundrobin, or any group where a member lists an eager assignor):
 *   every member revokes everything when the rebalance starts, then gets a fresh assignment.
 * - Cooperative protocol (every member lists only cooperative-sticky): members keep what stays
 *   theirs; a partition moving between members is first revoked by its owner in one
 *   generation and assigned to its new owner in the next (KIP-429), so no partition ever has
 *   two owners.
 */
import { assignPartitions, tpKey } from "./assignors.js";
import { commonAssignors, isCooperative, selectProtocol } from "./group-protocol.js";
import type { LogCore } from "./core.js";
import { InconsistentGroupProtocolError } from "./log-errors.js";
import type { MemberState } from "./member.js";
import { OffsetStore } from "./offset-store.js";
import type { AssignorName, ConsumerGroupDescription, ConsumerGroupState, TopicPartition } from "./types.js";

export class ConsumerGroup {
  state: ConsumerGroupState = "Empty";
  generationId = 0;
  protocol: AssignorName | null = null;
  /** Members in join order (the first is the leader, whose assignor preference breaks ties). */
  readonly members = new Map<string, MemberState>();
  // A rebalance loop is running; nested requests only set `rebalanceNeeded`.
  busy = false;
  rebalanceNeeded = false;
  pendingReason = "";

  constructor(readonly groupId: string) {}
}

type LeaveReason = "close" | "unsubscribe" | "session-timeout" | "poll-timeout";

export class GroupCoordinator {
  readonly groups = new Map<string, ConsumerGroup>();
  readonly offsets: OffsetStore;

  constructor(private readonly core: LogCore) {
    this.offsets = new OffsetStore(core, this);
  }

  group(groupId: string): ConsumerGroup {
    let g = this.groups.get(groupId);
    if (g === undefined) {
      g = new ConsumerGroup(groupId);
      this.groups.set(groupId, g);
    }
    return g;
  }

  /** Throws unless `m` shares an assignor with every member (check before changing anything). */
  checkProtocol(m: MemberState): void {
    const g = this.groups.get(m.groupId);
    if (g === undefined || g.members.size === 0) return;
    const common = commonAssignors([...g.members.values()].filter((x) => x !== m));
    if (!m.config.partitionAssignors.some((a) => common.includes(a))) {
      throw new InconsistentGroupProtocolError(m.groupId, m.config.partitionAssignors, common);
    }
  }

  join(m: MemberState, topics: readonly string[]): void {
    const g = this.group(m.groupId);
    // A consumer that left while disconnected may still be listed under its old id.
    for (const [id, x] of g.members) {
      if (x === m) {
        g.members.delete(id);
        m.owned.clear();
      }
    }
    m.memberId = `${m.config.clientId}-${this.core.uuid()}`;
    m.status = "member";
    m.subscription = topics;
    m.generationId = -1;
    m.lastPollAt = this.core.clock.now();
    g.members.set(m.memberId, m);
    this.core.record({ family: "log", type: "join", groupId: g.groupId, memberId: m.memberId, topics: [...topics] });
    this.armPollTimer(m);
    this.requestRebalance(g, `member ${m.memberId} joined`);
  }

  resubscribe(m: MemberState, topics: readonly string[]): void {
    m.subscription = topics;
    this.core.record({ family: "log", type: "join", groupId: m.groupId, memberId: m.memberId, topics: [...topics] });
    this.requestRebalance(this.group(m.groupId), `member ${m.memberId} changed its subscription`);
  }

  /** Whether the group still counts `m` as a member (a crashed consumer stays one until its session times out). */
  isMember(m: MemberState): boolean {
    return this.groups.get(m.groupId)?.members.get(m.memberId) === m;
  }

  /** A member leaves on its own: it revokes what it owns (listener called), then the group rebalances. */
  leave(m: MemberState, reason: "close" | "unsubscribe"): void {
    if (!this.isMember(m)) return;
    this.revoke(m, [...m.owned.values()], false);
    this.remove(m, reason);
    m.status = reason === "close" ? "closed" : "idle";
    this.requestRebalance(this.group(m.groupId), `member ${m.memberId} left (${reason})`);
  }

  /** The coordinator drops a member (session or poll timeout); the consumer is not told yet. */
  evict(m: MemberState, reason: "session-timeout" | "poll-timeout"): void {
    if (!this.isMember(m)) return;
    this.remove(m, reason);
    if (m.status === "member") m.status = "left";
    else if (m.status === "idle" || m.status === "closed") m.owned.clear(); // it already gave them up
    this.requestRebalance(this.group(m.groupId), `member ${m.memberId} removed (${reason})`);
  }

  /** A consumer back from eviction: tell it its partitions are lost, then join again. */
  rejoin(m: MemberState): void {
    this.loseAll(m);
    if (m.status === "left") this.join(m, m.subscription);
  }

  /**
   * The consumer gives up its partitions without the coordinator (evicted, or closing while
   * disconnected): onLost. While the group still counts it as a member, the group's view keeps
   * them until its session times out.
   */
  loseAll(m: MemberState): void {
    const lost = m.ownedList();
    if (lost.length === 0) return;
    this.core.record({ family: "log", type: "revoke", groupId: m.groupId, memberId: m.memberId, partitions: lost, lost: true });
    m.invoke("onLost", lost);
    if (!this.isMember(m)) m.owned.clear();
  }

  connectionChanged(m: MemberState): void {
    if (!this.isMember(m)) return;
    if (m.connected) {
      this.clearSessionTimer(m);
      this.armPollTimer(m);
      const g = this.group(m.groupId);
      if (g.state === "PreparingRebalance") this.requestRebalance(g, `member ${m.memberId} reconnected`);
    } else if (m.sessionTimer === null) {
      // Heartbeats stopped now (a crash after a disconnection does not restart the clock).
      this.armSessionTimer(m);
    }
  }

  /** A topic appeared, vanished or grew: groups subscribed to it rebalance. */
  topicChanged(topic: string, reason: string): void {
    for (const g of this.groups.values()) {
      if ([...g.members.values()].some((m) => m.subscription.includes(topic) || [...m.owned.values()].some((o) => o.topic === topic))) {
        this.requestRebalance(g, reason);
      }
    }
  }

  requestRebalance(g: ConsumerGroup, reason: string): void {
    g.rebalanceNeeded = true;
    g.pendingReason = reason;
    if (g.busy) return;
    g.busy = true;
    try {
      while (g.rebalanceNeeded) {
        g.rebalanceNeeded = false;
        if (g.members.size === 0) {
          this.becomeEmpty(g);
          continue;
        }
        g.protocol = selectProtocol(g);
        if (g.state !== "PreparingRebalance") {
          g.state = "PreparingRebalance";
          this.core.record({ family: "log", type: "rebalance-start", groupId: g.groupId, reason: g.pendingReason, protocol: g.protocol });
          if (!isCooperative(g)) for (const m of g.members.values()) if (m.connected) this.revoke(m, [...m.owned.values()], false);
          if (g.rebalanceNeeded) continue;
        }
        // Wait for disconnected members: reconnection or session timeout calls us again.
        if ([...g.members.values()].some((m) => !m.connected)) break;
        const followUp = this.complete(g);
        if (followUp && !g.rebalanceNeeded) {
          g.rebalanceNeeded = true;
          g.pendingReason = "cooperative follow-up: assign the revoked partitions";
        }
      }
    } finally {
      g.busy = false;
    }
    this.core.wake();
  }

  describe(g: ConsumerGroup): ConsumerGroupDescription {
    return {
      groupId: g.groupId,
      state: g.state,
      generationId: g.generationId,
      protocol: g.protocol,
      members: [...g.members.values()].map((m) => ({
        memberId: m.memberId,
        clientId: m.config.clientId,
        subscription: [...m.subscription],
        assignment: m.ownedList(),
      })),
    };
  }

  /** Takes `parts` away from `m` after its listener ran (an auto-commit first, if enabled). */
  revoke(m: MemberState, parts: { topic: string; partition: number }[], lost: boolean): void {
    if (parts.length === 0) return;
    if (!lost && m.config.enableAutoCommit) this.offsets.autoCommit(m);
    const list: TopicPartition[] = parts.map(({ topic, partition }) => ({ topic, partition }));
    this.core.record({ family: "log", type: "revoke", groupId: m.groupId, memberId: m.memberId, partitions: list, lost });
    m.invoke(lost ? "onLost" : "onRevoke", list);
    for (const p of list) m.owned.delete(tpKey(p.topic, p.partition));
  }

  /** One generation. Returns true when a cooperative follow-up round is needed. */
  private complete(g: ConsumerGroup): boolean {
    const coop = isCooperative(g);
    const protocol = g.protocol!;
    if (!coop) {
      for (const m of g.members.values()) this.revoke(m, [...m.owned.values()], false);
      if (g.rebalanceNeeded) return false;
    }
    const members = [...g.members.values()];
    const counts = new Map<string, number>();
    for (const m of members) for (const t of m.subscription) {
      const topic = this.core.topics.get(t);
      if (topic !== undefined) counts.set(t, topic.partitions.length);
    }
    const target = assignPartitions(
      protocol,
      members.map((m) => ({ memberId: m.memberId, topics: m.subscription, owned: coop ? m.ownedList() : [] })),
      counts,
    );
    const ownerOf = new Map<string, string>();
    for (const m of members) for (const k of m.owned.keys()) ownerOf.set(k, m.memberId);
    g.generationId++;
    g.state = "CompletingRebalance";
    // Each member learns the new generation from its JoinGroup response, before its cooperative
    // onRevoke runs, so a commit made there carries the current generation and is accepted.
    for (const m of members) m.generationId = g.generationId;
    let revokedAny = false;
    if (coop) {
      for (const m of members) {
        const keep = new Set(target.get(m.memberId)!.map((p) => tpKey(p.topic, p.partition)));
        const gone = [...m.owned.entries()].filter(([k]) => !keep.has(k)).map(([, o]) => o);
        if (gone.length > 0) revokedAny = true;
        this.revoke(m, gone, false);
      }
    }
    // A partition owned by another member when this generation began is held back until the
    // next one (cooperative). Eager owners revoked everything above, so nothing is held back.
    const final = new Map<string, TopicPartition[]>();
    for (const m of members) {
      final.set(
        m.memberId,
        target.get(m.memberId)!.filter((p) => {
          const owner = ownerOf.get(tpKey(p.topic, p.partition));
          return owner === undefined || owner === m.memberId;
        }),
      );
    }
    this.core.record({
      family: "log",
      type: "rebalance",
      groupId: g.groupId,
      generationId: g.generationId,
      protocol,
      assignment: Object.fromEntries(final),
    });
    for (const m of members) {
      if (g.members.get(m.memberId) !== m) continue;
      m.generationId = g.generationId;
      const added: TopicPartition[] = [];
      for (const p of final.get(m.memberId)!) {
        const k = tpKey(p.topic, p.partition);
        if (m.owned.has(k)) continue;
        m.owned.set(k, { topic: p.topic, partition: p.partition, position: null, reset: null });
        added.push(p);
      }
      this.core.record({ family: "log", type: "assign", groupId: g.groupId, memberId: m.memberId, partitions: added });
      m.invoke("onAssign", coop ? added : m.ownedList());
    }
    if (g.state === "CompletingRebalance") g.state = "Stable";
    return coop && revokedAny;
  }

  private becomeEmpty(g: ConsumerGroup): void {
    if (g.state === "Empty" && g.protocol === null) return;
    g.generationId++;
    g.state = "Empty";
    g.protocol = null;
    this.core.record({ family: "log", type: "rebalance", groupId: g.groupId, generationId: g.generationId, protocol: null, assignment: {} });
  }

  private remove(m: MemberState, reason: LeaveReason): void {
    const g = this.group(m.groupId);
    g.members.delete(m.memberId);
    this.clearSessionTimer(m);
    if (m.pollTimer !== null) this.core.clock.clearTimeout(m.pollTimer);
    m.pollTimer = null;
    this.core.record({ family: "log", type: "leave", groupId: g.groupId, memberId: m.memberId, reason });
  }

  private armSessionTimer(m: MemberState): void {
    this.clearSessionTimer(m);
    m.sessionTimer = this.core.clock.setTimeout(() => {
      m.sessionTimer = null;
      this.evict(m, "session-timeout");
    }, m.config.sessionTimeoutMs);
  }

  private clearSessionTimer(m: MemberState): void {
    if (m.sessionTimer !== null) this.core.clock.clearTimeout(m.sessionTimer);
    m.sessionTimer = null;
  }

  /** One timer per member, re-armed when it fires early (cheaper than resetting it on every poll). */
  armPollTimer(m: MemberState): void {
    if (m.pollTimer !== null || m.status !== "member" || !this.isMember(m)) return;
    const due = m.lastPollAt + m.config.maxPollIntervalMs - this.core.clock.now();
    m.pollTimer = this.core.clock.setTimeout(() => {
      m.pollTimer = null;
      if (m.status !== "member" || !m.connected) return; // a silent member is the session timer's job
      if (this.core.clock.now() - m.lastPollAt >= m.config.maxPollIntervalMs) this.evict(m, "poll-timeout");
      else this.armPollTimer(m);
    }, Math.max(0, due));
  }
}
