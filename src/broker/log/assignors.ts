/**
 * Partition assignors, as Kafka's consumer defines them. Each takes the members (sorted by
 * member id, as Kafka sorts them), their subscriptions and currently owned partitions, and the
 * partition count of each existing topic; it returns member id → partitions.
 *
 * - range: per topic, consecutive blocks; the first `P % C` members (by member id) get one
 *   extra (Kafka's RangeAssignor).
 * - roundrobin: all subscribed partitions sorted by topic then partition, dealt in turn to the
 *   members sorted by id, skipping members not subscribed to the topic (RoundRobinAssignor).
 * - cooperative-sticky: balanced (counts differ by at most one) while keeping as many owned
 *   partitions in place as possible. With equal subscriptions this follows Kafka's constrained
 *   assignment (AbstractStickyAssignor, Kafka 3.1+, no racks); with unequal ones we use a
 *   simpler greedy balance than Kafka's generalAssign (same goals, possibly different choices).
 */
import type { AssignorName, TopicPartition } from "./types.js";

export interface AssignorMember {
  readonly memberId: string;
  readonly topics: readonly string[];
  readonly owned: readonly TopicPartition[];
}

export type AssignmentMap = Map<string, TopicPartition[]>;

/** The assignors that support Kafka's COOPERATIVE rebalance protocol. */
export const COOPERATIVE_ASSIGNORS: ReadonlySet<AssignorName> = new Set(["cooperative-sticky"]);

const tpCompare = (a: TopicPartition, b: TopicPartition): number =>
  a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition;

export const tpKey = (topic: string, partition: number): string => `${topic}:${partition}`;

function sortedMembers(members: readonly AssignorMember[]): AssignorMember[] {
  return [...members].sort((a, b) => (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0));
}

function emptyAssignment(members: readonly AssignorMember[]): AssignmentMap {
  return new Map(members.map((m) => [m.memberId, [] as TopicPartition[]]));
}

function subscribedPartitions(members: readonly AssignorMember[], counts: ReadonlyMap<string, number>): TopicPartition[] {
  const topics = [...new Set(members.flatMap((m) => m.topics))].filter((t) => counts.has(t)).sort();
  return topics.flatMap((topic) => Array.from({ length: counts.get(topic)! }, (_, partition) => ({ topic, partition })));
}

function rangeAssign(members: readonly AssignorMember[], counts: ReadonlyMap<string, number>): AssignmentMap {
  const out = emptyAssignment(members);
  const topics = [...new Set(members.flatMap((m) => m.topics))].filter((t) => counts.has(t)).sort();
  for (const topic of topics) {
    const consumers = members.filter((m) => m.topics.includes(topic));
    const total = counts.get(topic)!;
    const per = Math.floor(total / consumers.length);
    const extra = total % consumers.length;
    consumers.forEach((m, i) => {
      const start = per * i + Math.min(i, extra);
      const len = per + (i < extra ? 1 : 0);
      for (let p = start; p < start + len; p++) out.get(m.memberId)!.push({ topic, partition: p });
    });
  }
  return out;
}

function roundRobinAssign(members: readonly AssignorMember[], counts: ReadonlyMap<string, number>): AssignmentMap {
  const out = emptyAssignment(members);
  let i = 0;
  for (const tp of subscribedPartitions(members, counts)) {
    while (!members[i % members.length]!.topics.includes(tp.topic)) i++;
    out.get(members[i % members.length]!.memberId)!.push(tp);
    i++;
  }
  return out;
}

/** Kafka's order for the partitions a member keeps: by partition number, then by topic. */
const byPartitionThenTopic = (a: TopicPartition, b: TopicPartition): number =>
  a.partition - b.partition || (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0);

/**
 * Kafka's constrained assignment (AbstractStickyAssignor.ConstrainedAssignmentBuilder, Kafka
 * 3.1 and later, without racks), for members with the same subscription. Members are visited in
 * member-id order (Kafka walks a HashMap, in no order it promises).
 */
