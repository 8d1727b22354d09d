/**
 * Normalising and comparing two runs' logs. What legitimately differs is taken out: delivery
 * tags (each side's own numbers), the time in x-death entries (wall clock vs manual clock),
 * generated names (amq.gen-…, amq.ctag-…), properties a side reports as undefined, empty
 * header tables (amqplib always sends one). Everything else is compared: which consumer or
 * queue got which message in which order, redelivered, exchange, routing key, body,
 * properties and headers, counts, confirms, returns, error codes.
 */
import type { ConsumerEvent, Delivery } from "./side.js";
import type { Step } from "./script.js";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface NormalStep {
  op: string;
  result?: Json;
  error?: Json;
  failed?: Json;
  received?: Record<string, Json[]>;
}

export type NormalLog = NormalStep[];

const GENERATED = /amq\.(gen|ctag)-[A-Za-z0-9_-]{22}/g;

export function normalizeLog(steps: readonly Step[]): NormalLog {
  return steps.map((s) => {
    const out: NormalStep = { op: s.op.replace(GENERATED, "amq.$1-…") };
    if (s.result !== undefined) out.result = normalizeValue(s.result);
    if (s.error !== undefined) out.error = s.error;
    if (s.failed !== undefined) out.failed = s.failed as Json;
    if (s.received !== undefined) {
      out.received = Object.fromEntries(Object.entries(s.received).map(([c, events]) => [c, events.map(normalizeEvent)]));
    }
    return out;
  });
}

function normalizeEvent(e: ConsumerEvent): Json {
  return e.kind === "cancelled" ? { cancelled: true } : normalizeDelivery(e.delivery);
}

function isDelivery(v: unknown): v is Delivery {
  return typeof v === "object" && v !== null && "deliveryTag" in v && "routingKey" in v && "body" in v;
}

function normalizeValue(v: unknown): Json {
  if (isDelivery(v)) return normalizeDelivery(v);
  if (Array.isArray(v)) return v.map(normalizeValue);
  return clean(v) ?? null;
}

export function normalizeDelivery(d: Delivery): Json {
  const out: { [k: string]: Json } = {
    body: d.body,
    redelivered: d.redelivered,
    exchange: d.exchange,
    routingKey: d.routingKey,
  };
  const props = cleanProperties(d.properties);
  if (Object.keys(props).length > 0) out.properties = props;
  if (d.messageCount !== undefined) out.messageCount = d.messageCount;
  return clean(out)!;
}

function cleanProperties(p: Readonly<Record<string, unknown>>): { [k: string]: Json } {
  const out: { [k: string]: Json } = {};
  for (const [k, v] of Object.entries(p)) {
    if (v === undefined) continue;
    if (k === "headers") {
      const h = cleanHeaders(v as Record<string, unknown>);
      if (Object.keys(h).length > 0) out.headers = h;
    } else out[k] = clean(v) ?? null;
  }
  return out;
}

function cleanHeaders(h: Record<string, unknown>): { [k: string]: Json } {
  const out: { [k: string]: Json } = {};
  for (const [k, v] of Object.entries(h)) {
    if (v === undefined) continue;
    if (k === "x-death" && Array.isArray(v)) {
      out[k] = v.map((entry) => {
        const e = clean(entry) as { [k: string]: Json };
        return "time" in e ? { ...e, time: "<time>" } : e;
      });
    } else out[k] = clean(v) ?? null;
  }
  return out;
}

/** Plain JSON: bytes as hex, amqplib's typed values unwrapped, undefined fields dropped. */
function clean(v: unknown): Json | undefined {
  if (v === undefined) return undefined;
  if (v === null || typeof v === "boolean" || typeof v === "number") return v;
  if (typeof v === "string") return v.replace(GENERATED, "amq.$1-…");
  if (v instanceof Uint8Array) return { bytes: Buffer.from(v).toString("hex") };
  if (Array.isArray(v)) return v.map((x) => clean(x) ?? null);
  if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    if ("!" in o && "value" in o && Object.keys(o).length === 2) return clean(o.value); // amqplib {'!': 'timestamp', value}
    const out: { [k: string]: Json } = {};
    for (const k of Object.keys(o).sort()) {
      const c = clean(o[k]);
      if (c !== undefined) out[k] = c;
    }
    return out;
  }
  return String(v);
}

