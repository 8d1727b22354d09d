/**
 * Queue names, ARNs and settings: validation of `createQueue` / `setQueueAttributes` input
 * against the SQS rules, and the normalised settings the broker keeps.
 */
import { InvalidArgumentError } from "../errors.js";
import { checkOptions, optionSpec, type OptionSpec } from "../options.js";
import { QUEUE_LIMITS } from "./limits.js";
import { checkInteger } from "./message-input.js";
import type { QueueAttributes, QueueRedrivePolicy } from "./types.js";

/** Our queues live in one pretend account and region (LocalStack uses the same account id). */
const ARN_PREFIX = "arn:aws:sqs:us-east-1:000000000000:";

/** The ARN of queue `name` in this broker. */
export function queueArn(name: string): string {
  return ARN_PREFIX + name;
}

/** The normalised settings of one queue. */
export interface QueueSettings {
  readonly fifo: boolean;
  contentBasedDeduplication: boolean;
  visibilityTimeout: number;
  messageRetentionPeriod: number;
  delaySeconds: number;
  maximumMessageSize: number;
  receiveMessageWaitTimeSeconds: number;
  redrive: { deadLetterQueue: string; maxReceiveCount: number } | undefined;
}

const STANDARD_NAME = /^[A-Za-z0-9_-]+$/;

/** Checks a queue name: 1-80 letters, digits, "-" and "_", plus ".fifo" at the end for FIFO queues. */
export function checkQueueName(name: unknown): string {
  const rule = `must be 1-${QUEUE_LIMITS.queueNameLength} letters, digits, "-" or "_" (a FIFO queue's name ends in ".fifo", which counts towards the ${QUEUE_LIMITS.queueNameLength})`;
  if (typeof name !== "string" || name.length === 0 || name.length > QUEUE_LIMITS.queueNameLength) {
    throw new InvalidArgumentError("The queue name", rule, name);
  }
  const base = name.endsWith(".fifo") ? name.slice(0, -5) : name;
  if (base.length === 0 || !STANDARD_NAME.test(base)) throw new InvalidArgumentError("The queue name", rule, name);
  return name;
}

/** What the attribute checks need to know about an existing queue. */
export type QueueLookup = (name: string) => { fifo: boolean } | undefined;

const ATTRIBUTE_KEYS = [
  "visibilityTimeout",
  "messageRetentionPeriod",
  "delaySeconds",
  "maximumMessageSize",
  "receiveMessageWaitTimeSeconds",
  "redrivePolicy",
  "fifoQueue",
  "contentBasedDeduplication",
];
const nameHint = (key: string): string | undefined =>
  /^(queue)?name$/i.test(key) ? 'The queue name is the first argument: createQueue("jobs", { visibilityTimeout: 30 }).' : undefined;
const ATTRIBUTES: Record<"createQueue" | "setQueueAttributes", OptionSpec> = {
  createQueue: optionSpec("createQueue()", ATTRIBUTE_KEYS, { noun: "attribute", hint: nameHint }),
  setQueueAttributes: optionSpec("setQueueAttributes()", ATTRIBUTE_KEYS, { noun: "attribute", hint: nameHint }),
};
const REDRIVE_POLICY = optionSpec("redrivePolicy", ["deadLetterTargetArn", "maxReceiveCount"], { noun: "field" });

/**
 * Checks attributes for queue `name` (FIFO or not) and returns only the settings they give,
 * normalised. Nothing is applied here, so a failed check changes nothing.
 */
