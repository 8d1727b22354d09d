/**
 * Checks of whole requests (send, receive, batch) against a queue's settings and the SQS
 * rules. Nothing here changes state: the broker applies a request only after it passed.
 */
import { InvalidArgumentError, MessageTooLargeError } from "../errors.js";
import { checkOptions, optionSpec } from "../options.js";
import { QueueBatchError } from "./errors.js";
import { QUEUE_LIMITS } from "./limits.js";
import { checkBody, checkGroupOrDeduplicationId, checkInteger, checkMessageAttributes, utf8Length, type StoredAttributes } from "./message-input.js";
import type { QueueSettings } from "./queue-settings.js";
import { sha256Hex } from "./sha256.js";
import type { QueueMessageAttributeValue, QueueReceiveWaitOptions, QueueSendBatchEntry, QueueSendOptions } from "./types.js";

const SEND_KEYS = ["delaySeconds", "messageAttributes", "messageGroupId", "messageDeduplicationId"];
const SEND_OPTIONS = optionSpec("send()", SEND_KEYS);
const BATCH_ENTRY = optionSpec("sendBatch() entries", ["id", "body", ...SEND_KEYS], { noun: "field" });
const RECEIVE_OPTIONS = optionSpec("receive()", ["maxNumberOfMessages", "visibilityTimeout", "waitTimeSeconds"], {
  hint: (key) => (key === "WaitTimeSeconds" ? "receive() is short polling and never waits: call receiveAsync(queue, { waitTimeSeconds }) to long-poll." : undefined),
});
const RECEIVE_ASYNC_OPTIONS = optionSpec("receiveAsync()", ["maxNumberOfMessages", "visibilityTimeout", "waitTimeSeconds"]);

/** A send that passed every check. */
export interface CheckedSend {
  body: string;
  size: number;
  delaySeconds: number;
  attributes: StoredAttributes | undefined;
  groupId: string | undefined;
  dedupId: string | undefined;
}

/** Checks a send against the queue's settings; computes the size and the FIFO deduplication id. */
export function checkSend(queue: string, settings: QueueSettings, rawBody: unknown, options: QueueSendOptions): CheckedSend {
  checkOptions(options, SEND_OPTIONS);
  const { body, bytes } = checkBody(rawBody);
  const { fifo, contentBasedDeduplication } = settings;
  let delaySeconds = settings.delaySeconds;
  if (options.delaySeconds !== undefined) {
    if (fifo) {
      throw new InvalidArgumentError(
        "delaySeconds",
        "must be left out on a FIFO queue (set the queue's delaySeconds instead)",
        options.delaySeconds,
        "Leave it out of send(), and set the delay on the queue: setQueueAttributes(queue, { delaySeconds }).",
      );
    }
    delaySeconds = checkInteger("delaySeconds", options.delaySeconds, QUEUE_LIMITS.delaySeconds.min, QUEUE_LIMITS.delaySeconds.max);
  }
  const attrs = checkMessageAttributes(options.messageAttributes);
  let groupId: string | undefined;
  if (fifo && options.messageGroupId === undefined) {
    throw new InvalidArgumentError(
      "messageGroupId",
      "must be given for every message sent to a FIFO queue",
      undefined,
      'Pass the group the message is ordered in, e.g. send(queue, body, { messageGroupId: "customer-7" }).',
    );
  }
  // On a standard queue a group id is carried (SQS fair queues) but orders nothing.
  if (options.messageGroupId !== undefined) groupId = checkGroupOrDeduplicationId("messageGroupId", options.messageGroupId);
  let dedupId: string | undefined;
  if (options.messageDeduplicationId !== undefined) {
    if (!fifo) {
      throw new InvalidArgumentError(
        "messageDeduplicationId",
        "must be left out on a standard queue (it applies to FIFO queues only)",
        options.messageDeduplicationId,
        'Leave it out, or send to a FIFO queue (its name ends in ".fifo"); a standard queue deduplicates nothing.',
      );
    }
    dedupId = checkGroupOrDeduplicationId("messageDeduplicationId", options.messageDeduplicationId);
  } else if (fifo) {
    if (!contentBasedDeduplication) {
      throw new InvalidArgumentError(
        "messageDeduplicationId",
        "must be given on this FIFO queue (or create the queue with contentBasedDeduplication: true)",
        undefined,
        "Pass a messageDeduplicationId, or create the queue with contentBasedDeduplication: true.",
      );
    }
    dedupId = sha256Hex(new TextEncoder().encode(body));
  }
  const size = bytes + attrs.bytes;
  if (size > settings.maximumMessageSize) {
    throw new MessageTooLargeError(size, settings.maximumMessageSize, `queue "${queue}" (maximumMessageSize)`);
  }
  return { body, size, delaySeconds, attributes: attrs.attributes, groupId, dedupId };
}

