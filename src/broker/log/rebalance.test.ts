import { describe, expect, it } from "vitest";
import { CommitFailedError, InconsistentGroupProtocolError } from "./log-errors.js";
import { setup, values } from "./test-helpers.js";
import type { TopicPartition } from "./types.js";

const fill = (broker: ReturnType<typeof setup>["broker"], topic: string, partitions: number, perPartition: number) => {
  const p = broker.producer();
  for (let part = 0; part < partitions; part++) {
    p.send(topic, Array.from({ length: perPartition }, (_, i) => ({ value: `${part}-${i}`, partition: part })));
  }
};
const names = (ps: readonly TopicPartition[]) => ps.map((p) => `${p.topic}-${p.partition}`);

describe("rebalancing", () => {
  it("eager (range): every member revokes everything, then gets a fresh assignment", () => {
    const { broker } = setup();
    broker.createTopic("t", { partitions: 4 });
    const events: string[] = [];
    const listen = (name: string) => ({
      onAssign: (ps: TopicPartition[]) => events.push(`${name}+${names(ps).join(",")}`),
      onRevoke: (ps: TopicPartition[]) => events.push(`${name}-${names(ps).join(",")}`),
    });
    const a = broker.consumer({ groupId: "g", clientId: "a" });
    a.subscribe(["t"], listen("a"));
    const b = broker.consumer({ groupId: "g", clientId: "b" });
    b.subscribe(["t"], listen("b"));
    expect(events).toEqual(["a+t-0,t-1,t-2,t-3", "a-t-0,t-1,t-2,t-3", "a+t-0,t-1", "b+t-2,t-3"]);
    expect(broker.describeGroup("g")).toMatchObject({ state: "Stable", generationId: 2, protocol: "range" });
    expect([a.generationId, b.generationId]).toEqual([2, 2]);
  });

  it("cooperative-sticky: only moving partitions are revoked, and assigned one generation later", () => {
    const { broker } = setup();
    broker.createTopic("t", { partitions: 4 });
    const events: string[] = [];
    const owners = new Map<string, string>();
    const listen = (name: string) => ({
      onAssign: (ps: TopicPartition[]) => {
        for (const k of names(ps)) {
          expect(owners.get(k), `${k} still owned by ${owners.get(k)} when given to ${name}`).toBeUndefined();
          owners.set(k, name);
        }
        events.push(`${name}+${names(ps).join(",")}`);
      },
      onRevoke: (ps: TopicPartition[]) => {
        for (const k of names(ps)) owners.delete(k);
        events.push(`${name}-${names(ps).join(",")}`);
      },
    });
    const a = broker.consumer({ groupId: "g", clientId: "a", partitionAssignor: "cooperative-sticky" });
    a.subscribe(["t"], listen("a"));
    const b = broker.consumer({ groupId: "g", clientId: "b", partitionAssignor: "cooperative-sticky" });
    b.subscribe(["t"], listen("b"));
    expect(events).toEqual(["a+t-0,t-1,t-2,t-3", "a-t-2,t-3", "a+", "b+", "a+", "b+t-2,t-3"]);
    expect(broker.describeGroup("g").generationId).toBe(3);
    expect(names(a.assignment())).toEqual(["t-0", "t-1"]);
  });

  it("cooperative-sticky: a commit inside onRevoke succeeds, so the next owner resumes there", () => {
    // Kafka's consumer runs onPartitionsRevoked after the JoinGroup response gave it the new
    // generation, so committing there (by hand or by auto-commit) is accepted.
    const { broker } = setup();
    broker.createTopic("t", { partitions: 4 });
    fill(broker, "t", 4, 1);
    const a = broker.consumer({ groupId: "g", clientId: "a", partitionAssignor: "cooperative-sticky", autoOffsetReset: "earliest" });
    a.subscribe(["t"], { onRevoke: () => a.commitSync() });
    expect(a.poll()).toHaveLength(4);
    const b = broker.consumer({ groupId: "g", clientId: "b", partitionAssignor: "cooperative-sticky", autoOffsetReset: "earliest" });
    b.subscribe(["t"]);
    expect(broker.trace.filter("log", "commit-rejected")).toEqual([]);
    expect(names(b.assignment())).toHaveLength(2);
    expect(b.poll()).toEqual([]); // nothing read twice

    const { broker: auto } = setup();
    auto.createTopic("t", { partitions: 4 });
    fill(auto, "t", 4, 1);
    const x = auto.consumer({ groupId: "g", clientId: "a", partitionAssignor: "cooperative-sticky", autoOffsetReset: "earliest", enableAutoCommit: true });
    x.subscribe(["t"]);
    x.poll();
    auto.consumer({ groupId: "g", clientId: "b", partitionAssignor: "cooperative-sticky" }).subscribe(["t"]);
    expect(auto.trace.filter("log", "commit-rejected")).toEqual([]);
    expect([0, 1, 2, 3].map((p) => auto.committed("g", "t", p))).toEqual([1, 1, 1, 1]);
  });

  it("uses eager rebalancing when any member lists an eager assignor (Kafka's rule)", () => {
    const { broker } = setup();
    broker.createTopic("t", { partitions: 2 });
    const a = broker.consumer({ groupId: "g", partitionAssignor: ["cooperative-sticky", "range"] });
    a.subscribe(["t"]);
    broker.consumer({ groupId: "g", partitionAssignor: ["cooperative-sticky", "range"] }).subscribe(["t"]);
    const revokes = broker.trace.filter("log", "revoke");
    expect(revokes[0]).toMatchObject({ partitions: [{ partition: 0 }, { partition: 1 }] });
    expect(broker.describeGroup("g").protocol).toBe("cooperative-sticky");
  });

  it("the group votes for an assignor every member lists", () => {
    const { broker } = setup();
    broker.createTopic("t");
    broker.consumer({ groupId: "g", partitionAssignor: ["roundrobin", "range"] }).subscribe(["t"]);
    expect(broker.describeGroup("g").protocol).toBe("roundrobin");
    broker.consumer({ groupId: "g", partitionAssignor: ["range", "roundrobin"] }).subscribe(["t"]);
    expect(broker.describeGroup("g").protocol).toBe("roundrobin"); // one vote each: the leader's order wins
    broker.consumer({ groupId: "g", partitionAssignor: ["range", "roundrobin", "cooperative-sticky"] }).subscribe(["t"]);
    expect(broker.describeGroup("g").protocol).toBe("range");
  });

  it("refuses a member with no assignor in common with the group", () => {
    const { broker } = setup();
    broker.createTopic("t");
    broker.consumer({ groupId: "g", partitionAssignor: "range" }).subscribe(["t"]);
    const c = broker.consumer({ groupId: "g", partitionAssignor: "roundrobin" });
    expect(() => c.subscribe(["t"])).toThrow(InconsistentGroupProtocolError);
    expect(c.status).toBe("idle");
    expect(broker.describeGroup("g").members).toHaveLength(1);
  });

  it("a crashed member keeps its partitions until its session times out; then they are read again from the last commit", () => {
    const { broker, clock } = setup();
    broker.createTopic("t", { partitions: 2 });
    fill(broker, "t", 2, 3);
    const a = broker.consumer({ groupId: "g", autoOffsetReset: "earliest", sessionTimeoutMs: 10_000 });
    const b = broker.consumer({ groupId: "g", autoOffsetReset: "earliest", sessionTimeoutMs: 10_000 });
    a.subscribe(["t"]);
    b.subscribe(["t"]);
    const aParts = names(a.assignment());
    expect(a.poll()).toHaveLength(3);
    a.commitSync([{ ...a.assignment()[0]!, offset: 1 }]);
    broker.faults.crashConsumer(a);
    expect(() => a.poll()).toThrow(/crashed/);
    b.poll();
    b.commitSync(); // otherwise the eager rebalance below would make b re-read its own records too
    clock.advance(9_999);
    expect(names(b.assignment())).not.toEqual(expect.arrayContaining(aParts));
    clock.advance(1);
    expect(names(b.assignment())).toEqual(["t-0", "t-1"]);
    expect(broker.trace.filter("log", "leave")).toMatchObject([{ reason: "session-timeout" }]);
    expect(values(b.poll())).toEqual(["0-1", "0-2"].map((v) => v.replace("0", aParts[0]!.slice(-1))));
  });

  it("a dropped connection: polls return nothing, commits fail, and the session timeout evicts the member", () => {
    const { broker, clock } = setup();
    broker.createTopic("t");
    fill(broker, "t", 1, 2);
    const c = broker.consumer({ groupId: "g", autoOffsetReset: "earliest", sessionTimeoutMs: 6_000 });
    const lost: string[] = [];
    c.subscribe(["t"], { onLost: (ps) => lost.push(...names(ps)) });
    const firstId = c.memberId;
    broker.faults.dropConnection(c);
    expect(c.poll()).toEqual([]);
    expect(() => c.commitSync()).toThrow(/cannot reach the group coordinator/);
    clock.advance(6_000);
    expect(broker.describeGroup("g").members).toHaveLength(0);
    broker.faults.restoreConnection(c);
    // still believes it owns t-0 (a zombie) until it talks to the coordinator
    expect(names(c.assignment())).toEqual(["t-0"]);
    expect(() => c.commitSync([{ topic: "t", partition: 0, offset: 1 }])).toThrow(CommitFailedError);
    expect(values(c.poll())).toEqual(["0-0", "0-1"]);
    expect(lost).toEqual(["t-0"]);
    expect(c.memberId).not.toBe(firstId);
  });

  it("the session clock starts when heartbeats stop: a crash after a disconnection does not restart it", () => {
    const { broker, clock } = setup();
    broker.createTopic("t");
    const c = broker.consumer({ groupId: "g", sessionTimeoutMs: 6_000 });
    c.subscribe(["t"]);
    broker.faults.dropConnection(c);
    clock.advance(3_000);
    broker.faults.crashConsumer(c);
    clock.advance(3_000);
    expect(broker.describeGroup("g").members).toHaveLength(0);
  });

  it("reconnecting before the session times out changes nothing", () => {
    const { broker, clock } = setup();
    broker.createTopic("t");
    const c = broker.consumer({ groupId: "g", sessionTimeoutMs: 6_000 });
    c.subscribe(["t"]);
    broker.faults.dropConnection(c);
    clock.advance(5_000);
    broker.faults.restoreConnection(c);
    clock.advance(60_000);
    expect(broker.describeGroup("g").members).toHaveLength(1);
    expect(broker.trace.filter("log", "leave")).toEqual([]);
  });

  it("a rebalance waits for a disconnected member (the group stays in PreparingRebalance)", () => {
    const { broker, clock } = setup();
    broker.createTopic("t", { partitions: 2 });
    const a = broker.consumer({ groupId: "g", sessionTimeoutMs: 6_000 });
    a.subscribe(["t"]);
    broker.faults.dropConnection(a);
    const b = broker.consumer({ groupId: "g" });
    b.subscribe(["t"]);
    expect(broker.describeGroup("g").state).toBe("PreparingRebalance");
    expect(b.assignment()).toEqual([]);
    clock.advance(6_000);
    expect(broker.describeGroup("g")).toMatchObject({ state: "Stable" });
    expect(names(b.assignment())).toEqual(["t-0", "t-1"]);
  });

  it("a member that does not poll within maxPollIntervalMs leaves; its next poll rejoins", () => {
    const { broker, clock } = setup();
    broker.createTopic("t");
    const c = broker.consumer({ groupId: "g", maxPollIntervalMs: 1_000 });
    c.subscribe(["t"]);
    clock.advance(500);
    c.poll();
    clock.advance(999);
    expect(broker.describeGroup("g").members).toHaveLength(1);
    clock.advance(1);
    expect(broker.describeGroup("g").members).toHaveLength(0);
    expect(broker.trace.filter("log", "leave")).toMatchObject([{ reason: "poll-timeout" }]);
    expect(c.status).toBe("left");
    c.poll();
    expect(c.status).toBe("member");
    expect(broker.describeGroup("g").members).toHaveLength(1);
  });

  it("rebalances when partitions are added or the topic is deleted", () => {
    const { broker } = setup();
    broker.createTopic("t", { partitions: 1 });
    const c = broker.consumer({ groupId: "g" });
    c.subscribe(["t"]);
    broker.addPartitions("t", 3);
    expect(names(c.assignment())).toEqual(["t-0", "t-1", "t-2"]);
    broker.deleteTopic("t");
    expect(c.assignment()).toEqual([]);
    broker.createTopic("t", { partitions: 2 });
    expect(names(c.assignment())).toEqual(["t-0", "t-1"]);
  });

  it("a subscription change rebalances; unsubscribe leaves the group; listGroups lists it", () => {
    const { broker } = setup();
    broker.createTopic("a");
    broker.createTopic("b");
    const c = broker.consumer({ groupId: "g" });
    c.subscribe(["a"]);
    expect(names(c.assignment())).toEqual(["a-0"]);
    c.subscribe(["a", "b"]);
    expect(names(c.assignment())).toEqual(["a-0", "b-0"]);
    expect(c.subscription()).toEqual(["a", "b"]);
    expect(broker.describeGroup("g").generationId).toBe(2);
    c.unsubscribe();
    expect([c.status, c.assignment(), c.subscription()]).toEqual(["idle", [], []]);
    expect(broker.describeGroup("g")).toMatchObject({ state: "Empty", members: [] });
    expect(broker.listGroups()).toEqual(["g"]);
    expect(() => c.poll()).toThrow(/not subscribed/);
    c.subscribe(["b"]);
    expect(names(c.assignment())).toEqual(["b-0"]);
  });

  it("rethrows a listener's error from the next poll", () => {
    const { broker } = setup();
    broker.createTopic("t");
    const c = broker.consumer({ groupId: "g" });
    c.subscribe(["t"], {
      onAssign: () => {
        throw new Error("boom");
      },
    });
    expect(() => c.poll()).toThrow("boom");
    expect(() => c.poll()).not.toThrow();
    expect(broker.trace.filter("log", "callback-error")).toMatchObject([{ callback: "onAssign", message: "boom" }]);
  });
});