export function checkAttributes(
  where: "createQueue" | "setQueueAttributes",
  name: string,
  fifo: boolean,
  attributes: unknown,
  lookup: QueueLookup,
): Partial<QueueSettings> {
  if (attributes === undefined) return {};
  checkOptions(attributes, ATTRIBUTES[where]);
  const a = attributes as QueueAttributes;
  const out: Partial<QueueSettings> = {};
  const L = QUEUE_LIMITS;
  if (a.visibilityTimeout !== undefined) out.visibilityTimeout = checkInteger("visibilityTimeout", a.visibilityTimeout, L.visibilityTimeout.min, L.visibilityTimeout.max);
  if (a.messageRetentionPeriod !== undefined) {
    out.messageRetentionPeriod = checkInteger("messageRetentionPeriod", a.messageRetentionPeriod, L.messageRetentionPeriod.min, L.messageRetentionPeriod.max);
  }
  if (a.delaySeconds !== undefined) out.delaySeconds = checkInteger("delaySeconds", a.delaySeconds, L.delaySeconds.min, L.delaySeconds.max);
  if (a.maximumMessageSize !== undefined) {
    out.maximumMessageSize = checkInteger("maximumMessageSize", a.maximumMessageSize, L.maximumMessageSize.min, L.maximumMessageSize.max);
  }
  if (a.receiveMessageWaitTimeSeconds !== undefined) {
    out.receiveMessageWaitTimeSeconds = checkInteger(
      "receiveMessageWaitTimeSeconds",
      a.receiveMessageWaitTimeSeconds,
      L.receiveMessageWaitTimeSeconds.min,
      L.receiveMessageWaitTimeSeconds.max,
    );
  }
  if (a.fifoQueue !== undefined && a.fifoQueue !== fifo) {
    throw new InvalidArgumentError(
      "fifoQueue",
      fifo ? 'must be true for a queue whose name ends in ".fifo"' : 'must be false for this queue: only a name ending in ".fifo" makes a FIFO queue, and a queue\'s type never changes',
      a.fifoQueue,
    );
  }
  if (a.contentBasedDeduplication !== undefined) {
    if (typeof a.contentBasedDeduplication !== "boolean") {
      throw new InvalidArgumentError("contentBasedDeduplication", "must be a boolean", a.contentBasedDeduplication);
    }
    if (!fifo && a.contentBasedDeduplication) {
      throw new InvalidArgumentError(
        "contentBasedDeduplication",
        "must be left out for a standard queue (it applies to FIFO queues only)",
        true,
        'Leave it out, or create a FIFO queue: its name ends in ".fifo".',
      );
    }
    out.contentBasedDeduplication = a.contentBasedDeduplication;
  }
  if (a.redrivePolicy !== undefined) out.redrive = checkRedrivePolicy(name, fifo, a.redrivePolicy, lookup);
  return out;
}

function checkRedrivePolicy(name: string, fifo: boolean, policy: QueueRedrivePolicy | null, lookup: QueueLookup): QueueSettings["redrive"] {
  if (policy === null) return undefined;
  if (typeof policy !== "object" || Array.isArray(policy)) {
    throw new InvalidArgumentError(
      "redrivePolicy",
      "must be { deadLetterTargetArn, maxReceiveCount } or null",
      policy,
      "Pass the object itself (SQS's API takes it as a JSON string; here it is an object), or null to remove the policy.",
    );
  }
  checkOptions(policy, REDRIVE_POLICY);
  const target = policy.deadLetterTargetArn;
  if (typeof target !== "string" || target.length === 0) {
    throw new InvalidArgumentError("redrivePolicy.deadLetterTargetArn", "must be the ARN or the name of an existing queue", target);
  }
  let dlq = target;
  if (target.startsWith("arn:")) {
    if (!target.startsWith(ARN_PREFIX)) {
      throw new InvalidArgumentError("redrivePolicy.deadLetterTargetArn", `must be an ARN of this broker ("${ARN_PREFIX}<name>") or a queue name`, target);
    }
    dlq = target.slice(ARN_PREFIX.length);
  }
  const found = lookup(dlq);
  if (!found) throw new InvalidArgumentError("redrivePolicy.deadLetterTargetArn", "must name a queue that exists (create the dead-letter queue first)", target);
  if (dlq === name) throw new InvalidArgumentError("redrivePolicy.deadLetterTargetArn", "must name another queue, not the source queue itself", target);
  if (found.fifo !== fifo) {
    throw new InvalidArgumentError(
      "redrivePolicy.deadLetterTargetArn",
      `must name a ${fifo ? "FIFO" : "standard"} queue: a dead-letter queue has the type of its source queue`,
      target,
    );
  }
  const maxReceiveCount = checkInteger("redrivePolicy.maxReceiveCount", policy.maxReceiveCount, QUEUE_LIMITS.maxReceiveCount.min, QUEUE_LIMITS.maxReceiveCount.max);
  return { deadLetterQueue: dlq, maxReceiveCount };
}

/** Default settings of a new queue. */
export function defaultSettings(fifo: boolean): QueueSettings {
  const L = QUEUE_LIMITS;
  return {
    fifo,
    contentBasedDeduplication: false,
    visibilityTimeout: L.visibilityTimeout.default,
    messageRetentionPeriod: L.messageRetentionPeriod.default,
    delaySeconds: L.delaySeconds.default,
    maximumMessageSize: L.maximumMessageSize.default,
    receiveMessageWaitTimeSeconds: L.receiveMessageWaitTimeSeconds.default,
    redrive: undefined,
  };
}

/** The names of the given settings whose values differ from `current`. */
export function differingSettings(current: QueueSettings, given: Partial<QueueSettings>): string[] {
  const out: string[] = [];
  for (const key of Object.keys(given) as (keyof QueueSettings)[]) {
    const a = current[key];
    const b = given[key];
    const same =
      key === "redrive"
        ? a === b || (a !== undefined && b !== undefined && JSON.stringify(a) === JSON.stringify(b))
        : a === b;
    if (!same) out.push(key === "redrive" ? "redrivePolicy" : key);
  }
  return out;
}
