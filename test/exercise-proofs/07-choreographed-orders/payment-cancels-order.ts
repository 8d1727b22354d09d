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
 * One service: its own durable queue (so events wait while it is down), bound to the events
 * it reacts to. `react` gets the event's routing key and order, and may publish events of its
 * own. The delivery is acked after the reaction, so a crash mid-way means a redelivery, never
 * a lost event.
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

// Every service keeps each order's state and acts only on the transition it expects from
// there. Delivery is at least once and copies can arrive late, after the flow moved on: a
// duplicate `payment.captured` after the stock was released must not reserve it again.

/** Order: publishes `order.placed`, and ends each order with one terminal event. */
export function startOrders(broker: ExchangeBroker): { consumerTag: string; placeOrder(order: Order): void } {
  const state = new Map<string, "placed" | "confirmed" | "cancelled">();
  const consumerTag = subscribe(
    broker,
    "order",
    ["shipment.scheduled", "payment.refunded"],
    (key, order) => {
      if (state.get(order.orderId) !== "placed") return; // already ended, or not ours
      const end = key === "shipment.scheduled" ? "confirmed" : "cancelled";
      state.set(order.orderId, end);
      publish(broker, `order.${end}`, order);
    },
  );
  return {
    consumerTag,
    placeOrder(order: Order): void {
      if (state.has(order.orderId)) return;
      state.set(order.orderId, "placed");
      publish(broker, "order.placed", order);
    },
  };
}

/** Payment: charges placed orders, refunds them when a later step fails. */
export function startPayment(broker: ExchangeBroker, payments: Payments): string {
  const state = new Map<string, "captured" | "declined" | "refunded">();
  return subscribe(broker, "payment", ["order.placed", "stock.unavailable", "shipment.failed"], (key, order) => {
    const now = state.get(order.orderId);
    if (key === "order.placed") {
      if (now !== undefined) return; // a copy: the card was already charged or declined
      const ok = payments.charge(order.orderId, order.amount);
      state.set(order.orderId, ok ? "captured" : "declined");
      publish(broker, ok ? "payment.captured" : "order.cancelled", order);
    } else if (now === "captured") {
      // Compensation: a later step failed, so the money goes back, once.
      payments.refund(order.orderId);
      state.set(order.orderId, "refunded");
      publish(broker, "payment.refunded", order);
    }
  });
}

/** Inventory: reserves stock for paid orders, releases it when shipping fails. */
export function startInventory(broker: ExchangeBroker, stock: Stock): string {
  const state = new Map<string, "reserved" | "unavailable" | "released">();
  return subscribe(broker, "inventory", ["payment.captured", "shipment.failed"], (key, order) => {
    const now = state.get(order.orderId);
    if (key === "payment.captured") {
      if (now !== undefined) return; // a copy, possibly after the release
      const ok = stock.reserve(order.orderId, order.sku, order.qty);
      state.set(order.orderId, ok ? "reserved" : "unavailable");
      publish(broker, ok ? "stock.reserved" : "stock.unavailable", order);
    } else if (now === "reserved") {
      stock.release(order.orderId);
      state.set(order.orderId, "released");
      publish(broker, "stock.released", order);
    }
  });
}

/** Shipping: books a shipment for reserved orders. */
export function startShipping(broker: ExchangeBroker, carrier: Carrier): string {
  const state = new Map<string, "scheduled" | "failed">();
  return subscribe(broker, "shipping", ["stock.reserved"], (_key, order) => {
    if (state.has(order.orderId)) return;
    const ok = carrier.schedule(order.orderId);
    state.set(order.orderId, ok ? "scheduled" : "failed");
    publish(broker, ok ? "shipment.scheduled" : "shipment.failed", order);
  });
}
