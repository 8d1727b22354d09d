/**
 * Receipt handles. Each receive issues a new one naming the queue (by its serial, so a handle
 * outlives neither its queue nor a queue re-created under the same name), the delivery (a
 * broker-wide counter), the stored message (its serial, for a cheap lookup) and the message id.
 * Only the latest delivery's handle is current.
 */
export interface ParsedReceiptHandle {
  queueSerial: number;
  delivery: number;
  messageSerial: number;
  messageId: string;
}

/** The receipt handle of one delivery. */
export function formatReceiptHandle(queueSerial: number, delivery: number, messageSerial: number, messageId: string): string {
  return `${queueSerial.toString(36)}.${delivery.toString(36)}.${messageSerial.toString(36)}.${messageId}`;
}

/** Parses a handle, or returns undefined if it is not one this broker could have issued. */
export function parseReceiptHandle(handle: unknown): ParsedReceiptHandle | undefined {
  if (typeof handle !== "string") return undefined;
  const a = handle.indexOf(".");
  const b = a < 0 ? -1 : handle.indexOf(".", a + 1);
  const c = b < 0 ? -1 : handle.indexOf(".", b + 1);
  if (a <= 0 || b <= a + 1 || c <= b + 1 || c === handle.length - 1) return undefined;
  const queueSerial = parseBase36(handle.slice(0, a));
  const delivery = parseBase36(handle.slice(a + 1, b));
  const messageSerial = parseBase36(handle.slice(b + 1, c));
  if (queueSerial === undefined || delivery === undefined || messageSerial === undefined) return undefined;
  return { queueSerial, delivery, messageSerial, messageId: handle.slice(c + 1) };
}

function parseBase36(s: string): number | undefined {
  if (!/^[0-9a-z]{1,10}$/.test(s)) return undefined;
  const n = parseInt(s, 36);
  return n > 0 ? n : undefined;
}
