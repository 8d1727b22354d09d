// Queue types: quorum queues' delivery limit (RabbitMQ 4.x), classic queues without one, and
// the declarations RabbitMQ refuses. Each test fails if the broker accepts a type or argument
// silently and then behaves as a classic queue.
import { describe, expect, it } from "vitest";
import { ManualClock } from "../clock.js";
import { InvalidArgumentError, ResourceExistsError } from "../errors.js";
import { DEFAULT_DELIVERY_LIMIT } from "./arguments.js";
import { ExchangeBroker } from "./exchange-broker.js";
import type { ExchangeQueueArguments } from "./types.js";

/** work (dead-lettering to dlx → dead), with the given arguments. */
function setup(args: ExchangeQueueArguments) {
  const broker = new ExchangeBroker({ clock: new ManualClock() });
  broker.declareExchange("dlx", "fanout");
  broker.declareQueue("dead");
  broker.bindQueue("dead", "dlx");
  broker.declareQueue("work", { arguments: { "x-dead-letter-exchange": "dlx", ...args } });
  broker.sendToQueue("work", "poison");
  return broker;
}

/** Rejects (requeue) the message in `work` until it is gone or `max` rejects were sent; returns how many. */
function rejectUntilGone(broker: ExchangeBroker, max: number, how: "reject" | "nack" = "reject"): number {
  for (let n = 0; n < max; n++) {
    const d = broker.get("work");
    if (d === undefined) return n;
    if (how === "reject") broker.reject(d.deliveryTag, true);
    else broker.nack(d.deliveryTag, false, true);
  }
  return max;
}

describe("quorum queues", () => {
  it(`dead-letter after ${DEFAULT_DELIVERY_LIMIT} failed deliveries by default (RabbitMQ 4.0+)`, () => {
    expect(DEFAULT_DELIVERY_LIMIT).toBe(20);
    const broker = setup({ "x-queue-type": "quorum" });
    // 21 deliveries: the first and 20 redeliveries; the 21st reject goes over the limit.
    expect(rejectUntilGone(broker, 100)).toBe(21);
    const dead = broker.get("dead")!;
    expect(dead.properties.headers!["x-first-death-reason"]).toBe("delivery_limit");
  });

  it("count a reject, not a nack, with requeue (RabbitMQ 4.3): a nack loop never ends", () => {
    const broker = setup({ "x-queue-type": "quorum", "x-delivery-limit": 2 });
    expect(rejectUntilGone(broker, 500, "nack")).toBe(500);
    expect(broker.get("work")!.properties.headers).toBeUndefined();
  });

  it("x-delivery-limit sets the limit; -1 turns it off, and redeliveries still carry x-delivery-count", () => {
    expect(rejectUntilGone(setup({ "x-queue-type": "quorum", "x-delivery-limit": 3 }), 100)).toBe(4);
    const unlimited = setup({ "x-queue-type": "quorum", "x-delivery-limit": -1 });
    expect(rejectUntilGone(unlimited, 100)).toBe(100);
    expect(unlimited.get("work")!.properties.headers).toEqual({ "x-delivery-count": 100 });
  });

  it("count a channel closing with the message unacked", () => {
    const broker = setup({ "x-queue-type": "quorum", "x-delivery-limit": 1 });
    for (let i = 0; i < 2; i++) {
      const ch = broker.openConnection().createChannel();
      expect(ch.get("work")).toBeDefined();
      ch.close();
    }
    expect(broker.get("work")).toBeUndefined();
    expect(broker.get("dead")!.properties.headers!["x-last-death-reason"]).toBe("delivery_limit");
  });

  it("are refused where RabbitMQ refuses them: server-named, non-durable, auto-delete, reject-publish-dlx", () => {
    const broker = new ExchangeBroker({ clock: new ManualClock() });
    const quorum = { "x-queue-type": "quorum" } as const;
    expect(() => broker.declareQueue("", { arguments: quorum })).toThrow(/cannot be server-named/);
    expect(() => broker.declareQueue("q", { durable: false, arguments: quorum })).toThrow(/cannot be non-durable/);
    expect(() => broker.declareQueue("q", { autoDelete: true, arguments: quorum })).toThrow(/cannot be auto-delete/);
    expect(() => broker.declareQueue("q", { arguments: { ...quorum, "x-overflow": "reject-publish-dlx" } })).toThrow(
      /Quorum queues do not support reject-publish-dlx/,
    );
    expect(broker.snapshot().queues).toEqual([]);
  });

  it("keep their type on redeclare: an absent x-queue-type means classic", () => {
    const broker = new ExchangeBroker({ clock: new ManualClock() });
    broker.declareQueue("q", { arguments: { "x-queue-type": "quorum" } });
    expect(broker.declareQueue("q", { arguments: { "x-queue-type": "quorum" } }).queue).toBe("q");
    expect(() => broker.declareQueue("q")).toThrow(ResourceExistsError);
    expect(() => broker.declareQueue("q")).toThrow(/inequivalent arg "x-queue-type": current is quorum, received classic/);
    broker.declareQueue("c", { arguments: { "x-queue-type": "classic" } });
    expect(broker.declareQueue("c").queue).toBe("c");
  });
});

describe("classic queues", () => {
  it("have no delivery limit: a reject loop goes on, without x-delivery-count", () => {
    const broker = setup({});
    expect(rejectUntilGone(broker, 300)).toBe(300);
    expect(broker.get("work")!.properties.headers).toBeUndefined();
  });

  it("refuse x-delivery-limit, as RabbitMQ 3.11+ does, saying how to get a quorum queue", () => {
    const broker = new ExchangeBroker({ clock: new ManualClock() });
    const call = () => broker.declareQueue("q", { arguments: { "x-delivery-limit": 5 } });
    expect(call).toThrow(InvalidArgumentError);
    expect(call).toThrow(/only quorum queues have a delivery limit[^]*"x-queue-type": "quorum"/);
    expect(broker.snapshot().queues).toEqual([]);
  });
});

describe("other queue types", () => {
  it("refuse streams and point to the log broker", () => {
    const broker = new ExchangeBroker({ clock: new ManualClock() });
    const call = () => broker.declareQueue("s", { arguments: { "x-queue-type": "stream" as never } });
    expect(call).toThrow(InvalidArgumentError);
    expect(call).toThrow(/streams are not modelled here[^]*LogBroker/);
    expect(() => broker.declareQueue("s", { arguments: { "x-queue-type": "lazy" as never } })).toThrow(/must be "classic" or "quorum"/);
    expect(broker.snapshot().queues).toEqual([]);
  });
});
