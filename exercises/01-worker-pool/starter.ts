import type { QueueBroker } from "mqtutor/broker";

export interface PoolOptions {
  /** The broker, and the name of a queue that already exists on it. */
  broker: QueueBroker;
  queue: string;
  /** The most handlers that may run at the same time. */
  limit: number;
  /** The most jobs that may wait in the queue; `submit` refuses more. */
  capacity: number;
  /** Does one job. A rejected promise means the job failed. */
  handler: (body: string) => Promise<void>;
}

export interface WorkerPool {
  /** Queues a job. `false`: the queue is full, nothing was sent; try again later. */
  submit(body: string): boolean;
}

export function startPool(options: PoolOptions): WorkerPool {
  const { broker, queue, handler } = options;

  // One loop takes up to 10 messages at a time and starts a handler for each.
  // TODO: never run more than `options.limit` handlers at once. What happens
  // here when a burst of 50 jobs arrives?
  async function consume(): Promise<void> {
    for (;;) {
      const messages = await broker.receiveAsync(queue, {
        maxNumberOfMessages: 10,
        waitTimeSeconds: 20,
      });
      for (const message of messages) {
        handler(message.body).then(
          () => broker.deleteMessage(queue, message.receiptHandle),
          () => {
            // Failed: the message comes back after its visibility timeout.
          },
        );
      }
    }
  }

  void consume();

  return {
    submit(body: string): boolean {
      // TODO: backpressure. Refuse the job (return false, send nothing)
      // while `options.capacity` jobs are already waiting in the queue.
      broker.send(queue, body);
      return true;
    },
  };
}
