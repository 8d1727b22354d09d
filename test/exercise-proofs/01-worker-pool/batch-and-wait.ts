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
  const { broker, queue, limit, capacity, handler } = options;

  // One loop per slot: a loop only asks for a message when its previous job has
  // finished, so at most `limit` handlers ever run, and a free slot takes the
  // next job as soon as there is one (no waiting for the rest of a batch).
  async function worker(): Promise<void> {
    for (;;) {
      // Long polling: wait on the broker instead of spinning on empty receives.
      const [message] = await broker.receiveAsync(queue, { waitTimeSeconds: 20 });
      if (!message) continue;
      try {
        await handler(message.body);
        // Delete only after the job is done: a crash before this line means
        // the job is received again (at-least-once), never lost.
        broker.deleteMessage(queue, message.receiptHandle);
      } catch {
        // A failed job: leave its message alone. It becomes visible again
        // when its visibility timeout ends, and a free slot retries it then.
      }
    }
  }

  // MUTANT: one loop takes `limit` messages and waits for the whole batch, so
  // fast jobs wait behind the slowest one of their batch.
  void worker;
  void (async () => {
    for (;;) {
      const messages = await broker.receiveAsync(queue, { maxNumberOfMessages: limit, waitTimeSeconds: 20 });
      await Promise.all(
        messages.map(async (message) => {
          try {
            await handler(message.body);
            broker.deleteMessage(queue, message.receiptHandle);
          } catch {
            // retried after its visibility timeout
          }
        }),
      );
    }
  })();

  return {
    submit(body: string): boolean {
      // Backpressure: the queue's depth is the buffer. Past `capacity` the
      // producer hears "no" at once, instead of the backlog growing silently.
      const waiting = broker.getQueueAttributes(queue).approximateNumberOfMessages;
      if (waiting >= capacity) return false;
      broker.send(queue, body);
      return true;
    },
  };
}
