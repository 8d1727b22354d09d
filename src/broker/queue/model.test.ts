/**
 * Model-based test: random command sequences run against QueueBroker and against a
 * deliberately naive model of a standard queue with a dead-letter queue — a flat list of
 * messages with a visibleAt time each, no heaps, no lists, no laziness. The model does not
 * predict the (best-effort) order of a receive; it predicts which messages may come, how many
 * must come, and every count, handle outcome and error.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ManualClock } from "../clock.js";
import { InvalidArgumentError } from "../errors.js";
import { QueueMessageNotInflightError, QueuePurgeInProgressError, ReceiptHandleInvalidError, StaleReceiptHandleError } from "./errors.js";
import { QueueBroker } from "./queue-broker.js";
import { queueTraceEvents } from "./trace-events.js";

type Name = "src" | "dlq";
const MAX_RECEIVES = 2;
const RETENTION_MS = 300_000;
const T0 = Date.UTC(2026, 0, 1);

interface ModelMessage {
  id: string;
  body: string;
  queue: Name;
  sentAt: number;
  visibleAt: number;
  receiveCount: number;
  firstReceiveAt: number;
  receivedHere: boolean;
  receivedAt: number;
  latest: string | undefined;
}

interface Model {
  now: number;
  messages: ModelMessage[];
  handles: { handle: string; id: string; queue: Name }[];
  lastPurge: Partial<Record<Name, number>>;
}

interface Real {
  broker: QueueBroker;
  clock: ManualClock;
}

type Cmd = fc.Command<Model, Real>;

/** The model's only "mechanism": a message lives until its retention ends. */
const live = (m: Model) => (m.messages = m.messages.filter((x) => m.now < x.sentAt + RETENTION_MS));
const find = (m: Model, id: string) => m.messages.find((x) => x.id === id);

class Send implements Cmd {
  constructor(readonly body: string, readonly delaySeconds: number) {}
  check = () => true;
  run(m: Model, r: Real) {
    live(m);
    const { messageId } = r.broker.send("src", this.body, { delaySeconds: this.delaySeconds });
    expect(find(m, messageId)).toBeUndefined();
    m.messages.push({
      id: messageId, body: this.body, queue: "src", sentAt: m.now, visibleAt: m.now + this.delaySeconds * 1000,
      receiveCount: 0, firstReceiveAt: 0, receivedHere: false, receivedAt: 0, latest: undefined,
    });
  }
  toString = () => `send(${this.body}, delay ${this.delaySeconds})`;
}

class Receive implements Cmd {
  constructor(readonly queue: Name, readonly max: number, readonly vt: number) {}
  check = () => true;
  run(m: Model, r: Real) {
    live(m);
    const visible = m.messages.filter((x) => x.queue === this.queue && x.visibleAt <= m.now);
    const due = (x: ModelMessage) => this.queue === "src" && x.receiveCount >= MAX_RECEIVES;
    const traceBefore = r.broker.trace.events().length;
    const got = r.broker.receive(this.queue, { maxNumberOfMessages: this.max, visibilityTimeout: this.vt });
    const moved = queueTraceEvents(r.broker.trace).slice(traceBefore).filter((e) => e.type === "redrive").map((e) => e.messageId);
    expect(got.length).toBe(Math.min(this.max, visible.filter((x) => !due(x)).length));
    expect(new Set(got.map((g) => g.messageId)).size).toBe(got.length);
    for (const id of moved) expect(visible.some((x) => x.id === id && due(x))).toBe(true);
    if (got.length < this.max) expect(moved.length).toBe(visible.filter(due).length);
    for (const g of got) {
      const x = visible.find((v) => v.id === g.messageId);
      expect(x && !due(x)).toBe(true);
      expect(g.body).toBe(x!.body);
      expect(g.attributes.approximateReceiveCount).toBe(x!.receiveCount + 1);
      expect(g.attributes.sentTimestamp).toBe(x!.sentAt);
      const first = x!.receiveCount === 0 ? m.now : x!.firstReceiveAt;
      expect(g.attributes.approximateFirstReceiveTimestamp).toBe(first);
      x!.receiveCount++;
      x!.firstReceiveAt = first;
      x!.visibleAt = m.now + this.vt * 1000;
      x!.receivedHere = true;
      x!.receivedAt = m.now;
      x!.latest = g.receiptHandle;
      m.handles.push({ handle: g.receiptHandle, id: g.messageId, queue: this.queue });
    }
    for (const id of moved) Object.assign(find(m, id)!, { queue: "dlq", visibleAt: m.now, receivedHere: false, latest: undefined });
  }
  toString = () => `receive(${this.queue}, max ${this.max}, vt ${this.vt})`;
}

/** Deletes with any handle ever issued, sometimes on the wrong queue. */
class Delete implements Cmd {
  constructor(readonly pick: number, readonly wrongQueue: boolean) {}
  check = (m: Readonly<Model>) => m.handles.length > 0;
  run(m: Model, r: Real) {
    live(m);
    const h = m.handles[this.pick % m.handles.length]!;
    const queue: Name = this.wrongQueue ? (h.queue === "src" ? "dlq" : "src") : h.queue;
    const call = () => r.broker.deleteMessage(queue, h.handle);
    const x = find(m, h.id);
    if (queue !== h.queue) expect(call).toThrow(ReceiptHandleInvalidError);
    else if (!x || x.queue !== queue) expect(call()).toBe(false);
    else if (x.latest !== h.handle) expect(call).toThrow(StaleReceiptHandleError);
    else {
      expect(call()).toBe(true);
      m.messages = m.messages.filter((y) => y !== x);
    }
  }
  toString = () => `delete(handle #${this.pick}${this.wrongQueue ? ", wrong queue" : ""})`;
}

