/**
 * The queue family's trace events: one per operation, one per time-driven change (a visibility
 * timeout running out, a message expiring) and one per fault, discriminated on `type`.
 * Time-driven events are recorded when the broker next looks at the queue; `dueAt` says when
 * the change really happened on the clock.
 */
import type { Trace, TraceEvent } from "../trace.js";

type E<T extends string, D> = { family: "queue"; type: T } & D;

/** Every event the queue family records, discriminated on `type`. */
export type QueueTraceEvent =
  | E<"create-queue", { queue: string; fifo: boolean; created: boolean }>
  | E<"delete-queue", { queue: string; messages: number }>
  | E<"set-queue-attributes", { queue: string; changed: string[] }>
  | E<"send", { queue: string; messageId: string; size: number; availableAt: number; messageGroupId?: string; messageDeduplicationId?: string; sequenceNumber?: string }>
  | E<"send-deduplicated", { queue: string; messageId: string; messageDeduplicationId: string }>
  | E<"receive", { queue: string; requested: number; messageIds: string[]; receiveCounts: number[]; waitedMs?: number }>
  | E<"delete", { queue: string; messageId: string; outcome: "deleted" | "already-gone" }>
  | E<"change-visibility", { queue: string; messageId: string; visibilityTimeout: number }>
  | E<"visibility-expired", { queue: string; messageId: string; receiveCount: number; dueAt: number }>
  | E<"redrive", { queue: string; deadLetterQueue: string; messageId: string; receiveCount: number }>
  | E<"redrive-skipped", { queue: string; messageId: string; reason: string }>
  | E<"expire", { queue: string; messageId: string; dueAt: number }>
  | E<"purge", { queue: string; messages: number }>
  | E<"reject", { op: string; queue?: string; code: string }>
  | E<"fault", QueueFaultDetail>;

/** The injected faults, as recorded: `armed` when scheduled, then once per injection. */
export type QueueFaultDetail =
  | { fault: "crash-before-delete"; queue: string; armed: boolean; times?: number; messageId?: string }
  | { fault: "duplicate-delivery"; queue: string; armed: boolean; times?: number; messageId?: string }
  | { fault: "delay"; queue: string; armed: boolean; ms: number; times?: number; messageId?: string }
  | { fault: "reorder"; queue: string; armed: boolean; messageIds?: string[] }
  | { fault: "chaos"; queue: string; armed: boolean; rates?: Record<string, number> };

/** Distributes the union over its members, so a literal keeps its own member's fields. */
type WithoutFamily<T> = T extends unknown ? Omit<T, "family"> : never;

/** What internal code passes to the recorder (the family is added there). */
export type QueueTraceInput = WithoutFamily<QueueTraceEvent>;

/** The queue family's events of a trace, typed. */
export function queueTraceEvents(trace: Trace): TraceEvent<QueueTraceEvent>[] {
  return trace.filter("queue") as TraceEvent<QueueTraceEvent>[];
}
