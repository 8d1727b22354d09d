/**
 * Checking what producers send, and the byte sizes the log accounts (for retention.bytes,
 * segment.bytes and max.message.bytes).
 *
 * Sizes follow Kafka's v2 record format closely enough to reason with: a record costs its
 * key, value and header bytes plus a few varint and attribute bytes (deltas counted as one
 * byte each); every batch (one produce to one partition) adds Kafka's 61-byte batch header.
 */
import { InvalidArgumentError, MessageTooLargeError } from "../errors.js";
import { optionSpec, unknownKey } from "../options.js";
import { InvalidTimestampError } from "./log-errors.js";
import type { LogKey } from "./murmur2.js";
import type { LogHeaders, LogValue, ProducerRecord, ResolvedTopicConfig } from "./types.js";

/** Kafka's RecordBatch header size (DefaultRecordBatch.RECORD_BATCH_OVERHEAD). */
export const BATCH_OVERHEAD = 61;

/** A commit/abort control batch: the batch header plus a record with a 4-byte key and 6-byte value. */
export const CONTROL_BATCH_BYTES = BATCH_OVERHEAD + 17;

const EMPTY_HEADERS: LogHeaders = Object.freeze({});

const RECORD = optionSpec("send() records", ["key", "value", "headers", "partition", "timestamp"], { noun: "field" });

// A switch on interned strings is cheaper than a Set lookup, once per record sent.
function isRecordField(k: string): boolean {
  switch (k) {
    case "key":
    case "value":
    case "headers":
    case "partition":
    case "timestamp":
      return true;
    default:
      return false;
  }
}

/** UTF-8 byte length of a JS string, without encoding it. */
export function utf8Length(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 2; // the pair is 4 bytes; its two UTF-16 units already counted 2
        i++;
      } else n += 2;
    } else n += 2;
  }
  return n;
}

function varintLength(n: number): number {
  // zig-zag varint of a non-negative length: 7 bits a byte
  let z = n * 2;
  let len = 1;
  while (z >= 128) {
    z = Math.floor(z / 128);
    len++;
  }
  return len;
}

function fieldSize(v: string | Uint8Array | null): number {
  if (v === null) return 1;
  const n = typeof v === "string" ? utf8Length(v) : v.length;
  return varintLength(n) + n;
}

/** Bytes one record takes in a batch (without the batch header). */
export function recordSize(key: LogKey | null, value: LogValue, headers: LogHeaders): number {
  // attributes, timestampDelta, offsetDelta, header count: one byte each
  let body = 4 + fieldSize(key) + fieldSize(value);
  for (const h in headers) body += fieldSize(h) + fieldSize(headers[h]!);
  return varintLength(body) + body;
}

/** A checked record, ready to append. */
export interface PreparedRecord {
  key: LogKey | null;
  value: LogValue;
  headers: LogHeaders;
  timestamp: number;
  /** Explicit partition, or -1 to ask the partitioner. */
  partition: number;
  size: number;
}

const isBytes = (v: unknown): v is Uint8Array => v instanceof Uint8Array;

function copyHeaders(h: unknown, i: number): LogHeaders {
  if (h === undefined) return EMPTY_HEADERS;
  if (typeof h !== "object" || h === null || Array.isArray(h)) {
    throw new InvalidArgumentError(`records[${i}].headers`, "must be an object of string or Uint8Array values", h);
  }
  const out: Record<string, string | Uint8Array> = {};
  for (const [k, v] of Object.entries(h)) {
    if (typeof v !== "string" && !isBytes(v)) {
      throw new InvalidArgumentError(`records[${i}].headers["${k}"]`, "must be a string or a Uint8Array", v);
    }
    out[k] = typeof v === "string" ? v : v.slice();
  }
  return Object.freeze(out);
}

/**
 * Checks every record of a send before anything is written, so a bad record leaves the log as
 * it was. Byte keys, values and headers are copied: the caller may reuse its buffers.
 */
export function prepareRecords(
  topic: string,
  records: unknown,
  config: ResolvedTopicConfig,
  partitionCount: number,
  now: number,
): PreparedRecord[] {
  if (!Array.isArray(records) || records.length === 0) {
    throw new InvalidArgumentError("records", "must be a non-empty array of { key?, value, headers?, partition?, timestamp? }", records);
  }
  const out: PreparedRecord[] = new Array(records.length);
  for (let i = 0; i < records.length; i++) {
    const r = records[i] as ProducerRecord;
    if (typeof r !== "object" || r === null) throw new InvalidArgumentError(`records[${i}]`, "must be an object", r);
    // Inline rather than checkOptions: this runs once per record on the produce path.
    for (const k in r) if (!isRecordField(k)) throw unknownKey(k, RECORD);
    const key = r.key ?? null;
    if (key !== null && typeof key !== "string" && !isBytes(key)) {
      throw new InvalidArgumentError(`records[${i}].key`, "must be a string, a Uint8Array or null", key);
    }
    const value = r.value;
    if (value !== null && typeof value !== "string" && !isBytes(value)) {
      throw new InvalidArgumentError(`records[${i}].value`, "must be a string, a Uint8Array or null", value);
    }
    let partition = -1;
    if (r.partition !== undefined) {
      if (!Number.isInteger(r.partition) || r.partition < 0 || r.partition >= partitionCount) {
        throw new InvalidArgumentError(`records[${i}].partition`, `must be an integer from 0 to ${partitionCount - 1} (topic "${topic}" has ${partitionCount})`, r.partition);
      }
      partition = r.partition;
    }
    const timestamp = r.timestamp ?? now;
    if (!Number.isSafeInteger(timestamp) || timestamp < 0) {
      throw new InvalidArgumentError(`records[${i}].timestamp`, "must be an integer >= 0 (ms since the epoch)", timestamp);
    }
    if (timestamp - now > config.messageTimestampAfterMaxMs) {
      throw new InvalidTimestampError(topic, i, timestamp, now, config.messageTimestampAfterMaxMs);
    }
    const headers = copyHeaders(r.headers, i);
    const k = isBytes(key) ? key.slice() : key;
    const v = isBytes(value) ? value.slice() : value;
    const size = recordSize(k, v, headers);
    if (size + BATCH_OVERHEAD > config.maxMessageBytes) {
      throw new MessageTooLargeError(size + BATCH_OVERHEAD, config.maxMessageBytes, `topic "${topic}" (maxMessageBytes)`);
    }
    out[i] = { key: k, value: v, headers, timestamp, partition, size };
  }
  return out;
}
