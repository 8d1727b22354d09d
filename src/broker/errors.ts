/**
 * Broker errors. Every error has `name` equal to its class name and a stable `code`; the
 * message says what happened and, on a second line, what to do. An operation that throws
 * leaves the broker's state as it was before the call.
 */
export class BrokerError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
  }
}

/** A queue, exchange, topic, group or other named resource that does not exist. */
export class UnknownResourceError extends BrokerError {
  constructor(kind: string, name: string, hint?: string) {
    super(
      `UNKNOWN_${kind.toUpperCase().replace(/[^A-Z]+/g, "_")}`,
      `No ${kind} named "${name}".\n${hint ?? `Create the ${kind} first, or check the spelling.`}`,
    );
  }
}

/** A resource that already exists with different settings. */
export class ResourceExistsError extends BrokerError {
  constructor(kind: string, name: string, detail: string) {
    super(
      `${kind.toUpperCase().replace(/[^A-Z]+/g, "_")}_EXISTS`,
      `A ${kind} named "${name}" already exists with different settings: ${detail}.\nUse the existing settings, or delete it first.`,
    );
  }
}

/**
 * A setting or argument outside what the real system accepts, or an option it does not have.
 * The message reads "`what` `rule`; got `got`." and, on a second line, `hint` or advice made
 * from the rule ("must be an integer from 1 to 10" → "Pass a value that is an integer from 1
 * to 10.").
 */
export class InvalidArgumentError extends BrokerError {
  constructor(what: string, rule: string, got: unknown, hint?: string) {
    super("INVALID_ARGUMENT", `${what} ${rule}; got ${formatValue(got)}.\n${hint ?? hintFromRule(rule)}`);
  }

  /** An InvalidArgumentError with a message written whole: what happened, then what to do. */
  static withMessage(problem: string, advice: string): InvalidArgumentError {
    return Reflect.construct(BrokerError, ["INVALID_ARGUMENT", `${problem}\n${advice}`], InvalidArgumentError) as InvalidArgumentError;
  }
}

/**
 * "must VERB rest" as advice: "Pass a value that VERBs rest." (be → is, have → has, not VERB →
 * does not VERB). Rules are written "must …" throughout the broker.
 */
export function hintFromRule(rule: string): string {
  const m = /^must (not )?([a-z]+)(.*)$/s.exec(rule);
  if (m === null) return `Pass a value that satisfies this: ${rule}.`;
  const [, not, verb, rest] = m as unknown as [string, string | undefined, string, string];
  const conjugated =
    not !== undefined ? `does not ${verb}`
    : verb === "be" ? "is"
    : verb === "have" ? "has"
    : /(s|sh|ch|x|z)$/.test(verb) ? `${verb}es`
    : `${verb}s`;
  return `Pass a value that ${conjugated}${rest}.`;
}

/** A message body larger than the configured maximum. */
export class MessageTooLargeError extends BrokerError {
  constructor(size: number, max: number, where: string) {
    super(
      "MESSAGE_TOO_LARGE",
      `The message is ${size} bytes, over the ${max}-byte limit of ${where}.\nSend a smaller body, or store the payload elsewhere and send a reference to it.`,
    );
  }
}

/** An operation the resource's current state does not allow (a fenced producer, a closed consumer). */
export class IllegalStateError extends BrokerError {
  constructor(code: string, message: string) {
    super(code, message);
  }
}

function formatValue(v: unknown): string {
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "number" || typeof v === "boolean" || v == null) return String(v);
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
}
