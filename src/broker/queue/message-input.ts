/**
 * Validation of what a producer sends: the body, message attributes, group and deduplication
 * ids. Each check throws InvalidArgumentError with the SQS rule; sizes are UTF-8 bytes, counted
 * as SQS counts them (body plus every attribute's name, type and value).
 */
import { InvalidArgumentError } from "../errors.js";
import { checkOptions, optionSpec } from "../options.js";
import { QUEUE_LIMITS } from "./limits.js";
import type { QueueMessageAttributeValue } from "./types.js";

const ALLOWED_CHARS = "#x9 | #xA | #xD | #x20-#xD7FF | #xE000-#xFFFD | #x10000-#x10FFFF";

/** A body as stored: characters SQS does not allow are replaced by U+FFFD, as SQS does. */
export interface CheckedBody {
  body: string;
  bytes: number;
}

/** Measures a body in UTF-8 bytes in one pass, replacing disallowed characters. */
export function checkBody(body: unknown): CheckedBody {
  if (typeof body !== "string") throw new InvalidArgumentError("The message body", "must be a string", typeof body);
  let bytes = 0;
  let valid = 0;
  let replaced = false;
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (c < 0x80) {
      if (c >= 0x20 || c === 0x9 || c === 0xa || c === 0xd) {
        bytes += 1;
        valid++;
      } else {
        replaced = true;
        bytes += 3;
      }
    } else if (c < 0x800) {
      bytes += 2;
      valid++;
    } else if (c >= 0xd800 && c <= 0xdbff) {
      const d = body.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        bytes += 4;
        valid++;
        i++;
      } else {
        replaced = true;
        bytes += 3;
      }
    } else if ((c >= 0xdc00 && c <= 0xdfff) || c === 0xfffe || c === 0xffff) {
      replaced = true;
      bytes += 3;
    } else {
      bytes += 3;
      valid++;
    }
  }
  if (valid === 0) {
    throw new InvalidArgumentError("The message body", `must contain at least one character SQS allows (${ALLOWED_CHARS})`, body);
  }
  return { body: replaced ? replaceDisallowed(body) : body, bytes };
}

function replaceDisallowed(body: string): string {
  let out = "";
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = body.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        out += body[i]! + body[i + 1]!;
        i++;
      } else out += "\ufffd";
    } else if ((c < 0x20 && c !== 0x9 && c !== 0xa && c !== 0xd) || (c >= 0xdc00 && c <= 0xdfff) || c === 0xfffe || c === 0xffff) {
      out += "\ufffd";
    } else out += body[i]!;
  }
  return out;
}

