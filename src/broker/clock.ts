/**
 * Time for the broker. Every time-based behaviour (visibility timeouts, delays, TTLs,
 * retention, long polling, session timeouts, backoff) reads and schedules through a Clock,
 * never through `Date.now()` or the global timers, so tests and exercises are deterministic.
 */
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

  /** @param start the initial time in ms. @default 0 */
  constructor(start = 0) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
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

  /** Moves time forward by `ms`, firing due timers in order. */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) {
      throw new RangeError(`ManualClock.advance: ms must be a finite number >= 0, got ${ms}`);
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
