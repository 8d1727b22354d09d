// x-max-length-bytes: a limit on the body bytes of ready messages, with the same overflow
// behaviours as x-max-length. The cases are the ones the differential suite (test/rabbitmq)
// runs against RabbitMQ 3.10.8, whose answers are written here.
import { describe, expect, it } from "vitest";
import { ManualClock } from "../clock.js";
import { ExchangeBroker } from "./exchange-broker.js";

const setup = () => {
  const broker = new ExchangeBroker({ clock: new ManualClock() });
  broker.declareExchange("dlx", "fanout");
  broker.declareQueue("dead");
  broker.bindQueue("dead", "dlx");
  return broker;
};
const drain = (broker: ExchangeBroker, q: string) => {
  const out: string[] = [];
  for (let d = broker.get(q, { noAck: true }); d !== undefined; d = broker.get(q, { noAck: true })) out.push(String(d.body));
  return out;
};

describe("x-max-length-bytes", () => {
  it("drop-head drops the oldest until the ready bodies fit, dead-lettering them (maxlen)", () => {
    const broker = setup();
    broker.declareQueue("q", { arguments: { "x-max-length-bytes": 10, "x-dead-letter-exchange": "dlx" } });
    for (const m of ["aaaa", "bbbb", "cc"]) expect(broker.sendToQueue("q", m).confirm).toBe("ack");
    expect(broker.checkQueue("q").messageCount).toBe(3); // exactly 10 bytes fit
    broker.sendToQueue("q", "d");
    expect(drain(broker, "q")).toEqual(["bbbb", "cc", "d"]);
    const dead = broker.get("dead")!;
    expect(dead.body).toBe("aaaa");
    expect(dead.properties.headers?.["x-death"]).toMatchObject([{ reason: "maxlen", queue: "q" }]);
  });

  it("reject-publish refuses a message that would go past the limit; a requeue may leave it over", () => {
    const broker = setup();
    broker.declareQueue("q", { arguments: { "x-max-length-bytes": 10, "x-overflow": "reject-publish" } });
    const confirms = ["aaaa", "bbbb", "cc", "d"].map((m) => broker.sendToQueue("q", m).confirm);
    expect(confirms).toEqual(["ack", "ack", "ack", "nack"]);
    const g = broker.get("q")!;
    expect(broker.sendToQueue("q", "eeee").confirm).toBe("ack"); // 6 + 4 = 10
    expect(broker.sendToQueue("q", "f").confirm).toBe("nack");
    broker.reject(g.deliveryTag, true); // back to 14 bytes: over, and kept
    expect(broker.sendToQueue("q", "").confirm).toBe("nack"); // even an empty body
    expect(drain(broker, "q")).toEqual(["aaaa", "bbbb", "cc", "eeee"]);
  });

  it("reject-publish-dlx refuses and dead-letters; unacked messages do not count", () => {
    const broker = setup();
    broker.declareQueue("q", { arguments: { "x-max-length-bytes": 4, "x-overflow": "reject-publish-dlx", "x-dead-letter-exchange": "dlx" } });
    broker.sendToQueue("q", "aaaa");
    broker.get("q"); // unacked: its 4 bytes no longer count
    expect(broker.sendToQueue("q", "bbbb").confirm).toBe("ack");
    expect(broker.sendToQueue("q", "c").rejectedBy).toEqual(["q"]);
    expect(drain(broker, "dead")).toEqual(["c"]);
  });

  it("with x-max-length, whichever limit is reached first", () => {
    const broker = setup();
    broker.declareQueue("q", { arguments: { "x-max-length": 3, "x-max-length-bytes": 6 } });
    for (const m of ["a", "b", "c", "d"]) broker.sendToQueue("q", m);
    expect(broker.checkQueue("q").messageCount).toBe(3);
    broker.sendToQueue("q", "eeeee");
    expect(drain(broker, "q")).toEqual(["d", "eeeee"]);
  });

  it("is an integer >= 0, and part of the queue's identity on redeclare", () => {
    const broker = setup();
    expect(() => broker.declareQueue("q", { arguments: { "x-max-length-bytes": -1 } })).toThrow(/x-max-length-bytes must be an integer from 0/);
    broker.declareQueue("q", { arguments: { "x-max-length-bytes": 5 } });
    expect(() => broker.declareQueue("q", { arguments: { "x-max-length-bytes": 6 } })).toThrow(/inequivalent arg "x-max-length-bytes"/);
  });
});
