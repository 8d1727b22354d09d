import { describe, expect, fc, it, loadSubject, property, type Timeline } from "mqtutor/checks";
import { ManualClock, QueueBroker, type TimerHandle } from "mqtutor/broker";
import type * as Reference from "./solution.js";

const { startPool } = await loadSubject<typeof Reference>("startPool");

/** Lets every promise that can move on do so (the pool's loops, the handlers). */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A manual clock that remembers when its timers are due, so a check can step from one due
 * time to the next and let the pool's promises settle in between, as real time would.
 */
class SteppingClock extends ManualClock {
  private due: number[] = [];

  override setTimeout(fn: () => void, ms: number): TimerHandle {
    this.due.push(this.now() + Math.max(0, ms));
    return super.setTimeout(fn, ms);
  }

  /** Lets `ms` of time pass, timer by timer. */
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

interface JobPlan {
  /** How long the handler takes, in ms. */
  duration: number;
  /** The first attempt fails (after its duration). */
  failsOnce?: boolean;
}

/** A queue, a pool on it and handlers that record what ran when. */
function world(limit: number, capacity: number, plan: (job: string) => JobPlan, t?: Timeline) {
  const clock = new SteppingClock();
  const broker = new QueueBroker({ clock });
  t?.show({ queues: broker });
  broker.createQueue("jobs", { visibilityTimeout: 30 });
  const w = {
    clock,
    broker,
    running: 0,
    maxRunning: 0,
    attempts: new Map<string, number>(),
    done: new Map<string, number>(),
    lastDoneAt: 0,
    depth: () => broker.getQueueAttributes("jobs").approximateNumberOfMessages,
    leftInQueue: () => {
      const a = broker.getQueueAttributes("jobs");
      return a.approximateNumberOfMessages + a.approximateNumberOfMessagesNotVisible;
    },
  };
  const handler = async (body: string): Promise<void> => {
    const { duration, failsOnce } = plan(body);
    const attempt = (w.attempts.get(body) ?? 0) + 1;
    w.attempts.set(body, attempt);
    w.running++;
    w.maxRunning = Math.max(w.maxRunning, w.running);
    t?.log(`${at(clock.now())} handler started ${body} (${w.running} running, limit ${limit})`);
    try {
      await new Promise<void>((resolve) => clock.setTimeout(resolve, duration));
      if (failsOnce && attempt === 1) {
        t?.log(`${at(clock.now())} handler failed ${body}`);
        throw new Error(`${body} failed (a check's handler failing on purpose)`);
      }
      w.done.set(body, (w.done.get(body) ?? 0) + 1);
      w.lastDoneAt = clock.now();
      t?.log(`${at(clock.now())} handler finished ${body}`);
    } finally {
      w.running--;
    }
  };
  const pool = startPool({ broker, queue: "jobs", limit, capacity, handler });
  // The story of a failing case, with job names instead of message ids.
  const jobOf = new Map<string, string>();
  let submitting = "";
  let held: string[] | undefined; // lines that happen inside submit, told after it
  const tell = (line: string) => (held ? held.push(line) : t?.log(line));
  if (t) {
    broker.trace.subscribe((e) => {
      const when = at(clock.now());
      if (e.type === "send") jobOf.set(String(e.messageId), submitting);
      if (e.type === "receive") {
        const ids = e.messageIds as string[];
        const counts = e.receiveCounts as number[];
        ids.forEach((id, i) => tell(`${when} ${jobOf.get(id)} received (receive #${counts[i]})`));
      }
      if (e.type === "delete") tell(`${when} ${jobOf.get(String(e.messageId))} deleted`);
    });
  }
  const submit = (job: string): boolean => {
    submitting = job;
    held = [];
    try {
      const accepted = pool.submit(job);
      t?.log(`${at(clock.now())} submit ${job}: ${accepted ? "accepted" : "refused"} (${w.depth()} waiting)`);
      return accepted;
    } finally {
      for (const line of held) t?.log(line);
      held = undefined;
    }
  };
  return Object.assign(w, { pool, submit });
}

const names = (n: number, prefix = "job") => Array.from({ length: n }, (_, i) => `${prefix}-${i + 1}`);

describe("worker pool", () => {
  it("handles each job once and deletes its message when done", async () => {
    const w = world(2, 10, () => ({ duration: 1_000 }));
    for (const job of names(5)) expect(w.pool.submit(job), `submit("${job}") with room in the queue`).toBe(true);
    await w.clock.run(10_000);
    for (const job of names(5)) expect(w.done.get(job) ?? 0, `times ${job} was handled`).toBe(1);
    expect(w.leftInQueue(), "messages left in the queue (deleted once handled?)").toBe(0);
  });

  it("never runs more than `limit` handlers at once", async () => {
    await property(
      fc.record({
        limit: fc.integer({ min: 1, max: 4 }),
        jobs: fc.array(fc.record({ arrives: fc.nat(20), duration: fc.integer({ min: 1, max: 20 }) }), {
          minLength: 1,
          maxLength: 12,
        }),
      }),
      async ({ limit, jobs }, t) => {
        const w = world(limit, 100, (job) => ({ duration: jobs[Number(job.slice(4)) - 1]!.duration * 100 }), t);
        const byArrival = jobs.map((j, i) => ({ ...j, name: `job-${i + 1}` })).sort((a, b) => a.arrives - b.arrives);
        for (const job of byArrival) {
          await w.clock.run(job.arrives * 100 - w.clock.now());
          w.submit(job.name);
        }
        await w.clock.run(5_000);
        expect(w.maxRunning, `most handlers running at the same time (limit ${limit})`).toBeLessThanOrEqual(limit);
      },
      {
        numRuns: 60,
        show: ({ limit, jobs }) => `limit ${limit}, jobs (arrival and duration in 100 ms) ${JSON.stringify(jobs)}`,
      },
    );
  });

  it("refuses a job (submit returns false) while `capacity` jobs wait, and takes jobs again once there is room", async () => {
    const w = world(1, 2, () => ({ duration: 10_000 }));
    expect(w.pool.submit("a"), 'submit("a"): the only worker is free').toBe(true);
    await w.clock.run(0);
    expect(w.pool.submit("b"), 'submit("b"): 1 of 2 waiting places taken').toBe(true);
    expect(w.pool.submit("c"), 'submit("c"): 2 of 2 waiting places taken').toBe(true);
    expect(w.pool.submit("d"), 'submit("d") while 2 jobs wait and capacity is 2').toBe(false);
    expect(w.depth(), "jobs waiting in the queue after a refused submit").toBe(2);
    await w.clock.run(10_000); // "a" is done, the worker takes "b": one place is free
    expect(w.pool.submit("e"), 'submit("e") once the worker took "b"').toBe(true);
    expect(w.pool.submit("f"), 'submit("f") while 2 jobs wait again').toBe(false);
    await w.clock.run(60_000);
    expect([...w.done.keys()].sort(), "jobs handled in the end (refused ones never)").toEqual(["a", "b", "c", "e"]);
  });

  it("drains a burst at the pool's full rate: a free slot takes the next job at once", async () => {
    const even = world(4, 100, () => ({ duration: 500 }));
    for (const job of names(40)) even.pool.submit(job);
    await even.clock.run(30_000);
    expect(even.done.size, "jobs done out of 40").toBe(40);
    expect(even.lastDoneAt, "ms until the last of 40 half-second jobs finished with 4 slots (40 × 0.5 s / 4)").toBeLessThanOrEqual(5_000);

    const mixed = world(2, 100, (job) => ({ duration: job === "long" ? 2_000 : 200 }));
    for (const job of ["long", ...names(10, "short")]) mixed.pool.submit(job);
    await mixed.clock.run(30_000);
    expect(mixed.done.size, "jobs done out of 11").toBe(11);
    expect(
      mixed.lastDoneAt,
      "ms until the last job finished: one 2 s job and ten 0.2 s jobs on 2 slots (the second slot runs the short ones back to back)",
    ).toBeLessThanOrEqual(2_000);
  });

  it("survives a failing job: the job is retried after its visibility timeout and the other jobs go on", async () => {
    const w = world(1, 10, (job) => ({ duration: 1_000, failsOnce: job === "a" }));
    for (const job of ["a", "b", "c"]) w.pool.submit(job);
    await w.clock.run(3_000);
    expect(w.done.get("b") ?? 0, "times b was handled by t=3s (while a waits for its retry)").toBe(1);
    expect(w.done.get("c") ?? 0, "times c was handled by t=3s").toBe(1);
    await w.clock.run(60_000);
    expect(w.attempts.get("a") ?? 0, "attempts at a (it failed once, visibility timeout 30 s)").toBe(2);
    expect(w.done.get("a") ?? 0, "times a was handled successfully").toBe(1);
    expect(w.leftInQueue(), "messages left in the queue").toBe(0);
  });

  it("under random bursts, durations and failures, every job is done exactly once and at most `capacity` wait", async () => {
    await property(
      fc.record({
        limit: fc.integer({ min: 1, max: 4 }),
        capacity: fc.integer({ min: 1, max: 5 }),
        jobs: fc.array(
          fc.record({ arrives: fc.nat(20), duration: fc.integer({ min: 1, max: 20 }), failsOnce: fc.boolean() }),
          { minLength: 1, maxLength: 12 },
        ),
      }),
      async ({ limit, capacity, jobs }, t) => {
        const plan = (job: string) => {
          const j = jobs[Number(job.slice(4)) - 1]!;
          return { duration: j.duration * 100, failsOnce: j.failsOnce };
        };
        const w = world(limit, capacity, plan, t);
        // The producer: a refused job is offered again one second later.
        const pending = jobs.map((j, i) => ({ name: `job-${i + 1}`, due: j.arrives * 100 }));
        let maxDepth = 0;
        while (pending.length > 0) {
          pending.sort((a, b) => a.due - b.due);
          const job = pending.shift()!;
          await w.clock.run(Math.max(0, job.due - w.clock.now()));
          if (w.submit(job.name)) {
            maxDepth = Math.max(maxDepth, w.depth());
          } else {
            t.log(`${at(w.clock.now())} the producer will offer ${job.name} again in 1 s`);
            job.due = w.clock.now() + 1_000;
            pending.push(job);
          }
          if (w.clock.now() > 300_000) break; // never took the refused job: reported below
        }
        await w.clock.run(60_000);
        expect(maxDepth, `most jobs waiting in the queue (capacity ${capacity})`).toBeLessThanOrEqual(capacity);
        const counts = Object.fromEntries(jobs.map((_, i) => [`job-${i + 1}`, w.done.get(`job-${i + 1}`) ?? 0]));
        const once = Object.fromEntries(jobs.map((_, i) => [`job-${i + 1}`, 1]));
        expect(counts, "times each job was handled successfully").toEqual(once);
        expect(w.maxRunning, `most handlers running at the same time (limit ${limit})`).toBeLessThanOrEqual(limit);
      },
      {
        numRuns: 60,
        show: ({ limit, capacity, jobs }) =>
          `limit ${limit}, capacity ${capacity}, jobs (arrival and duration in 100 ms) ${JSON.stringify(jobs)}`,
      },
    );
  });
});
