import { describe, expect, fail, fc, it, loadSubject, property, type Timeline } from "mqtutor/checks";
import { ManualClock, QueueBroker } from "mqtutor/broker";
import type * as Reference from "./solution.js";

const { createOrchestrator } = await loadSubject<typeof Reference>("createOrchestrator");

type Outcome = Reference.Outcome;
/** What a participant does with one delivery of a command. */
type Behaviour =
  | "ok" // does it (or repeats its earlier answer) and replies
  | "decline" // refuses it (a hold or the charge), and replies so
  | "lost" // does it, but the reply is lost
  | "silent" // never sees the command (the participant is down)
  | "slow" // does it, and the reply arrives 40 s later
  | "dup"; // does it, and the reply arrives twice

const PARTICIPANTS = ["flights", "hotels", "payments", "tickets"];
type Action = "hold-seat" | "hold-room" | "charge-card" | "issue-tickets" | "release-room" | "release-seat";
const DECLINABLE: Action[] = ["hold-seat", "hold-room", "charge-card"];
const CONFIRMED_EFFECTS = ["seat held", "room held", "card charged", "tickets issued"];
const SLOW_MS = 40_000;
const TICK_MS = 5_000;

/** An incident: on the `attempt`-th delivery of `action` for booking `booking`, the participant does `behaviour`. */
interface Incident {
  booking: number;
  action: Action;
  attempt: number;
  behaviour: Behaviour;
}

const at = (ms: number) => `t=${ms / 1000}s`;

