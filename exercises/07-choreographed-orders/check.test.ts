import { describe, expect, fc, it, loadSubject, property, type Timeline } from "mqtutor/checks";
import { ExchangeBroker, ManualClock } from "mqtutor/broker";
import type * as Reference from "./solution.js";

const { startOrders, startPayment, startInventory, startShipping } = await loadSubject<typeof Reference>(
  "startOrders",
  "startPayment",
  "startInventory",
  "startShipping",
);

type Order = Reference.Order;
type Service = "order" | "payment" | "inventory" | "shipping";
/** How an order's flow goes: which participant, if any, says no. */
type Outcome = "ok" | "declined" | "no-stock" | "undeliverable";

const SERVICES: Service[] = ["order", "payment", "inventory", "shipping"];
const TERMINAL = ["order.confirmed", "order.cancelled"];

/** What each outcome must do to the outside world, per order (sorted: the two compensations race). */
const EFFECTS: Record<Outcome, string[]> = {
  ok: ["charge", "reserve", "schedule"],
  declined: ["charge declined"],
  "no-stock": ["charge", "refund", "reserve refused"],
  undeliverable: ["charge", "refund", "release", "reserve", "schedule refused"],
};
const SAYS: Record<Outcome, string> = {
  ok: "everything succeeds",
  declined: "the card is declined",
  "no-stock": "out of stock",
  undeliverable: "the carrier cannot ship",
};

interface Event {
  key: string;
  orderId: string;
  correlationId: string | undefined;
  body: string;
}

/** A broker with an audit queue that sees every event, and participants the check controls. */
function shop(t?: Timeline) {
  const clock = new ManualClock();
  const broker = new ExchangeBroker({ clock });
  broker.declareExchange("shop", "topic");
  broker.declareQueue("audit");
  broker.bindQueue("audit", "shop", "#");
  const events: Event[] = [];
  broker.consume("audit", (d) => {
    const body = String(d.body);
    let orderId = "?";
    try {
      orderId = String((JSON.parse(body) as { orderId?: unknown }).orderId);
    } catch {
      // not JSON: the event names no order
    }
    events.push({ key: d.routingKey, orderId, correlationId: d.properties.correlationId, body });
    broker.ack(d.deliveryTag);
  });
  // Tell each event in the story when it is published (before the reactions it causes).
  if (t) {
    const publish = broker.publish.bind(broker);
    broker.publish = (exchange, routingKey, body, ...rest) => {
      let orderId = "?";
      try {
        orderId = String((JSON.parse(String(body)) as { orderId?: unknown }).orderId);
      } catch {
        // not JSON
      }
      if (exchange === "shop") t.log(`  event ${routingKey} (${orderId})`);
      return publish(exchange, routingKey, body, ...rest);
    };
  }

  const outcomes = new Map<string, Outcome>();
  const effects = new Map<string, string[]>();
  const effect = (orderId: string, what: string) => {
    effects.set(orderId, [...(effects.get(orderId) ?? []), what]);
    t?.log(`  ${what} ${orderId}`);
  };
  const outcome = (orderId: string) => outcomes.get(orderId) ?? "ok";
  const payments: Reference.Payments = {
    charge(orderId) {
      const ok = outcome(orderId) !== "declined";
      effect(orderId, ok ? "charge" : "charge declined");
      return ok;
    },
    refund: (orderId) => effect(orderId, "refund"),
  };
  const stock: Reference.Stock = {
    reserve(orderId) {
      const ok = outcome(orderId) !== "no-stock";
      effect(orderId, ok ? "reserve" : "reserve refused");
      return ok;
    },
    release: (orderId) => effect(orderId, "release"),
  };
  const carrier: Reference.Carrier = {
    schedule(orderId) {
      const ok = outcome(orderId) !== "undeliverable";
      effect(orderId, ok ? "schedule" : "schedule refused");
      return ok;
    },
  };

  const tags = new Map<Service, string>();
  let orders: ReturnType<typeof startOrders> | undefined;
  let placed = 0;
  const w = {
    clock,
    broker,
    events,
    effects,
    outcomes,
    tags,
    start(...which: Service[]) {
      for (const s of which.length ? which : SERVICES) {
        if (s === "order") {
          orders = startOrders(broker);
          tags.set(s, orders.consumerTag);
        }
        if (s === "payment") tags.set(s, startPayment(broker, payments));
        if (s === "inventory") tags.set(s, startInventory(broker, stock));
        if (s === "shipping") tags.set(s, startShipping(broker, carrier));
      }
      return w;
    },
    /** Places the next order through the learner's order service. */
    place(result: Outcome): string {
      const orderId = `o-${++placed}`;
      outcomes.set(orderId, result);
      t?.log(`place ${orderId} (${SAYS[result]})`);
      orders!.placeOrder(order(orderId));
      return orderId;
    },
    /** Publishes an event as if another service had (for services tested alone). */
    publish(key: string, orderId: string, result: Outcome = "ok") {
      outcomes.set(orderId, result);
      broker.publish("shop", key, JSON.stringify(order(orderId)), { correlationId: orderId });
    },
    keysOf(orderId: string) {
      return events.filter((e) => e.orderId === orderId).map((e) => e.key);
    },
    terminalsOf(orderId: string) {
      return w.keysOf(orderId).filter((k) => TERMINAL.includes(k));
    },
  };
  return w;
}

