/**
 * Strict options objects. Every options object the broker takes goes through `checkOptions`:
 * an unknown key is an InvalidArgumentError that names the key, the nearest valid one, and,
 * for a real system's spelling (Kafka's `auto.offset.reset`, AMQP's `prefetch_count`, SQS's
 * `MaxNumberOfMessages`), ours. A misspelt option silently ignored teaches the wrong lesson:
 * the learner gets the default and believes they chose.
 */
import { InvalidArgumentError } from "./errors.js";
import { FOREIGN_SPELLINGS } from "./foreign-spellings.js";

/** Which keys one options object takes, and how to talk about them. Build it once per call site. */
export interface OptionSpec {
  /** The call, as the learner wrote it: "consume()", "createQueue()", "new LogBroker()". */
  readonly where: string;
  /** What one key is called: "option", "attribute", "property", "argument", "setting". */
  readonly noun: string;
  readonly keys: ReadonlySet<string>;
  /** Advice for particular keys at this call site; it wins over the table of foreign spellings. */
  readonly hint: ((key: string) => string | undefined) | undefined;
}

/** Describes one options object: the call it belongs to and its valid keys. */
export function optionSpec(
  where: string,
  keys: readonly string[],
  more: { noun?: string; hint?: (key: string) => string | undefined } = {},
): OptionSpec {
  return { where, noun: more.noun ?? "option", keys: new Set(keys), hint: more.hint };
}

/**
 * Checks an options object: `undefined` passes; anything but a plain object, or an object with
 * a key `spec` does not list, throws InvalidArgumentError. Keys are refused whatever their
 * value, `undefined` included. Cheap when all is well: one `in`-loop, no allocation.
 */
export function checkOptions(value: unknown, spec: OptionSpec): void {
  if (value === undefined) return;
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new InvalidArgumentError(`The ${spec.noun}s of ${spec.where}`, "must be an object", value, `Pass an object such as { ${[...spec.keys][0] ?? ""}: … }, or leave the argument out.`);
  }
  for (const key in value) {
    if (!spec.keys.has(key)) throw unknownKey(key, spec);
  }
}

/** The error for an unknown key: what happened, then the advice and the valid keys. */
export function unknownKey(key: string, spec: OptionSpec): InvalidArgumentError {
  const advice = adviceFor(key, spec);
  const valid = `Valid ${spec.noun}s: ${[...spec.keys].join(", ")}.`;
  return InvalidArgumentError.withMessage(
    `Unknown ${spec.noun} ${JSON.stringify(key)} for ${spec.where}.`,
    advice === undefined ? valid : `${advice} ${valid}`,
  );
}

function adviceFor(key: string, spec: OptionSpec): string | undefined {
  const local = spec.hint?.(key);
  if (local !== undefined) return local;
  const foreign = Object.prototype.hasOwnProperty.call(FOREIGN_SPELLINGS, key) ? FOREIGN_SPELLINGS[key] : undefined;
  if (foreign !== undefined) {
    const { system, ours, note } = foreign;
    if (ours !== undefined && spec.keys.has(ours)) {
      return `Write "${ours}" ("${key}" is how ${system} spells it).${note === undefined ? "" : ` ${note}`}`;
    }
    if (note !== undefined) return note;
    if (ours !== undefined) return `"${key}" is how ${system} spells "${ours}", which ${spec.where} does not take.`;
  }
  const near = nearestKey(key, spec.keys);
  if (near === undefined) return undefined;
  // PascalCase SQS names and dotted Kafka names that are ours once normalised.
  if (normalise(near) === normalise(key)) {
    const style = /^[A-Z]/.test(key) ? " (names here are camelCase, where SQS's API uses PascalCase)" : /[._]/.test(key) ? " (names here are camelCase)" : "";
    return `Did you mean "${near}"?${style}`;
  }
  return `Did you mean "${near}"?`;
}

const normalise = (s: string): string => s.toLowerCase().replace(/[-._\s]/g, "");

/**
 * The valid key nearest to `key`: the same once case and separators are ignored, else the
 * smallest edit distance within about a third of the length, else one that contains the other
 * (or is a subsequence of it), e.g. "prefetchCount" → "prefetch". Undefined when none is close.
 */
export function nearestKey(key: string, keys: Iterable<string>): string | undefined {
  const k = normalise(key);
  let best: string | undefined;
  let bestScore = Infinity;
  for (const candidate of keys) {
    const c = normalise(candidate);
    if (c === k) return candidate;
    const d = editDistance(k, c);
    const limit = Math.max(1, Math.floor(Math.max(k.length, c.length) / 3));
    let score = d <= limit ? d : Infinity;
    if (score === Infinity && Math.min(k.length, c.length) >= 4 && (isSubsequence(k, c) || isSubsequence(c, k))) {
      score = limit + Math.abs(k.length - c.length);
    }
    if (score < bestScore) {
      bestScore = score;
      best = candidate;
    }
  }
  return best;
}

/** Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps. */
export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
    }
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n]!;
}

function isSubsequence(short: string, long: string): boolean {
  if (short.length > long.length) return false;
  let i = 0;
  for (let j = 0; j < long.length && i < short.length; j++) if (short[i] === long[j]) i++;
  return i === short.length;
}
