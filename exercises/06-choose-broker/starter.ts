/** What a system needs from its broker. */
export interface Requirements {
  /** Consumers must re-read history: replay after a fix, a new service from the start. */
  replay: boolean;
  /** Messages a second at peak. */
  peakPerSecond: number;
  /** Independent services that each need every message. */
  readers: number;
  /** Order must hold per key (per order, per account…). */
  orderPerKey: boolean;
  /** Duplicate sends must be dropped by the broker. */
  dedupe: boolean;
  /** Routing or per-message behaviour in the broker: topic patterns, headers, priorities, per-message TTL, request/reply. */
  routing: boolean;
  /** The system runs on AWS. */
  onAws: boolean;
  /** The broker the team already operates well. */
  teamRuns: "nothing" | "kafka" | "rabbitmq";
  /** The largest message, in bytes. */
  maxMessageBytes: number;
  /** The longest one message may take to process, in seconds. */
  maxProcessingSeconds: number;
}

export type Broker = "kafka" | "rabbitmq" | "rabbitmq-streams" | "sqs" | "sqs-fifo";

export interface Choice {
  broker: Broker;
  /** One line a colleague can argue with. */
  reason: string;
}

/** "High volume": from here on, one log on disk beats a copy per reader. */
export const HIGH_VOLUME_PER_SECOND = 100_000;
/** A plain FIFO queue: 300 calls a second per action, 3,000 messages in batches of 10. */
export const FIFO_MAX_PER_SECOND = 3_000;
/** SQS's largest message since August 2025: 1 MiB. */
export const SQS_MAX_MESSAGE_BYTES = 1_048_576;
/** SQS's longest visibility timeout: 12 hours. */
export const SQS_MAX_PROCESSING_SECONDS = 43_200;

/**
 * Picks a broker for the requirements, with a one-line reason.
 *
 * These are the rules of thumb the lesson warns about: popularity and
 * "nothing to run". TODO: replace them with the lesson's decision
 * procedure, questions in order, the first "yes" deciding, and keep
 * SQS for what it can do (the constants above are its limits).
 */
export function chooseBroker(r: Requirements): Choice {
  if (r.peakPerSecond >= HIGH_VOLUME_PER_SECOND) {
    return { broker: "kafka", reason: "Kafka is what everyone uses at scale" };
  }
  if (r.routing) {
    return { broker: "rabbitmq", reason: "RabbitMQ routes messages" };
  }
  if (r.onAws) {
    return { broker: "sqs", reason: "nothing to operate on AWS" };
  }
  return { broker: "rabbitmq", reason: "a safe default" };
}
