import type { QueueBroker } from "mqtutor/broker";

/** One transaction of the service's database (a key-value store). */
export interface Tx {
  /** The value stored at `key` (JSON data), or undefined. */
  get<T = unknown>(key: string): T | undefined;
  set(key: string, value: unknown): void;
  delete(key: string): void;
  /** Keys starting with `prefix`, sorted (as an index scan would). */
  keys(prefix: string): string[];
}

/** The service's database: every write happens inside a transaction. */
export interface Store {
  /** Runs `work` (synchronous) atomically: all its writes, or none if anything throws. */
  transaction<T>(work: (tx: Tx) => T): T;
}

export const PAYMENTS = "payments";
export const EVENTS = "payment-events.fifo";

interface Payment {
  paymentId: string;
  account: string;
  amount: number;
}

/** What the relay publishes, and what the outbox holds until then. */
export interface PaymentApplied extends Payment {
  eventId: string;
  /** The account's balance right after this payment. */
  balance: number;
}

/**
 * Receives up to 10 payments and applies each exactly once in effect: the
 * debit, the "processed" mark and the outgoing event commit together, and the
 * message is deleted only after that commit.
 */
export function processPayments(broker: QueueBroker, store: Store): void {
  for (const message of broker.receive(PAYMENTS, { maxNumberOfMessages: 10 })) {
    const payment = JSON.parse(message.body) as Payment;
    store.transaction((tx) => {
      // Deduplicate on the business id: a producer's retry is a new SQS
      // message (new messageId) carrying the same payment.
      // MUTANT: no idempotency check.
      const balance = (tx.get<number>(`balance:${payment.account}`) ?? 0) - payment.amount;
      tx.set(`balance:${payment.account}`, balance);
      tx.set(`processed:${payment.paymentId}`, true);
      // The outbox row commits with the debit: no event without its payment,
      // no payment without its event. The sequence number keeps the order.
      const seq = (tx.get<number>("outbox-seq") ?? 0) + 1;
      tx.set("outbox-seq", seq);
      const event: PaymentApplied = { eventId: `applied-${payment.paymentId}`, ...payment, balance };
      tx.set(`outbox:${String(seq).padStart(10, "0")}`, event);
    });
    // Only now: a crash before this line means a redelivery, which the
    // processed mark turns into a no-op.
    broker.deleteMessage(PAYMENTS, message.receiptHandle);
  }
}

/**
 * Publishes the outbox's events in the order they were written, then removes
 * each one. A crash between the two publishes it again on the next run; the
 * FIFO queue drops the copy because its deduplication id is the event id.
 */
export function relayOutbox(broker: QueueBroker, store: Store): void {
  const pending = store.transaction((tx) =>
    tx.keys("outbox:").map((key) => ({ key, event: tx.get<PaymentApplied>(key)! })),
  );
  for (const { key, event } of pending) {
    broker.send(EVENTS, JSON.stringify(event), {
      messageGroupId: event.account, // order per account
      messageDeduplicationId: event.eventId, // the same id on every attempt
    });
    store.transaction((tx) => tx.delete(key));
  }
}
