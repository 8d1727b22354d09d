/**
 * Checks of names, arguments and properties against RabbitMQ's own limits (rabbit_amqqueue.erl
 * check_*_arg, rabbit_misc:check_expiry, AMQP shortstr sizes). Every check throws before any
 * state changes.
 */
import { InvalidArgumentError } from "../errors.js";
import { X_MATCH_VALUES } from "./headers-match.js";
import type {
  ExchangeBindingArguments,
  ExchangeMessageBody,
  ExchangeQueueArguments,
  ExchangeQueueOverflow,
  ExchangeType,
} from "./types.js";

/** erlang:send_after's limit, which RabbitMQ applies to every TTL and expiry (ms). */
export const MAX_EXPIRY_MS = 4294967295;
/** AMQP shortstr: names, routing keys, consumer tags. */
export const MAX_SHORTSTR_BYTES = 255;
/** basic.qos prefetch-count is an AMQP short. */
export const MAX_PREFETCH = 65535;
/** RabbitMQ 4.x default `max_message_size`. */
export const DEFAULT_MAX_MESSAGE_SIZE = 16 * 1024 * 1024;
/** RabbitMQ's hard cap on `max_message_size` (rabbit.hrl ?MAX_MSG_SIZE). */
export const HARD_MAX_MESSAGE_SIZE = 512 * 1024 * 1024;

export const EXCHANGE_TYPES: readonly ExchangeType[] = ["direct", "fanout", "topic", "headers"];
const OVERFLOWS: readonly ExchangeQueueOverflow[] = ["drop-head", "reject-publish", "reject-publish-dlx"];

/** UTF-8 byte length without allocating. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

export function bodySize(body: ExchangeMessageBody): number {
  return typeof body === "string" ? utf8Length(body) : body.byteLength;
}

export function checkShortstr(what: string, value: unknown): asserts value is string {
  if (typeof value !== "string") throw new InvalidArgumentError(what, "must be a string", value);
  if (value.length > MAX_SHORTSTR_BYTES && utf8Length(value) > MAX_SHORTSTR_BYTES) {
    throw new InvalidArgumentError(what, `must be at most ${MAX_SHORTSTR_BYTES} bytes of UTF-8`, `${utf8Length(value)} bytes`);
  }
}

export function checkInt(what: string, value: unknown, min: number, max: number): asserts value is number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw new InvalidArgumentError(what, `must be an integer from ${min} to ${max}`, value);
  }
}

export function checkBoolean(what: string, value: unknown): void {
  if (value !== undefined && typeof value !== "boolean") throw new InvalidArgumentError(what, "must be a boolean", value);
}

export function checkExchangeType(type: unknown): asserts type is ExchangeType {
  if (!EXCHANGE_TYPES.includes(type as ExchangeType)) {
    throw new InvalidArgumentError("Exchange type", `must be one of ${EXCHANGE_TYPES.join(", ")}`, type);
  }
}

/** The queue arguments this broker acts on, parsed. */
export interface QueueSettings {
  messageTtl: number | undefined;
  maxLength: number | undefined;
  overflow: ExchangeQueueOverflow;
  deadLetterExchange: string | undefined;
  deadLetterRoutingKey: string | undefined;
  expires: number | undefined;
  deliveryLimit: number | undefined;
}

/** The arguments compared on redeclare (RabbitMQ's assert_args_equivalence list, the ones we know). */
export const EQUIVALENCE_KEYS = [
  "x-message-ttl",
  "x-max-length",
  "x-overflow",
  "x-dead-letter-exchange",
  "x-dead-letter-routing-key",
  "x-expires",
  "x-delivery-limit",
] as const;

export function parseQueueArguments(args: ExchangeQueueArguments | undefined): QueueSettings {
  const a = args ?? {};
  if (typeof a !== "object" || a === null || Array.isArray(a)) {
    throw new InvalidArgumentError("Queue arguments", "must be an object", a);
  }
  const ttl = a["x-message-ttl"];
  if (ttl !== undefined) checkInt("x-message-ttl", ttl, 0, MAX_EXPIRY_MS);
  const maxLength = a["x-max-length"];
  if (maxLength !== undefined) checkInt("x-max-length", maxLength, 0, Number.MAX_SAFE_INTEGER);
  const overflow = a["x-overflow"] ?? "drop-head";
  if (!OVERFLOWS.includes(overflow)) {
    throw new InvalidArgumentError("x-overflow", `must be one of ${OVERFLOWS.join(", ")}`, overflow);
  }
  const dlx = a["x-dead-letter-exchange"];
  if (dlx !== undefined) checkShortstr("x-dead-letter-exchange", dlx);
  const dlrk = a["x-dead-letter-routing-key"];
  if (dlrk !== undefined) {
    checkShortstr("x-dead-letter-routing-key", dlrk);
    if (dlx === undefined) {
      // RabbitMQ: {error, routing_key_but_no_dlx_defined}
      throw new InvalidArgumentError("x-dead-letter-routing-key", "must come with x-dead-letter-exchange", dlrk);
    }
  }
  const expires = a["x-expires"];
  if (expires !== undefined) checkInt("x-expires", expires, 1, MAX_EXPIRY_MS);
  const deliveryLimit = a["x-delivery-limit"];
  // -1 switches the limit off in RabbitMQ 4.x quorum queues; here there is no default limit.
  if (deliveryLimit !== undefined) checkInt("x-delivery-limit", deliveryLimit, -1, MAX_EXPIRY_MS);
  return {
    messageTtl: ttl,
    maxLength,
    overflow,
    deadLetterExchange: dlx,
    deadLetterRoutingKey: dlrk,
    expires,
    deliveryLimit: deliveryLimit === -1 ? undefined : deliveryLimit,
  };
}

/** `expiration` is a string of decimal digits, 0..4294967295 ms (rabbit_basic:parse_expiration). */
export function parseExpiration(expiration: unknown): number | undefined {
  if (expiration === undefined) return undefined;
  if (typeof expiration !== "string" || !/^\d{1,10}$/.test(expiration) || Number(expiration) > MAX_EXPIRY_MS) {
    throw new InvalidArgumentError(
      "The expiration property",
      `must be a string of digits, a TTL in ms from 0 to ${MAX_EXPIRY_MS}`,
      expiration,
    );
  }
  return Number(expiration);
}

export function checkBindingArguments(type: ExchangeType, args: ExchangeBindingArguments | undefined): void {
  if (args === undefined) return;
  if (typeof args !== "object" || args === null || Array.isArray(args)) {
    throw new InvalidArgumentError("Binding arguments", "must be an object", args);
  }
  const xMatch = args["x-match"];
  if (type === "headers" && xMatch !== undefined && !X_MATCH_VALUES.includes(xMatch as never)) {
    throw new InvalidArgumentError("x-match", `must be one of ${X_MATCH_VALUES.join(", ")}`, xMatch);
  }
}

/** A stable text form of binding arguments, so equal tables give the same binding identity. */
export function argumentsKey(args: ExchangeBindingArguments | undefined): string {
  if (args === undefined) return "";
  const keys = Object.keys(args).filter((k) => args[k] !== undefined).sort();
  if (keys.length === 0) return "";
  return JSON.stringify(keys.map((k) => [k, encodeField(args[k])]));
}

function encodeField(v: unknown): unknown {
  if (v instanceof Uint8Array) return { bytes: Array.from(v) };
  if (Array.isArray(v)) return v.map(encodeField);
  if (v !== null && typeof v === "object") {
    const o = v as Record<string, unknown>;
    return Object.keys(o)
      .sort()
      .map((k) => [k, encodeField(o[k])]);
  }
  return v;
}
