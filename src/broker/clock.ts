/**
 * Time for the broker. Every time-based behaviour (visibility timeouts, delays, TTLs,
 * retention, long polling, session timeouts, backoff) reads and schedules through a Clock,
 * never through `Date.now()` or the global timers, so tests and exercises are deterministic.
 */
import { InvalidArgumentError } from "./errors.js";

export interface Clock {
  /** Milliseconds since the Unix epoch, as this clock sees it. */
  now(): number;
  /** Runs `fn` once `ms` milliseconds have passed on this clock. */
  setTimeout(fn: () => void, ms: number): TimerHandle;
  /** Cancels a timer; cancelling one that already fired or was cancelled does nothing. */
  clearTimeout(handle: TimerHandle): void;
}

/** Opaque handle for a scheduled timer. */
export interface TimerHandle {
  readonly id: number;
}

interface PendingTimer {
  id: number;
  dueAt: number;
  fn: () => void;
}

/**
 * A clock that only moves when told to. `advance(ms)` fires every timer that falls due in the
 * window, in order of due time (ties in order of scheduling), with `now()` equal to each
 * timer's due time while it runs. Timers scheduled by a firing timer that fall inside the
 * window fire in the same call.
 */
export class ManualClock implements Clock {
  private current: number;
  private nextId = 1;
  // Invariant: sorted by (dueAt, id) ascending.
  private timers: PendingTimer[] = [];

  /** @param start the initial time in ms since the epoch. @default 0 */
  constructor(start = 0) {
    if (typeof start !== "number" || !Number.isFinite(start)) {
      throw new InvalidArgumentError("new ManualClock(start): start", "must be a finite number of milliseconds since the epoch", start, "Pass a number such as 0 or Date.UTC(2026, 0, 1), or leave it out for 0.");
    }
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  /** A delay that is not a positive finite number counts as 0, as with the global setTimeout. */
  setTimeout(fn: () => void, ms: number): TimerHandle {
    checkCallback("ManualClock.setTimeout", fn);
    const delay = Number.isFinite(ms) && ms > 0 ? ms : 0;
    const timer: PendingTimer = { id: this.nextId++, dueAt: this.current + delay, fn };
    // Insert keeping order; timers are few, so a linear scan from the end is enough.
    let i = this.timers.length;
    while (i > 0 && this.timers[i - 1]!.dueAt > timer.dueAt) i--;
    this.timers.splice(i, 0, timer);
    return { id: timer.id };
  }

  clearTimeout(handle: TimerHandle): void {
    const i = this.timers.findIndex((t) => t.id === handle.id);
    if (i >= 0) this.timers.splice(i, 1);
  }

  /** Moves time forward by `ms`, firing due timers in order. Time never moves back. */
  advance(ms: number): void {
    if (typeof ms !== "number" || !Number.isFinite(ms) || ms < 0) {
      throw new InvalidArgumentError(
        "ManualClock.advance(ms): ms",
        "must be a finite number >= 0",
        ms,
        "Time only moves forward: pass the milliseconds to move ahead (0 fires what is due now), or use advanceTo(at) for an instant.",
      );
    }
    const target = this.current + ms;
    for (;;) {
      const next = this.timers[0];
      if (!next || next.dueAt > target) break;
      this.timers.shift();
      this.current = Math.max(this.current, next.dueAt);
      next.fn();
    }
    this.current = target;
  }

  /** Moves time to the absolute instant `at` (which must not be in the past). */
  advanceTo(at: number): void {
    if (typeof at !== "number" || !Number.isFinite(at) || at < this.current) {
      throw new InvalidArgumentError(
        "ManualClock.advanceTo(at): at",
        `must be a finite number no earlier than now() (${this.current})`,
        at,
        "Time only moves forward: pass an instant at or after now(), or advance(ms) by a duration.",
      );
    }
    this.advance(at - this.current);
  }

  /** Fires timers due now (a zero-length advance). */
  flush(): void {
    this.advance(0);
  }

  /** How many timers are waiting. */
  pendingTimers(): number {
    return this.timers.length;
  }
}

/** Real time, for the playground and for anyone using the broker outside tests. */
export class SystemClock implements Clock {
  private handles = new Map<number, ReturnType<typeof globalThis.setTimeout>>();
  private nextId = 1;

  now(): number {
    return Date.now();
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    checkCallback("SystemClock.setTimeout", fn);
    const id = this.nextId++;
    const h = globalThis.setTimeout(() => {
      this.handles.delete(id);
      fn();
    }, Math.max(0, ms));
    this.handles.set(id, h);
    return { id };
  }

  clearTimeout(handle: TimerHandle): void {
    const h = this.handles.get(handle.id);
    if (h !== undefined) {
      globalThis.clearTimeout(h);
      this.handles.delete(handle.id);
    }
  }
}

function checkCallback(where: string, fn: unknown): void {
  if (typeof fn !== "function") throw new InvalidArgumentError(`${where}(fn, ms): fn`, "must be a function", fn, "Pass the function to run when the time comes.");
}
