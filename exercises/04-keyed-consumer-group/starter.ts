import type { LogConsumer, LogProducer, LogRecord } from "mqtutor/broker";

/** A payment event. Its order matters per account, not across accounts. */
export interface Payment {
  id: string;
  account: string;
  amount: number;
}

/** Sends the payments, in order, as JSON records. */
export function publishPayments(
  producer: LogProducer,
  topic: string,
  payments: Payment[],
): void {
  // Keyed by payment id: unique keys spread the load evenly.
  // TODO: which key keeps an account's payments in order?
  producer.send(
    topic,
    payments.map((p) => ({ key: p.id, value: JSON.stringify(p) })),
  );
}

export interface GroupMember {
  /** Polls once, handles the records in order, commits what it handled. */
  pollOnce(): void;
  /** Leaves the group (its partitions go to the others). */
  close(): void;
}

/** Joins `consumer` to its group on `topic`; `handle` processes one record. */
export function startMember(
  consumer: LogConsumer,
  topic: string,
  handle: (record: LogRecord) => void,
): GroupMember {
  // TODO: a rebalance listener (onRevoke, onLost) for partitions taken
  // away in the middle of a batch.
  consumer.subscribe([topic]);

  return {
    pollOnce() {
      const records = consumer.poll();
      // Commits the position of every partition: all the records just
      // polled count as done. TODO: what if we crash halfway through?
      consumer.commitSync();
      for (const record of records) handle(record);
    },
    close() {
      consumer.close();
    },
  };
}
