import { describe, expect, fail, fc, it, loadSubject, property, type Timeline } from "mqtutor/checks";
import { createRandom, ManualClock, QueueBroker } from "mqtutor/broker";
import type * as Reference from "./solution.js";

const { createQueues, createNotifier } = await loadSubject<typeof Reference>("createQueues", "createNotifier");

type Channel = Reference.Channel;
type SendResult = Reference.SendResult;
const CHANNELS: Channel[] = ["email", "sms", "push"];
const WINDOW_MS = 60_000;
const PER_USER = 2;
const MAX_RECEIVES = 4;

/** What a provider does for a message: the check decides per channel, key and time. */
type ProviderRule = (dedupeKey: string, channel: Channel, now: number) => SendResult;

interface Delivery {
  dedupeKey: string;
  userId: string;
  channel: Channel;
  at: number;
}

const at = (ms: number) => `t=${ms / 1000}s`;

/**
 * A broker with the learner's queues, providers that record every call, preferences the
 * check can change, and `workers` notifier instances sharing one store. A worker whose
 * `work()` throws has died: a new instance replaces it, with the same store.
 */
function world(options: { workers?: number; prefs: Record<string, Channel[]>; rule?: ProviderRule; random?: () => number }, t?: Timeline) {
  const clock = new ManualClock();
  const broker = new QueueBroker({ clock });
  t?.show({ queues: broker });
  createQueues(broker);
  const prefs = new Map(Object.entries(options.prefs).map(([u, c]) => [u, [...c]]));
  const optedOut = new Map<string, number>(); // "u1 sms" → when
  const store = new Map<string, string>();
  const deliveries: Delivery[] = [];
  const calls = new Map<string, { at: number; result: SendResult }[]>();
  const rule = options.rule ?? (() => "ok");
  const provider = (channel: Channel) => (m: Reference.ChannelMessage): SendResult => {
    const result = rule(m.dedupeKey, channel, clock.now());
    calls.set(m.dedupeKey, [...(calls.get(m.dedupeKey) ?? []), { at: clock.now(), result }]);
    if (result === "ok") deliveries.push({ dedupeKey: m.dedupeKey, userId: m.userId, channel, at: clock.now() });
    t?.log(`${at(clock.now())} ${channel} provider: ${m.dedupeKey} for ${m.userId} → ${result}`);
    return result;
  };
  const make = () =>
    createNotifier({
      broker,
      clock,
      preferences: (userId) => prefs.get(userId) ?? [],
      providers: { email: provider("email"), sms: provider("sms"), push: provider("push") },
      store,
      random: options.random ?? createRandom(7).next,
    });
  const workers = Array.from({ length: options.workers ?? 1 }, make);
  let requests = 0;
  let ticks = 0;
  if (t) {
    broker.trace.subscribe((e) => {
      if (e.type === "redrive") t.log(`${at(clock.now())} the ${String(e.queue)} queue moves a message to its DLQ (receive #${MAX_RECEIVES + 1})`);
    });
  }
  const w = {
    clock,
    broker,
    store,
    deliveries,
    calls,
    optedOut,
    workers,
    notify(idempotencyKey: string, userId: string) {
      t?.log(`${at(clock.now())} request ${idempotencyKey} for ${userId} (accepts ${(prefs.get(userId) ?? []).join(", ") || "nothing"})`);
      workers[requests++ % workers.length]!.notify({ idempotencyKey, userId, text: `message ${idempotencyKey}` });
    },
    optOut(userId: string, channel: Channel) {
      t?.log(`${at(clock.now())} ${userId} opts out of ${channel}`);
      prefs.set(userId, (prefs.get(userId) ?? []).filter((c) => c !== channel));
      optedOut.set(`${userId} ${channel}`, clock.now());
    },
    crashOnNextDelete(queue: Channel) {
      t?.log(`${at(clock.now())} fault: the next delete on ${queue} crashes its worker`);
      w.broker.faults.crashBeforeDelete(queue);
    },
    /** One second of the workers' poll loop; they take turns at polling first. */
    tick() {
      ticks++;
      for (let j = 0; j < workers.length; j++) {
        const i = (j + ticks) % workers.length;
        try {
          workers[i]!.work();
        } catch (err) {
          t?.log(`${at(clock.now())} worker ${i + 1} died (${err instanceof Error ? err.message.split("\n")[0] : String(err)}); a new one starts`);
          workers[i] = make();
        }
      }
    },
    /** Runs the workers second by second; stops early once every queue is empty. */
    run(seconds: number, each?: (second: number) => void) {
      const start = clock.now();
      for (let s = 0; s <= seconds; s++) {
        each?.(s);
        w.tick();
        if (!each && w.idle()) break;
        if (s < seconds) clock.advance(1_000);
      }
      void start;
    },
    idle() {
      return CHANNELS.every((c) => {
        const a = broker.getQueueAttributes(c);
        return a.approximateNumberOfMessages + a.approximateNumberOfMessagesNotVisible + a.approximateNumberOfMessagesDelayed === 0;
      });
    },
    queued(channel: Channel) {
      const a = broker.getQueueAttributes(channel);
      return a.approximateNumberOfMessages + a.approximateNumberOfMessagesNotVisible + a.approximateNumberOfMessagesDelayed;
    },
    /** The dedupe keys in each DLQ. */
    deadLetters() {
      const out: string[] = [];
      for (const c of CHANNELS) {
        for (;;) {
          const batch = broker.receive(`${c}-dlq`, { maxNumberOfMessages: 10, visibilityTimeout: 43_200 });
          if (batch.length === 0) break;
          for (const m of batch) {
            try {
              out.push(String((JSON.parse(m.body) as { dedupeKey?: unknown }).dedupeKey));
            } catch {
              out.push(`unreadable: ${m.body}`);
            }
          }
        }
      }
      return out.sort();
    },
    deliveredKeys: () => deliveries.map((d) => d.dedupeKey).sort(),
    attemptTimes: (dedupeKey: string) => (calls.get(dedupeKey) ?? []).map((c) => c.at / 1000),
  };
  return w;
}