const order = (orderId: string): Order => ({ orderId, amount: 40, sku: "lamp", qty: 1 });

/** Each placed order ended once, the right way, with each step done once. */
function expectSettled(w: ReturnType<typeof shop>) {
  for (const [orderId, result] of w.outcomes) {
    const end = result === "ok" ? "order.confirmed" : "order.cancelled";
    expect(w.terminalsOf(orderId), `terminal events of ${orderId} (${SAYS[result]})`).toEqual([end]);
    expect([...(w.effects.get(orderId) ?? [])].sort(), `what the services did for ${orderId} (${SAYS[result]})`).toEqual(
      EFFECTS[result],
    );
  }
}

const outcome = fc.constantFrom<Outcome>("ok", "declined", "no-stock", "undeliverable");

type Step =
  | { kind: "place"; outcome: Outcome }
  | { kind: "duplicate"; queue: Exclude<Service, never> }
  | { kind: "slow"; service: Service; ms: number; count: number }
  | { kind: "tick"; ms: number }
  | { kind: "copy"; pick: number };

const place = fc.record({ kind: fc.constant("place" as const), outcome });
const service = fc.constantFrom<Service>(...SERVICES);
const faults = fc.oneof(
  place,
  fc.record({ kind: fc.constant("duplicate" as const), queue: service }),
  fc.record({
    kind: fc.constant("slow" as const),
    service,
    ms: fc.constantFrom(1_000, 5_000),
    count: fc.integer({ min: 1, max: 3 }),
  }),
  fc.record({ kind: fc.constant("tick" as const), ms: fc.constantFrom(1_000, 3_000) }),
);

function showSteps(steps: Step[]): string {
  return steps
    .map((s) =>
      s.kind === "place"
        ? `place an order (${SAYS[s.outcome]})`
        : s.kind === "duplicate"
          ? `duplicate the next delivery from the ${s.queue} queue`
          : s.kind === "slow"
            ? `slow ${s.service} down (${s.count} deliveries ${s.ms / 1000} s late)`
            : s.kind === "tick"
              ? `${s.ms / 1000} s pass`
              : `publish a late copy of an earlier event (#${s.pick})`,
    )
    .join("; ");
}

function run(steps: Step[], t: Timeline) {
  const w = shop(t).start();
  for (const s of steps) {
    if (s.kind === "place") w.place(s.outcome);
    if (s.kind === "duplicate") {
      t.log(`fault: the next delivery from the ${s.queue} queue comes twice`);
      w.broker.faults.duplicateNextDelivery(s.queue);
    }
    if (s.kind === "slow") {
      t.log(`fault: ${s.service}'s next ${s.count} deliveries arrive ${s.ms / 1000} s late`);
      w.broker.faults.delayDeliveries(w.tags.get(s.service)!, s.ms, s.count);
    }
    if (s.kind === "tick") {
      t.log(`${s.ms / 1000} s pass`);
      w.clock.advance(s.ms);
    }
    if (s.kind === "copy") {
      const earlier = w.events.filter((e) => !TERMINAL.includes(e.key));
      const e = earlier[s.pick % Math.max(1, earlier.length)];
      if (!e) continue;
      t.log(`a late copy of ${e.key} (${e.orderId}) is published again (a publisher retry)`);
      w.broker.publish("shop", e.key, e.body, { correlationId: e.correlationId ?? e.orderId });
    }
  }
  w.clock.advance(60_000); // every slowed delivery arrives
  expectSettled(w);
}

