import { describe, expect, fc, it, loadSubject, property, type Timeline } from "mqtutor/checks";
import { ExchangeBroker, ManualClock } from "mqtutor/broker";
import type * as Reference from "./solution.js";

const { declareBus, startWorker, EXCHANGE } = await loadSubject<typeof Reference>("declareBus", "startWorker", "EXCHANGE");

type Service = Reference.Service;
const SERVICES: Service[] = ["email", "warehouse-eu", "refunds", "fraud", "audit"];

/** The task's rules, word by word (written without the broker's topic matcher). */
const orderKey = (w: string[]) => w.length >= 2 && w[0] === "order";
const RULES: Record<Service, (w: string[]) => boolean> = {
  email: (w) => w.length === 3 && w[0] === "order" && (w[1] === "placed" || w[1] === "shipped"),
  "warehouse-eu": (w) => w.length === 3 && w[0] === "order" && w[2] === "eu",
  refunds: (w) => orderKey(w) && w[1] === "refund",
  fraud: (w) => (orderKey(w) && w[1] === "refund") || (orderKey(w) && w[w.length - 1] === "eu"),
  audit: () => true,
};
const wants = (service: Service, key: string) => RULES[service](key.split("."));

interface Handled {
  key: string;
  n: number;
  worker: string;
}

/** A broker with the learner's bus, workers that record what they handle, and a publisher. */
function bus(t?: Timeline) {
  const broker = new ExchangeBroker({ clock: new ManualClock() });
  declareBus(broker);
  const handled = Object.fromEntries(SERVICES.map((s) => [s, [] as Handled[]])) as Record<Service, Handled[]>;
  let published = 0;
  let held: string[] | undefined; // what workers did inside a publish, told after it
  const tell = (line: string) => (held ? held.push(line) : t?.log(line));
  return {
    broker,
    handled,
    start(service: Service, worker: string = service) {
      startWorker(broker, service, (routingKey, body) => {
        const n = Number((JSON.parse(body) as { n: number }).n);
        handled[service].push({ key: routingKey, n, worker });
        tell(`  ${worker} handled #${n} ${routingKey}`);
      });
    },
    publish(key: string) {
      const n = ++published;
      held = [];
      try {
        const { queues } = broker.publish(EXCHANGE, key, JSON.stringify({ n }));
        t?.log(`publish #${n} ${key}: routed to ${queues.length ? queues.join(", ") : "no queue (dropped)"}`);
      } finally {
        for (const line of held) t?.log(line);
        held = undefined;
      }
      return n;
    },
    /** Messages received by the service's queue and not acked yet. */
    unacked(service: Service) {
      return broker.snapshot().queues.find((q) => q.name === service)?.unacked ?? 0;
    },
  };
}

const EXAMPLES = [
  "order.placed.eu",
  "order.shipped.us",
  "order.placed",
  "order.placed.eu.vip",
  "order.packed.eu",
  "order.refund",
  "order.refund.eu",
  "order.refund.issued.eu",
  "payment.captured.eu",
];

const WORDS = ["order", "placed", "shipped", "refund", "issued", "eu", "us", "payment"];
const routingKey = fc.oneof(
  fc.array(fc.constantFrom(...WORDS), { minLength: 0, maxLength: 4 }).map((w) => ["order", ...w].join(".")),
  fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 5 }).map((w) => w.join(".")),
);

describe("order-events bus", () => {
  it("gives each service the example events of the task, and nothing else", () => {
    const b = bus();
    for (const s of SERVICES) b.start(s);
    for (const key of EXAMPLES) b.publish(key);
    for (const s of SERVICES) {
      expect(
        b.handled[s].map((h) => h.key),
        `events the ${s} service handled (published: ${EXAMPLES.join(", ")})`,
      ).toEqual(EXAMPLES.filter((key) => wants(s, key)));
    }
  });

  it("for any routing key, each service gets exactly the events its rule says, one copy per publish", async () => {
    await property(
      fc.array(routingKey, { minLength: 1, maxLength: 6 }),
      (keys, t) => {
        const b = bus(t);
        for (const s of SERVICES) b.start(s);
        for (const key of keys) b.publish(key);
        for (const s of SERVICES) {
          const expected = keys.flatMap((key, i) => (wants(s, key) ? [`#${i + 1} ${key}`] : []));
          expect(
            b.handled[s].map((h) => `#${h.n} ${h.key}`).sort(),
            `events the ${s} service handled`,
          ).toEqual(expected.sort());
        }
      },
      { show: (keys) => `routing keys published, in order: ${keys.join(", ")}` },
    );
  });

  it("keeps a service's events in its queue while none of its workers runs", () => {
    const b = bus();
    const keys = ["order.placed.eu", "order.refund.issued.us", "order.shipped.us"];
    for (const key of keys) b.publish(key); // no worker yet
    for (const s of SERVICES) b.start(s);
    for (const s of SERVICES) {
      expect(
        b.handled[s].map((h) => h.key),
        `events the ${s} service handled once its worker started (all published before)`,
      ).toEqual(keys.filter((key) => wants(s, key)));
    }
  });

  it("lets two email workers share the email queue: each event is emailed once", () => {
    const b = bus();
    b.start("email", "email worker 1");
    b.start("email", "email worker 2");
    const keys = ["order.placed.eu", "order.shipped.us", "order.placed.us", "order.shipped.eu"];
    for (const key of keys) b.publish(key);
    expect(b.handled.email.map((h) => h.key).sort(), "events emailed, by both workers together").toEqual([...keys].sort());
    const workers = new Set(b.handled.email.map((h) => h.worker));
    expect(workers.size, "email workers that got a share of the events (competing consumers)").toBe(2);
  });

  it("acks each event once it is handled, so none stays unacked", () => {
    const b = bus();
    for (const s of SERVICES) b.start(s);
    const keys = Array.from({ length: 30 }, (_, i) => (i % 2 ? "order.placed.eu" : "order.refund.issued.us"));
    for (const key of keys) b.publish(key);
    for (const s of SERVICES) {
      expect(b.handled[s].length, `events the ${s} service handled`).toBe(keys.filter((key) => wants(s, key)).length);
      expect(b.unacked(s), `deliveries left unacked in the ${s} queue`).toBe(0);
    }
  });
});
