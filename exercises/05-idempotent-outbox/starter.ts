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

/** Receives up to 10 payments, applies each, publishes its event. */
export function processPayments(broker: QueueBroker, store: Store): void {
  for (const message of broker.receive(PAYMENTS, { maxNumberOfMessages: 10 })) {
    const payment = JSON.parse(message.body) as Payment;
    // TODO: the queue delivers at least once. What if this payment was
    // already applied?
    const balance = store.transaction((tx) => {
      const key = `balance:${payment.account}`;
      const next = (tx.get<number>(key) ?? 0) - payment.amount;
      tx.set(key, next);
      return next;
    });
    // TODO: a crash right here loses the event (a dual write). Write it to
    // an outbox in the same transaction, and let relayOutbox publish it.
    const event: PaymentApplied = { eventId: message.messageId, ...payment, balance };
    broker.send(EVENTS, JSON.stringify(event), {
      messageGroupId: payment.account,
      messageDeduplicationId: event.eventId,
    });
    broker.deleteMessage(PAYMENTS, message.receiptHandle);
  }
}

/** Publishes the outbox's events, in order. */
export function relayOutbox(broker: QueueBroker, store: Store): void {
  // TODO: nothing to relay yet: processPayments publishes directly.
  void broker;
  void store;
}
