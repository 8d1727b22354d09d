/**
 * Headers-exchange matching as RabbitMQ does it (rabbit_exchange_type_headers.erl, 3.10+):
 * - `x-match` is "all" (the default), "any", "all-with-x" or "any-with-x";
 * - binding keys starting with "x-" are ignored unless x-match ends in "-with-x";
 * - a binding value of `null` (AMQP void) asks only that the header be present;
 * - "all" with no keys left to compare matches every message; "any" with none matches nothing;
 * - values compare by value (the AMQP field type is not compared), strings equal to their
 *   UTF-8 bytes.
 */
import type { ExchangeBindingArguments, ExchangeFieldValue } from "./types.js";

export type XMatch = "all" | "any" | "all-with-x" | "any-with-x";

export const X_MATCH_VALUES: readonly XMatch[] = ["all", "any", "all-with-x", "any-with-x"];

/** Whether a message with `headers` is routed by a binding with `args` on a headers exchange. */
export function headersMatch(
  args: ExchangeBindingArguments,
  headers: Readonly<Record<string, ExchangeFieldValue | undefined>> | undefined,
): boolean {
  const xMatch = (args["x-match"] ?? "all") as XMatch;
  const withX = xMatch === "all-with-x" || xMatch === "any-with-x";
  const all = xMatch === "all" || xMatch === "all-with-x";
  let allMatch = true;
  let anyMatch = false;
  for (const key of Object.keys(args)) {
    const want = args[key];
    if (key === "x-match" || want === undefined) continue;
    if (!withX && key.startsWith("x-")) continue;
    const present = headers !== undefined && Object.hasOwn(headers, key) && headers[key] !== undefined;
    const ok = present && (want === null || fieldEquals(want, headers[key]!));
    if (ok) anyMatch = true;
    else allMatch = false;
    if (all ? !allMatch : anyMatch) break;
  }
  return all ? allMatch : anyMatch;
}

const encoder = new TextEncoder();

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Erlang `==` on decoded AMQP field values. */
export function fieldEquals(a: ExchangeFieldValue, b: ExchangeFieldValue): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") {
    if (typeof a === "string" && b instanceof Uint8Array) return bytesEqual(encoder.encode(a), b);
    if (typeof b === "string" && a instanceof Uint8Array) return bytesEqual(a, encoder.encode(b));
    return false;
  }
  if (a instanceof Uint8Array || b instanceof Uint8Array) {
    return a instanceof Uint8Array && b instanceof Uint8Array && bytesEqual(a, b);
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((v, i) => fieldEquals(v as ExchangeFieldValue, b[i] as ExchangeFieldValue));
  }
  const ta = a as Record<string, ExchangeFieldValue>;
  const tb = b as Record<string, ExchangeFieldValue>;
  const ka = Object.keys(ta);
  if (ka.length !== Object.keys(tb).length) return false;
  return ka.every((k) => Object.hasOwn(tb, k) && fieldEquals(ta[k]!, tb[k]!));
}
