/**
 * The guarantees of the queue family as fast-check properties: at-least-once delivery with a
 * retrying consumer under seeded crashes, duplicates, reorders and delays; order per FIFO
 * message group; dead-lettering after exactly maxReceiveCount receives; FIFO deduplication
 * inside the 5-minute window only.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ManualClock } from "../clock.js";
import { QueueConsumerCrashedError, ReceiptHandleExpiredError, StaleReceiptHandleError } from "./errors.js";
import { QueueBroker } from "./queue-broker.js";
import { queueTraceEvents } from "./trace-events.js";

const T0 = Date.UTC(2026, 0, 1);
const probability = (max: number) => fc.double({ min: 0, max, noNaN: true });

const empty = (b: QueueBroker, q: string) => {
  const a = b.getQueueAttributes(q);
  return a.approximateNumberOfMessages + a.approximateNumberOfMessagesNotVisible + a.approximateNumberOfMessagesDelayed === 0;
};

describe("at-least-once delivery (standard queue)", () => {
  it("loses nothing: a retrying consumer eventually deletes every message, despite seeded faults", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 0, max: 0x7fffffff }),
        fc.record({ crashBeforeDelete: probability(0.7), duplicateDelivery: probability(0.5), reorder: probability(1), delay: probability(0.5) }),
        fc.array(fc.integer({ min: 1, max: 10 }), { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 1, max: 60 }),
        (n, seed, rates, batches, visibilityTimeout) => {
          const clock = new ManualClock(T0);
          const broker = new QueueBroker({ clock, seed });
          broker.createQueue("q", { visibilityTimeout });
          broker.faults.chaos("q", { ...rates, delayMs: 7_000 });
          const processed = new Map<string, number>();
          const deleted = new Map<string, number>();
          let sent = 0;
          for (let step = 0; sent < n || !empty(broker, "q"); step++) {
            expect(step).toBeLessThan(20_000);
            for (let k = 0; k < 3 && sent < n; k++) broker.send("q", `m${sent++}`);
            const got = broker.receive("q", { maxNumberOfMessages: batches[step % batches.length]! });
            for (const m of got) {
              processed.set(m.body, (processed.get(m.body) ?? 0) + 1);
              try {
                if (broker.deleteMessage("q", m.receiptHandle)) deleted.set(m.body, (deleted.get(m.body) ?? 0) + 1);
              } catch (e) {
                if (!(e instanceof QueueConsumerCrashedError || e instanceof StaleReceiptHandleError)) throw e;
              }
            }
            if (got.length === 0) clock.advance(visibilityTimeout * 1000);
          }
          const all = Array.from({ length: n }, (_, i) => `m${i}`);
          expect([...deleted.keys()].sort()).toEqual([...all].sort());
          expect([...deleted.values()].every((c) => c === 1)).toBe(true);
          expect(all.every((b) => (processed.get(b) ?? 0) >= 1)).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });
});

type FifoOp =
  | { kind: "send"; group: number }
  | { kind: "receive"; max: number; vt: number }
  | { kind: "delete"; pick: number }
  | { kind: "release"; pick: number }
  | { kind: "advance"; ms: number };

const fifoOp: fc.Arbitrary<FifoOp> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("send" as const), group: fc.integer({ min: 0, max: 2 }) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("receive" as const), max: fc.integer({ min: 1, max: 10 }), vt: fc.integer({ min: 0, max: 60 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("delete" as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("release" as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("advance" as const), ms: fc.integer({ min: 0, max: 40_000 }) }) },
);

describe("FIFO order per message group", () => {
  it("a receive returns, per group, a prefix of the group's undeleted messages, and nothing from a group in flight", () => {
    fc.assert(
      fc.property(fc.array(fifoOp, { maxLength: 120, size: "large" }), (ops) => {
        const clock = new ManualClock(T0);
        const broker = new QueueBroker({ clock });
        broker.createQueue("q.fifo", { visibilityTimeout: 30 });
        const live = new Map<string, string[]>(); // group → undeleted message ids in send order
        const held = new Map<string, { handle: string; until: number; group: string }>(); // latest delivery per message
        let n = 0;
        for (const op of ops) {
          if (op.kind === "send") {
            const group = `g${op.group}`;
            const { messageId } = broker.send("q.fifo", `b${n}`, { messageGroupId: group, messageDeduplicationId: `d${n++}` });
            live.set(group, [...(live.get(group) ?? []), messageId]);
          } else if (op.kind === "receive") {
            const now = clock.now();
            const got = broker.receive("q.fifo", { maxNumberOfMessages: op.max, visibilityTimeout: op.vt });
            const byGroup = new Map<string, string[]>();
            for (const m of got) byGroup.set(m.attributes.messageGroupId!, [...(byGroup.get(m.attributes.messageGroupId!) ?? []), m.messageId]);
            for (const [group, ids] of byGroup) {
              const undeleted = live.get(group) ?? [];
              expect(ids).toEqual(undeleted.slice(0, ids.length));
              const inFlight = undeleted.filter((id) => (held.get(id)?.until ?? -1) > now);
              expect(inFlight).toEqual([]);
            }
            for (const m of got) held.set(m.messageId, { handle: m.receiptHandle, until: now + op.vt * 1000, group: m.attributes.messageGroupId! });
          } else if (op.kind === "delete") {
            const ids = [...held.keys()];
            if (ids.length === 0) continue;
            const id = ids[op.pick % ids.length]!;
            const { handle, group, until } = held.get(id)!;
            if (until <= clock.now()) {
              // Its visibility timeout ended: SQS FIFO refuses the handle and keeps the message.
              expect(() => broker.deleteMessage("q.fifo", handle)).toThrow(ReceiptHandleExpiredError);
              continue;
            }
            expect(broker.deleteMessage("q.fifo", handle)).toBe(true);
            held.delete(id);
            live.set(group, live.get(group)!.filter((x) => x !== id));
          } else if (op.kind === "release") {
            // The consumer gives one message back early (visibility 0) while others may stay in flight.
            const ids = [...held.keys()].filter((id) => held.get(id)!.until > clock.now());
            if (ids.length === 0) continue;
            const id = ids[op.pick % ids.length]!;
            broker.changeMessageVisibility("q.fifo", held.get(id)!.handle, 0);
            held.get(id)!.until = clock.now();
          } else clock.advance(op.ms);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe("dead-letter queue", () => {
  it("receives each message after exactly maxReceiveCount receives from the source", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 60 }),
        fc.boolean(),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 10 }),
        (maxReceiveCount, n, visibilityTimeout, fifo, releaseAtOnce) => {
          const clock = new ManualClock(T0);
          const broker = new QueueBroker({ clock });
          const sfx = fifo ? ".fifo" : "";
          broker.createQueue(`dlq${sfx}`);
          broker.createQueue(`src${sfx}`, { visibilityTimeout, contentBasedDeduplication: fifo || undefined, redrivePolicy: { deadLetterTargetArn: `dlq${sfx}`, maxReceiveCount } });
          for (let i = 0; i < n; i++) broker.send(`src${sfx}`, `m${i}`, fifo ? { messageGroupId: `g${i % 3}` } : {});
          const receives = new Map<string, number>();
          for (let step = 0; !empty(broker, `src${sfx}`); step++) {
            expect(step).toBeLessThan(5_000);
            const got = broker.receive(`src${sfx}`, { maxNumberOfMessages: 10 });
            for (const [i, m] of got.entries()) {
              receives.set(m.body, (receives.get(m.body) ?? 0) + 1);
              expect(m.attributes.approximateReceiveCount).toBe(receives.get(m.body));
              // The consumer fails every message; half the time it says so at once.
              if (releaseAtOnce[(step + i) % releaseAtOnce.length]) broker.changeMessageVisibility(`src${sfx}`, m.receiptHandle, 0);
            }
            if (got.length === 0) clock.advance(visibilityTimeout * 1000);
          }
          expect([...receives.values()]).toEqual(Array(n).fill(maxReceiveCount));
          const dead = broker.receive(`dlq${sfx}`, { maxNumberOfMessages: 10 });
          const more = n > 10 ? broker.receive(`dlq${sfx}`, { maxNumberOfMessages: 10 }) : [];
          const deadCounts = [...dead, ...more].map((m) => m.attributes.approximateReceiveCount);
          // Fifo DLQs hold a group while in flight, so the second receive may bring fewer: count the trace.
          const redrives = queueTraceEvents(broker.trace).filter((e) => e.type === "redrive");
          expect(redrives.map((e) => e.receiveCount)).toEqual(Array(n).fill(maxReceiveCount));
          expect(new Set(redrives.map((e) => e.messageId)).size).toBe(n);
          expect(deadCounts.every((c) => c === maxReceiveCount + 1)).toBe(true);
          expect(broker.getQueueAttributes(`dlq${sfx}`).approximateNumberOfMessagesNotVisible).toBe(deadCounts.length);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe("FIFO deduplication", () => {
  it("suppresses a repeat inside the 5-minute window only", () => {
    const gap = fc.oneof(fc.constantFrom(0, 1, 299_999, 300_000, 300_001), fc.integer({ min: 0, max: 400_000 }));
    fc.assert(
      fc.property(fc.array(fc.record({ key: fc.integer({ min: 0, max: 3 }), gap, byContent: fc.boolean() }), { maxLength: 40, size: "large" }), (ops) => {
        const clock = new ManualClock(T0);
        const broker = new QueueBroker({ clock });
        broker.createQueue("q.fifo", { contentBasedDeduplication: true });
        const stored = new Map<string, { at: number; messageId: string }>();
        const ids = new Set<string>();
        let kept = 0;
        for (const [i, op] of ops.entries()) {
          clock.advance(op.gap);
          const key = `${op.byContent}:${op.key}`;
          const r = op.byContent
            ? broker.send("q.fifo", `body-${op.key}`, { messageGroupId: "g" })
            : broker.send("q.fifo", `unique-${i}`, { messageGroupId: "g", messageDeduplicationId: `k${op.key}` });
          const seen = stored.get(key);
          if (seen && clock.now() - seen.at < 300_000) {
            expect(r.messageId).toBe(seen.messageId);
          } else {
            expect(ids.has(r.messageId)).toBe(false);
            stored.set(key, { at: clock.now(), messageId: r.messageId });
            kept++;
          }
          ids.add(r.messageId);
        }
        expect(broker.getQueueAttributes("q.fifo").approximateNumberOfMessages).toBe(kept);
      }),
      { numRuns: 200 },
    );
  });
});
