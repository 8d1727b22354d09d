/**
 * Model-based test: random sequences of publish / get / ack / nack / reject / purge / expire
 * run against the broker and against a deliberately naive model (arrays sorted by arrival).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ManualClock } from "../clock.js";
import { UnknownDeliveryTagError } from "./errors.js";
import { ExchangeBroker } from "./exchange-broker.js";

interface ModelMessage {
  id: number;
  redelivered: boolean;
  expiresAt: number;
}
interface Model {
  now: number;
  ready: ModelMessage[]; // kept sorted by id (= arrival order)
  unacked: Map<number, ModelMessage>; // delivery tag -> message
  nextTag: number;
  nextId: number;
  dead: number[];
}
interface Real {
  clock: ManualClock;
  broker: ExchangeBroker;
}

const TTL = 100;
const readyCount = (r: Real) => r.broker.checkQueue("q").messageCount;
const deadBodies = (r: Real) => r.broker.snapshot().queues.find((q) => q.name === "dead")!.ready.length;

/** Naive expiry: drop expired messages from the front only (classic queues). */
function expireHead(m: Model): void {
  while (m.ready.length > 0 && m.now >= m.ready[0]!.expiresAt) m.dead.push(m.ready.shift()!.id);
}
function check(m: Model, r: Real): void {
  expireHead(m);
  expect(readyCount(r)).toBe(m.ready.length);
  expect(deadBodies(r)).toBe(m.dead.length);
}
const pickTag = (m: Model, n: number) => [...m.unacked.keys()][n % m.unacked.size];

class Publish implements fc.Command<Model, Real> {
  check = () => true;
  run(m: Model, r: Real): void {
    const id = m.nextId++;
    m.ready.push({ id, redelivered: false, expiresAt: m.now + TTL });
    r.broker.sendToQueue("q", String(id));
    check(m, r);
  }
  toString = () => "publish";
}

class Get implements fc.Command<Model, Real> {
  constructor(readonly noAck: boolean) {}
  check = () => true;
  run(m: Model, r: Real): void {
    expireHead(m);
    const got = r.broker.get("q", { noAck: this.noAck });
    const head = m.ready.shift();
    if (head === undefined) {
      expect(got).toBeUndefined();
    } else {
      expect([Number(got!.body), got!.redelivered, got!.deliveryTag]).toEqual([head.id, head.redelivered, m.nextTag]);
      if (!this.noAck) m.unacked.set(m.nextTag, head);
      m.nextTag++;
    }
    check(m, r);
  }
  toString = () => `get(noAck=${this.noAck})`;
}

class Settle implements fc.Command<Model, Real> {
  constructor(
    readonly kind: "ack" | "nack" | "reject",
    readonly pick: number,
    readonly multiple: boolean,
    readonly requeue: boolean,
  ) {}
  check = (m: Readonly<Model>) => m.unacked.size > 0;
  run(m: Model, r: Real): void {
    const tag = pickTag(m, this.pick)!;
    const multiple = this.kind !== "reject" && this.multiple;
    const settled = [...m.unacked.entries()].filter(([t]) => (multiple ? t <= tag : t === tag));
    for (const [t, msg] of settled) {
      m.unacked.delete(t);
      if (this.kind === "ack") continue;
      if (this.requeue) {
        msg.redelivered = true;
        m.ready.push(msg);
        m.ready.sort((a, b) => a.id - b.id);
      } else m.dead.push(msg.id);
    }
    if (this.kind === "ack") r.broker.ack(tag, multiple);
    else if (this.kind === "nack") r.broker.nack(tag, multiple, this.requeue);
    else r.broker.reject(tag, this.requeue);
    check(m, r);
  }
  toString = () => `${this.kind}(pick=${this.pick}, multiple=${this.multiple}, requeue=${this.requeue})`;
}

class AckUnknown implements fc.Command<Model, Real> {
  check = () => true;
  run(m: Model, r: Real): void {
    const before = r.broker.snapshot();
    expect(() => r.broker.ack(m.nextTag + 3)).toThrow(UnknownDeliveryTagError);
    expect(r.broker.snapshot()).toEqual(before);
  }
  toString = () => "ack(unknown)";
}

class Purge implements fc.Command<Model, Real> {
  check = () => true;
  run(m: Model, r: Real): void {
    expireHead(m);
    expect(r.broker.purgeQueue("q").messageCount).toBe(m.ready.length);
    m.ready = [];
    check(m, r);
  }
  toString = () => "purge";
}

class Advance implements fc.Command<Model, Real> {
  constructor(readonly ms: number) {}
  check = () => true;
  run(m: Model, r: Real): void {
    m.now += this.ms;
    r.clock.advance(this.ms);
    check(m, r);
  }
  toString = () => `advance(${this.ms})`;
}

const commands = [
  fc.constant(new Publish()),
  fc.boolean().map((noAck) => new Get(noAck)),
  fc
    .tuple(fc.constantFrom("ack" as const, "nack" as const, "reject" as const), fc.nat(20), fc.boolean(), fc.boolean())
    .map(([k, p, mu, rq]) => new Settle(k, p, mu, rq)),
  fc.constant(new AckUnknown()),
  fc.constant(new Purge()),
  fc.integer({ min: 1, max: 80 }).map((ms) => new Advance(ms)),
];

describe("ExchangeBroker against a naive model", () => {
  it("agrees on every step", () => {
    fc.assert(
      fc.property(fc.commands(commands, { maxCommands: 60 }), (cmds) => {
        const clock = new ManualClock();
        const broker = new ExchangeBroker({ clock });
        broker.declareExchange("dlx", "fanout");
        broker.declareQueue("q", { arguments: { "x-message-ttl": TTL, "x-dead-letter-exchange": "dlx" } });
        broker.declareQueue("dead");
        broker.bindQueue("dead", "dlx");
        const model: Model = { now: 0, ready: [], unacked: new Map(), nextTag: 1, nextId: 0, dead: [] };
        fc.modelRun(() => ({ model, real: { clock, broker } }), cmds);
      }),
      { numRuns: 150 },
    );
  });
});
