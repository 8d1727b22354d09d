import type { LogConsumer, LogProducer, LogRecord } from "mqtutor/broker";

/** A payment event. Its order matters per account, not across accounts. */
export interface Payment {
  id: string;
  account: string;
  amount: number;
}

/**
 * Sends the payments, in order, as JSON records keyed by account: the
 * partitioner sends every record with the same key to the same partition,
 * and a partition keeps its records in the order they were written.
 */
export function publishPayments(producer: LogProducer, topic: string, payments: Payment[]): void {
  producer.send(
    topic,
    payments.map((p) => ({ key: p.account, value: JSON.stringify(p) })),
  );
}

export interface GroupMember {
  /** Polls once, handles the records in order, commits what it handled. */
  pollOnce(): void;
  /** Leaves the group (its partitions go to the others). */
  close(): void;
}

/**
 * Joins `consumer` to its group on `topic`. `handle` is the processing; the
 * member commits an offset only once the record before it has been handled.
 */
export function startMember(consumer: LogConsumer, topic: string, handle: (record: LogRecord) => void): GroupMember {
  // Per partition: the offset to commit, one past the last record handled
  // since the last commit.
  const handled = new Map<number, number>();
  // Partitions taken away during the current batch: the rest of their records
  // belong to their next owner, who starts at our commit.
  const revoked = new Set<number>();

  const commit = (partitions: number[]) => {
    const offsets = partitions.flatMap((partition) => {
      const offset = handled.get(partition);
      return offset === undefined ? [] : [{ topic, partition, offset }];
    });
    if (offsets.length > 0) consumer.commitSync(offsets);
    for (const partition of partitions) handled.delete(partition);
  };

  consumer.subscribe([topic], {
    // Still ours while this runs: commit what we handled, drop the rest.
    onRevoke(partitions) {
      const ps = partitions.map((tp) => tp.partition);
      commit(ps);
      for (const p of ps) revoked.add(p);
    },
    // Already someone else's: a commit would be refused. Just drop them.
    onLost(partitions) {
      for (const { partition } of partitions) {
        handled.delete(partition);
        revoked.add(partition);
      }
    },
  });

  return {
    pollOnce() {
      revoked.clear();
      for (const record of consumer.poll()) {
        if (revoked.has(record.partition)) continue;
        handle(record);
        // A rebalance during `handle` may have taken the partition: then this
        // record is not ours to commit; its next owner may handle it again.
        if (!revoked.has(record.partition)) handled.set(record.partition, record.offset + 1);
      }
      // Commit after handling, never before: a crash before this line means
      // the batch is read again (at-least-once), never skipped.
      commit([...handled.keys()]);
    },
    close() {
      consumer.close(); // revokes first: onRevoke commits what was handled
    },
  };
}