/** The participants (correct and idempotent, as a good participant is) and a driver for the clock. */
function trip(incidents: Incident[], t?: Timeline) {
  const clock = new ManualClock();
  const broker = new QueueBroker({ clock });
  for (const q of [...PARTICIPANTS, "saga-replies"]) broker.createQueue(q);

  const effects = new Map<string, string[]>();
  const answers = new Map<string, boolean>(); // idempotency key → the answer given the first time
  const deliveries = new Map<string, number>(); // idempotency key → deliveries seen
  const held = new Set<string>(); // "bk-1 seat"
  const released = new Set<string>();
  const ended = new Map<string, Outcome[]>();
  const afterEnd: string[] = [];
  const late: { due: number; body: string }[] = [];

  const effect = (bookingId: string, what: string) => {
    effects.set(bookingId, [...(effects.get(bookingId) ?? []), what]);
  };
  const behaviourOf = (bookingId: string, action: string, attempt: number): Behaviour =>
    incidents.find((i) => `bk-${i.booking}` === bookingId && i.action === action && i.attempt === attempt)?.behaviour ??
    "ok";

  /** Does the action the first time its key is seen; remembers the answer for repeats. */
  function perform(bookingId: string, action: string, behaviour: Behaviour): { ok: boolean; did: string } {
    const resource = action.endsWith("seat") ? "seat" : "room";
    const id = `${bookingId} ${resource}`;
    if (action === "hold-seat" || action === "hold-room") {
      if (released.has(id)) return { ok: false, did: `refused: the ${resource} was already released` };
      if (behaviour === "decline") return { ok: false, did: "declined" };
      held.add(id);
      effect(bookingId, `${resource} held`);
      return { ok: true, did: `${resource} held` };
    }
    if (action === "release-seat" || action === "release-room") {
      released.add(id);
      if (!held.delete(id)) return { ok: true, did: `nothing to release` };
      effect(bookingId, `${resource} released`);
      return { ok: true, did: `${resource} released` };
    }
    if (action === "charge-card") {
      if (behaviour === "decline") return { ok: false, did: "card declined" };
      effect(bookingId, "card charged");
      return { ok: true, did: "card charged" };
    }
    effect(bookingId, "tickets issued");
    return { ok: true, did: "tickets issued" };
  }

  function reply(key: string, ok: boolean) {
    broker.send("saga-replies", JSON.stringify({ key, ok }));
  }

  /** Each participant handles what is in its queue. Returns whether anything happened. */
  function participants(): boolean {
    let busy = false;
    for (const queue of PARTICIPANTS) {
      for (const m of broker.receive(queue, { maxNumberOfMessages: 10 })) {
        busy = true;
        broker.deleteMessage(queue, m.receiptHandle);
        let cmd: Partial<Reference.Command> = {};
        try {
          cmd = JSON.parse(m.body) as Partial<Reference.Command>;
        } catch {
          t?.log(`${at(clock.now())} ${queue} cannot read a command: ${m.body}`);
          continue;
        }
        const { bookingId = "?", action = "?", key = "?" } = cmd;
        if (ended.has(bookingId)) afterEnd.push(`${action} for ${bookingId} at ${at(clock.now())}`);
        const n = (deliveries.get(key) ?? 0) + 1;
        deliveries.set(key, n);
        const behaviour = behaviourOf(bookingId, action, n);
        const head = `${at(clock.now())} ${queue} gets ${action} for ${bookingId} (key ${key}, delivery ${n})`;
        if (behaviour === "silent") {
          t?.log(`${head}: participant down, nothing done, no reply`);
          continue;
        }
        let ok: boolean;
        let did: string;
        if (answers.has(key)) {
          ok = answers.get(key)!;
          did = `already done: answers ${ok ? "ok" : "no"} again`;
        } else {
          ({ ok, did } = perform(bookingId, action, behaviour));
          answers.set(key, ok);
        }
        const sent =
          behaviour === "lost"
            ? "the reply is lost"
            : behaviour === "slow"
              ? `the reply (${ok ? "ok" : "no"}) will arrive ${SLOW_MS / 1000} s late`
              : behaviour === "dup"
                ? `replies ${ok ? "ok" : "no"} twice`
                : `replies ${ok ? "ok" : "no"}`;
        t?.log(`${head}: ${did}; ${sent}`);
        if (behaviour === "slow") late.push({ due: clock.now() + SLOW_MS, body: JSON.stringify({ key, ok }) });
        else if (behaviour !== "lost") reply(key, ok);
        if (behaviour === "dup") reply(key, ok);
      }
    }
    for (const l of late.filter((x) => x.due <= clock.now())) {
      late.splice(late.indexOf(l), 1);
      broker.send("saga-replies", l.body);
      busy = true;
    }
    return busy;
  }

  const orchestrator = createOrchestrator({
    broker,
    clock,
    onEnd(bookingId, outcome) {
      ended.set(bookingId, [...(ended.get(bookingId) ?? []), outcome]);
      lastEnd = clock.now();
      t?.log(`${at(clock.now())} saga of ${bookingId} ended ${outcome}`);
    },
  });

  const booked = new Set<string>();
  let lastEnd = 0;

  /**
   * Polls and lets participants answer until things are quiet, then moves on in ticks of 5 s;
   * stops early a minute after every saga has ended (a minute to see any late command).
   */
  function run(seconds: number) {
    const end = clock.now() + seconds * 1000;
    for (;;) {
      for (let round = 0; round < 50; round++) {
        orchestrator.poll();
        if (!participants()) break;
      }
      if (clock.now() >= end) break;
      if ([...booked].every((b) => ended.has(b)) && late.length === 0 && clock.now() - lastEnd >= 60_000) break;
      clock.advance(TICK_MS);
    }
    t?.log(`${at(clock.now())} the check looks at what happened`);
  }

  return {
    broker,
    clock,
    effects,
    ended,
    afterEnd,
    held,
    deliveries,
    book(bookingId: string) {
      t?.log(`${at(clock.now())} book ${bookingId}`);
      booked.add(bookingId);
      orchestrator.book(bookingId);
    },
    run,
    effectsOf: (bookingId: string) => effects.get(bookingId) ?? [],
  };
}

