import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ManualClock } from "../clock.js";
import { ExchangeBroker } from "./exchange-broker.js";
import { topicMatches } from "./topic.js";
import type { ExchangeDelivery } from "./types.js";

const word = fc.constantFrom("a", "b", "c", "");
const key = fc.array(word, { maxLength: 4 }).map((w) => w.join("."));
const pattern = fc.array(fc.constantFrom("a", "b", "c", "", "*", "#"), { maxLength: 4 }).map((w) => w.join("."));

describe("routing", () => {
  it("a queue gets each publish at most once, however many of its bindings match (topic)", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), pattern), { maxLength: 16 }), fc.array(key, { minLength: 1, maxLength: 10 }), (bindings, keys) => {
        const broker = new ExchangeBroker({ clock: new ManualClock() });
        broker.declareExchange("t", "topic");
        for (let q = 0; q < 4; q++) broker.declareQueue(`q${q}`);
        for (const [q, p] of bindings) broker.bindQueue(`q${q}`, "t", p);
        const counts = [0, 0, 0, 0];
        for (const k of keys) {
          const routed = broker.publish("t", k, k).queues;
          expect(new Set(routed).size).toBe(routed.length);
          const want = [0, 1, 2, 3].filter((q) => bindings.some(([bq, p]) => bq === q && topicMatches(p, k))).map((q) => `q${q}`);
          expect([...routed].sort()).toEqual(want);
          for (const q of want) counts[Number(q.slice(1))]!++;
        }
        expect([0, 1, 2, 3].map((q) => broker.checkQueue(`q${q}`).messageCount)).toEqual(counts);
      }),
      { numRuns: 150 },
    );
  });
});

describe("a single consumer without requeues", () => {
  it("receives a queue's messages in publish order, whatever its prefetch and ack pattern", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5 }), fc.array(fc.boolean(), { maxLength: 60 }), (prefetch, script) => {
        const broker = new ExchangeBroker({ clock: new ManualClock() });
        broker.declareQueue("q");
        const got: ExchangeDelivery[] = [];
        broker.consume("q", (d) => got.push(d), { prefetch });
        let published = 0;
        let acked = 0;
        for (const publish of script) {
          if (publish) broker.sendToQueue("q", String(published++));
          else if (acked < got.length) broker.ack(got[acked++]!.deliveryTag);
        }
        while (acked < got.length) broker.ack(got[acked++]!.deliveryTag);
        expect(got.map((d) => Number(d.body))).toEqual(Array.from({ length: published }, (_, i) => i));
        expect(got.every((d) => !d.redelivered)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});

describe("prefetch", () => {
  it("is never exceeded, for any interleaving of publishes and acks across consumers", () => {
    const step = fc.oneof(fc.constant({ kind: "publish" as const }), fc.record({ kind: fc.constant("ack" as const), consumer: fc.nat(2), multiple: fc.boolean() }));
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 3 }), fc.array(step, { maxLength: 80 }), (prefetches, steps) => {
        const broker = new ExchangeBroker({ clock: new ManualClock() });
        broker.declareQueue("q");
        const held = prefetches.map(() => [] as ExchangeDelivery[]);
        const tags = prefetches.map((prefetch, i) =>
          broker.consume(
            "q",
            (d) => {
              held[i]!.push(d);
              expect(held[i]!.length).toBeLessThanOrEqual(prefetch);
            },
            { prefetch },
          ),
        );
        for (const s of steps) {
          if (s.kind === "publish") broker.sendToQueue("q", "m");
          else {
            const h = held[s.consumer % held.length]!;
            if (h.length === 0) continue;
            const last = h[h.length - 1]!;
            // One channel for all consumers: a multiple ack settles lower tags of every consumer.
            if (s.multiple) {
              broker.ack(last.deliveryTag, true);
              for (const list of held) list.splice(0, list.length, ...list.filter((d) => d.deliveryTag > last.deliveryTag));
            } else {
              broker.ack(h.shift()!.deliveryTag);
            }
          }
          const consumers = broker.snapshot().queues[0]!.consumers;
          for (const c of consumers) expect(c.unacked).toBeLessThanOrEqual(c.prefetch);
          expect(consumers.map((c) => c.consumerTag)).toEqual(tags);
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe("x-death", () => {
  it("counts each (queue, reason) and keeps the most recent first, for any number of retry loops", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 5000 }), (loops, ttl) => {
        const clock = new ManualClock();
        const broker = new ExchangeBroker({ clock });
        broker.declareExchange("retry", "fanout");
        broker.declareQueue("work", { arguments: { "x-dead-letter-exchange": "retry" } });
        broker.declareQueue("wait", { arguments: { "x-message-ttl": ttl, "x-dead-letter-exchange": "", "x-dead-letter-routing-key": "work" } });
        broker.bindQueue("wait", "retry");
        broker.sendToQueue("work", "job");
        for (let i = 0; i < loops; i++) {
          broker.nack(broker.get("work")!.deliveryTag, false, false);
          clock.advance(ttl);
        }
        const d = broker.get("work")!;
        const deaths = d.properties.headers!["x-death"] as Array<Record<string, unknown>>;
        expect(deaths.map((e) => [e["queue"], e["reason"], e["count"]])).toEqual([
          ["wait", "expired", loops],
          ["work", "rejected", loops],
        ]);
        expect(d.properties.headers!["x-first-death-queue"]).toBe("work");
        expect(broker.trace.filter("exchange", "dead-letter")).toHaveLength(2 * loops);
      }),
      { numRuns: 60 },
    );
  });
});

describe("determinism", () => {
  it("the same seed and the same calls give the same trace", () => {
    const run = (seed: number, script: number[]) => {
      const clock = new ManualClock();
      const broker = new ExchangeBroker({ clock, seed });
      const q = broker.declareQueue("", { arguments: { "x-message-ttl": 50 } }).queue;
      const tags = [broker.consume(q, () => {}, { prefetch: 2 }), broker.consume(q, (d) => broker.ack(d.deliveryTag))];
      for (const n of script) {
        if (n % 4 === 0) broker.sendToQueue(q, String(n));
        else if (n % 4 === 1) clock.advance(n);
        else if (n % 4 === 2) broker.ack(0, true);
        else broker.faults.duplicateNextDelivery(q);
      }
      void tags;
      return broker.trace.events();
    };
    fc.assert(
      fc.property(fc.integer(), fc.array(fc.nat(100), { maxLength: 40 }), (seed, script) => {
        expect(run(seed, script)).toEqual(run(seed, script));
      }),
      { numRuns: 60 },
    );
  });
});
