/**
 * Dead-lettering: every reason a classic queue produces (rejected, expired, maxlen from
 * drop-head and from reject-publish-dlx), the x-death entries and x-first-death-* headers
 * through repeated cycles, routing-key overrides, the default exchange as a dead-letter
 * exchange, a missing one, and the cycle rule. Quorum queues' delivery_limit is in
 * quorum.ts.
 */
import type { Scenario } from "../differential.js";
import type { Script } from "../script.js";

/** A fanout dead-letter exchange "dlx" into queue "dead". */
async function deadLetterQueue(t: Script): Promise<void> {
  await t.declareExchange("dlx", "fanout");
  await t.declareQueue("dead");
  await t.bind("dead", "dlx", "");
}

export const deadLetterScenarios: Scenario[] = [
  {
    name: "rejected: nack and reject without requeue dead-letter with x-death and x-first-death-*",
    known: ["x-last-death-headers"],
    async run(t) {
      await deadLetterQueue(t);
      await t.declareExchange("work", "direct");
      await t.declareQueue("q", { arguments: { "x-dead-letter-exchange": "dlx" } });
      await t.bind("q", "work", "job.a");
      await t.publish("work", "job.a", "m1", { messageId: "id-1", headers: { app: "mine" }, contentType: "text/plain" });
      await t.publish("work", "job.a", "m2", { correlationId: "c-2", priority: 3, deliveryMode: 2 });
      const g1 = await t.get("q");
      const g2 = await t.get("q");
      await t.nack(g1, { requeue: false });
      await t.reject(g2, false);
      await t.drain("dead");
    },
  },
  {
    name: "expired: x-message-ttl and per-message expiration dead-letter (reason expired, original-expiration kept, expiration removed)",
    known: ["x-last-death-headers"],
    async run(t) {
      await deadLetterQueue(t);
      await t.declareQueue("q", { arguments: { "x-dead-letter-exchange": "dlx", "x-message-ttl": 200 } });
      await t.declareQueue("p", { arguments: { "x-dead-letter-exchange": "dlx" } });
      await t.publish("", "q", "by-queue-ttl");
      await t.publish("", "p", "by-expiration", { expiration: "150" });
      await t.publish("", "q", "lower-expiration", { expiration: "100" });
      await t.openChannel("ch");
      await t.consume("ch", "dead", "watcher", { noAck: true });
      await t.wait(400);
      await t.checkQueue("q");
      await t.checkQueue("p");
    },
  },
  {
    name: "maxlen: drop-head and reject-publish-dlx dead-letter with reason maxlen",
    known: ["x-last-death-headers"],
    async run(t) {
      await deadLetterQueue(t);
      await t.declareQueue("drop", { arguments: { "x-dead-letter-exchange": "dlx", "x-max-length": 1 } });
      await t.declareQueue("refuse", { arguments: { "x-dead-letter-exchange": "dlx", "x-max-length": 1, "x-overflow": "reject-publish-dlx" } });
      for (const m of ["d1", "d2", "d3"]) await t.publish("", "drop", m);
      for (const m of ["r1", "r2", "r3"]) await t.publish("", "refuse", m);
      await t.drain("dead");
      await t.drain("drop");
      await t.drain("refuse");
    },
  },
  {
    name: "routing keys: x-dead-letter-routing-key replaces the key; without it the message keeps its own",
    known: ["x-last-death-headers"],
    async run(t) {
      await t.declareExchange("dlx", "direct");
      await t.declareQueue("by-new-key");
      await t.declareQueue("by-old-key");
      await t.bind("by-new-key", "dlx", "dead");
      await t.bind("by-old-key", "dlx", "orig.key");
      await t.declareExchange("x", "topic");
      await t.declareQueue("over", { arguments: { "x-dead-letter-exchange": "dlx", "x-dead-letter-routing-key": "dead" } });
      await t.declareQueue("keep", { arguments: { "x-dead-letter-exchange": "dlx" } });
      await t.bind("over", "x", "orig.*");
      await t.bind("keep", "x", "orig.*");
      await t.publish("x", "orig.key", "m1");
      await t.publish("x", "orig.key", "m2");
      for (const q of ["over", "keep", "over", "keep"]) {
        const g = await t.get(q);
        await t.reject(g, false);
      }
      await t.drain("by-new-key");
      await t.drain("by-old-key");
    },
  },
  {
    name: "the default exchange as dead-letter exchange, with a routing key naming the queue; a missing one drops silently",
    known: ["x-last-death-headers"],
    async run(t) {
      await t.declareQueue("target");
      await t.declareQueue("q", { arguments: { "x-dead-letter-exchange": "", "x-dead-letter-routing-key": "target" } });
      await t.declareQueue("lost", { arguments: { "x-dead-letter-exchange": "no-such-exchange" } });
      await t.publish("", "q", "m1");
      await t.publish("", "lost", "m2");
      await t.reject(await t.get("q"), false);
      await t.reject(await t.get("lost"), false);
      await t.checkQueue("lost");
      await t.drain("target");
    },
  },
  {
    name: "repeated cycles: reject → wait queue (TTL) → back; x-death counts per (queue, reason), most recent first; x-first-death-* never change",
    known: ["x-last-death-headers"],
    async run(t) {
      // work --rejected--> retry exchange --> wait (TTL 150) --expired--> work exchange --> work
      await t.declareExchange("work-x", "direct");
      await t.declareExchange("retry-x", "direct");
      await t.declareQueue("work", { arguments: { "x-dead-letter-exchange": "retry-x" } });
      await t.declareQueue("wait", { arguments: { "x-dead-letter-exchange": "work-x", "x-message-ttl": 150 } });
      await t.bind("work", "work-x", "job");
      await t.bind("wait", "retry-x", "job");
      await t.openChannel("ch");
      await t.consume("ch", "work", "c");
      await t.publish("work-x", "job", "m1", { expiration: "60000" });
      for (let round = 0; round < 3; round++) {
        await t.reject(t.delivered("c").at(-1), false);
        await t.wait(350);
      }
      await t.ack(t.delivered("c").at(-1));
    },
  },
  {
    name: "cycles: a message expiring back into a queue it died in is dropped; a rejected one may go round",
    known: ["x-last-death-headers"],
    async run(t) {
      await t.declareQueue("loop", { arguments: { "x-dead-letter-exchange": "", "x-dead-letter-routing-key": "loop", "x-message-ttl": 150 } });
      await t.publish("", "loop", "expires-in-a-loop");
      await t.wait(350);
      await t.checkQueue("loop");
      await t.publish("", "loop", "rejected-in-a-loop");
      for (let i = 0; i < 2; i++) await t.reject(await t.get("loop"), false);
      await t.wait(350);
      await t.checkQueue("loop");
    },
  },
  {
    name: "a dead letter is routed by its new headers on a headers exchange, and may fan out",
    known: ["x-last-death-headers"],
    async run(t) {
      await t.declareExchange("dlx", "headers");
      await t.declareQueue("all-dead");
      await t.declareQueue("from-q");
      await t.bind("all-dead", "dlx", "", { "x-match": "any", kind: "order", other: "x" });
      await t.bind("from-q", "dlx", "", { "x-match": "all", kind: "order" });
      await t.declareQueue("q", { arguments: { "x-dead-letter-exchange": "dlx" } });
      await t.publish("", "q", "m1", { headers: { kind: "order" } });
      await t.publish("", "q", "m2", { headers: { kind: "other" } });
      await t.reject(await t.get("q"), false);
      await t.reject(await t.get("q"), false);
      await t.drain("all-dead");
      await t.drain("from-q");
    },
  },
  {
    name: "a dead-letter queue that is full or refuses: drop-head dead-letters onwards, reject-publish drops",
    known: ["x-last-death-headers"],
    async run(t) {
      await t.declareExchange("dlx", "fanout");
      await t.declareExchange("dlx2", "fanout");
      await t.declareQueue("full-refuse", { arguments: { "x-max-length": 1, "x-overflow": "reject-publish" } });
      await t.declareQueue("full-drop", { arguments: { "x-max-length": 1, "x-dead-letter-exchange": "dlx2" } });
      await t.declareQueue("last");
      await t.bind("full-refuse", "dlx", "");
      await t.bind("full-drop", "dlx", "");
      await t.bind("last", "dlx2", "");
      await t.declareQueue("q", { arguments: { "x-dead-letter-exchange": "dlx" } });
      for (const m of ["m1", "m2", "m3"]) await t.publish("", "q", m);
      for (let i = 0; i < 3; i++) await t.reject(await t.get("q"), false);
      for (const q of ["full-refuse", "full-drop", "last"]) await t.drain(q);
    },
  },
];
