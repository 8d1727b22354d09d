/**
 * A small `expect` with vitest's names and meanings for the matchers exercise checks use. Its
 * failures carry what was expected and what was got, printed for people, so `verify` can show
 * them apart from the message.
 */
import { inspect, isDeepStrictEqual } from "node:util";

/** A check's assertion failed: the message, and what was expected and got. */
export class CheckFailure extends Error {
  constructor(
    message: string,
    readonly expected?: string,
    readonly actual?: string,
    readonly timeline?: string[],
    readonly replay?: string,
    /** Picture data of the brokers at the end of the failing case (see Timeline.show). */
    readonly pictures?: unknown[],
  ) {
    super(message);
    this.name = "CheckFailure";
  }
}

/** Prints a value the way the failure report shows it. */
export function show(value: unknown): string {
  return inspect(value, { depth: 6, breakLength: 72, maxArrayLength: 20, maxStringLength: 200, sorted: true });
}

/** A description shown as it is (not quoted as a string value). */
class Raw {
  constructor(readonly text: string) {}
}
const raw = (text: string) => new Raw(text);
const showExpected = (e: unknown) => (e instanceof Raw ? e.text : show(e));

type Matcher = (actual: unknown, ...args: never[]) => { pass: boolean; message: string; expected?: unknown };

function isSubset(actual: unknown, expected: unknown): boolean {
  if (expected === null || typeof expected !== "object") return isDeepStrictEqual(actual, expected);
  if (actual === null || typeof actual !== "object") return false;
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && actual.length === expected.length && expected.every((e, i) => isSubset(actual[i], e));
  }
  return Object.entries(expected).every(([k, v]) => isSubset((actual as Record<string, unknown>)[k], v));
}

const matchers = {
  toBe: (a: unknown, e: unknown) => ({ pass: Object.is(a, e), message: "expected the same value", expected: e }),
  toEqual: (a: unknown, e: unknown) => ({ pass: isDeepStrictEqual(a, e), message: "expected an equal value", expected: e }),
  toStrictEqual: (a: unknown, e: unknown) => ({ pass: isDeepStrictEqual(a, e), message: "expected an equal value", expected: e }),
  toMatchObject: (a: unknown, e: unknown) => ({ pass: isSubset(a, e), message: "expected these fields", expected: e }),
  toContain: (a: unknown, e: unknown) => ({
    pass: typeof a === "string" ? a.includes(String(e)) : Array.isArray(a) && a.includes(e),
    message: "expected it to contain",
    expected: e,
  }),
  toContainEqual: (a: unknown, e: unknown) => ({
    pass: Array.isArray(a) && a.some((x) => isDeepStrictEqual(x, e)),
    message: "expected it to contain an element equal to",
    expected: e,
  }),
  toHaveLength: (a: unknown, n: number) => ({
    pass: (a as { length?: unknown } | null)?.length === n,
    message: `expected length ${n}`,
    expected: n,
  }),
  toBeGreaterThan: (a: unknown, n: number) => ({ pass: (a as number) > n, message: `expected more than ${n}`, expected: raw(`> ${n}`) }),
  toBeGreaterThanOrEqual: (a: unknown, n: number) => ({ pass: (a as number) >= n, message: `expected at least ${n}`, expected: raw(`>= ${n}`) }),
  toBeLessThan: (a: unknown, n: number) => ({ pass: (a as number) < n, message: `expected less than ${n}`, expected: raw(`< ${n}`) }),
  toBeLessThanOrEqual: (a: unknown, n: number) => ({ pass: (a as number) <= n, message: `expected at most ${n}`, expected: raw(`<= ${n}`) }),
  toBeTruthy: (a: unknown) => ({ pass: Boolean(a), message: "expected a truthy value" }),
  toBeFalsy: (a: unknown) => ({ pass: !a, message: "expected a falsy value" }),
  toBeUndefined: (a: unknown) => ({ pass: a === undefined, message: "expected undefined", expected: undefined }),
  toBeDefined: (a: unknown) => ({ pass: a !== undefined, message: "expected a value, got undefined" }),
  toBeNull: (a: unknown) => ({ pass: a === null, message: "expected null", expected: null }),
  toBeInstanceOf: (a: unknown, c: new (...args: never[]) => unknown) => ({
    pass: a instanceof c,
    message: `expected an instance of ${c.name}`,
  }),
  toThrow: (a: unknown, pattern?: string | RegExp) => {
    if (typeof a !== "function") return { pass: false, message: "expected a function to call" };
    try {
      (a as () => unknown)();
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      const pass = pattern === undefined || (typeof pattern === "string" ? msg.includes(pattern) : pattern.test(msg));
      return { pass, message: `expected it to throw${pattern ? ` ${String(pattern)}` : ""}, it threw: ${msg}` };
    }
    return { pass: false, message: "expected it to throw, it returned normally" };
  },
} satisfies Record<string, Matcher>;

type Matchers = {
  [K in keyof typeof matchers]: (...args: Parameters<(typeof matchers)[K]> extends [unknown, ...infer R] ? R : never) => void;
};

export type Assertion = Matchers & { not: Matchers };

function build(actual: unknown, negate: boolean, label?: string): Matchers {
  const out = {} as Record<string, (...args: unknown[]) => void>;
  for (const [name, m] of Object.entries(matchers) as [string, (...a: unknown[]) => ReturnType<Matcher>][]) {
    out[name] = (...args: unknown[]) => {
      const r = m(actual, ...args);
      if (r.pass !== negate) return;
      const what = label ? `${label}: ` : "";
      throw new CheckFailure(
        `${what}${negate ? "expected not: " + r.message.replace(/^expected /, "") : r.message}`,
        "expected" in r ? (negate ? `not ${showExpected(r.expected)}` : showExpected(r.expected)) : undefined,
        show(actual),
      );
    };
  }
  return out as Matchers;
}

/**
 * `expect(value, label?)`: vitest's matchers (toBe, toEqual, toMatchObject, toContain,
 * toHaveLength, comparisons, toThrow, …) and `.not`. The optional label says, in the learner's
 * words, what is being checked: `expect(dlq.length, "messages in the DLQ").toBe(1)`.
 */
export function expect(actual: unknown, label?: string): Assertion {
  return Object.assign(build(actual, false, label), { not: build(actual, true, label) });
}

/** Fails the current check with a message in plain words. */
export function fail(message: string, details: { expected?: unknown; actual?: unknown } = {}): never {
  throw new CheckFailure(
    message,
    "expected" in details ? (typeof details.expected === "string" ? details.expected : show(details.expected)) : undefined,
    "actual" in details ? (typeof details.actual === "string" ? details.actual : show(details.actual)) : undefined,
  );
}
