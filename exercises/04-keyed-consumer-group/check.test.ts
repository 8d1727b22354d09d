import { describe, expect, fc, fail, it, loadSubject, property, type Timeline } from "mqtutor/checks";
import { LogBroker, ManualClock, type LogConsumer, type LogRecord } from "mqtutor/broker";
import type * as Reference from "./solution.js";

const { publishPayments, startMember } = await loadSubject<typeof Reference>("publishPayments", "startMember");

type Payment = Reference.Payment;
const TOPIC = "payments";
const GROUP = "ledger";

/** Thrown out of a crashed member's `handle`: its process is gone. */
class Crashed extends Error {}

/** What a group action does, inside a member's `handle`, right after a record's effect. */
type Action = "join" | "close-other" | "close-self" | "crash";

interface Member {
  name: string;
  consumer: LogConsumer;
  api: Reference.GroupMember;
  state: "up" | "closed" | "crashed";
}

/**
 * A topic with payments, members run by the learner's `startMember`, and the bookkeeping the
 * guarantees need: every handle, in order, and which re-handles are allowed.
 */
function group(partitions: number, payments: Payment[], t?: Timeline) {
  const clock = new ManualClock();
  const broker = new LogBroker({ clock });
  t?.show({ log: broker });
  broker.createTopic(TOPIC, { partitions });
  // The check's own keyed producer, so these checks do not depend on publishPayments.
  const producer = broker.producer();
  for (const p of payments) producer.send(TOPIC, [{ key: p.account, value: JSON.stringify(p) }]);
  const ends = Array.from({ length: partitions }, (_, p) => broker.logEndOffset(TOPIC, p));
  const records = Array.from({ length: partitions }, (_, p) => broker.readPartition(TOPIC, p, { fromOffset: 0 }));

  const id = (r: { partition: number; offset: number }) => `p${r.partition}@${r.offset}`;
  const g = {
    clock,
    broker,
    members: [] as Member[],
    /** Times each record was handled, by id. */
    counts: new Map<string, number>(),
    /** Extra handlings each record is allowed (see the task's guarantee). */
    allowance: new Map<string, number>(),
    violations: [] as string[],
    /** An action to run inside the handle of the n-th handled record. */
    actions: new Map<number, Action>(),
    handles: 0,
    ends,
    records,
    id,
  };
  /** Per key: the offsets of its records in its partition, in order. */
  const keyOf = (r: LogRecord) => String(r.key);
  const byKey = new Map<string, number[]>();
  for (const rs of records) for (const r of rs) byKey.set(keyOf(r), [...(byKey.get(keyOf(r)) ?? []), r.offset]);

  function join(): Member {
    const name = `m${g.members.length + 1}`;
    const consumer = broker.consumer({ groupId: GROUP, autoOffsetReset: "earliest", clientId: name });
    const member: Member = { name, consumer, api: undefined as unknown as Reference.GroupMember, state: "up" };
    g.members.push(member);
    t?.log(`${name} joins the group`);
    member.api = startMember(consumer, TOPIC, (r) => handle(member, r));
    return member;
  }

  function handle(m: Member, r: LogRecord): void {
    if (m.state === "crashed") throw new Crashed(`${m.name} has crashed: a dead process handles nothing`);
    if (m.state === "closed") g.violations.push(`${m.name} handled ${id(r)} after it closed`);
    const rid = id(r);
    const earlier = (byKey.get(keyOf(r)) ?? []).filter((o) => o < r.offset);
    const skipped = earlier.find((o) => (g.counts.get(id({ partition: r.partition, offset: o })) ?? 0) === 0);
    if (skipped !== undefined) {
      g.violations.push(`${m.name} handled ${rid} (key ${keyOf(r)}) before p${r.partition}@${skipped}, an earlier record of the same key`);
    }
    g.counts.set(rid, (g.counts.get(rid) ?? 0) + 1);
    const n = ++g.handles;
    t?.log(`${m.name} handled ${rid} (key ${keyOf(r)})${g.counts.get(rid)! > 1 ? ` again: time ${g.counts.get(rid)}` : ""}`);
    const action = g.actions.get(n);
    if (!action) return;
    g.actions.delete(n);
    if (action === "crash") {
      // Everything this member handled since its partitions' last commits may come again.
      for (const { partition } of m.consumer.assignment()) {
        const committed = broker.committed(GROUP, TOPIC, partition) ?? 0;
        for (const [k, c] of g.counts) {
          const [p, o] = k.slice(1).split("@").map(Number) as [number, number];
          if (p === partition && o >= committed && c > 0) g.allowance.set(k, (g.allowance.get(k) ?? 0) + 1);
        }
      }
      t?.log(`${m.name} crashes right after handling ${rid}`);
      broker.faults.crashConsumer(m.consumer);
      m.state = "crashed";
      throw new Crashed(`${m.name} crashed`);
    }
    // A graceful rebalance while this record is under way: it may be handled once more.
    g.allowance.set(rid, (g.allowance.get(rid) ?? 0) + 1);
    if (action === "join") {
      t?.log(`while ${m.name} is mid-batch, a new member joins`);
      join();
    } else if (action === "close-self") {
      t?.log(`${m.name} shuts down mid-batch (close)`);
      m.state = "closed";
      m.api.close();
    } else {
      const other = g.members.find((x) => x !== m && x.state === "up");
      if (other) {
        t?.log(`while ${m.name} is mid-batch, ${other.name} leaves (close)`);
        other.state = "closed";
        other.api.close();
      }
    }
  }

  const lastCommitted = new Map<number, number>();
  if (t) {
    broker.trace.subscribe((e) => {
      const who = g.members.find((m) => String(e.memberId ?? "").startsWith(`${m.name}-`))?.name ?? "?";
      const tps = (x: unknown) => (x as { partition: number }[]).map((tp) => `p${tp.partition}`).join(",") || "nothing";
      if (e.type === "revoke") t.log(`  ${who}: partitions ${tps(e.partitions)} revoked${e.lost ? " (lost)" : ""}`);
      if (e.type === "assign") t.log(`  ${who}: assigned ${tps(e.partitions)}`);
      if (e.type === "commit") {
        const offsets = e.offsets as { partition: number; offset: number }[];
        const moved = offsets.filter((o) => lastCommitted.get(o.partition) !== o.offset);
        for (const o of offsets) lastCommitted.set(o.partition, o.offset);
        if (moved.length > 0) t.log(`  ${who} committed ${moved.map((o) => `p${o.partition}=${o.offset}`).join(", ")}`);
      }
      if (e.type === "leave") t.log(`  ${who} left the group (${String(e.reason)})`);
      if (e.type === "poll" && Number(e.count) > 0) t.log(`${who} polled ${e.count} records`);
    });
  }

  /** Polls every live member in turn until every record is handled and nothing moves. */
  function drain(maxRounds = 60): void {
    let idle = 0;
    for (let round = 0; round < maxRounds && idle < 3; round++) {
      if (!g.members.some((m) => m.state === "up")) join();
      const before = g.handles;
      for (const m of [...g.members]) {
        if (m.state !== "up") continue;
        try {
          m.api.pollOnce();
        } catch (err) {
          if (err instanceof Crashed) continue;
          const e = err as Error;
          fail(`${m.name}'s pollOnce() threw ${e?.name ?? "an error"}: ${e?.message ?? String(err)}`);
        }
      }
      if (g.members.some((m) => m.state === "crashed")) clock.advance(46_000); // session timeout
      const all = records.every((rs) => rs.every((r) => (g.counts.get(id(r)) ?? 0) > 0));
      if (all && g.handles === before) return;
      idle = g.handles === before ? idle + 1 : 0;
    }
  }

  return Object.assign(g, { join, drain, missing: () => records.flat().filter((r) => !g.counts.get(id(r))).map(id) });
}

