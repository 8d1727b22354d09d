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

/** Creates the dead-letter queue and the queue that redrives to it. */
export function createQueues(
  broker: QueueBroker,
  queue: string,
  dlq: string,
  maxReceiveCount: number,
): void {
  // TODO: how long does the DLQ keep a dead letter? (Lesson 3.)
  broker.createQueue(dlq);
  broker.createQueue(queue, {
    visibilityTimeout: 30,
    redrivePolicy: { deadLetterTargetArn: dlq, maxReceiveCount },
  });
}

/** Seconds to wait after the `receiveCount`-th receive failed. */
export function backoffSeconds(
  receiveCount: number,
  baseSeconds: number,
  capSeconds: number,
  random: () => number,
): number {
  // TODO: exponential backoff with a cap and full jitter.
  void receiveCount;
  void capSeconds;
  void random;
  return baseSeconds;
}

export function startConsumer(options: ConsumerOptions): void {
  const { broker, queue, handler } = options;

  async function consume(): Promise<void> {
    for (;;) {
      const messages = await broker.receiveAsync(queue, {
        maxNumberOfMessages: 10,
        waitTimeSeconds: 20,
      });
      for (const message of messages) {
        try {
          await handler(message.body);
          broker.deleteMessage(queue, message.receiptHandle);
        } catch {
          // Any failure: leave the message alone. It comes back when its
          // 30 s visibility timeout ends, and after `maxReceiveCount`
          // receives the redrive policy moves it to the DLQ.
          // TODO: back off with backoffSeconds (changeMessageVisibility),
          // and send permanent failures to the DLQ at once.
        }
      }
    }
  }

  void consume();
}