describe("fencing", () => {
  it("refuses commits with a stale generation, from a non-member, or for a partition not owned", () => {
    const { broker } = setup();
    broker.createTopic("t", { partitions: 2 });
    const a = broker.consumer({ groupId: "g" });
    a.subscribe(["t"]);
    const stale = a.groupMetadata();
    broker.consumer({ groupId: "g" }).subscribe(["t"]);
    const offsets = [{ topic: "t", partition: a.assignment()[0]!.partition, offset: 0 }];
    const attempt = (f: () => void) => {
      try {
        f();
      } catch (e) {
        return (e as CommitFailedError).code;
      }
      return "ok";
    };
    expect(attempt(() => broker.commitOffsets({ ...stale, offsets }))).toBe("ILLEGAL_GENERATION");
    expect(attempt(() => broker.commitOffsets({ ...stale, memberId: "nobody", offsets }))).toBe("UNKNOWN_MEMBER_ID");
    const other = broker.describeGroup("g").members.find((m) => m.memberId !== a.memberId)!;
    expect(attempt(() => a.commitSync([{ ...other.assignment[0]!, offset: 0 }]))).toBe("NOT_ASSIGNED");
    // our own check, and the message says so rather than teach it as Kafka's
    expect(() => a.commitSync([{ ...other.assignment[0]!, offset: 0 }])).toThrow(/Kafka's coordinator would accept/);
    expect(attempt(() => a.commitSync(offsets))).toBe("ok");
    expect(broker.trace.filter("log", "commit-rejected").map((e) => e.code)).toEqual(["ILLEGAL_GENERATION", "UNKNOWN_MEMBER_ID", "NOT_ASSIGNED", "NOT_ASSIGNED"]);
  });
});