describe("choreographed orders", () => {
  it("confirms an order that is paid, reserved and scheduled, event by event", () => {
    const w = shop().start();
    const id = w.place("ok");
    expect(w.keysOf(id), `events of ${id}, in order`).toEqual([
      "order.placed",
      "payment.captured",
      "stock.reserved",
      "shipment.scheduled",
      "order.confirmed",
    ]);
    expect(w.effects.get(id), `what the services did for ${id}`).toEqual(["charge", "reserve", "schedule"]);
  });

  it("tags every event with its order's id as the correlation id", () => {
    const w = shop().start();
    for (const result of ["ok", "declined", "no-stock", "undeliverable"] as const) w.place(result);
    for (const e of w.events) {
      expect(e.correlationId, `correlation id of ${e.key} for ${e.orderId}`).toBe(e.orderId);
    }
  });

  it("cancels an order whose card is declined, and reserves nothing", () => {
    const w = shop().start();
    const id = w.place("declined");
    expect(w.keysOf(id), `events of ${id} (card declined), in order`).toEqual([
      "order.placed",
      "payment.failed",
      "order.cancelled",
    ]);
    expect(w.effects.get(id), `what the services did for ${id}`).toEqual(["charge declined"]);
  });

  it("out of stock: refunds the card, then cancels the order", () => {
    const w = shop().start();
    const id = w.place("no-stock");
    expect(w.keysOf(id), `events of ${id} (out of stock), in order`).toEqual([
      "order.placed",
      "payment.captured",
      "stock.unavailable",
      "payment.refunded",
      "order.cancelled",
    ]);
    expect(w.effects.get(id), `what the services did for ${id}`).toEqual(["charge", "reserve refused", "refund"]);
  });

  it("cannot ship: releases the stock and refunds the card, then cancels the order", () => {
    const w = shop().start();
    const id = w.place("undeliverable");
    const keys = w.keysOf(id);
    expect([...keys].sort(), `events of ${id} (carrier cannot ship), in any order`).toEqual(
      [
        "order.cancelled",
        "order.placed",
        "payment.captured",
        "payment.refunded",
        "shipment.failed",
        "stock.released",
        "stock.reserved",
      ].sort(),
    );
    expect(keys.indexOf("order.cancelled") > keys.indexOf("payment.refunded"), `order.cancelled of ${id} comes after payment.refunded`).toBe(true);
    expect([...(w.effects.get(id) ?? [])].sort(), `what the services did for ${id}`).toEqual(EFFECTS.undeliverable);
  });

  it("each service works alone: it reacts to events and publishes only its own", () => {
    const alone: { service: Service; drive: (w: ReturnType<typeof shop>) => void; want: string[] }[] = [
      {
        service: "payment",
        drive: (w) => {
          w.publish("order.placed", "o-1");
          w.publish("order.placed", "o-2", "declined");
          w.publish("stock.unavailable", "o-1");
        },
        want: ["order.placed o-1", "payment.captured o-1", "order.placed o-2", "payment.failed o-2", "stock.unavailable o-1", "payment.refunded o-1"],
      },
      {
        service: "inventory",
        drive: (w) => {
          w.publish("payment.captured", "o-1");
          w.publish("payment.captured", "o-2", "no-stock");
          w.publish("shipment.failed", "o-1");
        },
        want: ["payment.captured o-1", "stock.reserved o-1", "payment.captured o-2", "stock.unavailable o-2", "shipment.failed o-1", "stock.released o-1"],
      },
      {
        service: "shipping",
        drive: (w) => {
          w.publish("stock.reserved", "o-1");
          w.publish("stock.reserved", "o-2", "undeliverable");
        },
        want: ["stock.reserved o-1", "shipment.scheduled o-1", "stock.reserved o-2", "shipment.failed o-2"],
      },
      {
        service: "order",
        drive: (w) => {
          w.place("ok");
          w.publish("shipment.scheduled", "o-1");
          w.place("declined");
          w.publish("payment.failed", "o-2", "declined");
        },
        want: ["order.placed o-1", "shipment.scheduled o-1", "order.confirmed o-1", "order.placed o-2", "payment.failed o-2", "order.cancelled o-2"],
      },
    ];
    for (const { service, drive, want } of alone) {
      const w = shop().start(service);
      drive(w);
      expect(
        w.events.map((e) => `${e.key} ${e.orderId}`),
        `events on the exchange with only ${service} running (the others' events published by the check)`,
      ).toEqual(want);
    }
  });

  it("a stopped service catches up from its queue when it starts again", () => {
    const w = shop().start();
    w.broker.cancel(w.tags.get("inventory")!);
    const a = w.place("ok");
    const b = w.place("no-stock");
    expect(w.terminalsOf(a).length + w.terminalsOf(b).length, "orders ended while inventory was stopped").toBe(0);
    w.start("inventory");
    expect(w.terminalsOf(a), `terminal events of ${a} once inventory is back`).toEqual(["order.confirmed"]);
    expect(w.terminalsOf(b), `terminal events of ${b} (out of stock) once inventory is back`).toEqual(["order.cancelled"]);
  });

  it("duplicate deliveries and slow services still end each order once, each step done once", async () => {
    await property(
      fc.array(faults, { minLength: 1, maxLength: 10 }).filter((steps) => steps.some((s) => s.kind === "place")),
      run,
      { show: showSteps },
    );
  });

  it("late copies of earlier events change nothing once an order has moved on", async () => {
    const copy = fc.record({ kind: fc.constant("copy" as const), pick: fc.nat(40) });
    await property(
      fc
        .tuple(fc.array(place, { minLength: 1, maxLength: 4 }), fc.array(fc.oneof(copy, copy, place), { minLength: 1, maxLength: 6 }))
        .map(([orders, later]): Step[] => [...orders, ...later]),
      run,
      { show: showSteps },
    );
  });
});
