/**
 * Every broker operation and every injected fault is recorded as a typed event in a Trace,
 * which tests read and the UI draws. Each family defines its own event types (see
 * queue/, exchange/, log/); they all share this envelope.
 */
import { InvalidArgumentError } from "./errors.js";
import { checkOptions, optionSpec } from "./options.js";

export type BrokerFamily = "queue" | "exchange" | "log";

/** What a family passes to `record`; the trace adds `seq` and `at`. */
export interface TraceEventInput {
  family: BrokerFamily;
  /** e.g. "send", "receive", "delete", "redrive", "publish", "ack", "produce", "commit", "fault". */
  type: string;
  [detail: string]: unknown;
}

export type TraceEvent<E extends TraceEventInput = TraceEventInput> = E & {
  /** 1-based position in the trace; never reused, even after old events are dropped. */
  seq: number;
  /** Clock time when the event happened. */
  at: number;
};

export interface TraceOptions {
  /** Whether events are kept at all. @default true */
  enabled?: boolean;
  /** Keep at most this many of the newest events (older ones are dropped). @default 10000 */
  capacity?: number;
}

export type TraceListener = (event: TraceEvent) => void;

const TRACE_OPTIONS = optionSpec("new Trace()", ["enabled", "capacity"]);

export class Trace {
  private readonly buffer: TraceEvent[] = [];
  private seq = 0;
  private readonly listeners = new Set<TraceListener>();
  readonly enabled: boolean;
  readonly capacity: number;

  constructor(options: TraceOptions = {}) {
    checkOptions(options, TRACE_OPTIONS);
    const { enabled = true, capacity = 10_000 } = options;
    if (typeof enabled !== "boolean") throw new InvalidArgumentError("new Trace({ enabled })", "must be a boolean", enabled);
    if (capacity !== Infinity && (!Number.isSafeInteger(capacity) || capacity < 0)) {
      throw new InvalidArgumentError("new Trace({ capacity })", "must be an integer >= 0 or Infinity", capacity, "Pass how many of the newest events to keep, e.g. 100000.");
    }
    this.enabled = enabled;
    this.capacity = capacity;
  }

  record<E extends TraceEventInput>(now: number, event: E): void {
    if (!this.enabled) return;
    const full = { ...event, seq: ++this.seq, at: now } as TraceEvent;
    this.buffer.push(full);
    if (this.buffer.length > this.capacity) this.buffer.splice(0, this.buffer.length - this.capacity);
    for (const l of this.listeners) l(full);
  }

  /** The kept events, oldest first. */
  events(): readonly TraceEvent[] {
    return this.buffer;
  }

  /** Events of one family and, optionally, one type. */
  filter(family: BrokerFamily, type?: string): TraceEvent[] {
    return this.buffer.filter((e) => e.family === family && (type === undefined || e.type === type));
  }

  /** Calls `listener` for every later event; returns a function that unsubscribes. */
  subscribe(listener: TraceListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  clear(): void {
    this.buffer.length = 0;
  }
}
