/**
 * Expiry and limits: per-queue message TTL, per-message expiration (only the head expires in a
 * classic queue), TTL 0, x-expires, max-length and max-length-bytes with drop-head,
 * reject-publish and reject-publish-dlx, and what publisher confirms say.
 *
 * Time on RabbitMQ is wall time and the bundled broker's is a ManualClock moved by the same
 * amounts. RabbitMQ's side always runs a little late (each call takes some milliseconds), so
 * every check sits at least 100 ms away from the TTL it tests, on both sides of it.
 */
import type { Scenario } from "../differential.js";

export const expiryScenarios: Scenario[] = [
  {
    name: "x-message-ttl: each message expires its own TTL after it was enqueued",
    async run(t) {
      await t.declareQueue("q", { arguments: { "x-message-ttl": 400 } });
      await t.publish("", "q", "m1");
      await t.wait(200);
      await t.publish("", "q", "m2");
      await t.checkQueue("q");
      await t.wait(300); // m1 is 500 ms old, m2 300
      await t.checkQueue("q");
      await t.drain("q");
    },
  },
  {
    name: "per-message expiration: only the head expires; expired messages behind it wait, counted, and are never delivered",
    async run(t) {
      await t.declareQueue("q");
      await t.publish("", "q", "m1");
      await t.publish("", "q", "m2", { expiration: "100" });
      await t.publish("", "q", "m3", { expiration: "100" });
      await t.publish("", "q", "m4", { expiration: "60000" });
      await t.wait(300);
      await t.checkQueue("q");
      const g = await t.get("q");
      await t.wait(100);
      await t.checkQueue("q");
      await t.ack(g);
      await t.drain("q");
    },
  },
  {
    name: "the lower of x-message-ttl and expiration wins; a consumer never sees an expired message",
    async run(t) {
      await t.declareQueue("q", { arguments: { "x-message-ttl": 300 } });
      await t.openChannel("ch");
      await t.prefetch("ch", 1);
      await t.consume("ch", "q", "c");
      await t.publish("", "q", "m1");
      await t.publish("", "q", "m2", { expiration: "100000" });
      await t.publish("", "q", "m3", { expiration: "100" });
      await t.wait(500);
      await t.checkQueue("q");
      await t.ack(t.delivered("c")[0]);
      await t.publish("", "q", "m4", { expiration: "100000" });
      await t.ack(t.delivered("c")[1]);
    },
  },
  {
    name: "TTL 0: delivered only to a consumer that can take it at once, otherwise gone",
    async run(t) {
      await t.declareQueue("q", { arguments: { "x-message-ttl": 0 } });
      await t.declareQueue("p");
      await t.publish("", "q", "nobody-there");
      await t.publish("", "p", "zero-expiration", { expiration: "0" });
      await t.checkQueue("q");
      await t.checkQueue("p");
      await t.openChannel("ch");
      await t.prefetch("ch", 1);
      await t.consume("ch", "q", "c");
      await t.consume("ch", "p", "d");
      await t.publish("", "q", "taken");
      await t.publish("", "q", "c-is-full");
      await t.publish("", "p", "zero-for-d", { expiration: "0" });
      await t.checkQueue("q");
      await t.checkQueue("p");
    },
  },
  {
    name: "a requeued message keeps its original expiry; unacked messages do not expire",
    async run(t) {
      await t.declareQueue("q", { arguments: { "x-message-ttl": 300 } });
      await t.publish("", "q", "m1");
      await t.publish("", "q", "m2");
      const g1 = await t.get("q");
      const g2 = await t.get("q");
      await t.wait(450);
      await t.checkQueue("q");
      await t.reject(g1, true);
      await t.wait(100);
      await t.checkQueue("q");
      await t.ack(g2);
      await t.drain("q");
    },
  },
  {
    name: "x-expires: an unused queue is deleted; a passive declare, a redeclare or a get renews the lease",
    async run(t) {
      // Existence is probed with mandatory publishes (returned when the queue is gone): a
      // publish is not a use of the queue, and a failed get would close the channel.
      const probe = async () => {
        for (const q of ["q", "r", "s", "u"]) await t.publish("", q, `probe-${q}`, undefined, { mandatory: true });
      };
      for (const q of ["q", "r", "s", "u"]) await t.declareQueue(q, { arguments: { "x-expires": 400 } });
      await t.wait(250);
      await t.checkQueue("q");
      await t.declareQueue("r", { arguments: { "x-expires": 400 } });
      await t.get("s");
      await t.wait(250); // 500 ms after the declare, 250 after the renewal
      await probe();
      await t.wait(550);
      await probe();
    },
  },
  {
    name: "x-expires: a queue with a consumer does not expire; the lease starts again when the consumer goes",
    async run(t) {
      await t.declareQueue("q", { arguments: { "x-expires": 300 } });
      await t.openChannel("ch");
      await t.consume("ch", "q", "c", { noAck: true });
      await t.wait(450);
      await t.publish("", "q", "m1", undefined, { mandatory: true });
      await t.cancel("ch", "c");
      await t.wait(150);
      await t.publish("", "q", "m2", undefined, { mandatory: true });
      await t.wait(300);
      await t.publish("", "q", "m3", undefined, { mandatory: true });
    },
  },
  {
    name: "x-max-length drop-head: the oldest ready messages go; unacked ones do not count; confirms ack",
    async run(t) {
      await t.declareQueue("q", { arguments: { "x-max-length": 2 } });
      for (const m of ["m1", "m2", "m3", "m4"]) await t.publish("", "q", m);
      await t.checkQueue("q");
      const g = await t.get("q");
      await t.publish("", "q", "m5");
      await t.publish("", "q", "m6");
      await t.checkQueue("q");
      await t.reject(g, true); // back at the head of a full queue: it is the one dropped
      await t.drain("q");
    },
  },
  {
    name: "x-max-length reject-publish: the newest is refused with a nack; a requeue may go over the limit",
    async run(t) {
      await t.declareQueue("q", { arguments: { "x-max-length": 2, "x-overflow": "reject-publish" } });
      for (const m of ["m1", "m2", "m3"]) await t.publish("", "q", m);
      const g = await t.get("q");
      await t.publish("", "q", "m4");
      await t.publish("", "q", "m5");
      await t.reject(g, true);
      await t.checkQueue("q");
      await t.publish("", "q", "m6");
      await t.drain("q");
      await t.publish("", "q", "m7");
      await t.drain("q");
    },
  },
  {
    name: "x-max-length 0: a waiting consumer still gets the message; otherwise drop-head drops it and reject-publish refuses it",
    async run(t) {
      await t.declareQueue("drop", { arguments: { "x-max-length": 0 } });
      await t.declareQueue("refuse", { arguments: { "x-max-length": 0, "x-overflow": "reject-publish" } });
      await t.publish("", "drop", "d1");
      await t.publish("", "refuse", "r1");
      await t.openChannel("ch");
      await t.consume("ch", "drop", "cd");
      await t.consume("ch", "refuse", "cr");
      await t.publish("", "drop", "d2");
      await t.publish("", "refuse", "r2");
      await t.checkQueue("drop");
      await t.checkQueue("refuse");
    },
  },
  {
    name: "confirms: a nack when any queue refused the message, an ack when it was only dropped from a head",
    async run(t) {
      await t.declareExchange("x", "fanout");
      await t.declareQueue("open");
      await t.declareQueue("full", { arguments: { "x-max-length": 1, "x-overflow": "reject-publish" } });
      await t.declareQueue("trim", { arguments: { "x-max-length": 1 } });
      await t.bind("open", "x", "");
      await t.bind("full", "x", "");
      await t.bind("trim", "x", "");
      await t.publish("x", "", "m1");
      await t.publish("x", "", "m2");
      await t.unbind("full", "x", "");
      await t.publish("x", "", "m3");
      for (const q of ["open", "full", "trim"]) await t.drain(q);
    },
  },
  {
    name: "x-max-length-bytes counts the bodies of ready messages: drop-head and reject-publish",
    async run(t) {
      await t.declareQueue("drop", { arguments: { "x-max-length-bytes": 10 } });
      await t.declareQueue("refuse", { arguments: { "x-max-length-bytes": 10, "x-overflow": "reject-publish" } });
      for (const q of ["drop", "refuse"]) {
        for (const m of ["aaaa", "bbbb", "cc", "d"]) await t.publish("", q, m);
        await t.checkQueue(q);
      }
      const g = await t.get("refuse");
      await t.publish("", "refuse", "eeee");
      await t.publish("", "refuse", "f");
      await t.reject(g, true);
      await t.publish("", "refuse", "");
      await t.drain("drop");
      await t.drain("refuse");
    },
  },
  {
    name: "x-max-length and x-max-length-bytes together: whichever is reached first",
    async run(t) {
      await t.declareQueue("q", { arguments: { "x-max-length": 3, "x-max-length-bytes": 6 } });
      for (const m of ["a", "b", "c", "d"]) await t.publish("", "q", m);
      await t.checkQueue("q");
      await t.publish("", "q", "eeeee");
      await t.drain("q");
    },
  },
];
