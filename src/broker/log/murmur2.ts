/**
 * Kafka's keyed partitioning: murmur2 (the 32-bit MurmurHash2 variant of the Java client's
 * `Utils.murmur2`, seed 0x9747b28c) over the key bytes, made positive with `& 0x7fffffff`,
 * modulo the partition count. Bit-for-bit equal to the Java client's default partitioner for
 * records with a key (checked against Kafka's own test vectors and a kafkajs table).
 */
import { InvalidArgumentError } from "../errors.js";

const SEED = 0x9747b28c;
const M = 0x5bd1e995;
const encoder = new TextEncoder();
const scratch = new Uint8Array(1024);

/** Kafka's murmur2 of `bytes`, as the signed 32-bit integer Java returns. */
export function murmur2(bytes: Uint8Array): number {
  return murmur2Prefix(bytes, bytes.length);
}

/** murmur2 of the first `length` bytes (lets the partitioner hash into a reused buffer). */
function murmur2Prefix(bytes: Uint8Array, length: number): number {
  let h = (SEED ^ length) | 0;
  const length4 = length >>> 2;
  for (let i = 0; i < length4; i++) {
    const i4 = i * 4;
    let k = bytes[i4]! | (bytes[i4 + 1]! << 8) | (bytes[i4 + 2]! << 16) | (bytes[i4 + 3]! << 24);
    k = Math.imul(k, M);
    k ^= k >>> 24;
    k = Math.imul(k, M);
    h = Math.imul(h, M);
    h ^= k;
  }
  // The tail: Java's switch falls through from 3 to 2 to 1.
  const tail = length & ~3;
  switch (length & 3) {
    case 3:
      h ^= bytes[tail + 2]! << 16;
    // falls through
    case 2:
      h ^= bytes[tail + 1]! << 8;
    // falls through
    case 1:
      h ^= bytes[tail]!;
      h = Math.imul(h, M);
  }
  h ^= h >>> 13;
  h = Math.imul(h, M);
  h ^= h >>> 15;
  return h | 0;
}

/** Kafka's `Utils.toPositive`: clears the sign bit (not `Math.abs`, which overflows on MIN_VALUE). */
export function toPositive(n: number): number {
  return n & 0x7fffffff;
}

/** A record key as the broker accepts it: text (hashed as UTF-8) or bytes. */
export type LogKey = string | Uint8Array;

/** The bytes Kafka would hash for `key`: UTF-8 for text (as Kafka's StringSerializer does). */
export function keyBytes(key: LogKey): Uint8Array {
  return typeof key === "string" ? encoder.encode(key) : key;
}

/**
 * The partition Kafka's Java client picks for a record with this key:
 * `toPositive(murmur2(keyBytes)) % partitionCount`.
 *
 * @throws InvalidArgumentError when the key is not a string or Uint8Array, or the count is not
 * an integer >= 1.
 */
export function defaultPartition(key: LogKey, partitionCount: number): number {
  if (typeof key !== "string" && !(key instanceof Uint8Array)) {
    throw new InvalidArgumentError("key", "must be a string or a Uint8Array", key);
  }
  if (!Number.isInteger(partitionCount) || partitionCount < 1) {
    throw new InvalidArgumentError("partitionCount", "must be an integer >= 1", partitionCount);
  }
  if (typeof key === "string" && key.length * 3 <= scratch.length) {
    // Encode into a reused buffer: no allocation per record on the produce path.
    const { written } = encoder.encodeInto(key, scratch);
    return toPositive(murmur2Prefix(scratch, written)) % partitionCount;
  }
  return toPositive(murmur2(keyBytes(key))) % partitionCount;
}
