import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ManualClock } from "../clock.js";
import { Trace } from "../trace.js";
import type { ExchangeChannel } from "./channel.js";
import { ExchangeBroker } from "./exchange-broker.js";
import type { ExchangeDelivery } from "./types.js";

interface Worker {
  channel: ExchangeChannel;
  tag: string;
  held: ExchangeDelivery[];
  alive: boolean;
  /** crash-before-ack is armed: it dies right after its next callback. */
  armed: boolean;
}

type Step =
  | { kind: "publish" }
  | { kind: "ack"; worker: number }
  | { kind: "nack"; worker: number }
  | { kind: "crash"; worker: number }
  | { kind: "crash-before-ack"; worker: number }
  | { kind: "drop"; worker: number }
  | { kind: "duplicate" }
  | { kind: "hire"; prefetch: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.constant({ kind: "publish" as const }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("ack" as const), worker: fc.nat(5) }) },
  fc.record({ kind: fc.constant("nack" as const), worker: fc.nat(5) }),
  fc.record({ kind: fc.constant("crash" as const), worker: fc.nat(5) }),
  fc.record({ kind: fc.constant("crash-before-ack" as const), worker: fc.nat(5) }),
  fc.record({ kind: fc.constant("drop" as const), worker: fc.nat(5) }),
  fc.constant({ kind: "duplicate" as const }),
  fc.record({ kind: fc.constant("hire" as const), prefetch: fc.integer({ min: 0, max: 3 }) }),
);

describe("at-least-once with acks", () => {
  it("loses nothing whatever consumers crash, drop their connection or nack", () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 70 }), (steps) => {
        const trace = new Trace({ capacity: 100_000 });
        const broker = new ExchangeBroker({ clock: new ManualClock(), trace });
        broker.declareQueue("jobs");
        const workers: Worker[] = [];
        const hire = (prefetch: number, autoAck = false) => {
          const channel = broker.openConnection().createChannel();
          const w: Worker = { channel, tag: "", held: [], alive: true, armed: false };
          w.tag = channel.consume(
            "jobs",
            (d) => {
              if (autoAck) channel.ack(d.deliveryTag);
              else w.held.push(d);
              if (w.armed) w.alive = false;
            },
            { prefetch },
          );
          workers.push(w);
          return w;
        };
        hire(1);
        let published = 0;
        for (const s of steps) {
          const w = "worker" in s ? workers[s.worker % workers.length]! : undefined;
          switch (s.kind) {
            case "publish":
              broker.sendToQueue("jobs", String(published++));
              break;
            case "ack":
            case "nack": {
              const d = w!.alive ? w!.held.shift() : undefined;
              if (d === undefined) break;
              if (s.kind === "ack") w!.channel.ack(d.deliveryTag);
              else w!.channel.nack(d.deliveryTag);
              break;
            }
            case "crash":
            case "crash-before-ack":
            case "drop":
              if (!w!.alive || w!.armed) break;
              if (s.kind === "crash") broker.faults.crashConsumer(w!.tag);
              else if (s.kind === "drop") broker.faults.dropConnection(w!.channel.connection);
              else {
                broker.faults.crashConsumerBeforeAck(w!.tag);
                w!.armed = true;
                break; // it dies at its next delivery, if any
              }
              w!.alive = false;
              break;
            case "duplicate":
              broker.faults.duplicateNextDelivery("jobs");
              break;
            case "hire":
              hire(s.prefetch);
              break;
          }
        }
        // A reliable worker drains the rest; the crashed ones are gone.
        for (const w of workers) if (w.alive && w.channel.isOpen) w.channel.close();
        hire(0, true);
        const ackedMsgs = new Set(trace.filter("exchange", "ack").flatMap((e) => e["msgs"] as number[]));
        // Message numbers 1..published are the published messages, in order.
        for (let id = 1; id <= published; id++) expect(ackedMsgs.has(id), `message ${id} was never acked`).toBe(true);
        const q = broker.snapshot().queues[0]!;
        expect([q.ready.length, q.unacked]).toEqual([0, 0]);
      }),
      { numRuns: 150 },
    );
  });
});
