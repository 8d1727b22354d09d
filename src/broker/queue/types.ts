/**
 * Public types of the queue family (SQS semantics, SQS words in camelCase). Times follow SQS:
 * queue and receive settings in seconds, message timestamps in epoch milliseconds, queue
 * timestamps in epoch seconds.
 */
import type { Clock } from "../clock.js";
import type { Trace } from "../trace.js";

/** Settings accepted by `createQueue` and `setQueueAttributes`. */
export interface QueueAttributes {
  /** Seconds a received message stays invisible to other receivers (0–43,200). @default 30 */
  visibilityTimeout?: number;
  /** Seconds a message is kept before it is deleted unread (60–1,209,600). @default 345600 (4 days) */
  messageRetentionPeriod?: number;
  /** Seconds every new message waits before it can be received (0–900). @default 0 */
  delaySeconds?: number;
  /** Largest message accepted, body plus message attributes, in bytes (1,024–1,048,576). @default 1048576 (1 MiB) */
  maximumMessageSize?: number;
  /** Default long-polling wait of `receiveAsync`, in seconds (0–20). @default 0 */
  receiveMessageWaitTimeSeconds?: number;
  /** Where messages go after too many receives; `null` removes the policy. @default undefined (none) */
  redrivePolicy?: QueueRedrivePolicy | null;
  /** A FIFO queue; its name must end in ".fifo". @default true when the name ends in ".fifo", else false */
  fifoQueue?: boolean;
  /** FIFO only: use the SHA-256 of the body when a send gives no deduplication id. @default false */
  contentBasedDeduplication?: boolean;
}

/** The redrive policy of a source queue. */
export interface QueueRedrivePolicy {
  /** The dead-letter queue: its ARN (as `getQueue(name).arn` gives it) or simply its name. */
  deadLetterTargetArn: string;
  /** Receives after which the next receive moves the message to the dead-letter queue (1–1,000). */
  maxReceiveCount: number;
}

/** What `getQueue` returns. */
export interface QueueInfo {
  name: string;
  arn: string;
  fifoQueue: boolean;
  /** Epoch seconds, as SQS reports CreatedTimestamp. */
  createdTimestamp: number;
}

/** What `getQueueAttributes` returns: the settings and the approximate counts. */
export interface QueueAttributesSnapshot {
  queueArn: string;
  fifoQueue: boolean;
  contentBasedDeduplication: boolean;
  visibilityTimeout: number;
  messageRetentionPeriod: number;
  delaySeconds: number;
  maximumMessageSize: number;
  receiveMessageWaitTimeSeconds: number;
  /** The policy with the target normalised to an ARN, or undefined. */
  redrivePolicy: QueueRedrivePolicy | undefined;
  /** Epoch seconds. */
  createdTimestamp: number;
  /** Epoch seconds. */
  lastModifiedTimestamp: number;
  /** Messages that can be received now (in a FIFO queue, including those behind a busy group). */
  approximateNumberOfMessages: number;
  /** Messages received and neither deleted nor visible again (in flight). */
  approximateNumberOfMessagesNotVisible: number;
  /** Messages whose delay has not ended. */
  approximateNumberOfMessagesDelayed: number;
}

/** A message attribute: `dataType` is "String", "Number" or "Binary", optionally with a ".custom" suffix. */
export interface QueueMessageAttributeValue {
  dataType: string;
  /** For String and Number types. */
  stringValue?: string;
  /** For Binary types. */
  binaryValue?: Uint8Array;
}

/** Options of `send` (SendMessage). */
export interface QueueSendOptions {
  /** Per-message delay, 0–900 s; standard queues only. @default the queue's delaySeconds */
  delaySeconds?: number;
  /** Up to 10 typed attributes; they count towards the maximum message size. @default {} */
  messageAttributes?: Record<string, QueueMessageAttributeValue>;
  /** Required for FIFO queues (the ordering group); on standard queues it is carried, as for SQS fair queues. */
  messageGroupId?: string;
  /** FIFO only: sends with the same id within 5 minutes are accepted but stored once. */
  messageDeduplicationId?: string;
}

/** What a send returns. A deduplicated FIFO send returns the original message's id and sequence number. */
export interface QueueSendResult {
  messageId: string;
  /** FIFO only: a per-queue, strictly increasing number, as a 20-digit string. */
  sequenceNumber?: string;
}

/** One entry of `sendBatch`. */
export interface QueueSendBatchEntry extends QueueSendOptions {
  /** Unique within the batch: up to 80 letters, digits, hyphens and underscores. */
  id: string;
  body: string;
}

/** A batch entry that was sent (or deduplicated). */
export interface QueueSendBatchSuccess extends QueueSendResult {
  id: string;
}

/** A batch entry that failed, with the error a single send would have thrown. */
export interface QueueSendBatchFailure {
  id: string;
  /** The `code` of the error a single send would have thrown. */
  code: string;
  message: string;
  senderFault: true;
}

/** Per-entry outcome of `sendBatch`: one entry failing does not stop the others. */
export interface QueueSendBatchResult {
  successful: QueueSendBatchSuccess[];
  failed: QueueSendBatchFailure[];
}

/** Options of `receive` (short polling). */
export interface QueueReceiveOptions {
  /** 1–10. @default 1 */
  maxNumberOfMessages?: number;
  /** Visibility timeout for these deliveries, 0–43,200 s. @default the queue's visibilityTimeout */
  visibilityTimeout?: number;
}

/** Options of `receiveAsync` (long polling). */
export interface QueueReceiveWaitOptions extends QueueReceiveOptions {
  /** Seconds to wait for a first message, 0–20. @default the queue's receiveMessageWaitTimeSeconds */
  waitTimeSeconds?: number;
}

/** System attributes of a received message (SQS returns them as strings; here they are typed). */
export interface QueueMessageSystemAttributes {
  /** How many times the message has been received, this delivery included. */
  approximateReceiveCount: number;
  /** Epoch ms when the message was first sent. */
  sentTimestamp: number;
  /** Epoch ms of the first receive. */
  approximateFirstReceiveTimestamp: number;
  messageGroupId?: string;
  messageDeduplicationId?: string;
  sequenceNumber?: string;
  /** Set on messages moved to a dead-letter queue: the source queue's ARN. */
  deadLetterQueueSourceArn?: string;
}

/** A delivered message. Keep the receipt handle: it is how this delivery is deleted. */
export interface QueueMessage {
  messageId: string;
  /** Identifies this delivery, not the message: each receive issues a new one. */
  receiptHandle: string;
  body: string;
  attributes: QueueMessageSystemAttributes;
  messageAttributes: Record<string, QueueMessageAttributeValue>;
}

/** Constructor options of `QueueBroker`. */
export interface QueueBrokerOptions {
  /** @default new SystemClock() */
  clock?: Clock;
  /** Seeds message ids and every seeded fault. @default 0 */
  seed?: number;
  /** @default new Trace() */
  trace?: Trace;
  /** In-flight messages a standard queue allows before `receive` throws OverLimit. @default 120000 */
  standardInflightLimit?: number;
  /** In-flight messages a FIFO queue allows before receives return nothing more. @default 120000 */
  fifoInflightLimit?: number;
}
