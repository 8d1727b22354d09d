import type { ExchangeBroker } from "mqtutor/broker";

/** The services that subscribe to the bus; each has a queue of the same name. */
export type Service = "email" | "warehouse-eu" | "refunds" | "fraud" | "audit";

/** Where publishers send order events, with keys like `order.placed.eu`. */
export const EXCHANGE = "order-events";

// Each service's subscription, as topic patterns: `*` is exactly one word,
// `#` is zero or more. A queue with two matching patterns still gets one copy.
const BINDINGS: Record<Service, string[]> = {
  // order.placed.<region> and order.shipped.<region>: one word, no more.
  email: ["order.placed.*", "order.shipped.*"],
  // One-word events in the EU: order.<event>.eu.
  "warehouse-eu": ["order.*.eu"],
  // order.refund and anything below it.
  refunds: ["order.refund.#"],
  // Every refund, and every order key ending in eu, whatever its length.
  fraud: ["order.refund.#", "order.#.eu"],
  // Everything published on the bus.
  audit: ["#"],
};

/**
 * Declares the exchange, one durable queue per service and the bindings.
 * The queues are the subscriptions: they exist before anything is published
 * and keep their events while no worker runs.
 */
export function declareBus(broker: ExchangeBroker): void {
  broker.declareExchange(EXCHANGE, "topic");
  for (const [service, patterns] of Object.entries(BINDINGS)) {
    broker.declareQueue(service);
    for (const pattern of patterns) broker.bindQueue(service, EXCHANGE, pattern);
  }
}

/**
 * Starts one worker of a service. Workers of the same service compete for
 * the messages of the service's one queue, so each event is handled once per
 * service however many workers run. Returns the consumer tag.
 */
export function startWorker(
  broker: ExchangeBroker,
  service: Service,
  handle: (routingKey: string, body: string) => void,
): string {
  return broker.consume(
    service,
    (delivery) => {
      const { routingKey, body } = delivery;
      handle(routingKey, typeof body === "string" ? body : new TextDecoder().decode(body));
      // Ack after handling: a worker that dies mid-way gets its event redelivered.
      // MUTANT: never acks; prefetch 10 then stops the deliveries.
    },
    { prefetch: 10 },
  );
}
