/**
 * How a group agrees on an assignor and on the rebalance protocol.
 *
 * The group uses an assignor every member lists; each member votes for its first choice among
 * those, and a tie goes to the order of the first member (the leader). Kafka's client
 * rebalances cooperatively only if every assignor it is configured with supports the
 * COOPERATIVE protocol, so the group is cooperative only when the chosen assignor is
 * cooperative-sticky and no member lists an eager-only assignor.
 */
import { COOPERATIVE_ASSIGNORS } from "./assignors.js";
import type { MemberState } from "./member.js";
import type { AssignorName } from "./types.js";

interface GroupLike {
  readonly protocol: AssignorName | null;
  readonly members: ReadonlyMap<string, MemberState>;
}

/** The assignors every member lists, in the first member's order. */
export function commonAssignors(members: readonly MemberState[]): AssignorName[] {
  if (members.length === 0) return [];
  return members[0]!.config.partitionAssignors.filter((a) => members.every((m) => m.config.partitionAssignors.includes(a)));
}

/** The assignor the members vote for (there is always one: joins without one are refused). */
export function selectProtocol(g: GroupLike): AssignorName {
  const members = [...g.members.values()];
  const common = commonAssignors(members);
  const votes = new Map<AssignorName, number>();
  for (const m of members) {
    const choice = m.config.partitionAssignors.find((a) => common.includes(a))!;
    votes.set(choice, (votes.get(choice) ?? 0) + 1);
  }
  let best = common[0]!;
  for (const a of common) if ((votes.get(a) ?? 0) > (votes.get(best) ?? 0)) best = a;
  return best;
}

export function isCooperative(g: GroupLike): boolean {
  return (
    g.protocol !== null &&
    COOPERATIVE_ASSIGNORS.has(g.protocol) &&
    [...g.members.values()].every((m) => m.config.partitionAssignors.every((a) => COOPERATIVE_ASSIGNORS.has(a)))
  );
}
