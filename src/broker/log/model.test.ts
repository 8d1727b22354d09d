/**
 * Model-based test (fc.commands): the broker against a deliberately naive model — arrays of
 * values per partition, a map of committed offsets, per-consumer positions that every
 * (eager) rebalance forgets, and the range assignment computed by hand.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { LogConsumer } from "./consumer.js";
import type { LogBroker } from "./log-broker.js";
import type { LogProducer } from "./producer.js";
import { defaultPartition } from "./murmur2.js";
import { setup } from "./test-helpers.js";
import type { ManualClock } from "../clock.js";

const P = 3;
const SESSION = 6_000;

interface Model {
  logs: string[][];
  committed: Map<number, number>;
  /** Live members, by consumer index, in join order. */
  members: number[];
  /** consumer index → partition → position (forgotten at every rebalance). */
  positions: Map<number, Map<number, number>>;
}
interface Real {
  broker: LogBroker;
  clock: ManualClock;
  producer: LogProducer;
  consumers: LogConsumer[];
}
type Cmd = fc.Command<Model, Real>;

/** Range assignment by hand: members sorted by member id, consecutive blocks, the first P % C get one more. */
function rangeOf(model: Model, real: Real, i: number): number[] {
  const sorted = [...model.members].sort((a, b) => (real.consumers[a]!.memberId < real.consumers[b]!.memberId ? -1 : 1));
  const k = sorted.indexOf(i);
  const per = Math.floor(P / sorted.length);
  const extra = P % sorted.length;
  const start = per * k + Math.min(k, extra);
  return Array.from({ length: per + (k < extra ? 1 : 0) }, (_, j) => start + j);
}

const rebalance = (m: Model) => m.positions.clear();

class Send implements Cmd {
  constructor(readonly key: string | null, readonly value: string) {}
  check = () => true;
  run(m: Model, r: Real) {
    const [meta] = r.producer.send("t", [{ key: this.key, value: this.value }]);
    if (this.key !== null) expect(meta!.partition).toBe(defaultPartition(this.key, P));
    expect(meta!.offset).toBe(m.logs[meta!.partition]!.length);
    m.logs[meta!.partition]!.push(this.value);
  }
  toString = () => `send(${this.key}, ${this.value})`;
}

class Join implements Cmd {
  check = (m: Model) => m.members.length < 4;
  run(m: Model, r: Real) {
    const c = r.broker.consumer({ groupId: "g", partitionAssignor: "range", autoOffsetReset: "earliest", sessionTimeoutMs: SESSION });
    c.subscribe(["t"]);
    r.consumers.push(c);
    m.members.push(r.consumers.length - 1);
    rebalance(m);
  }
  toString = () => "join";
}

abstract class OnMember implements Cmd {
  constructor(readonly pick: number) {}
  check = (m: Model) => m.members.length > 0;
  protected who(m: Model): number {
    return m.members[this.pick % m.members.length]!;
  }
  abstract run(m: Model, r: Real): void;
}

class Poll extends OnMember {
  constructor(pick: number, readonly max: number) {
    super(pick);
  }
  override run(m: Model, r: Real) {
    const i = this.who(m);
    const c = r.consumers[i]!;
    const mine = rangeOf(m, r, i);
    expect(c.assignment().map((p) => p.partition)).toEqual(mine);
    const got = c.poll(this.max);
    expect(got.length).toBeLessThanOrEqual(this.max);
    const pos = m.positions.get(i) ?? new Map<number, number>();
    m.positions.set(i, pos);
    for (const p of mine) if (!pos.has(p)) pos.set(p, Math.min(m.committed.get(p) ?? 0, m.logs[p]!.length));
    for (const p of mine) {
      const from = pos.get(p)!;
      const mineHere = got.filter((x) => x.partition === p);
      expect(mineHere.map((x) => x.offset)).toEqual(mineHere.map((_, j) => from + j));
      expect(mineHere.map((x) => x.value)).toEqual(m.logs[p]!.slice(from, from + mineHere.length));
      if (got.length < this.max) expect(from + mineHere.length).toBe(m.logs[p]!.length); // nothing left behind
      pos.set(p, from + mineHere.length);
    }
    expect(got.every((x) => mine.includes(x.partition))).toBe(true);
  }
  override toString = () => `poll(${this.pick}, ${this.max})`;
}

class Commit extends OnMember {
  override run(m: Model, r: Real) {
    const i = this.who(m);
    r.consumers[i]!.commitSync();
    for (const [p, pos] of m.positions.get(i) ?? []) m.committed.set(p, pos);
    for (let p = 0; p < P; p++) expect(r.broker.committed("g", "t", p)).toBe(m.committed.get(p) ?? null);
  }
  override toString = () => `commit(${this.pick})`;
}

class Seek extends OnMember {
  constructor(pick: number, readonly offset: number) {
    super(pick);
  }
  override run(m: Model, r: Real) {
    const i = this.who(m);
    const p = rangeOf(m, r, i)[0];
    if (p === undefined) return;
    const offset = Math.min(this.offset, m.logs[p]!.length);
    r.consumers[i]!.seek("t", p, offset);
    const pos = m.positions.get(i) ?? new Map<number, number>();
    pos.set(p, offset); // the other partitions get a position at the next poll
    m.positions.set(i, pos);
  }
  override toString = () => `seek(${this.pick}, ${this.offset})`;
}

class Close extends OnMember {
  override run(m: Model, r: Real) {
    const i = this.who(m);
    r.consumers[i]!.close();
    m.members = m.members.filter((x) => x !== i);
    rebalance(m);
  }
  override toString = () => `close(${this.pick})`;
}

class CrashAndExpire extends OnMember {
  override run(m: Model, r: Real) {
    const i = this.who(m);
    r.broker.faults.crashConsumer(r.consumers[i]!);
    r.clock.advance(SESSION);
    m.members = m.members.filter((x) => x !== i);
    rebalance(m);
  }
  override toString = () => `crash(${this.pick})`;
}

const send = fc.tuple(fc.option(fc.constantFrom("a", "b", "c", "d", "e", "f"), { nil: null }), fc.nat(999)).map(([k, v]) => new Send(k, `v${v}`));
const poll = fc.tuple(fc.nat(3), fc.integer({ min: 1, max: 5 })).map(([i, max]) => new Poll(i, max));
// fc.commands picks uniformly among these: repeat the common ones to weight them.
const commands = [
  send,
  send,
  send,
  fc.constant(new Join()),
  fc.constant(new Join()),
  poll,
  poll,
  poll,
  fc.nat(3).map((i) => new Commit(i)),
  fc.tuple(fc.nat(3), fc.nat(6)).map(([i, o]) => new Seek(i, o)),
  fc.nat(3).map((i) => new Close(i)),
  fc.nat(3).map((i) => new CrashAndExpire(i)),
];

describe("model-based: partitions, a range-assigned group, commits and seeks", () => {
  it("behaves like the naive model", () => {
    fc.assert(
      fc.property(fc.commands(commands, { maxCommands: 50, size: "max" }), (cmds) => {
        const { broker, clock } = setup();
        broker.createTopic("t", { partitions: P });
        const real: Real = { broker, clock, producer: broker.producer(), consumers: [] };
        const model: Model = { logs: Array.from({ length: P }, () => []), committed: new Map(), members: [], positions: new Map() };
        fc.modelRun(() => ({ model, real }), cmds);
        for (let p = 0; p < P; p++) expect(broker.readPartition("t", p).map((x) => x.value)).toEqual(model.logs[p]);
      }),
      { numRuns: 120 },
    );
  });
});