// ---- diff -------------------------------------------------------------------------------

export interface Difference {
  step: number;
  op: string;
  path: string;
  bundled: Json | undefined;
  rabbitmq: Json | undefined;
}

export function diffLogs(bundled: NormalLog, rabbitmq: NormalLog): Difference[] {
  const out: Difference[] = [];
  const n = Math.max(bundled.length, rabbitmq.length);
  for (let i = 0; i < n; i++) {
    const b = bundled[i];
    const r = rabbitmq[i];
    const op = b?.op ?? r?.op ?? "?";
    if (b === undefined || r === undefined || b.op !== r.op) {
      out.push({ step: i + 1, op, path: "(step)", bundled: b?.op, rabbitmq: r?.op });
      continue;
    }
    walk(b as unknown as Json, r as unknown as Json, "", (path, x, y) => out.push({ step: i + 1, op, path, bundled: x, rabbitmq: y }));
  }
  return out;
}

function walk(a: Json | undefined, b: Json | undefined, path: string, emit: (path: string, a: Json | undefined, b: Json | undefined) => void): void {
  if (a === b) return;
  const bothObjects = typeof a === "object" && a !== null && typeof b === "object" && b !== null;
  if (!bothObjects || Array.isArray(a) !== Array.isArray(b)) {
    emit(path || "(value)", a, b);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    walkArrays(a, b, path, emit);
    return;
  }
  const oa = a as { [k: string]: Json };
  const ob = b as { [k: string]: Json };
  for (const k of new Set([...Object.keys(oa), ...Object.keys(ob)])) {
    walk(oa[k], ob[k], path === "" ? k : `${path}.${k}`, emit);
  }
}

/**
 * Lists compared as sequences: equal elements are lined up (longest common subsequence), so
 * one message missing shows as one difference, not as every later position shifted. Between
 * two lined-up elements, the others are compared pairwise, field by field.
 */
function walkArrays(a: Json[], b: Json[], path: string, emit: (path: string, a: Json | undefined, b: Json | undefined) => void): void {
  const ka = a.map((x) => JSON.stringify(x));
  const kb = b.map((x) => JSON.stringify(x));
  // lcs[i][j]: length of the longest common subsequence of a[i..] and b[j..].
  const lcs = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) lcs[i]![j] = ka[i] === kb[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  }
  let i = 0;
  let j = 0;
  const gapA: number[] = [];
  const gapB: number[] = [];
  const flush = () => {
    for (let k = 0; k < Math.max(gapA.length, gapB.length); k++) {
      const x = gapA[k];
      const y = gapB[k];
      walk(x === undefined ? undefined : a[x], y === undefined ? undefined : b[y], `${path}[${x ?? y}]`, emit);
    }
    gapA.length = 0;
    gapB.length = 0;
  };
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && ka[i] === kb[j]) {
      flush();
      i++;
      j++;
    } else if (j >= b.length || (i < a.length && lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) gapA.push(i++);
    else gapB.push(j++);
  }
  flush();
}

export function sameLog(a: NormalLog, b: NormalLog): boolean {
  return diffLogs(a, b).length === 0;
}

/** A difference as people read it: the scenario, then per step the call and each field that differs. */
export function formatDiff(scenario: string, against: string, diffs: readonly Difference[], limit = 40): string {
  const lines = [`scenario "${scenario}": the bundled broker and ${against} differ`];
  let lastStep = -1;
  for (const d of diffs.slice(0, limit)) {
    if (d.step !== lastStep) {
      lines.push(`  step ${d.step}: ${d.op}`);
      lastStep = d.step;
    }
    lines.push(`    ${d.path}`, `      bundled : ${show(d.bundled)}`, `      rabbitmq: ${show(d.rabbitmq)}`);
  }
  if (diffs.length > limit) lines.push(`  … and ${diffs.length - limit} more differences`);
  return lines.join("\n");
}

function show(v: Json | undefined): string {
  if (v === undefined) return "(absent)";
  const s = JSON.stringify(v);
  return s.length > 400 ? `${s.slice(0, 400)}…` : s;
}
