import { describe, expect, fc, it, loadSubject, property, type Timeline } from "mqtutor/checks";
import { ManualClock, QueueBroker, createRandom, type TimerHandle } from "mqtutor/broker";
import type * as Reference from "./solution.js";

const { createQueues, backoffSeconds, startConsumer } = await loadSubject<typeof Reference>(
  "createQueues",
  "backoffSeconds",
  "startConsumer",
);

/** Lets every promise that can move on do so. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A manual clock a check can run timer by timer, letting promises settle in between. */
class SteppingClock extends ManualClock {
  private due: number[] = [];

  override setTimeout(fn: () => void, ms: number): TimerHandle {
    this.due.push(this.now() + Math.max(0, ms));
    return super.setTimeout(fn, ms);
  }

  async run(ms: number): Promise<void> {
    const end = this.now() + ms;
    for (;;) {
      await settle();
      this.due = this.due.filter((d) => d > this.now());
      const next = Math.min(...this.due);
      if (!(next <= end)) break;
      this.advanceTo(next);
    }
    this.advanceTo(end);
    await settle();
  }
}

const at = (ms: number) => `t=${(ms / 1000).toFixed(1)}s`;
const NEARLY_ONE = () => 0.999_999;
const windowOf = (n: number, base: number, cap: number) => Math.min(cap, base * 2 ** (n - 1));

/** What a message's handler does on each attempt. */
type Behaviour =
  | { kind: "ok" }
  | { kind: "transient"; failures: number } // fails this many times, then succeeds
  | { kind: "poison" } // always fails, transiently as far as the consumer can tell
  | { kind: "permanent" }; // throws an error with `permanent: true`

interface Setup {
  maxReceiveCount: number;
  baseSeconds: number;
  capSeconds: number;
  random: () => number;
  /** Clock time each handler call takes, in ms. */
  handlerMs?: number;
  t?: Timeline;
}

/** Queues made by the learner's `createQueues`, a consumer, and handlers that record their calls. */
function world(messages: Record<string, Behaviour>, s: Setup) {
  const clock = new SteppingClock();
  const broker = new QueueBroker({ clock });
  s.t?.show({ queues: broker });
  createQueues(broker, "invoices", "invoices-dlq", s.maxReceiveCount);
  const calls = new Map<string, number[]>(); // message → clock times of its handler calls
  const done = new Map<string, number>();
  const handler = async (body: string): Promise<void> => {
    const times = calls.get(body) ?? [];
    times.push(clock.now());
    calls.set(body, times);
    if (s.handlerMs) await new Promise<void>((resolve) => clock.setTimeout(resolve, s.handlerMs!));
    const b = messages[body] ?? { kind: "ok" };
    const fails = b.kind === "poison" || b.kind === "permanent" || (b.kind === "transient" && times.length <= b.failures);
    if (!fails) {
      done.set(body, (done.get(body) ?? 0) + 1);
      s.t?.log(`${at(clock.now())} handler ${body} (attempt ${times.length}): done`);
      return;
    }
    s.t?.log(`${at(clock.now())} handler ${body} (attempt ${times.length}): ${b.kind === "permanent" ? "permanent" : "transient"} failure`);
    if (b.kind === "permanent") throw Object.assign(new Error(`${body}: invoice has a negative quantity`), { permanent: true });
    throw new Error(`${body}: tax service answered 503`);
  };
  if (s.t) {
    broker.trace.subscribe((e) => {
      if (e.type === "change-visibility") s.t!.log(`${at(clock.now())} visibility of ${bodyOf.get(String(e.messageId))} set to ${e.visibilityTimeout} s`);
      if (e.type === "redrive") s.t!.log(`${at(clock.now())} ${bodyOf.get(String(e.messageId))} moved to the DLQ by the redrive policy (received ${e.receiveCount} times)`);
    });
  }
  const bodyOf = new Map<string, string>();
  for (const body of Object.keys(messages)) bodyOf.set(broker.send("invoices", body).messageId, body);
  startConsumer({
    broker,
    queue: "invoices",
    dlq: "invoices-dlq",
    handler,
    baseSeconds: s.baseSeconds,
    capSeconds: s.capSeconds,
    random: s.random,
  });
  return {
    clock,
    broker,
    calls: (body: string) => calls.get(body) ?? [],
    done: (body: string) => done.get(body) ?? 0,
    /** Gaps between a message's handler calls, in seconds. */
    gaps(body: string) {
      const times = calls.get(body) ?? [];
      return times.slice(1).map((x, i) => (x - times[i]! - (s.handlerMs ?? 0)) / 1000);
    },
    /** The DLQ's messages (read without changing anything the checks look at). */
    deadLetters() {
      const out: { body: string; error?: string }[] = [];
      for (;;) {
        const batch = broker.receive("invoices-dlq", { maxNumberOfMessages: 10, visibilityTimeout: 600 });
        if (batch.length === 0) return out;
        for (const m of batch) out.push({ body: m.body, error: m.messageAttributes?.error?.stringValue });
      }
    },
    left() {
      const a = broker.getQueueAttributes("invoices");
      return a.approximateNumberOfMessages + a.approximateNumberOfMessagesNotVisible + a.approximateNumberOfMessagesDelayed;
    },
  };
}

