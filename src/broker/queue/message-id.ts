/**
 * Message ids shaped like SQS's (random UUIDs, version 4), drawn from a seeded generator so
 * that the same seed and the same calls give the same ids.
 */
import type { Random } from "../random.js";

const hex = (n: number, width: number) => n.toString(16).padStart(width, "0");

export function nextMessageId(random: Random): string {
  const a = (random.next() * 0x100000000) >>> 0;
  const b = (random.next() * 0x100000000) >>> 0;
  const c = (random.next() * 0x100000000) >>> 0;
  const d = (random.next() * 0x100000000) >>> 0;
  return (
    hex(a, 8) +
    "-" +
    hex(b >>> 16, 4) +
    "-" +
    hex(0x4000 | (b & 0x0fff), 4) +
    "-" +
    hex(0x8000 | ((c >>> 16) & 0x3fff), 4) +
    "-" +
    hex(c & 0xffff, 4) +
    hex(d, 8)
  );
}
