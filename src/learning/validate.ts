/**
 * A few hand-written validators for the progress log's lines, shaped like the zod subset the
 * log used before. Hand-written because every start of mqtutor reads the log: zod took ~50 ms
 * to load, these take nothing (issue 7 §2). Pure.
 *
 * A validator checks an `unknown` value and returns either the data (objects keep only the
 * keys of their shape, in shape order) or every issue found, each with the path to its field.
 */

/** One problem with a value: where (`["line"]`, `[]` for the value itself) and what. */
export interface Issue {
  path: (string | number)[];
  message: string;
}

export type Result<T> = { success: true; data: T } | { success: false; issues: Issue[] };

export interface Validator<T> {
  safeParse(value: unknown): Result<T>;
  /** The same validator plus a rule over the whole (already valid) value. */
  refine(ok: (value: T) => boolean, issue: { message: string; path?: (string | number)[] }): Validator<T>;
  /** Marks a field of {@link object} as optional (absent or `undefined`). */
  readonly optional?: true;
}

/** The type a validator accepts. */
export type Infer<V> = V extends Validator<infer T> ? T : never;

function validator<T>(check: (value: unknown) => Result<T>, optional?: true): Validator<T> {
  const self: Validator<T> = {
    safeParse: check,
    refine(ok, issue) {
      return validator((value) => {
        const r = check(value);
        if (!r.success || ok(r.data)) return r;
        return { success: false, issues: [{ path: issue.path ?? [], message: issue.message }] };
      }, optional);
    },
  };
  return optional ? { ...self, optional } : self;
}

const fail = <T>(message: string): Result<T> => ({ success: false, issues: [{ path: [], message }] });
const pass = <T>(data: T): Result<T> => ({ success: true, data });

/** Exactly `expected` (compared with `===`). */
export function literal<const L extends string | number | boolean>(expected: L): Validator<L> {
  return validator((v) => (v === expected ? pass(expected) : fail(`must be ${JSON.stringify(expected)}`)));
}

/** One of `values` (compared with `===`). */
export function oneOf<const L extends string | number>(values: readonly L[]): Validator<L> {
  const list = values.map((v) => JSON.stringify(v)).join(", ");
  return validator((v) => (values.includes(v as L) ? pass(v as L) : fail(`must be one of ${list}`)));
}

export function boolean(): Validator<boolean> {
  return validator((v) => (typeof v === "boolean" ? pass(v) : fail("must be true or false")));
}

/** A string of `min` to `max` UTF-16 code units. */
export function string(bounds: { min?: number; max?: number } = {}): Validator<string> {
  const { min = 0, max = Infinity } = bounds;
  return validator((v) => {
    if (typeof v !== "string") return fail("must be a string");
    if (v.length < min) return fail(min === 1 ? "must not be empty" : `must have at least ${min} characters`);
    if (v.length > max) return fail(`must have at most ${max} characters`);
    return pass(v);
  });
}

/** A safe integer from `min` to `max`. */
export function integer(bounds: { min?: number; max?: number } = {}): Validator<number> {
  const { min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER } = bounds;
  return validator((v) => {
    if (typeof v !== "number" || !Number.isSafeInteger(v)) return fail("must be an integer");
    if (v < min || v > max) return fail(`must be from ${min} to ${max}`);
    return pass(v);
  });
}

/** A finite number from `min` to `max` (quiz cards' stability and difficulty are fractions). */
export function number(bounds: { min?: number; max?: number } = {}): Validator<number> {
  const { min = -Infinity, max = Infinity } = bounds;
  return validator((v) => {
    if (typeof v !== "number" || !Number.isFinite(v)) return fail("must be a number");
    if (v < min || v > max) return fail(`must be from ${min} to ${max}`);
    return pass(v);
  });
}

// RFC 3339 date-time with seconds and a `Z` or `±hh:mm` offset, real calendar dates only
// (leap days included): the pattern zod's `iso.datetime({ offset: true })` used, so logs that
// were valid stay valid.
const DATE =
  "(?:(?:\\d\\d[2468][048]|\\d\\d[13579][26]|\\d\\d0[48]|[02468][048]00|[13579][26]00)-02-29|\\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|(?:02)-(?:0[1-9]|1\\d|2[0-8])))";
