/**
 * The exchange family's trace events: one per operation and one per fault, discriminated on
 * `type`. `msg` is the broker's own sequence number for a stored message (a dead-lettered copy
 * gets a new one and names its origin in `from`).
 */
import type { ExchangeType, XDeathReason } from "./types.js";

type E<T extends string, D> = { family: "exchange"; type: T } & D;

export type ExchangeTraceEvent =
  | E<"connection-open", { connection: number }>
  | E<"connection-close", { connection: number; requeued: number; reason: "client" | "fault" }>
  | E<"channel-open", { connection: number; channel: number }>
  | E<"channel-close", { channel: number; requeued: number }>
  | E<"exchange-declare", { exchange: string; exchangeType: ExchangeType; created: boolean }>
  | E<"exchange-delete", { exchange: string; bindings: number; reason: "client" | "auto-delete" }>
  | E<"queue-declare", { queue: string; created: boolean }>
  | E<"queue-delete", { queue: string; messages: number; reason: "client" | "auto-delete" | "expires" }>
  | E<"queue-purge", { queue: string; messages: number }>
  | E<"bind", { exchange: string; queue: string; routingKey: string; created: boolean }>
  | E<"unbind", { exchange: string; queue: string; routingKey: string; removed: boolean }>
  | E<"publish", { exchange: string; routingKey: string; msg: number; queues: string[]; rejectedBy: string[]; messageId?: string }>
  | E<"return", { exchange: string; routingKey: string; msg: number; replyCode: 312; replyText: "NO_ROUTE" }>
  | E<"deliver", { queue: string; msg: number; channel: number; consumerTag: string; deliveryTag: number; redelivered: boolean }>
  | E<"get", { queue: string; msg?: number; channel: number; deliveryTag?: number; redelivered?: boolean }>
  | E<"ack", { channel: number; deliveryTag: number; multiple: boolean; msgs: number[] }>
  | E<"nack", { channel: number; deliveryTag: number; multiple: boolean; requeue: boolean; msgs: number[] }>
  | E<"reject", { channel: number; deliveryTag: number; requeue: boolean; msg: number }>
  | E<"requeue", { queue: string; msg: number; cause: "nack" | "reject" | "cancel" | "channel-close" | "crash" }>
  | E<"expire", { queue: string; msg: number }>
  | E<"dead-letter", { queue: string; msg: number; reason: XDeathReason; exchange: string; routingKey: string; to: string[]; copy: number }>
  | E<"discard", { queue: string; msg: number; reason: XDeathReason | "dlx-missing" | "dlx-cycle" }>
  | E<"qos", { channel: number; prefetch: number }>
  | E<"consume", { queue: string; channel: number; consumerTag: string; prefetch: number; noAck: boolean }>
  | E<"cancel", { queue: string; channel: number; consumerTag: string; reason: "client" | "queue-deleted" | "crash" | "channel-close"; requeued: number }>
  | E<"consumer-error", { consumerTag: string; deliveryTag: number; error: string }>
  | E<"ack-ignored", { channel: number; deliveryTag: number; reason: "consumer-crashed" }>
  | E<"fault", ExchangeFaultDetail>;

/** The injected faults, as recorded. */
export type ExchangeFaultDetail =
  | { fault: "crash-consumer"; consumerTag: string; requeued: number }
  | { fault: "crash-consumer-before-ack"; consumerTag: string; armed: boolean; deliveryTag?: number }
  | { fault: "duplicate-delivery"; queue: string; armed: boolean; msg?: number }
  | { fault: "delay-delivery"; consumerTag: string; ms: number; armed: boolean; deliveryTag?: number }
  | { fault: "drop-connection"; connection: number; requeued: number };

/** Distributes the union over its members, so a literal keeps its own member's fields. */
type WithoutFamily<T> = T extends unknown ? Omit<T, "family"> : never;

/** What internal code passes to the recorder (the family is added there). */
export type ExchangeTraceInput = WithoutFamily<ExchangeTraceEvent>;