/** Checks receive options; returns the batch size, the visibility timeout and the wait in ms. */
export function checkReceive(
  settings: QueueSettings,
  options: QueueReceiveWaitOptions,
  long: boolean,
): { max: number; visibilityMs: number; waitMs: number } {
  checkOptions(options, long ? RECEIVE_ASYNC_OPTIONS : RECEIVE_OPTIONS);
  const L = QUEUE_LIMITS;
  const M = L.maxNumberOfMessages;
  const V = L.visibilityTimeout;
  const W = L.receiveMessageWaitTimeSeconds;
  const max = checkInteger("maxNumberOfMessages", options.maxNumberOfMessages ?? M.default, M.min, M.max);
  const vt = checkInteger("visibilityTimeout", options.visibilityTimeout ?? settings.visibilityTimeout, V.min, V.max);
  let wait = 0;
  if (long) wait = checkInteger("waitTimeSeconds", options.waitTimeSeconds ?? settings.receiveMessageWaitTimeSeconds, W.min, W.max);
  else if (options.waitTimeSeconds !== undefined) {
    throw new InvalidArgumentError(
      "waitTimeSeconds",
      "must be left out of receive (short polling); long-poll with receiveAsync",
      options.waitTimeSeconds,
      "Leave it out of receive(), or call receiveAsync(queue, { waitTimeSeconds }) to wait for messages.",
    );
  }
  return { max, visibilityMs: vt * 1000, waitMs: wait * 1000 };
}

/** The checks of SendMessageBatch as a whole; entries are then checked one by one. */
export function checkBatch(entries: QueueSendBatchEntry[]): void {
  const L = QUEUE_LIMITS;
  if (!Array.isArray(entries) || entries.length === 0) {
    throw new QueueBatchError("EMPTY_BATCH_REQUEST", "The batch has no entries.", "Pass 1 to 10 entries.");
  }
  if (entries.length > L.batchEntries) {
    throw new QueueBatchError(
      "TOO_MANY_ENTRIES_IN_BATCH_REQUEST",
      `The batch has ${entries.length} entries; at most ${L.batchEntries} are allowed.`,
      "Split it into batches of 10.",
    );
  }
  const ids = new Set<string>();
  let total = 0;
  for (const entry of entries) {
    if (entry === null || typeof entry !== "object" || Array.isArray(entry)) {
      throw new InvalidArgumentError("A batch entry", "must be an object { id, body, ...send options }", entry);
    }
    checkOptions(entry, BATCH_ENTRY);
    const id: unknown = entry.id;
    if (typeof id !== "string" || !/^[A-Za-z0-9_-]+$/.test(id) || id.length > L.batchEntryIdLength) {
      throw new QueueBatchError("INVALID_BATCH_ENTRY_ID", `The batch entry id ${JSON.stringify(id)} is not valid.`, "Use 1-80 letters, digits, hyphens or underscores.");
    }
    if (ids.has(id)) throw new QueueBatchError("BATCH_ENTRY_IDS_NOT_DISTINCT", `Two batch entries have the id "${id}".`, "Give every entry its own id.");
    ids.add(id);
    total += (typeof entry.body === "string" ? utf8Length(entry.body) : 0) + attributeBytes(entry.messageAttributes);
  }
  if (total > L.batchPayloadBytes) {
    throw new QueueBatchError(
      "BATCH_REQUEST_TOO_LONG",
      `The batch carries ${total} bytes; at most ${L.batchPayloadBytes} are allowed in total.`,
      "Send fewer or smaller messages per batch.",
    );
  }
}

// Lenient on purpose: an entry with bad attributes fails on its own, not the whole batch.
function attributeBytes(attributes: Record<string, QueueMessageAttributeValue> | undefined): number {
  try {
    return checkMessageAttributes(attributes).bytes;
  } catch {
    return 0;
  }
}
