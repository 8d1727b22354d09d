/**
 * The search: fast-check generates a topology (queues with random limits, overflow modes and
 * dead-letter exchanges) and a sequence of operations (declare, bind, unbind, publish, get,
 * consume, cancel, ack, nack, reject, purge), runs it on both sides and compares the logs.
 * A divergence is shrunk to a smallest sequence, printed as a scenario ready to paste into
 * scenarios/found.ts. No waits: time-based behaviour is left to the fixed scenarios.
 */
import fc from "fast-check";
import type { ExchangeBindingArguments, ExchangeType } from "mqtutor/broker";
import type { Scenario } from "./differential.js";
import type { Script } from "./script.js";
import type { Delivery } from "./side.js";

const EXCHANGES: ReadonlyArray<readonly [string, ExchangeType]> = [
  ["d", "direct"],
  ["f", "fanout"],
  ["t", "topic"],
  ["h", "headers"],
];
const QUEUES = ["q0", "q1", "q2"] as const;
/**
 * Consumer channels carry one queue each ("a.q0", "b.q0", "a.q1"…). Two queues that deliver to
 * one channel race in RabbitMQ (each is its own process), so the order of their delivery tags,
 * and with it what a `multiple` ack covers, is not determined.
 */
const CHANNEL_GROUPS = ["a", "b"] as const;
const KEYS = ["a", "b", "a.b", "b.a", "", "a.b.c"] as const;
const PATTERNS = [...KEYS, "*", "#", "a.*", "#.b", "*.*", "a.#"] as const;

export type Op =
  | { op: "declare"; queue: string }
  | { op: "bind" | "unbind"; queue: string; exchange: string; key: string; args?: ExchangeBindingArguments }
  | { op: "publish"; exchange: string; key: string; size: number; headers?: Record<string, number>; mandatory: boolean }
  | { op: "get"; queue: string; noAck: boolean }
  | { op: "consume"; channel: string; queue: string; prefetch: number; noAck: boolean }
  | { op: "cancel"; pick: number }
  | { op: "ack"; pick: number; multiple: boolean }
  | { op: "nack"; pick: number; multiple: boolean; requeue: boolean }
  | { op: "reject"; pick: number; requeue: boolean }
  | { op: "purge"; queue: string }
  | { op: "close"; pick: number };

const limits = fc.record(
  {
    "x-max-length": fc.integer({ min: 0, max: 3 }),
    "x-max-length-bytes": fc.integer({ min: 0, max: 12 }),
    "x-overflow": fc.constantFrom("drop-head", "reject-publish", "reject-publish-dlx"),
  },
  { requiredKeys: [] },
);
const deadLetters = fc.record(
  { "x-dead-letter-exchange": fc.constantFrom("", "d", "f", "t", "h"), "x-dead-letter-routing-key": fc.constantFrom(...KEYS, ...QUEUES) },
  { requiredKeys: ["x-dead-letter-exchange"] },
);
const queueArgs: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({}) },
  { weight: 2, arbitrary: limits },
  { weight: 2, arbitrary: deadLetters },
  { weight: 2, arbitrary: fc.tuple(limits, deadLetters).map(([a, b]) => ({ ...a, ...b })) },
);

const headerArgs: fc.Arbitrary<ExchangeBindingArguments> = fc.record(
  { "x-match": fc.constantFrom("all", "any"), h1: fc.constantFrom(1, 2), h2: fc.constantFrom(1, 2) },
  { requiredKeys: ["x-match"] },
);

const binding = fc
  .record({ queue: fc.constantFrom(...QUEUES), exchange: fc.constantFrom("d", "f", "t", "h"), key: fc.constantFrom(...PATTERNS), args: headerArgs })
  .map(({ args, ...b }) => (b.exchange === "h" ? { ...b, key: "", args } : b));

export const operation: fc.Arbitrary<Op> = fc.oneof(
  { weight: 1, arbitrary: fc.record({ op: fc.constant("declare" as const), queue: fc.constantFrom(...QUEUES) }) },
  { weight: 3, arbitrary: binding.map((b) => ({ op: "bind" as const, ...b })) },
  { weight: 1, arbitrary: binding.map((b) => ({ op: "unbind" as const, ...b })) },
  {
    weight: 8,
    arbitrary: fc.record(
      {
        op: fc.constant("publish" as const),
        exchange: fc.constantFrom("", "d", "f", "t", "h"),
        key: fc.constantFrom(...KEYS, ...QUEUES),
        size: fc.integer({ min: 0, max: 5 }),
        headers: fc.record({ h1: fc.constantFrom(1, 2), h2: fc.constantFrom(1, 2) }, { requiredKeys: [] }),
        mandatory: fc.boolean(),
      },
      { requiredKeys: ["op", "exchange", "key", "size", "mandatory"] },
    ),
  },
  { weight: 3, arbitrary: fc.record({ op: fc.constant("get" as const), queue: fc.constantFrom(...QUEUES), noAck: fc.boolean() }) },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant("consume" as const),
      channel: fc.constantFrom(...CHANNEL_GROUPS),
      queue: fc.constantFrom(...QUEUES),
      prefetch: fc.integer({ min: 0, max: 2 }),
      noAck: fc.boolean().map((b) => b && Math.random() < 0.3),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("cancel" as const), pick: fc.nat(9) }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant("ack" as const), pick: fc.nat(9), multiple: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant("nack" as const), pick: fc.nat(9), multiple: fc.boolean(), requeue: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("reject" as const), pick: fc.nat(9), requeue: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("purge" as const), queue: fc.constantFrom(...QUEUES) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("close" as const), pick: fc.nat(9) }) },
);

