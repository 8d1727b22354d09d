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
 * The lesson's decision procedure: questions in order, the first "yes" decides. SQS's hard
 * limits are checked before SQS is picked, so a "yes" it cannot honour falls through.
 */
export function chooseBroker(r: Requirements): Choice {
  const highVolume = r.peakPerSecond >= HIGH_VOLUME_PER_SECOND;

  // 1. History must be re-read: only a log keeps it after consumers have read it.
  if (r.replay) {
    if (r.teamRuns === "rabbitmq" && !highVolume) {
      return { broker: "rabbitmq-streams", reason: "replay at modest volume, and the team already runs RabbitMQ" };
    }
    return { broker: "kafka", reason: "consumers must re-read history: a log keeps it after reading" };
  }

  // 2. A firehose read by many services: one copy on disk serves every group.
  if (highVolume && r.readers >= 5) {
    return { broker: "kafka", reason: "a high-volume stream with many readers: one copy serves every group" };
  }

  // 3. Routing and per-message features live in RabbitMQ's exchanges and queues.
  if (r.routing) {
    return { broker: "rabbitmq", reason: "routing and per-message behaviour belong in exchanges" };
  }

  // 4 and 5. A work queue (or fan-out, one queue per reader via SNS) on AWS, if SQS fits.
  const sqsFits =
    r.onAws && r.maxMessageBytes <= SQS_MAX_MESSAGE_BYTES && r.maxProcessingSeconds <= SQS_MAX_PROCESSING_SECONDS;
  const fanOut = r.readers > 1 ? ", one queue per reader fed by SNS" : "";
  if (sqsFits && (r.orderPerKey || r.dedupe)) {
    // Standard queues promise neither order nor deduplication: FIFO or nothing.
    if (r.peakPerSecond <= FIFO_MAX_PER_SECOND) {
      return { broker: "sqs-fifo", reason: `order per key or deduplication on AWS, within FIFO's rate${fanOut}` };
    }
  } else if (sqsFits) {
    return { broker: "sqs", reason: `a work queue on AWS with nothing to run${fanOut}` };
  }

  // 6. Still undecided: what the team operates well beats a better tool run badly.
  if (r.teamRuns !== "nothing") {
    return { broker: r.teamRuns, reason: `nothing decides it, and the team already runs ${r.teamRuns}` };
  }
  if (r.orderPerKey || r.dedupe) {
    return { broker: "kafka", reason: "order per key or dedupe beyond SQS: partitions and the idempotent producer" };
  }
  return { broker: "rabbitmq", reason: "a work queue off SQS: Kafka is the wrong tool for small task queues" };
}
