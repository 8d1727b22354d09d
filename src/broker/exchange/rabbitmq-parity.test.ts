// Behaviours the differential suite (test/rabbitmq) found the bundled broker getting wrong
// against RabbitMQ 3.10.8, pinned here so they stay fixed without a server.
import { describe, expect, it } from "vitest";
import { ManualClock } from "../clock.js";
import { ExchangeBroker } from "./exchange-broker.js";

const setup = () => {
  const clock = new ManualClock();
  return { clock, broker: new ExchangeBroker({ clock }) };
};

describe("parity with RabbitMQ", () => {
  it("basic.get drops expired messages from the new head before it counts what is left", () => {
    const { broker, clock } = setup();
    broker.declareQueue("q");
    broker.sendToQueue("q", "m1");
    broker.sendToQueue("q", "m2", { expiration: "100" });
    broker.sendToQueue("q", "m3", { expiration: "100" });
    broker.sendToQueue("q", "m4");
    clock.advance(300);
    expect(broker.checkQueue("q").messageCount).toBe(4); // m2 and m3 wait behind m1, counted
    const got = broker.get("q", { noAck: true });
    expect(got?.body).toBe("m1");
    expect(got?.messageCount).toBe(1); // RabbitMQ's fetch/2 runs drop_expired_msgs right away
    expect(broker.trace.filter("exchange", "expire")).toHaveLength(2);
  });

  it("a passive declare (checkQueue) renews an x-expires lease, as RabbitMQ's stat call does", () => {
    const { broker, clock } = setup();
    broker.declareQueue("q", { arguments: { "x-expires": 400 } });
    clock.advance(250);
    broker.checkQueue("q");
    clock.advance(250);
    expect(broker.checkQueue("q").queue).toBe("q");
    clock.advance(400);
    expect(() => broker.checkQueue("q")).toThrow(/No queue named "q"/);
  });

  it("a message published to several queues reaches them all before the dead letters it causes", () => {
    const { broker } = setup();
    broker.declareExchange("x", "fanout");
    broker.declareExchange("dlx", "fanout");
    broker.declareQueue("full", { arguments: { "x-max-length": 0, "x-dead-letter-exchange": "dlx" } });
    broker.declareQueue("both");
    broker.bindQueue("full", "x"); // routed first: it drops the message at once
    broker.bindQueue("both", "x");
    broker.bindQueue("both", "dlx");
    broker.publish("x", "", "m1");
    const first = broker.get("both", { noAck: true })!;
    const second = broker.get("both", { noAck: true })!;
    expect([first.exchange, second.exchange]).toEqual(["x", "dlx"]); // RabbitMQ: the original first
    expect(second.properties.headers?.["x-death"]).toMatchObject([{ reason: "maxlen", queue: "full" }]);
  });

  it("a multiple nack is settled per consumer, in consumer tag order, each group handed out before the next", () => {
    const { broker } = setup();
    broker.declareQueue("q");
    const ch = broker.openConnection().createChannel();
    const got: Array<[string, string]> = [];
    const tags = new Map<string, number>();
    for (const tag of ["c1", "c2", "c3"]) {
      ch.consume("q", (d) => {
        got.push([d.consumerTag, String(d.body)]);
        tags.set(String(d.body), d.deliveryTag);
      }, { consumerTag: tag });
    }
    broker.sendToQueue("q", "m1"); // c1; turns c2 c3 c1
    ch.nack(tags.get("m1")!); // back to c2; turns c3 c1 c2
    ch.cancel("c3");
    broker.sendToQueue("q", "m2"); // c1; turns c2 c1
    got.length = 0;
    ch.nack(tags.get("m2")!, true); // c1's m2 and c2's m1
    // One queue would give m1 to c2 and m2 to c1. RabbitMQ's channel sends c1's group (m2)
    // first, which goes to c2, whose turn it is; then c2's group (m1), which goes to c1.
    expect(got).toEqual([["c2", "m2"], ["c1", "m1"]]);
  });

  it("a dead letter goes out after its queue has handed out what it could, even back into itself", () => {
    const { broker } = setup();
    // Dead letters go through the default exchange with their own routing key: back into q.
    broker.declareQueue("q", { arguments: { "x-max-length": 1, "x-overflow": "reject-publish-dlx", "x-dead-letter-exchange": "" } });
    const got: string[] = [];
    const ch = broker.openConnection().createChannel();
    const tags: number[] = [];
    broker.sendToQueue("q", "m1");
    ch.consume("q", (d) => {
      got.push(String(d.body));
      tags.push(d.deliveryTag);
    }, { prefetch: 1 });
    broker.sendToQueue("q", "m2"); // waits: the consumer holds m1
    ch.reject(tags[0]!, false);
    // m2 goes to the consumer first; the dead-lettered m1 then finds the queue empty and stays.
    expect(got).toEqual(["m1", "m2"]);
    expect(broker.checkQueue("q").messageCount).toBe(1);
    expect(broker.sendToQueue("q", "m3").confirm).toBe("nack");
  });
});