/** A topology (every queue declared once, with its arguments) and what happens to it. */
export interface ModelCase {
  topology: Array<{ queue: string; args: Record<string, unknown> }>;
  bindings: Array<{ queue: string; exchange: string; key: string; args?: ExchangeBindingArguments }>;
  ops: Op[];
}

export const modelCase: fc.Arbitrary<ModelCase> = fc.record({
  topology: fc.tuple(...QUEUES.map((q) => queueArgs.map((args) => ({ queue: q, args })))),
  bindings: fc.array(binding, { maxLength: 6 }),
  ops: fc.array(operation, { minLength: 1, maxLength: 40, size: "large" }),
});

/** Deliveries not yet settled, per channel, as this side's Script saw them. */
class Outstanding {
  private readonly open = new Map<string, Delivery[]>();

  add(d: Delivery, noAck: boolean): void {
    if (noAck) return;
    const list = this.open.get(d.channel) ?? [];
    list.push(d);
    this.open.set(d.channel, list);
  }
  /** The i-th (modulo) unsettled delivery over all channels, in channel then tag order. */
  pick(i: number): Delivery | undefined {
    const all = [...this.open.keys()].sort().flatMap((ch) => this.open.get(ch)!);
    return all.length === 0 ? undefined : all[i % all.length];
  }
  /** A closed channel's deliveries went back to their queues. */
  forget(channel: string): void {
    this.open.delete(channel);
  }
  settle(d: Delivery, multiple: boolean): void {
    const list = this.open.get(d.channel) ?? [];
    this.open.set(d.channel, list.filter((x) => (multiple ? x.deliveryTag > d.deliveryTag : x !== d)));
  }
}

export function modelScenario(c: ModelCase): Scenario {
  return {
    name: `model run: ${c.ops.length} operations`,
    allowed: ["x-last-death-headers"],
    async run(t: Script) {
      for (const [name, type] of EXCHANGES) await t.declareExchange(name, type);
      for (const q of c.topology) await t.declareQueue(q.queue, { arguments: q.args });
      for (const b of c.bindings) await t.bind(b.queue, b.exchange, b.key, b.args);
      const channels = new Set<string>();
      const outstanding = new Outstanding();
      const noAckConsumers = new Set<string>();
      let consumers: Array<{ channel: string; tag: string }> = [];
      let tags = 0;
      let seen = new Map<string, number>();
      const collect = () => {
        // Newly received consumer deliveries become settleable on their channel.
        for (const { tag } of consumers) {
          const all = t.delivered(tag);
          for (const d of all.slice(seen.get(tag) ?? 0)) outstanding.add(d, noAckConsumers.has(tag));
          seen = seen.set(tag, all.length);
        }
      };
      let n = 0;
      for (const o of c.ops) {
        switch (o.op) {
          case "declare": // a redeclare: reports the queue's counts
            await t.declareQueue(o.queue, { arguments: c.topology.find((q) => q.queue === o.queue)!.args });
            break;
          case "bind":
            await t.bind(o.queue, o.exchange, o.key, o.args);
            break;
          case "unbind":
            await t.unbind(o.queue, o.exchange, o.key, o.args);
            break;
          case "publish":
            n++;
            await t.publish(o.exchange, o.key, `m${n}${".".repeat(o.size)}`, o.headers && Object.keys(o.headers).length > 0 ? { headers: o.headers } : undefined, { mandatory: o.mandatory });
            break;
          case "get": {
            const d = await t.get(o.queue, { noAck: o.noAck });
            if (d !== undefined) outstanding.add(d, o.noAck);
            break;
          }
          case "consume": {
            const tag = `c${++tags}`;
            const channel = `${o.channel}.${o.queue}`;
            if (!channels.has(channel)) await t.openChannel(channel);
            channels.add(channel);
            consumers.push({ channel, tag });
            if (o.noAck) noAckConsumers.add(tag);
            await t.prefetch(channel, o.prefetch);
            await t.consume(channel, o.queue, tag, { noAck: o.noAck });
            break;
          }
          case "cancel": {
            const c2 = consumers[o.pick % Math.max(consumers.length, 1)];
            if (c2 !== undefined) await t.cancel(c2.channel, c2.tag);
            break;
          }
          case "ack":
          case "nack":
          case "reject": {
            const d = outstanding.pick(o.pick);
            if (d === undefined) break;
            const multiple = o.op !== "reject" && o.multiple;
            if (o.op === "ack") await t.ack(d, multiple);
            else if (o.op === "nack") await t.nack(d, { multiple, requeue: o.requeue });
            else await t.reject(d, o.requeue);
            outstanding.settle(d, multiple);
            break;
          }
          case "purge":
            await t.purgeQueue(o.queue);
            break;
          case "close": {
            // Its consumers are gone, its unacked deliveries requeued; a later consume opens it again.
            const open = [...channels].sort();
            const channel = open[o.pick % Math.max(open.length, 1)];
            if (channel === undefined) break;
            await t.closeChannel(channel);
            channels.delete(channel);
            outstanding.forget(channel);
            consumers = consumers.filter((x) => x.channel !== channel);
            break;
          }
        }
        collect();
      }
    },
  };
}

/** The shrunk case as code for scenarios/found.ts. */
export function caseAsCode(c: ModelCase): string {
  return JSON.stringify(c, null, 1).replace(/\n\s*/g, " ");
}