const ISO_DATE_TIME = new RegExp(`^${DATE}T(?:[01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(?:\\.\\d+)?(?:Z|[+-](?:[01]\\d|2[0-3]):[0-5]\\d)$`);

/** An ISO 8601 timestamp such as `2025-01-31T09:15:00.000Z` or `…+05:30`. */
export function isoDateTime(): Validator<string> {
  return validator((v) =>
    typeof v === "string" && ISO_DATE_TIME.test(v) ? pass(v) : fail("must be an ISO 8601 date-time such as 2025-01-31T09:15:00.000Z"),
  );
}

/** An array of `min` to `max` items, each valid for `item`. */
export function array<T>(item: Validator<T>, bounds: { min?: number; max?: number } = {}): Validator<T[]> {
  const { min = 0, max = Infinity } = bounds;
  return validator((v) => {
    if (!Array.isArray(v)) return fail("must be a list");
    if (v.length < min || v.length > max) {
      return fail(max === Infinity ? `must have at least ${min} items` : `must have ${min} to ${max} items`);
    }
    const out: T[] = [];
    const issues: Issue[] = [];
    v.forEach((x, i) => {
      const r = item.safeParse(x);
      if (r.success) out.push(r.data);
      else issues.push(...r.issues.map((e) => ({ ...e, path: [i, ...e.path] })));
    });
    return issues.length > 0 ? { success: false, issues } : pass(out);
  });
}

/** Valid for the first of `options` that accepts it. */
export function anyOf<const V extends readonly Validator<unknown>[]>(options: V, message: string): Validator<Infer<V[number]>> {
  return validator((v) => {
    for (const o of options) {
      const r = o.safeParse(v);
      if (r.success) return r as Result<Infer<V[number]>>;
    }
    return fail(message);
  });
}

/** The field may be absent (or `undefined`); when present it must be valid for `inner`. */
export function optional<T>(inner: Validator<T>): Validator<T | undefined> {
  return validator((v) => (v === undefined ? pass(undefined) : inner.safeParse(v)), true);
}

type Shape = Record<string, Validator<unknown>>;
type OptionalKeys<S extends Shape> = { [K in keyof S]: S[K] extends { optional: true } ? K : never }[keyof S];
type Flatten<T> = { [K in keyof T]: T[K] };
/** What {@link object} accepts: optional fields become `key?:`. */
export type ObjectOf<S extends Shape> = Flatten<
  { [K in Exclude<keyof S, OptionalKeys<S>>]: Infer<S[K]> } & { [K in OptionalKeys<S>]?: Exclude<Infer<S[K]>, undefined> }
>;

/**
 * A plain object with the fields of `shape`. The data keeps only those fields, in shape order
 * (unknown keys are dropped, absent optional ones left out); every invalid field is reported.
 */
export function object<S extends Shape>(shape: S): Validator<ObjectOf<S>> {
  return validator((v) => {
    if (typeof v !== "object" || v === null || Array.isArray(v)) return fail("must be an object");
    const record = v as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    const issues: Issue[] = [];
    for (const [key, field] of Object.entries(shape)) {
      const value = Object.hasOwn(record, key) ? record[key] : undefined;
      const r = field.safeParse(value);
      if (!r.success) {
        const missing = value === undefined && !field.optional;
        issues.push(...(missing ? [{ path: [key], message: "is missing" }] : r.issues.map((e) => ({ ...e, path: [key, ...e.path] }))));
      } else if (r.data !== undefined) out[key] = r.data;
    }
    return issues.length > 0 ? { success: false, issues } : pass(out as ObjectOf<S>);
  });
}

/** The issues as one line: `at: must be …; line: must be …`. */
export function describeIssues(issues: readonly Issue[]): string {
  return issues.map((i) => (i.path.length > 0 ? `${i.path.join(".")}: ${i.message}` : i.message)).join("; ");
}