/** A saga ended once, either fully done or fully compensated in reverse. */
function expectSettled(w: ReturnType<typeof trip>, bookingId: string) {
  const ends = w.ended.get(bookingId) ?? [];
  expect(ends.length, `times the saga of ${bookingId} ended (after 15 minutes)`).toBe(1);
  const effects = w.effectsOf(bookingId);
  for (const e of new Set(effects)) {
    expect(effects.filter((x) => x === e).length, `times "${e}" happened for ${bookingId}`).toBe(1);
  }
  if (ends[0] === "CONFIRMED") {
    expect(effects, `what happened for ${bookingId}, in order (it ended CONFIRMED)`).toEqual(CONFIRMED_EFFECTS);
    return;
  }
  if (effects.includes("card charged")) {
    fail(`${bookingId} ended CANCELLED, but its card was charged: past the pivot, a timeout is retried, never undone.`, {
      expected: "CONFIRMED",
      actual: "CANCELLED",
    });
  }
  for (const r of ["seat", "room"]) {
    if (w.held.has(`${bookingId} ${r}`)) {
      fail(`${bookingId} ended CANCELLED with its ${r} still held: no release-${r} reached the participant.`, {
        expected: `the ${r} released`,
        actual: `the ${r} held`,
      });
    }
  }
  const releases = effects.filter((e) => e.endsWith("released"));
  if (releases.length === 2) {
    expect(releases, `releases for ${bookingId}, in order (the room was held last, so it goes first)`).toEqual([
      "room released",
      "seat released",
    ]);
  }
  expect(w.afterEnd, `commands sent for ${bookingId} after its saga ended`).toEqual([]);
}

/** A run of incidents: the same behaviour for `count` deliveries in a row, from delivery `from`. */
const run = (actions: Action[], behaviours: Behaviour[]) =>
  fc
    .record({
      booking: fc.constantFrom(1, 2),
      action: fc.constantFrom(...actions),
      from: fc.integer({ min: 1, max: 2 }),
      count: fc.integer({ min: 1, max: 4 }),
      behaviour: fc.constantFrom(...behaviours),
    })
    .map(({ booking, action, from, count, behaviour }) =>
      Array.from({ length: count }, (_, i): Incident => ({ booking, action, attempt: from + i, behaviour })),
    );
const incidents: fc.Arbitrary<Incident[]> = fc
  .array(
    fc.oneof(
      run(DECLINABLE, ["decline", "lost", "silent", "slow", "dup"]),
      run(["issue-tickets", "release-room", "release-seat"], ["lost", "silent", "slow", "dup"]),
    ),
    { maxLength: 4 },
  )
  .map((runs) => runs.flat());

const showIncidents = (list: Incident[]) =>
  list.length === 0
    ? "no incidents: every participant answers at once"
    : list.map((i) => `bk-${i.booking} ${i.action} delivery ${i.attempt}: ${i.behaviour}`).join("; ");

