/**
 * Injected faults of the queue family, all deterministic: armed ones fire on the next matching
 * operations, and `chaos` draws from the broker's seeded generator, so the same seed and the same
 * calls give the same faults. Every arming and every injection is a trace event (type "fault").
 * Standard queues allow every fault; FIFO queues promise order and no duplicates, so only the
 * crash and the delay apply to them.
 */
import { IllegalStateError, InvalidArgumentError } from "../errors.js";
import { checkOptions, optionSpec } from "../options.js";
import type { Random } from "../random.js";
import type { QueueFaultDetail } from "./trace-events.js";

/** Probabilities (0–1) of each fault, drawn per operation from the seeded generator. */
export interface QueueChaosRates {
  /** Per deleteMessage: the consumer crashes before the delete. @default 0 */
  crashBeforeDelete?: number;
  /** Per delivered message (standard only): it is delivered again to a later receive. @default 0 */
  duplicateDelivery?: number;
  /** Per receive (standard only): the visible messages are shuffled first. @default 0 */
  reorder?: number;
  /** Per send: the message is delayed by `delayMs` more. @default 0 */
  delay?: number;
  /** The extra delay of the `delay` fault, in ms. @default 1000 */
  delayMs?: number;
}

const CHAOS_RATES = optionSpec("faults.chaos()", ["crashBeforeDelete", "duplicateDelivery", "reorder", "delay", "delayMs"]);

/** What the faults need from the broker. */
export interface QueueFaultHost {
  /** Throws UnknownResourceError for a queue that does not exist. */
  isFifo(queue: string): boolean;
  /** Shuffles the visible messages of a standard queue; returns their new order. */
  shuffle(queue: string): string[];
  recordFault(detail: QueueFaultDetail): void;
}

interface Armed {
  crash: number;
  duplicate: number;
  delays: number[];
  chaos: Required<QueueChaosRates> | undefined;
}

/** `broker.faults`: arm, draw and inspect the faults of each queue. */
export class QueueFaults {
  private readonly armed = new Map<string, Armed>();

  /** @internal the broker creates its own. */
  constructor(
    private readonly host: QueueFaultHost,
    private readonly random: Random,
  ) {}

  /** The next `times` deleteMessage calls on `queue` throw QueueConsumerCrashedError instead of deleting. */
  crashBeforeDelete(queue: string, times = 1): void {
    this.host.isFifo(queue);
    checkTimes(times);
    this.state(queue).crash += times;
    this.host.recordFault({ fault: "crash-before-delete", queue, armed: true, times });
  }

  /** The next `times` messages delivered from a standard `queue` are delivered again to a later receive. */
  duplicateDelivery(queue: string, times = 1): void {
    this.standardOnly(queue, "duplicate-delivery");
    checkTimes(times);
    this.state(queue).duplicate += times;
    this.host.recordFault({ fault: "duplicate-delivery", queue, armed: true, times });
  }

  /** The next `times` sends to `queue` become receivable `ms` later than they would. */
  delay(queue: string, ms: number, times = 1): void {
    this.host.isFifo(queue);
    checkMs(ms);
    checkTimes(times);
    const s = this.state(queue);
    for (let i = 0; i < times; i++) s.delays.push(ms);
    this.host.recordFault({ fault: "delay", queue, armed: true, ms, times });
  }

  /** Shuffles the visible messages of a standard queue now (seeded); returns their new order of ids. */
  reorder(queue: string): string[] {
    this.standardOnly(queue, "reorder");
    return this.host.shuffle(queue);
  }

  /** Draws faults at random (seeded) on every matching operation until `clear`. */
  chaos(queue: string, rates: QueueChaosRates): void {
    const fifo = this.host.isFifo(queue);
    if (rates === null || typeof rates !== "object") throw new InvalidArgumentError("chaos rates", "must be an object", rates);
    checkOptions(rates, CHAOS_RATES);
    const r: Required<QueueChaosRates> = {
      crashBeforeDelete: rate("crashBeforeDelete", rates.crashBeforeDelete),
      duplicateDelivery: rate("duplicateDelivery", rates.duplicateDelivery),
      reorder: rate("reorder", rates.reorder),
      delay: rate("delay", rates.delay),
      delayMs: rates.delayMs ?? 1000,
    };
    checkMs(r.delayMs);
    if (fifo && (r.duplicateDelivery > 0 || r.reorder > 0)) {
      throw notOnFifo(queue, r.duplicateDelivery > 0 ? "duplicate-delivery" : "reorder");
    }
    this.state(queue).chaos = r;
    this.host.recordFault({ fault: "chaos", queue, armed: true, rates: { ...r } });
  }

