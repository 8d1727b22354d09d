/**
 * Amazon SQS limits and defaults, as documented by AWS for the 2012-11-05 API (checked in
 * 2026; see README.md for sources). Times are in seconds where SQS uses seconds.
 */
export const QUEUE_LIMITS = {
  /** VisibilityTimeout, queue default and per receive: 0 s to 12 hours; SQS default 30 s. */
  visibilityTimeout: { min: 0, max: 43_200, default: 30 },
  /** MessageRetentionPeriod: 60 s to 14 days; default 4 days. */
  messageRetentionPeriod: { min: 60, max: 1_209_600, default: 345_600 },
  /** DelaySeconds, queue default and per message: 0 to 900 s (15 minutes). */
  delaySeconds: { min: 0, max: 900, default: 0 },
  /**
   * MaximumMessageSize: 1 KiB to 1 MiB; default 1 MiB. AWS raised both the ceiling and the
   * default from 256 KiB to 1 MiB on 4 August 2025.
   */
  maximumMessageSize: { min: 1_024, max: 1_048_576, default: 1_048_576 },
  /** ReceiveMessageWaitTimeSeconds (long polling): 0 to 20 s; default 0 (short polling). */
  receiveMessageWaitTimeSeconds: { min: 0, max: 20, default: 0 },
  /** MaxNumberOfMessages per receive: 1 to 10; default 1. */
  maxNumberOfMessages: { min: 1, max: 10, default: 1 },
  /** Redrive policy maxReceiveCount: 1 to 1,000. */
  maxReceiveCount: { min: 1, max: 1_000 },
  /** FIFO deduplication interval: 5 minutes. */
  deduplicationIntervalMs: 300_000,
  /** Queue names: up to 80 characters, the ".fifo" suffix included. */
  queueNameLength: 80,
  /** MessageGroupId and MessageDeduplicationId: up to 128 characters. */
  groupIdLength: 128,
  /** Message attributes per message. */
  messageAttributes: 10,
  /** Message attribute names: up to 256 characters. */
  attributeNameLength: 256,
  /** Entries per SendMessageBatch, and their total payload (1 MiB). */
  batchEntries: 10,
  batchPayloadBytes: 1_048_576,
  /** Batch entry ids: up to 80 characters. */
  batchEntryIdLength: 80,
  /** In-flight messages per queue: standard queues answer OverLimit, FIFO queues return nothing more. */
  standardInflight: 120_000,
  fifoInflight: 120_000,
  /** One PurgeQueue per queue every 60 seconds. */
  purgeCooldownMs: 60_000,
} as const;
