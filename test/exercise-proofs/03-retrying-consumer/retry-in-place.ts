import type { QueueBroker } from "mqtutor/broker";

export interface ConsumerOptions {
  broker: QueueBroker;
  /** The queue to consume, and its dead-letter queue (see `createQueues`). */
  queue: string;
  dlq: string;
  /** Processes one message. It throws to fail; an error with
   *  `permanent: true` can never succeed, any other may on a retry. */
  handler: (body: string) => Promise<void>;
  /** The backoff window after the first failure, and its largest value. */
  baseSeconds: number;
  capSeconds: number;
  /** A number in [0, 1), for the jitter. */
  random: () => number;
}

/** Fourteen days, the longest retention SQS allows. */
const DLQ_RETENTION_SECONDS = 1_209_600;

/**
 * Creates the dead-letter queue and the source queue, whose redrive policy
 * moves a message to the DLQ once it has been received `maxReceiveCount`
 * times. The DLQ keeps messages longer than the source, so a dead letter is
 * not deleted before someone has looked at it.
 */
export function createQueues(broker: QueueBroker, queue: string, dlq: string, maxReceiveCount: number): void {
  broker.createQueue(dlq, { messageRetentionPeriod: DLQ_RETENTION_SECONDS });
  broker.createQueue(queue, {
    visibilityTimeout: 30,
    redrivePolicy: { deadLetterTargetArn: broker.getQueue(dlq).arn, maxReceiveCount },
  });
}

/**
 * Full jitter: a whole number of seconds from 0 to the window
 * min(cap, base × 2^(receiveCount − 1)), so messages that failed together do
 * not all come back together.
 */
export function backoffSeconds(receiveCount: number, baseSeconds: number, capSeconds: number, random: () => number): number {
  const window = Math.min(capSeconds, baseSeconds * 2 ** (receiveCount - 1));
  return Math.floor(random() * (window + 1));
}

const isPermanent = (err: unknown) => (err as { permanent?: unknown } | null)?.permanent === true;

export function startConsumer(options: ConsumerOptions): void {
  const { broker, queue, dlq, handler } = options;

  async function consume(): Promise<void> {
    for (;;) {
      const messages = await broker.receiveAsync(queue, { maxNumberOfMessages: 10, waitTimeSeconds: 20 });
      for (const message of messages) {
        try {
          // MUTANT: blocking retry in place, up to 4 attempts, holding the
          // message and the consumer while the others wait behind it.
          for (let attempt = 1; ; attempt++) {
            try {
              await handler(message.body);
              break;
            } catch (err) {
              if (attempt >= 4 || isPermanent(err)) throw err;
            }
          }
          broker.deleteMessage(queue, message.receiptHandle);
        } catch (err) {
          if (isPermanent(err)) {
            // Retrying cannot help: park it now, with what went wrong, and
            // take it out of the source queue.
            const error = err instanceof Error ? err.message : String(err);
            broker.send(dlq, message.body, {
              messageAttributes: { error: { dataType: "String", stringValue: error || "permanent failure" } },
            });
            broker.deleteMessage(queue, message.receiptHandle);
          } else {
            // Transient: hide the message for the backoff instead of waiting
            // here, so the consumer goes on with the others. After
            // `maxReceiveCount` receives the redrive policy dead-letters it.
            const n = message.attributes.approximateReceiveCount;
            const delay = backoffSeconds(n, options.baseSeconds, options.capSeconds, options.random);
            broker.changeMessageVisibility(queue, message.receiptHandle, delay);
          }
        }
      }
    }
  }

  void consume();
}
