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

/** A setting or argument outside what the real system accepts. */
export class InvalidArgumentError extends BrokerError {
  constructor(what: string, rule: string, got: unknown) {
    super("INVALID_ARGUMENT", `${what} ${rule}; got ${formatValue(got)}.\nPass a value that ${rule.replace(/^must /, "is ")}.`);
  }
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