/** UTF-8 length of a string (lone surrogates count as the 3 bytes of U+FFFD). */
export function utf8Length(s: string): number {
  let bytes = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** Stored attributes are frozen copies, so a producer or consumer cannot change a stored message. */
export type StoredAttributes = Readonly<Record<string, Readonly<QueueMessageAttributeValue>>>;

const ATTRIBUTE_VALUE = optionSpec("a message attribute", ["dataType", "stringValue", "binaryValue"], {
  noun: "field",
  hint: (key) => (/^(string|binary)listvalues$/i.test(key) ? "List-typed attribute values are not modelled (SQS reserves them too)." : undefined),
});
const ATTRIBUTE_NAME = /^[A-Za-z0-9_.-]+$/;
const DATA_TYPE = /^(String|Number|Binary)(\.[A-Za-z0-9_.-]+)?$/;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** Checks message attributes and returns a frozen copy and their size in bytes. */
export function checkMessageAttributes(attributes: unknown): { attributes: StoredAttributes | undefined; bytes: number } {
  if (attributes === undefined) return { attributes: undefined, bytes: 0 };
  if (attributes === null || typeof attributes !== "object" || Array.isArray(attributes)) {
    throw new InvalidArgumentError("messageAttributes", "must be an object of name → { dataType, stringValue | binaryValue }", attributes);
  }
  const names = Object.keys(attributes);
  if (names.length > QUEUE_LIMITS.messageAttributes) {
    throw new InvalidArgumentError("messageAttributes", `must have at most ${QUEUE_LIMITS.messageAttributes} attributes`, names.length);
  }
  const out: Record<string, Readonly<QueueMessageAttributeValue>> = {};
  let bytes = 0;
  for (const name of names) {
    checkAttributeName(name);
    const value = (attributes as Record<string, unknown>)[name] as Partial<QueueMessageAttributeValue> | null;
    const what = `messageAttributes["${name}"]`;
    if (value === null || typeof value !== "object") {
      throw new InvalidArgumentError(what, "must be an object { dataType, stringValue | binaryValue }", value);
    }
    checkOptions(value, ATTRIBUTE_VALUE);
    const { dataType, stringValue, binaryValue } = value;
    if (typeof dataType !== "string" || dataType.length > 256 || !DATA_TYPE.test(dataType)) {
      throw new InvalidArgumentError(`${what}.dataType`, 'must be "String", "Number" or "Binary", optionally followed by ".custom-label"', dataType);
    }
    bytes += utf8Length(name) + utf8Length(dataType);
    if (dataType.startsWith("Binary")) {
      if (!(binaryValue instanceof Uint8Array) || binaryValue.length === 0 || stringValue !== undefined) {
        throw new InvalidArgumentError(`${what}.binaryValue`, "must be a non-empty Uint8Array (and stringValue absent) for a Binary attribute", binaryValue);
      }
      out[name] = Object.freeze({ dataType, binaryValue: binaryValue.slice() });
      bytes += binaryValue.length;
    } else {
      if (typeof stringValue !== "string" || stringValue.length === 0 || binaryValue !== undefined) {
        throw new InvalidArgumentError(`${what}.stringValue`, `must be a non-empty string (and binaryValue absent) for a ${dataType} attribute`, stringValue);
      }
      if (dataType.startsWith("Number") && (!NUMBER.test(stringValue) || stringValue.replace(/[^0-9]/g, "").replace(/^0+/, "").length > 38)) {
        throw new InvalidArgumentError(`${what}.stringValue`, "must be a decimal number of at most 38 significant digits for a Number attribute", stringValue);
      }
      out[name] = Object.freeze({ dataType, stringValue });
      bytes += utf8Length(stringValue);
    }
  }
  return { attributes: Object.freeze(out), bytes };
}

function checkAttributeName(name: string): void {
  const rule =
    `must be 1-${QUEUE_LIMITS.attributeNameLength} letters, digits, "_", "-" or "."; not start with "AWS." or "Amazon."; ` +
    "not start or end with a period nor contain two periods in a row";
  if (
    name.length === 0 ||
    name.length > QUEUE_LIMITS.attributeNameLength ||
    !ATTRIBUTE_NAME.test(name) ||
    /^(aws|amazon)\./i.test(name) ||
    name.startsWith(".") ||
    name.endsWith(".") ||
    name.includes("..")
  ) {
    throw new InvalidArgumentError("A message attribute name", rule, name);
  }
}

const GROUP_OR_DEDUP_ID = /^[A-Za-z0-9!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]+$/;

/** MessageGroupId and MessageDeduplicationId: 1-128 letters, digits and ASCII punctuation. */
export function checkGroupOrDeduplicationId(what: "messageGroupId" | "messageDeduplicationId", id: unknown): string {
  if (typeof id !== "string" || id.length === 0 || id.length > QUEUE_LIMITS.groupIdLength || !GROUP_OR_DEDUP_ID.test(id)) {
    throw new InvalidArgumentError(what, `must be 1-${QUEUE_LIMITS.groupIdLength} letters, digits or ASCII punctuation`, id);
  }
  return id;
}

/** An integer setting within the SQS range. */
export function checkInteger(what: string, value: unknown, min: number, max: number): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw new InvalidArgumentError(what, `must be an integer from ${min} to ${max}`, value);
  }
  return value;
}