function constrainedAssign(members: readonly AssignorMember[], all: TopicPartition[]): AssignmentMap {
  const out = emptyAssignment(members);
  const minQuota = Math.floor(all.length / members.length);
  const maxQuota = Math.ceil(all.length / members.length);
  // How many members get one more than minQuota (0 when the partitions divide evenly).
  const expectedOverMin = all.length % members.length;
  let overMin = 0;
  const underMin: string[] = [];
  const exactlyMin: string[] = [];
  const kept = new Set<string>();
  // 1. Each member keeps owned partitions (in partition-then-topic order): all of them if under
  //    minQuota; maxQuota while fewer than expectedOverMin members have that many; else minQuota.
  for (const m of members) {
    const owned = [...m.owned].sort(byPartitionThenTopic);
    let keep: number;
    if (owned.length < minQuota) {
      keep = owned.length;
      underMin.push(m.memberId);
    } else if (owned.length >= maxQuota && overMin < expectedOverMin) {
      keep = maxQuota;
      if (++overMin === expectedOverMin) exactlyMin.length = 0;
    } else {
      keep = minQuota;
      if (overMin < expectedOverMin) exactlyMin.push(m.memberId);
    }
    for (const tp of owned.slice(0, keep)) {
      out.get(m.memberId)!.push(tp);
      kept.add(tpKey(tp.topic, tp.partition));
    }
  }
  underMin.sort();
  exactlyMin.sort();
  // 2. The rest, sorted by topic then partition, round-robin: first to members under minQuota,
  //    then one each to members at minQuota until expectedOverMin members have maxQuota.
  let i = 0;
  for (const tp of all.filter((p) => !kept.has(tpKey(p.topic, p.partition)))) {
    let id: string;
    if (i < underMin.length) id = underMin[i++]!;
    else if (underMin.length > 0) {
      i = 0;
      id = underMin[i++]!;
    } else {
      const next = exactlyMin.shift();
      if (next === undefined) throw new Error("sticky assignor: partitions left but every member is full");
      id = next;
    }
    const mine = out.get(id)!;
    mine.push(tp);
    if (mine.length === minQuota) {
      underMin.splice(--i, 1);
      exactlyMin.push(id);
    }
  }
  return out;
}

/** Unequal subscriptions: keep owned partitions, place the rest on the least loaded, then even out. */
function generalStickyAssign(members: readonly AssignorMember[], counts: ReadonlyMap<string, number>): AssignmentMap {
  const out = emptyAssignment(members);
  const taken = new Set<string>();
  for (const m of members) {
    for (const tp of m.owned) {
      const k = tpKey(tp.topic, tp.partition);
      if (m.topics.includes(tp.topic) && counts.has(tp.topic) && tp.partition < counts.get(tp.topic)! && !taken.has(k)) {
        taken.add(k);
        out.get(m.memberId)!.push(tp);
      }
    }
  }
  const eligible = (topic: string) => members.filter((m) => m.topics.includes(topic));
  const load = (id: string) => out.get(id)!.length;
  for (const tp of subscribedPartitions(members, counts)) {
    if (taken.has(tpKey(tp.topic, tp.partition))) continue;
    const to = eligible(tp.topic).reduce((a, b) => (load(b.memberId) < load(a.memberId) ? b : a));
    out.get(to.memberId)!.push(tp);
  }
  // Move one partition at a time from an overloaded member to an eligible one with 2+ fewer.
  for (let moved = true; moved; ) {
    moved = false;
    for (const m of [...members].sort((a, b) => load(b.memberId) - load(a.memberId))) {
      const mine = out.get(m.memberId)!;
      for (const tp of [...mine].sort(tpCompare)) {
        const to = eligible(tp.topic).reduce((a, b) => (load(b.memberId) < load(a.memberId) ? b : a));
        if (load(to.memberId) + 1 < mine.length) {
          mine.splice(mine.indexOf(tp), 1);
          out.get(to.memberId)!.push(tp);
          moved = true;
          break;
        }
      }
      if (moved) break;
    }
  }
  return out;
}

function stickyAssign(members: readonly AssignorMember[], counts: ReadonlyMap<string, number>): AssignmentMap {
  const first = [...members[0]!.topics].sort().join("\n");
  const equal = members.every((m) => [...m.topics].sort().join("\n") === first);
  if (!equal) return generalStickyAssign(members, counts);
  const all = subscribedPartitions(members, counts);
  const valid = new Set(all.map((tp) => tpKey(tp.topic, tp.partition)));
  const cleaned = members.map((m) => ({
    ...m,
    owned: [...m.owned].filter((tp) => valid.has(tpKey(tp.topic, tp.partition))).sort(tpCompare),
  }));
  return constrainedAssign(cleaned, all);
}

/** Runs the named assignor; members may come in any order. Partitions come out sorted. */
export function assignPartitions(
  name: AssignorName,
  members: readonly AssignorMember[],
  counts: ReadonlyMap<string, number>,
): AssignmentMap {
  if (members.length === 0) return new Map();
  const sorted = sortedMembers(members);
  const out =
    name === "range" ? rangeAssign(sorted, counts) : name === "roundrobin" ? roundRobinAssign(sorted, counts) : stickyAssign(sorted, counts);
  for (const list of out.values()) list.sort(tpCompare);
  return out;
}