class ChangeVisibility implements Cmd {
  constructor(readonly pick: number, readonly vt: number) {}
  check = (m: Readonly<Model>) => m.handles.length > 0;
  run(m: Model, r: Real) {
    live(m);
    const h = m.handles[this.pick % m.handles.length]!;
    const call = () => r.broker.changeMessageVisibility(h.queue, h.handle, this.vt);
    const x = find(m, h.id);
    if (!x || x.queue !== h.queue) expect(call).toThrow(QueueMessageNotInflightError);
    else if (x.latest !== h.handle) expect(call).toThrow(StaleReceiptHandleError);
    else if (x.visibleAt <= m.now) expect(call).toThrow(QueueMessageNotInflightError);
    else if (m.now - x.receivedAt + this.vt * 1000 > 43_200_000) expect(call).toThrow(InvalidArgumentError);
    else {
      call();
      x.visibleAt = m.now + this.vt * 1000;
    }
  }
  toString = () => `changeVisibility(handle #${this.pick}, ${this.vt})`;
}

class Advance implements Cmd {
  constructor(readonly ms: number) {}
  check = () => true;
  run(m: Model, r: Real) {
    r.clock.advance(this.ms);
    m.now += this.ms;
  }
  toString = () => `advance(${this.ms})`;
}

class Purge implements Cmd {
  constructor(readonly queue: Name) {}
  check = () => true;
  run(m: Model, r: Real) {
    live(m);
    const last = m.lastPurge[this.queue];
    if (last !== undefined && m.now - last < 60_000) {
      expect(() => r.broker.purgeQueue(this.queue)).toThrow(QueuePurgeInProgressError);
      return;
    }
    r.broker.purgeQueue(this.queue);
    m.lastPurge[this.queue] = m.now;
    m.messages = m.messages.filter((x) => x.queue !== this.queue);
  }
  toString = () => `purge(${this.queue})`;
}

class Counts implements Cmd {
  constructor(readonly queue: Name) {}
  check = () => true;
  run(m: Model, r: Real) {
    live(m);
    const mine = m.messages.filter((x) => x.queue === this.queue);
    expect(r.broker.getQueueAttributes(this.queue)).toMatchObject({
      approximateNumberOfMessages: mine.filter((x) => x.visibleAt <= m.now).length,
      approximateNumberOfMessagesNotVisible: mine.filter((x) => x.visibleAt > m.now && x.receivedHere).length,
      approximateNumberOfMessagesDelayed: mine.filter((x) => x.visibleAt > m.now && !x.receivedHere).length,
    });
  }
  toString = () => `counts(${this.queue})`;
}

const queueName = fc.constantFrom<Name>("src", "src", "dlq");
const send = fc
  .tuple(fc.string({ minLength: 1, maxLength: 8 }), fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 120 })))
  .map(([b, d]) => new Send(b.replace(/[^\x20-\x7e]/g, "x") || "x", d));
const receive = fc
  .tuple(queueName, fc.integer({ min: 1, max: 10 }), fc.oneof(fc.constantFrom(0, 5, 30), fc.integer({ min: 0, max: 90 })))
  .map(([q, max, vt]) => new Receive(q, max, vt));
const del = fc.tuple(fc.nat(), fc.boolean()).map(([p, w]) => new Delete(p, w && p % 5 === 0));
const change = fc.tuple(fc.nat(), fc.oneof(fc.integer({ min: 0, max: 120 }), fc.constantFrom(43_199, 43_200))).map(([p, vt]) => new ChangeVisibility(p, vt));
const advance = fc.oneof(fc.integer({ min: 0, max: 40_000 }), fc.constantFrom(5_000, 30_000, 60_000, 200_000)).map((ms) => new Advance(ms));
// Repeats weight the mix: mostly sends, receives and time passing; purges are rare.
const commands = [send, send, send, receive, receive, receive, receive, del, change, advance, advance, advance, queueName.map((q) => new Counts(q)), queueName.map((q) => new Purge(q))];

describe("QueueBroker against a naive model (standard queue with a DLQ)", () => {
  it("agrees on every receive, delete, visibility change, purge and count", () => {
    fc.assert(
      fc.property(fc.commands(commands, { maxCommands: 150, size: "large" }), (cmds) => {
        const clock = new ManualClock(T0);
        const broker = new QueueBroker({ clock, seed: 1 });
        const retention = { messageRetentionPeriod: RETENTION_MS / 1000 };
        broker.createQueue("dlq", retention);
        broker.createQueue("src", { ...retention, redrivePolicy: { deadLetterTargetArn: "dlq", maxReceiveCount: MAX_RECEIVES } });
        fc.modelRun(() => ({ model: { now: T0, messages: [], handles: [], lastPurge: {} }, real: { broker, clock } }), cmds);
      }),
      { numRuns: 150 },
    );
  });
});
