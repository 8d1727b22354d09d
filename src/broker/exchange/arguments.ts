/**
 * Checks of names, arguments and properties against RabbitMQ's own limits (rabbit_amqqueue.erl
 * check_*_arg, rabbit_misc:check_expiry, AMQP shortstr sizes). Every check throws before any
 * state changes.
 */
import { InvalidArgumentError } from "../errors.js";
import { checkOptions } from "../options.js";
import { X_MATCH_VALUES } from "./headers-match.js";
import { QUEUE_ARGUMENTS } from "./option-specs.js";
import type {
  ExchangeBindingArguments,
  ExchangeMessageBody,
  ExchangeQueueArguments,
  ExchangeQueueOverflow,
  ExchangeQueueType,
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
  /** "classic" unless x-queue-type says "quorum". */
  type: ExchangeQueueType;
  messageTtl: number | undefined;
  maxLength: number | undefined;
  /** Bytes of bodies the ready messages may total (x-max-length-bytes). */
  maxLengthBytes: number | undefined;
  overflow: ExchangeQueueOverflow;
  deadLetterExchange: string | undefined;
  deadLetterRoutingKey: string | undefined;
  expires: number | undefined;
  /** Quorum queues only: failed deliveries allowed before dead-lettering; undefined = no limit. */
  deliveryLimit: number | undefined;
}

/** RabbitMQ 4.0+: a quorum queue without x-delivery-limit gets this limit (rabbit_quorum_queue.erl). */
export const DEFAULT_DELIVERY_LIMIT = 20;

/** The arguments compared on redeclare (RabbitMQ's assert_args_equivalence list, the ones we know). */
export const EQUIVALENCE_KEYS = [
  "x-message-ttl",
  "x-max-length",
  "x-max-length-bytes",
  "x-overflow",
  "x-dead-letter-exchange",
  "x-dead-letter-routing-key",
  "x-expires",
  "x-delivery-limit",
] as const;

/**
 * RabbitMQ refuses arguments that belong to another queue type (rabbit_amqqueue.erl
 * check_arguments_key, since 3.11) but accepts ones no type knows, for plugins. We refuse both:
 * a misspelt argument would otherwise do nothing, silently.
 */
export function parseQueueArguments(args: ExchangeQueueArguments | undefined, name: string, durable: boolean, autoDelete: boolean): QueueSettings {
  if (args !== undefined) checkOptions(args, QUEUE_ARGUMENTS);
  const a = args ?? {};
  const type = queueType(a["x-queue-type"]);
  if (type === "quorum") checkQuorumDeclaration(name, durable, autoDelete);
  const ttl = a["x-message-ttl"];
  if (ttl !== undefined) checkInt("x-message-ttl", ttl, 0, MAX_EXPIRY_MS);
  const maxLength = a["x-max-length"];
  if (maxLength !== undefined) checkInt("x-max-length", maxLength, 0, Number.MAX_SAFE_INTEGER);
  const maxLengthBytes = a["x-max-length-bytes"];
  if (maxLengthBytes !== undefined) checkInt("x-max-length-bytes", maxLengthBytes, 0, Number.MAX_SAFE_INTEGER);
  const overflow = a["x-overflow"] ?? "drop-head";
  if (!OVERFLOWS.includes(overflow)) {
    throw new InvalidArgumentError("x-overflow", `must be one of ${OVERFLOWS.join(", ")}`, overflow);
  }
  if (type === "quorum" && overflow === "reject-publish-dlx") {
    throw new InvalidArgumentError(
      "x-overflow",
      "must be drop-head or reject-publish on a quorum queue",
      overflow,
      "Quorum queues do not support reject-publish-dlx (RabbitMQ logs a warning and uses drop-head); use reject-publish, or a classic queue.",
    );
  }
  const dlx = a["x-dead-letter-exchange"];
  if (dlx !== undefined) checkShortstr("x-dead-letter-exchange", dlx);
  const dlrk = a["x-dead-letter-routing-key"];
  if (dlrk !== undefined) {
    checkShortstr("x-dead-letter-routing-key", dlrk);
    if (dlx === undefined) {
      // RabbitMQ: {error, routing_key_but_no_dlx_defined}
      throw new InvalidArgumentError(
        "x-dead-letter-routing-key",
        "must come with x-dead-letter-exchange",
        dlrk,
        "Set x-dead-letter-exchange too, or leave x-dead-letter-routing-key out.",
      );
    }
  }
  const expires = a["x-expires"];
  if (expires !== undefined) checkInt("x-expires", expires, 1, MAX_EXPIRY_MS);
  return {
    type,
    messageTtl: ttl,
    maxLength,
    maxLengthBytes,
    overflow,
    deadLetterExchange: dlx,
    deadLetterRoutingKey: dlrk,
    expires,
    deliveryLimit: deliveryLimit(type, a["x-delivery-limit"]),
  };
}

function queueType(value: unknown): ExchangeQueueType {
  if (value === undefined || value === "classic" || value === "quorum") return value ?? "classic";
  if (value === "stream") {
    throw new InvalidArgumentError(
      "x-queue-type",
      'must be "classic" or "quorum": streams are not modelled here',
      value,
      "For a replayable log with offsets and consumer groups, use the log broker (new LogBroker(), Kafka semantics); for a queue, declare a classic or quorum queue.",
    );
  }
  throw new InvalidArgumentError("x-queue-type", 'must be "classic" or "quorum" (RabbitMQ: unsupported queue type)', value);
}

// rabbit_quorum_queue:declare refuses these with 406 PRECONDITION_FAILED.
function checkQuorumDeclaration(name: string, durable: boolean, autoDelete: boolean): void {
  const refuse = (what: string, hint: string): never => {
    throw InvalidArgumentError.withMessage(`A quorum queue cannot be ${what} (RabbitMQ: 406 PRECONDITION_FAILED).`, hint);
  };
  if (name === "") refuse("server-named", 'Give the quorum queue a name: declareQueue("orders", { arguments: { "x-queue-type": "quorum" } }).');
  if (!durable) refuse("non-durable", "Leave durable out (it defaults to true) for a quorum queue, or declare a classic queue.");
  if (autoDelete) refuse("auto-delete", "Leave autoDelete out for a quorum queue, or declare a classic queue.");
}

/** x-delivery-limit: quorum queues only; default 20 (RabbitMQ 4.0+); -1 turns it off. */
function deliveryLimit(type: ExchangeQueueType, value: unknown): number | undefined {
  if (type === "classic") {
    if (value === undefined) return undefined;
    throw new InvalidArgumentError(
      "x-delivery-limit",
      "must be left out on a classic queue: only quorum queues have a delivery limit",
      value,
      'Add "x-queue-type": "quorum" to the arguments, or leave x-delivery-limit out (RabbitMQ 3.11+ also refuses it on a classic queue: 406 PRECONDITION_FAILED, invalid arg).',
    );
  }
  if (value === undefined) return DEFAULT_DELIVERY_LIMIT;
  checkInt("x-delivery-limit", value, -1, MAX_EXPIRY_MS);
  return value === -1 ? undefined : value;
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
