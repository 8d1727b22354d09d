import type { ExchangeBroker } from "mqtutor/broker";

/** The topic exchange every service publishes its events to. */
export const EXCHANGE = "shop";

/** An order, carried whole by every event (event-carried state transfer). */
export interface Order {
  orderId: string;
  amount: number;
  sku: string;
  qty: number;
}

/** What each service does in its own database or with its own provider. */
export interface Payments {
  /** Charges the card; false when it is declined. */
  charge(orderId: string, amount: number): boolean;
  refund(orderId: string): void;
}
export interface Stock {
  /** Reserves the items; false when there are not enough. */
  reserve(orderId: string, sku: string, qty: number): boolean;
  release(orderId: string): void;
}
export interface Carrier {
  /** Books the shipment; false when the address cannot be served. */
  schedule(orderId: string): boolean;
}

/** Publishes one event of an order, with the order id as the correlation id. */
function publish(broker: ExchangeBroker, routingKey: string, order: Order): void {
  broker.publish(EXCHANGE, routingKey, JSON.stringify(order), { correlationId: order.orderId });
}

/**
 * One service: its own durable queue (so events wait while it is down), bound
 * to the events it reacts to. `react` gets the event's routing key and order,
 * and may publish events of its own. The delivery is acked after `react`.
 */
function subscribe(
  broker: ExchangeBroker,
  service: string,
  routingKeys: string[],
  react: (routingKey: string, order: Order) => void,
): string {
  broker.declareExchange(EXCHANGE, "topic");
  broker.declareQueue(service);
  for (const key of routingKeys) broker.bindQueue(service, EXCHANGE, key);
  return broker.consume(service, (delivery) => {
    const order = JSON.parse(String(delivery.body)) as Order;
    react(delivery.routingKey, order);
    broker.ack(delivery.deliveryTag);
  });
}

// The happy path works, and a declined card cancels the order.
// TODO: the other failures stall: nobody reacts to stock.unavailable or
// shipment.failed, so the money and the stock are never given back and the
// order never ends. And every reaction runs again for a duplicate or a late
// copy of an event: keep each order's state per service, and act only on
// the step you expect from that state.

/** Order: publishes `order.placed`, and ends each order with one terminal event. */
export function startOrders(broker: ExchangeBroker): { consumerTag: string; placeOrder(order: Order): void } {
  const consumerTag = subscribe(broker, "order", ["shipment.scheduled", "payment.failed"], (key, order) => {
    publish(broker, key === "shipment.scheduled" ? "order.confirmed" : "order.cancelled", order);
  });
  return {
    consumerTag,
    placeOrder(order: Order): void {
      publish(broker, "order.placed", order);
    },
  };
}

/** Payment: charges placed orders, refunds them when a later step fails. */
export function startPayment(broker: ExchangeBroker, payments: Payments): string {
  return subscribe(broker, "payment", ["order.placed"], (_key, order) => {
    const ok = payments.charge(order.orderId, order.amount);
    publish(broker, ok ? "payment.captured" : "payment.failed", order);
  });
}

/** Inventory: reserves stock for paid orders, releases it when shipping fails. */
export function startInventory(broker: ExchangeBroker, stock: Stock): string {
  return subscribe(broker, "inventory", ["payment.captured"], (_key, order) => {
    const ok = stock.reserve(order.orderId, order.sku, order.qty);
    publish(broker, ok ? "stock.reserved" : "stock.unavailable", order);
  });
}

/** Shipping: books a shipment for reserved orders. */
export function startShipping(broker: ExchangeBroker, carrier: Carrier): string {
  return subscribe(broker, "shipping", ["stock.reserved"], (_key, order) => {
    const ok = carrier.schedule(order.orderId);
    publish(broker, ok ? "shipment.scheduled" : "shipment.failed", order);
  });
}