describe("booking saga", () => {
  it("books a trip: seat, room, charge, tickets, then CONFIRMED", () => {
    const w = trip([]);
    w.book("bk-1");
    w.run(60);
    expect(w.ended.get("bk-1"), "how the saga of bk-1 ended").toEqual(["CONFIRMED"]);
    expect(w.effectsOf("bk-1"), "what happened for bk-1, in order").toEqual(CONFIRMED_EFFECTS);
  });

  it("a declined charge releases the room, then the seat, and ends CANCELLED", () => {
    const w = trip([{ booking: 1, action: "charge-card", attempt: 1, behaviour: "decline" }]);
    w.book("bk-1");
    w.run(60);
    expect(w.effectsOf("bk-1"), "what happened for bk-1, in order (card declined)").toEqual([
      "seat held",
      "room held",
      "room released",
      "seat released",
    ]);
    expect(w.ended.get("bk-1"), "how the saga of bk-1 ended").toEqual(["CANCELLED"]);
  });

  it("a declined room releases only the seat", () => {
    const w = trip([{ booking: 1, action: "hold-room", attempt: 1, behaviour: "decline" }]);
    w.book("bk-1");
    w.run(60);
    expect(w.effectsOf("bk-1"), "what happened for bk-1, in order (room declined)").toEqual([
      "seat held",
      "seat released",
    ]);
    expect(w.ended.get("bk-1"), "how the saga of bk-1 ended").toEqual(["CANCELLED"]);
  });

  it("sends a command again, with the same key, when no reply comes within 30 s", () => {
    const w = trip([
      { booking: 1, action: "hold-seat", attempt: 1, behaviour: "silent" },
      { booking: 1, action: "hold-room", attempt: 1, behaviour: "lost" },
    ]);
    w.book("bk-1");
    w.run(25);
    expect(w.deliveries.get("bk-1:hold-seat"), "deliveries of bk-1:hold-seat in the first 25 s").toBe(1);
    w.run(120);
    expect(w.deliveries.get("bk-1:hold-seat"), "deliveries of bk-1:hold-seat (the first was never seen)").toBe(2);
    expect(w.deliveries.get("bk-1:hold-room"), "deliveries of bk-1:hold-room (the first reply was lost)").toBe(2);
    expect(w.effectsOf("bk-1"), "what happened for bk-1, in order").toEqual(CONFIRMED_EFFECTS);
  });

  it("gives up on a hold after three unanswered attempts, and releases it anyway, in reverse order", () => {
    const lost = [1, 2, 3].map((attempt): Incident => ({ booking: 1, action: "hold-room", attempt, behaviour: "lost" }));
    const w = trip(lost);
    w.book("bk-1");
    w.run(300);
    expect(w.deliveries.get("bk-1:hold-room"), "deliveries of bk-1:hold-room").toBe(3);
    expect(w.effectsOf("bk-1"), "what happened for bk-1 (the room was held, but every reply was lost)").toEqual([
      "seat held",
      "room held",
      "room released",
      "seat released",
    ]);
    expect(w.ended.get("bk-1"), "how the saga of bk-1 ended").toEqual(["CANCELLED"]);
  });

  it("never reads a charge that times out as declined: asks again until it answers", () => {
    const lost = [1, 2, 3, 4].map((attempt): Incident => ({ booking: 1, action: "charge-card", attempt, behaviour: "lost" }));
    const w = trip(lost);
    w.book("bk-1");
    w.run(600);
    expect(w.effectsOf("bk-1"), "what happened for bk-1 (the first charge went through; four replies were lost)").toEqual(
      CONFIRMED_EFFECTS,
    );
    expect(w.ended.get("bk-1"), "how the saga of bk-1 ended").toEqual(["CONFIRMED"]);
  });

  it("ignores duplicate and late replies", () => {
    const w = trip([
      { booking: 1, action: "hold-seat", attempt: 1, behaviour: "dup" },
      { booking: 1, action: "hold-room", attempt: 1, behaviour: "slow" },
      { booking: 1, action: "charge-card", attempt: 1, behaviour: "dup" },
      { booking: 2, action: "charge-card", attempt: 1, behaviour: "decline" },
      { booking: 2, action: "charge-card", attempt: 2, behaviour: "dup" },
      { booking: 2, action: "release-room", attempt: 1, behaviour: "dup" },
    ]);
    w.book("bk-1");
    w.book("bk-2");
    w.run(300);
    expect(w.ended.get("bk-1"), "how the saga of bk-1 ended").toEqual(["CONFIRMED"]);
    expect(w.ended.get("bk-2"), "how the saga of bk-2 ended (card declined)").toEqual(["CANCELLED"]);
    expectSettled(w, "bk-1");
    expectSettled(w, "bk-2");
  });

  it("any mix of declines, lost, late and doubled replies and a participant down: each saga ends once, done or undone", async () => {
    await property(
      incidents,
      (incidents, t) => {
        const w = trip(incidents, t);
        const bookings = incidents.some((i) => i.booking === 2) ? ["bk-1", "bk-2"] : ["bk-1"];
        for (const b of bookings) w.book(b);
        w.run(900);
        for (const b of bookings) expectSettled(w, b);
      },
      { show: showIncidents },
    );
  });
});