const accounts = ["acc-1", "acc-2", "acc-3", "acc-4", "acc-5"];
const paymentsOf = (list: { account: number; amount: number }[]): Payment[] =>
  list.map((p, i) => ({ id: `pay-${i + 1}`, account: accounts[p.account]!, amount: p.amount }));
const somePayments = (n: number) =>
  paymentsOf(Array.from({ length: n }, (_, i) => ({ account: (i * 7) % accounts.length, amount: 10 + i })));

describe("keyed producer and consumer-group member", () => {
  it("publishes each payment keyed by its account, so an account's payments share one partition, in order", () => {
    const broker = new LogBroker({ clock: new ManualClock() });
    broker.createTopic(TOPIC, { partitions: 4 });
    const payments = somePayments(20);
    publishPayments(broker.producer(), TOPIC, payments);
    const stored = [0, 1, 2, 3].flatMap((p) => broker.readPartition(TOPIC, p, { fromOffset: 0 }));
    expect(stored.length, "records in the topic").toBe(20);
    for (const r of stored) {
      const p = JSON.parse(String(r.value)) as Payment;
      expect(r.key, `key of the record of ${p.id}`).toBe(p.account);
    }
    for (const account of accounts) {
      const where = stored.filter((r) => (JSON.parse(String(r.value)) as Payment).account === account);
      expect(new Set(where.map((r) => r.partition)).size, `partitions holding ${account}'s payments`).toBe(1);
      const ids = where.sort((a, b) => a.offset - b.offset).map((r) => (JSON.parse(String(r.value)) as Payment).id);
      expect(ids, `${account}'s payments in partition order`).toEqual(payments.filter((p) => p.account === account).map((p) => p.id));
    }
  });

  it("handles every record once and commits the offset after the last one it handled", () => {
    const g = group(3, somePayments(15));
    g.join();
    g.drain();
    expect([...g.counts.values()].every((c) => c === 1) && g.missing().length === 0, "every record handled exactly once").toBe(true);
    const committed = [0, 1, 2].map((p) => g.broker.committed(GROUP, TOPIC, p) ?? 0);
    expect(committed, "committed offset of each partition (the log end offsets)").toEqual(g.ends);
  });

  it("never commits a record before handling it: after a crash mid-batch nothing is skipped", () => {
    const g = group(1, somePayments(8));
    g.actions.set(3, "crash"); // m1 crashes right after handling its third record
    g.join();
    g.drain();
    expect(g.missing(), "records never handled (skipped by a commit made before handling)").toEqual([]);
    expect(g.broker.committed(GROUP, TOPIC, 0), "committed offset of p0 at the end").toBe(8);
  });

  it("on a rebalance mid-batch, commits what it handled and leaves the rest of the batch to the partition's next owner", () => {
    const g = group(2, somePayments(12));
    g.actions.set(2, "join"); // a second member joins while m1 handles its second record
    g.join();
    g.drain();
    expect(g.missing(), "records never handled").toEqual([]);
    const extra = [...g.counts].filter(([k, c]) => c > 1 + (g.allowance.get(k) ?? 0)).map(([k, c]) => `${k} ×${c}`);
    expect(
      extra,
      "records handled more than once (only the record under way during the rebalance may be)",
    ).toEqual([]);
    expect(g.violations, "order problems").toEqual([]);
  });

  it("with members joining, leaving and crashing at random points mid-batch: nothing skipped, per-key order kept, re-handled only what was handled but not committed", async () => {
    await property(
      fc.record({
        partitions: fc.integer({ min: 1, max: 3 }),
        payments: fc.array(fc.record({ account: fc.nat(accounts.length - 1), amount: fc.integer({ min: 1, max: 99 }) }), {
          minLength: 1,
          maxLength: 16,
        }),
        actions: fc.array(fc.tuple(fc.integer({ min: 1, max: 20 }), fc.constantFrom<Action>("join", "close-other", "close-self", "crash")), {
          maxLength: 4,
        }),
      }),
      ({ partitions, payments, actions }, t) => {
        const g = group(partitions, paymentsOf(payments), t);
        for (const [at, action] of actions) if (!g.actions.has(at)) g.actions.set(at, action);
        g.join();
        g.drain();
        expect(g.missing(), "records never handled").toEqual([]);
        expect(g.violations, "order problems").toEqual([]);
        const extra = [...g.counts].filter(([k, c]) => c > 1 + (g.allowance.get(k) ?? 0)).map(([k, c]) => `${k} ×${c}`);
        if (extra.length > 0) {
          fail(
            `Records handled more often than the guarantee allows: ${extra.join(", ")}.\n` +
              "A record may come again only if it was under way when its partition was revoked, or handled " +
              "by a member that crashed before committing it.",
            { expected: [], actual: extra },
          );
        }
      },
      {
        numRuns: 100,
        show: ({ partitions, payments, actions }) =>
          `${partitions} partition(s); payments by account ${payments.map((p) => accounts[p.account]).join(" ")}; ` +
          `actions ${actions.map(([at, a]) => `${a} at handle #${at}`).join(", ") || "none"}`,
      },
    );
  });
});
