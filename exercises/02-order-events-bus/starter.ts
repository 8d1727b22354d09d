import type { ExchangeBroker } from "mqtutor/broker";

/** The services that subscribe to the bus; each has a queue of the same name. */
export type Service = "email" | "warehouse-eu" | "refunds" | "fraud" | "audit";

/** Where publishers send order events, with keys like `order.placed.eu`. */
export const EXCHANGE = "order-events";

// Each service's subscription, as topic patterns.
// TODO: check each pattern against the task's examples: `*` is exactly one
// word, `#` is zero or more. fraud and audit have no patterns yet.
const BINDINGS: Record<Service, string[]> = {
  email: ["order.placed.#", "order.shipped.#"],
  "warehouse-eu": ["order.*.eu"],
  refunds: ["order.refund.*"],
  fraud: [],
  audit: [],
};

/** Declares what the bus needs before anything is published. */
export function declareBus(broker: ExchangeBroker): void {
  broker.declareExchange(EXCHANGE, "topic");
  // TODO: the services' queues and their bindings.
}

/** Starts one worker of a service. Returns the consumer tag. */
export function startWorker(
  broker: ExchangeBroker,
  service: Service,
  handle: (routingKey: string, body: string) => void,
): string {
  // Like the classic pub/sub tutorial: every worker gets a fresh queue of its
  // own, named by the broker, bound with its service's patterns.
  // TODO: is that what two email workers should do? And what happens to
  // events published while no worker runs?
  const { queue } = broker.declareQueue("");
  for (const pattern of BINDINGS[service]) {
    broker.bindQueue(queue, EXCHANGE, pattern);
  }
  return broker.consume(
    queue,
    (delivery) => {
      const { routingKey, body } = delivery;
      const text =
        typeof body === "string" ? body : new TextDecoder().decode(body);
      handle(routingKey, text);
      broker.ack(delivery.deliveryTag);
    },
    { prefetch: 10 },
  );
}