const base = { maxReceiveCount: 4, baseSeconds: 1, capSeconds: 10, random: NEARLY_ONE };

describe("retrying consumer", () => {
  it("creates the DLQ and a queue that redrives to it after `maxReceiveCount` receives", () => {
    const broker = new QueueBroker({ clock: new ManualClock() });
    createQueues(broker, "invoices", "invoices-dlq", 5);
    const policy = broker.getQueueAttributes("invoices").redrivePolicy;
    expect(policy?.maxReceiveCount, "maxReceiveCount of the invoices queue's redrive policy").toBe(5);
    expect(policy?.deadLetterTargetArn, "the redrive policy's target").toBe(broker.getQueue("invoices-dlq").arn);
  });

  it("backoffSeconds doubles from `baseSeconds` up to `capSeconds` (random near 1 picks the top of each window)", () => {
    const got = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => backoffSeconds(n, 1, 60, NEARLY_ONE));
    expect(got, "backoffSeconds(n, 1, 60, () => 0.999999) for n = 1..8").toEqual([1, 2, 4, 8, 16, 32, 60, 60]);
    const got2 = [1, 2, 3, 4].map((n) => backoffSeconds(n, 5, 30, NEARLY_ONE));
    expect(got2, "backoffSeconds(n, 5, 30, () => 0.999999) for n = 1..4").toEqual([5, 10, 20, 30]);
  });

  it("backoffSeconds is a whole number of seconds from 0 to the window (full jitter)", async () => {
    await property(
      fc.record({
        n: fc.integer({ min: 1, max: 12 }),
        base: fc.integer({ min: 1, max: 10 }),
        cap: fc.integer({ min: 10, max: 900 }),
        r: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
      }),
      ({ n, base: b, cap, r }, t) => {
        const got = backoffSeconds(n, b, cap, () => r);
        t.log(`backoffSeconds(${n}, ${b}, ${cap}, () => ${r}) returned ${got}; the window is ${windowOf(n, b, cap)} s`);
        expect(Number.isInteger(got), `backoffSeconds returned a whole number (got ${got})`).toBe(true);
        expect(got, "the delay in seconds").toBeGreaterThanOrEqual(0);
        expect(got, `the delay in seconds (window min(cap, base × 2^(n−1)) = ${windowOf(n, b, cap)})`).toBeLessThanOrEqual(
          windowOf(n, b, cap),
        );
      },
    );
    expect(backoffSeconds(5, 1, 60, () => 0), "backoffSeconds(5, 1, 60, () => 0)").toBe(0);
  });

  it("deletes each message its handler processed", async () => {
    const w = world({ a: { kind: "ok" }, b: { kind: "ok" }, c: { kind: "ok" } }, base);
    await w.clock.run(60_000);
    for (const m of ["a", "b", "c"]) expect(w.calls(m).length, `handler calls for ${m}`).toBe(1);
    expect(w.left(), "messages left in the invoices queue").toBe(0);
  });

  it("retries a transient failure after growing delays: 2, 4, 8, 16, 20, 20 s (base 2, cap 20)", async () => {
    const w = world({ a: { kind: "transient", failures: 6 } }, { ...base, maxReceiveCount: 10, baseSeconds: 2, capSeconds: 20 });
    await w.clock.run(300_000);
    expect(w.gaps("a"), "seconds between the handler calls for a (random near 1)").toEqual([2, 4, 8, 16, 20, 20]);
    expect(w.done("a"), "times a was processed successfully (on its 7th attempt)").toBe(1);
    expect(w.left(), "messages left in the invoices queue").toBe(0);
  });

  it("sends a permanently failing message to the DLQ at once, with the error as its `error` attribute", async () => {
    const w = world({ bad: { kind: "permanent" }, good: { kind: "ok" } }, base);
    await w.clock.run(5_000);
    expect(w.calls("bad").length, "handler calls for the permanently failing message").toBe(1);
    const dead = w.deadLetters();
    expect(dead.map((d) => d.body), "bodies in the DLQ after 5 s").toEqual(["bad"]);
    expect(dead[0]?.error, "the dead letter's `error` message attribute").toContain("negative quantity");
    expect(w.left(), "messages left in the invoices queue").toBe(0);
  });

  it("moves a poison message to the DLQ after exactly `maxReceiveCount` receives, and the DLQ keeps it longer", async () => {
    const w = world({ poison: { kind: "poison" } }, { ...base, maxReceiveCount: 4 });
    await w.clock.run(600_000);
    expect(w.calls("poison").length, "handler calls for the poison message (maxReceiveCount 4)").toBe(4);
    expect(w.deadLetters().map((d) => d.body), "bodies in the DLQ").toEqual(["poison"]);
    expect(w.left(), "messages left in the invoices queue").toBe(0);
    const source = w.broker.getQueueAttributes("invoices").messageRetentionPeriod;
    expect(
      w.broker.getQueueAttributes("invoices-dlq").messageRetentionPeriod,
      `the DLQ's messageRetentionPeriod in seconds (the source keeps messages ${source} s)`,
    ).toBeGreaterThan(source);
  });

  it("keeps good messages flowing while a poison one fails (handlers take 1 s each)", async () => {
    const w = world(
      { poison: { kind: "poison" }, a: { kind: "ok" }, b: { kind: "ok" }, c: { kind: "ok" } },
      { ...base, baseSeconds: 30, capSeconds: 300, handlerMs: 1_000 },
    );
    await w.clock.run(4_000);
    for (const m of ["a", "b", "c"]) expect(w.done(m), `times ${m} was processed by t=4s (sent right after the poison one)`).toBe(1);
  });

  it("spreads the retries of messages that failed together (jitter)", async () => {
    const names = Array.from({ length: 20 }, (_, i) => `m${i + 1}`);
    const rng = createRandom(42);
    const w = world(Object.fromEntries(names.map((n) => [n, { kind: "transient", failures: 1 } as Behaviour])), {
      ...base,
      baseSeconds: 8,
      capSeconds: 60,
      random: () => rng.next(),
    });
    await w.clock.run(60_000);
    const retries = names.map((n) => w.gaps(n)[0]);
    for (const [i, gap] of retries.entries()) {
      expect(gap, `seconds before ${names[i]} was retried (window 8 s)`).toBeLessThanOrEqual(8);
    }
    expect(new Set(retries).size, `different retry delays among 20 messages that failed at once (got ${retries.join(", ")} s)`).toBeGreaterThanOrEqual(4);
  });

  it("any mix of good, transient, poison and permanent messages: each is processed once or dead-lettered once, as it should", async () => {
    const behaviour: fc.Arbitrary<Behaviour> = fc.oneof(
      fc.constant({ kind: "ok" } as const),
      fc.integer({ min: 1, max: 3 }).map((failures) => ({ kind: "transient", failures }) as const),
      fc.constant({ kind: "poison" } as const),
      fc.constant({ kind: "permanent" } as const),
    );
    await property(
      fc.record({
        messages: fc.array(behaviour, { minLength: 1, maxLength: 8 }),
        baseSeconds: fc.integer({ min: 1, max: 4 }),
        capSeconds: fc.integer({ min: 4, max: 30 }),
        seed: fc.nat(1_000),
      }),
      async ({ messages, baseSeconds, capSeconds, seed }, t) => {
        const rng = createRandom(seed);
        const plan = Object.fromEntries(messages.map((b, i) => [`m${i + 1}`, b]));
        const maxReceiveCount = 4;
        const w = world(plan, { maxReceiveCount, baseSeconds, capSeconds, random: () => rng.next(), t });
        await w.clock.run(180_000);
        const dead = w.deadLetters().map((d) => d.body);
        for (const [name, b] of Object.entries(plan)) {
          const deadTimes = dead.filter((d) => d === name).length;
          if (b.kind === "ok" || b.kind === "transient") {
            expect(w.done(name), `times ${name} (${b.kind}) was processed successfully`).toBe(1);
            expect(deadTimes, `copies of ${name} (${b.kind}) in the DLQ`).toBe(0);
            w.gaps(name).forEach((gap, i) => {
              const window = windowOf(i + 1, baseSeconds, capSeconds);
              expect(gap, `seconds before retry ${i + 1} of ${name} (window ${window} s)`).toBeLessThanOrEqual(window);
            });
          } else {
            const calls = b.kind === "poison" ? maxReceiveCount : 1;
            expect(w.calls(name).length, `handler calls for ${name} (${b.kind}, maxReceiveCount ${maxReceiveCount})`).toBe(calls);
            expect(deadTimes, `copies of ${name} (${b.kind}) in the DLQ`).toBe(1);
          }
        }
        expect(w.left(), "messages left in the invoices queue").toBe(0);
      },
      {
        numRuns: 50,
        show: ({ messages, baseSeconds, capSeconds, seed }) =>
          `base ${baseSeconds} s, cap ${capSeconds} s, seed ${seed}, messages ${messages
            .map((b, i) => `m${i + 1}=${b.kind}${b.kind === "transient" ? `×${b.failures}` : ""}`)
            .join(" ")}`,
      },
    );
  });
});