  /** Disarms every fault of `queue`, or of every queue. */
  clear(queue?: string): void {
    if (queue === undefined) this.armed.clear();
    else this.armed.delete(queue);
  }

  /** What is armed for `queue`. */
  pending(queue: string): { crashBeforeDelete: number; duplicateDelivery: number; delays: number[]; chaos: QueueChaosRates | undefined } {
    const s = this.armed.get(queue);
    return {
      crashBeforeDelete: s?.crash ?? 0,
      duplicateDelivery: s?.duplicate ?? 0,
      delays: s ? s.delays.slice() : [],
      chaos: s?.chaos ? { ...s.chaos } : undefined,
    };
  }

  /** @internal Whether this deleteMessage crashes. */
  takeCrash(queue: string): boolean {
    const s = this.armed.get(queue);
    if (!s) return false;
    if (s.crash > 0) {
      s.crash--;
      return true;
    }
    return s.chaos !== undefined && s.chaos.crashBeforeDelete > 0 && this.random.next() < s.chaos.crashBeforeDelete;
  }

  /** @internal Whether this delivered message is duplicated. */
  takeDuplicate(queue: string): boolean {
    const s = this.armed.get(queue);
    if (!s) return false;
    if (s.duplicate > 0) {
      s.duplicate--;
      return true;
    }
    return s.chaos !== undefined && s.chaos.duplicateDelivery > 0 && this.random.next() < s.chaos.duplicateDelivery;
  }

  /** @internal Extra delay in ms for this send (0 for none). */
  takeDelay(queue: string): number {
    const s = this.armed.get(queue);
    if (!s) return 0;
    if (s.delays.length > 0) return s.delays.shift()!;
    return s.chaos !== undefined && s.chaos.delay > 0 && this.random.next() < s.chaos.delay ? s.chaos.delayMs : 0;
  }

  /** @internal Whether to shuffle before this receive. */
  takeReorder(queue: string): boolean {
    const s = this.armed.get(queue);
    return s?.chaos !== undefined && s.chaos.reorder > 0 && this.random.next() < s.chaos.reorder;
  }

  private state(queue: string): Armed {
    let s = this.armed.get(queue);
    if (!s) this.armed.set(queue, (s = { crash: 0, duplicate: 0, delays: [], chaos: undefined }));
    return s;
  }

  private standardOnly(queue: string, fault: string): void {
    if (this.host.isFifo(queue)) throw notOnFifo(queue, fault);
  }
}

function notOnFifo(queue: string, fault: string): IllegalStateError {
  return new IllegalStateError(
    "FAULT_NOT_ALLOWED",
    `The fault "${fault}" cannot happen on FIFO queue "${queue}": FIFO queues deliver in order and without duplicates.\n` +
      "Use a standard queue to see it, or inject crash-before-delete or delay.",
  );
}

function checkTimes(times: unknown): void {
  if (typeof times !== "number" || !Number.isInteger(times) || times < 1 || times > 1_000_000) {
    throw new InvalidArgumentError("times", "must be an integer from 1 to 1000000", times);
  }
}

function checkMs(ms: unknown): void {
  if (typeof ms !== "number" || !Number.isFinite(ms) || ms < 0 || ms > 43_200_000) {
    throw new InvalidArgumentError("The delay in ms", "must be a number from 0 to 43200000 (12 hours)", ms);
  }
}

function rate(name: string, value: unknown): number {
  if (value === undefined) return 0;
  if (typeof value !== "number" || !(value >= 0 && value <= 1)) {
    throw new InvalidArgumentError(`chaos rate ${name}`, "must be a probability from 0 to 1", value);
  }
  return value;
}