/** Deliveries per user and channel, at most PER_USER in any window of 60 s. */
function expectWithinLimit(deliveries: Delivery[]) {
  const by = new Map<string, number[]>();
  for (const d of deliveries) by.set(`${d.userId} ${d.channel}`, [...(by.get(`${d.userId} ${d.channel}`) ?? []), d.at]);
  for (const [who, times] of by) {
    times.sort((a, b) => a - b);
    for (let i = PER_USER; i < times.length; i++) {
      if (times[i]! - times[i - PER_USER]! < WINDOW_MS) {
        fail(`${who} got ${PER_USER + 1} messages within 60 s: the limit is ${PER_USER} in any 60 s.`, {
          expected: `at most ${PER_USER} in any 60 s`,
          actual: times.slice(i - PER_USER, i + 1).map((x) => at(x)).join(", "),
        });
      }
    }
  }
}

describe("notification system", () => {
  it("fans a notification out to each channel the user accepts, once", () => {
    const w = world({ prefs: { u1: ["email", "push"] } });
    w.notify("k1", "u1");
    w.run(10);
    expect(w.deliveredKeys(), "what the providers delivered (u1 accepts email and push)").toEqual(["k1:email", "k1:push"]);
  });

  it("answers a repeated request without queueing it again, even an hour later", () => {
    const w = world({ prefs: { u1: ["email", "sms"] } });
    w.notify("k1", "u1");
    w.notify("k1", "u1");
    expect(w.queued("email") + w.queued("sms"), "messages queued for two requests with the same idempotency key").toBe(2);
    w.run(10);
    w.clock.advance(3_600_000);
    w.notify("k1", "u1");
    expect(w.queued("email") + w.queued("sms"), "messages queued by the same request an hour later").toBe(0);
    w.run(10);
    expect(w.deliveredKeys(), "what the providers delivered").toEqual(["k1:email", "k1:sms"]);
  });

  it("delivers a message once, even when a worker dies before deleting it", () => {
    const w = world({ workers: 2, prefs: { u1: ["email", "sms"], u2: ["sms"] } });
    w.crashOnNextDelete("sms");
    w.notify("k1", "u1");
    w.notify("k2", "u2");
    w.crashOnNextDelete("email");
    w.run(120);
    expect(w.deliveredKeys(), "what the providers delivered (the messages came back 30 s after each crash)").toEqual([
      "k1:email",
      "k1:sms",
      "k2:sms",
    ]);
  });

  it("never uses a channel the user opted out of, even for messages already queued", () => {
    const w = world({ prefs: { u1: ["email", "sms", "push"] } });
    w.notify("k1", "u1");
    w.optOut("u1", "sms");
    w.run(10);
    expect(w.deliveredKeys(), "what the providers delivered (u1 opted out of sms after the request)").toEqual([
      "k1:email",
      "k1:push",
    ]);
    expect(w.calls.has("k1:sms"), "the sms provider was called for k1").toBe(false);
  });

  it("retries a failing provider after an exponential backoff: 2, 4, 8 s when the jitter draws near 1", () => {
    const w = world({
      prefs: { u1: ["email"] },
      rule: (key, _c, now) => (now < 14_000 ? "retry" : "ok"),
      random: () => 0.999,
    });
    w.notify("k1", "u1");
    w.run(60);
    expect(w.attemptTimes("k1:email"), "seconds at which the email provider was tried (it fails until t=14s)").toEqual([
      0, 2, 6, 14,
    ]);
  });

  it("spreads the retries of notifications that failed together (full jitter)", () => {
    const users = Object.fromEntries(Array.from({ length: 20 }, (_, i): [string, Channel[]] => [`u${i}`, ["push"]]));
    const tries = new Map<string, number>();
    const failThrice: ProviderRule = (key) => {
      tries.set(key, (tries.get(key) ?? 0) + 1);
      return tries.get(key)! <= 3 ? "retry" : "ok";
    };
    const w = world({ prefs: users, rule: failThrice });
    for (let i = 0; i < 20; i++) w.notify(`k${i}`, `u${i}`);
    w.run(120);
    const fourth = Object.keys(users).map((_, i) => w.attemptTimes(`k${i}:push`)[3] ?? Infinity);
    expect(new Set(fourth).size, "different seconds at which the 20 pushes were tried a fourth time").toBeGreaterThanOrEqual(5);
    expect(Math.max(...fourth), "latest fourth try, in seconds (windows of 2, 4 and 8 s, plus a tick for each 0)").toBeLessThanOrEqual(17);
  });

  it("sends a message the provider rejects for good to the channel's DLQ after one attempt", () => {
    const w = world({ prefs: { u1: ["sms", "push"] }, rule: (key) => (key === "k1:sms" ? "permanent" : "ok") });
    w.notify("k1", "u1");
    w.run(60);
    expect(w.attemptTimes("k1:sms").length, "attempts at k1:sms (the number does not exist)").toBe(1);
    expect(w.deadLetters(), "dedupe keys in the DLQs").toEqual(["k1:sms"]);
    expect(w.deliveredKeys(), "what the providers delivered").toEqual(["k1:push"]);
  });

  it("moves a message that keeps failing to the DLQ after 4 attempts, without holding up the others", () => {
    const w = world({ prefs: { u1: ["sms"], u2: ["sms"] }, rule: (key) => (key === "k1:sms" ? "retry" : "ok") });
    w.notify("k1", "u1");
    w.notify("k2", "u2");
    w.run(120);
    expect(w.attemptTimes("k1:sms").length, "attempts at k1:sms (its provider always fails)").toBe(MAX_RECEIVES);
    expect(w.deadLetters(), "dedupe keys in the DLQs").toEqual(["k1:sms"]);
    expect(w.attemptTimes("k2:sms"), "seconds at which k2:sms was tried").toEqual([0]);
  });

  it("never sends a user more than 2 messages on a channel in any 60 s, and delivers a burst late rather than not at all", () => {
    const w = world({ workers: 2, prefs: { u1: ["push"] } });
    w.run(9, (s) => w.notify(`k${s + 1}`, "u1")); // one request a second, to either worker
    w.clock.advance(1_000);
    w.run(600);
    expectWithinLimit(w.deliveries);
    expect(w.deadLetters(), "dedupe keys in the DLQs (nothing failed: a deferral is not a failure)").toEqual([]);
    expect(w.deliveredKeys().length, "pushes delivered to u1 (10 requested, none failed)").toBe(10);
    const last = Math.max(...w.deliveries.map((d) => d.at));
    expect(last / 1000, "second of the last push (2 a minute: the tenth is due at 241 s)").toBeLessThanOrEqual(245);
  });

  it("any mix of repeated requests, opt-outs, outages, dead addresses and crashes keeps every guarantee", async () => {
    const KEYS = ["k1", "k2", "k3", "k4", "k5"];
    const userOf = (key: string) => (Number(key.slice(1)) % 2 === 1 ? "u1" : "u2");
    const plan = fc.record({
      workers: fc.constantFrom(1, 2),
      prefs: fc.record({
        u1: fc.subarray(CHANNELS, { minLength: 1 }),
        u2: fc.subarray(CHANNELS, { minLength: 1 }),
      }),
      requests: fc.array(fc.record({ at: fc.integer({ min: 0, max: 90 }), key: fc.constantFrom(...KEYS) }), { minLength: 1, maxLength: 8 }),
      optOuts: fc.array(fc.record({ at: fc.integer({ min: 0, max: 90 }), user: fc.constantFrom("u1", "u2"), channel: fc.constantFrom(...CHANNELS) }), { maxLength: 2 }),
      outages: fc.array(
        fc.record({ channel: fc.constantFrom(...CHANNELS), from: fc.integer({ min: 0, max: 60 }), seconds: fc.integer({ min: 1, max: 40 }) }),
        { maxLength: 2 },
      ),
      dead: fc.array(fc.record({ key: fc.constantFrom(...KEYS), channel: fc.constantFrom(...CHANNELS), how: fc.constantFrom<SendResult>("permanent", "retry") }), { maxLength: 2 }),
      crashes: fc.array(fc.record({ at: fc.integer({ min: 0, max: 90 }), queue: fc.constantFrom(...CHANNELS) }), { maxLength: 2 }),
    });
    await property(
      plan,
      (p, t) => {
        const rule: ProviderRule = (key, channel, now) => {
          const dead = p.dead.find((d) => `${d.key}:${d.channel}` === key);
          if (dead) return dead.how;
          const down = p.outages.some((o) => o.channel === channel && now >= o.from * 1000 && now < (o.from + o.seconds) * 1000);
          return down ? "retry" : "ok";
        };
        const w = world({ workers: p.workers, prefs: p.prefs, rule }, t);
        const accepted = new Map<string, number>(); // "k1:sms" → when it was requested
        w.run(90, (s) => {
          for (const o of p.optOuts.filter((x) => x.at === s)) w.optOut(o.user, o.channel);
          for (const c of p.crashes.filter((x) => x.at === s)) w.crashOnNextDelete(c.queue);
          for (const r of p.requests.filter((x) => x.at === s)) {
            if (![...accepted.keys()].some((k) => k.startsWith(`${r.key}:`))) {
              for (const c of CHANNELS) {
                const optedOut = w.optedOut.has(`${userOf(r.key)} ${c}`);
                if (p.prefs[userOf(r.key)].includes(c) && !optedOut) accepted.set(`${r.key}:${c}`, s);
              }
            }
            w.notify(r.key, userOf(r.key));
          }
        });
        w.run(900);
        t.log(`${at(w.clock.now())} the check looks at what happened`);
        const dlq = w.deadLetters();
        for (const d of w.deliveries) {
          const sameKey = w.deliveries.filter((x) => x.dedupeKey === d.dedupeKey).length;
          expect(sameKey, `deliveries of ${d.dedupeKey}`).toBe(1);
          if (!accepted.has(d.dedupeKey)) fail(`${d.dedupeKey} was delivered, but ${d.userId} did not accept ${d.channel} when it was requested.`);
          const out = w.optedOut.get(`${d.userId} ${d.channel}`);
          if (out !== undefined && d.at >= out) {
            fail(`${d.dedupeKey} was delivered at ${at(d.at)}, after ${d.userId} opted out of ${d.channel} at ${at(out)}.`);
          }
        }
        expectWithinLimit(w.deliveries);
        for (const key of accepted.keys()) {
          const [k, channel] = key.split(":") as [string, Channel];
          const user = userOf(k);
          const delivered = w.deliveries.some((d) => d.dedupeKey === key);
          const dead = dlq.includes(key);
          const optedOut = w.optedOut.has(`${user} ${channel}`);
          if (!delivered && !dead && !optedOut) {
            fail(`${key} was neither delivered, nor dead-lettered, nor dropped after an opt-out.`, { expected: "delivered", actual: "lost" });
          }
          const failed = (w.calls.get(key) ?? []).some((c) => c.result !== "ok");
          if (dead && !failed) {
            fail(`${key} ended in the DLQ though its provider never failed it (was it deferred by hiding it, so its receive count grew?).`, {
              expected: "delivered",
              actual: "in the DLQ",
            });
          }
          const poison = p.dead.find((d) => `${d.key}:${d.channel}` === key);
          if (poison && !dead && !optedOut) fail(`${key} always fails (${poison.how}), but it is not in the ${channel} DLQ.`);
        }
      },
      {
        show: (p) =>
          [
            `${p.workers} worker${p.workers > 1 ? "s" : ""}; u1 accepts ${p.prefs.u1.join("+")}, u2 accepts ${p.prefs.u2.join("+")}`,
            `requests: ${p.requests.map((r) => `${r.key} at ${r.at}s`).join(", ")}`,
            ...p.optOuts.map((o) => `${o.user} opts out of ${o.channel} at ${o.at}s`),
            ...p.outages.map((o) => `${o.channel} provider down from ${o.from}s for ${o.seconds}s`),
            ...p.dead.map((d) => `${d.key}:${d.channel} always answers ${d.how}`),
            ...p.crashes.map((c) => `a worker crashes on its next ${c.queue} delete at ${c.at}s`),
          ].join("; "),
      },
    );
  });
});
