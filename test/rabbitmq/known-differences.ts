/**
 * Where the bundled broker differs from the RabbitMQ in CI on purpose: it models a newer
 * RabbitMQ, or chose to be stricter. Each entry says which version each side follows and how
 * the bundled broker's log turns into what that server does (`rewrite`). A scenario that shows
 * one names it; the suite then asserts the logs differ in exactly that way. The table in
 * src/broker/exchange/README.md ("Checked against a real RabbitMQ") lists the same ids.
 */
import type { Json, NormalLog, NormalStep } from "./compare.js";

export interface KnownDifference {
  readonly id: string;
  /** What differs, in a sentence. */
  readonly what: string;
  /** What the bundled broker follows. */
  readonly bundled: string;
  /** What the server in CI does. */
  readonly rabbitmq: string;
  /** The bundled log as that server would have written it (for differences that apply anywhere). */
  readonly rewrite?: (log: NormalLog) => NormalLog;
}

/** A known difference by id (its general rewrite), or with a rewrite for one scenario's log. */
export type KnownRef = string | { readonly id: string; readonly rewrite: (log: NormalLog) => NormalLog };

export const KNOWN_DIFFERENCES: readonly KnownDifference[] = [
  {
    id: "x-last-death-headers",
    what: "Dead-lettered messages carry x-last-death-queue, x-last-death-reason and x-last-death-exchange.",
    bundled: "RabbitMQ 3.13+ / 4.x (deaths v2)",
    rabbitmq: "3.10: only x-death and x-first-death-*",
    rewrite: (log) => mapDeliveries(log, (d) => dropHeaders(d, ["x-last-death-queue", "x-last-death-reason", "x-last-death-exchange"])),
  },
  {
    id: "quorum-delivery-count",
    what: "Quorum queues: which requeues count as failed deliveries (x-delivery-count, x-delivery-limit).",
    bundled: "RabbitMQ 4.3: a reject with requeue, a closed channel or a crashed consumer counts; a nack with requeue does not",
    rabbitmq: "3.10: every requeue counts, nack included",
  },
  {
    id: "quorum-default-delivery-limit",
    what: "Quorum queues declared without x-delivery-limit.",
    bundled: "RabbitMQ 4.0+: a limit of 20",
    rabbitmq: "3.10: no limit",
  },
  {
    id: "quorum-get-delivery-count",
    what: "basic.get of a quorum queue message that was never delivered before.",
    bundled: "RabbitMQ 4.x: no x-delivery-count header until the count is above 0",
    rabbitmq: "3.10: x-delivery-count 0",
  },
  {
    id: "channel-error-keeps-channel",
    what: "A channel error (an unknown or already settled delivery tag, a missing queue or exchange).",
    bundled: "throws a typed error and leaves the channel and its unacked deliveries as they were",
    rabbitmq: "every version: closes the channel (406, 404…), requeueing its unacked deliveries",
  },
  {
    id: "unknown-queue-argument-refused",
    what: "A queue argument the broker does not act on (misspelt, or a feature not modelled).",
    bundled: "refused with InvalidArgumentError naming the nearest valid argument",
    rabbitmq: "every version: kept and ignored",
  },
];

export function knownId(ref: KnownRef): string {
  return typeof ref === "string" ? ref : ref.id;
}

export function knownDifference(id: string): KnownDifference {
  const k = KNOWN_DIFFERENCES.find((d) => d.id === id);
  if (k === undefined) throw new Error(`Unknown known difference "${id}": add it to KNOWN_DIFFERENCES and to the README table.`);
  return k;
}

export function applyKnown(log: NormalLog, refs: readonly KnownRef[]): NormalLog {
  let out = structuredClone(log);
  for (const ref of refs) {
    const rewrite = typeof ref === "string" ? knownDifference(ref).rewrite : (knownDifference(ref.id), ref.rewrite);
    if (rewrite === undefined) throw new Error(`The known difference "${knownId(ref)}" has no general rewrite: give the scenario its own.`);
    out = rewrite(out);
  }
  return out;
}

// ---- helpers for rewrites ----------------------------------------------------------------

type Obj = { [k: string]: Json };

function isDeliveryJson(v: Json | undefined): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v) && "body" in v && "routingKey" in v;
}

/** Applies `fn` to every delivery in the log: consumer deliveries and basic.get / drain results. */
export function mapDeliveries(log: NormalLog, fn: (d: Obj) => Obj): NormalLog {
  const map = (v: Json): Json => (isDeliveryJson(v) ? fn(v) : Array.isArray(v) ? v.map(map) : v);
  return log.map((s): NormalStep => {
    const out: NormalStep = { ...s };
    if (s.result !== undefined) out.result = map(s.result);
    if (s.received !== undefined) out.received = Object.fromEntries(Object.entries(s.received).map(([c, evs]) => [c, evs.map(map)]));
    return out;
  });
}

export function setHeader(d: Obj, name: string, value: Json): Obj {
  const props = (d.properties as Obj | undefined) ?? {};
  const headers = (props.headers as Obj | undefined) ?? {};
  return { ...d, properties: { ...props, headers: { ...headers, [name]: value } } };
}

export function dropHeaders(d: Obj, names: readonly string[]): Obj {
  const props = d.properties as Obj | undefined;
  const headers = props?.headers as Obj | undefined;
  if (headers === undefined) return d;
  const kept = Object.fromEntries(Object.entries(headers).filter(([k]) => !names.includes(k)));
  const { headers: _h, ...rest } = props!;
  const properties: Obj = Object.keys(kept).length > 0 ? { ...rest, headers: kept } : rest;
  const { properties: _p, ...d2 } = d;
  return Object.keys(properties).length > 0 ? { ...d2, properties } : d2;
}
