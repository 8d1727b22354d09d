/**
 * Quorum queues, where the bundled broker follows RabbitMQ 4.x on purpose: what counts as a
 * failed delivery for x-delivery-limit and the x-delivery-count header (4.3), the default
 * limit of 20 (4.0+), and basic.get's header. RabbitMQ 3.10 counts every requeue, has no
 * default limit and stamps a first basic.get with x-delivery-count 0. Each scenario writes
 * down, as a rewrite of the bundled log, exactly what 3.10 does instead; the suite asserts
 * that and nothing else differs.
 */
import type { Json, NormalLog } from "../compare.js";
import type { Scenario } from "../differential.js";
import { mapDeliveries, setHeader } from "../known-differences.js";
import type { Script } from "../script.js";

async function quorumWithDeadLetters(t: Script, args: Record<string, unknown>): Promise<void> {
  await t.declareExchange("dlx", "fanout");
  await t.declareQueue("dead");
  await t.bind("dead", "dlx", "");
  await t.declareQueue("qq", { arguments: { "x-queue-type": "quorum", "x-dead-letter-exchange": "dlx", ...args } });
}

/** The index of the only step whose call is `op`. */
function stepOf(log: NormalLog, op: string): number {
  const at = log.map((s) => s.op).filter((o) => o === op);
  if (at.length !== 1) throw new Error(`expected one step ${op}, found ${at.length}`);
  return log.findIndex((s) => s.op === op);
}

/** m1 dead-lettered from qq by the delivery limit, as drain("dead") shows it. */
const DEAD_BY_LIMIT: Json = {
  body: "m1",
  exchange: "dlx",
  messageCount: 0,
  properties: {
    headers: {
      "x-death": [{ count: 1, exchange: "", queue: "qq", reason: "delivery_limit", "routing-keys": ["qq"], time: "<time>" }],
      "x-first-death-exchange": "",
      "x-first-death-queue": "qq",
      "x-first-death-reason": "delivery_limit",
    },
  },
  redelivered: false,
  routingKey: "qq",
};

export const quorumScenarios: Scenario[] = [
  {
    name: "quorum x-delivery-limit: a reject with requeue counts, a nack with requeue does not (4.3); past the limit the message is dead-lettered (delivery_limit)",
    known: [
      {
        id: "quorum-delivery-count",
        // 3.10 counts the nack too: the redelivery after it says 2, and the reject after that
        // is the third failure, past the limit of 2, so m1 is dead-lettered instead of redelivered.
        rewrite: (log) => {
          const out = structuredClone(log);
          const nack = stepOf(out, 'nack(c "m1", {"requeue":true})');
          out[nack]!.received = { c: (out[nack]!.received!.c as Json[]).map((d) => setHeader(d as never, "x-delivery-count", 2)) };
          const reject = nack + 1;
          delete out[reject]!.received;
          const drain = stepOf(out, 'drain("dead")');
          out[drain]!.result = [DEAD_BY_LIMIT];
          return out;
        },
      },
    ],
    async run(t) {
      await quorumWithDeadLetters(t, { "x-delivery-limit": 2 });
      await t.openChannel("ch");
      await t.prefetch("ch", 1);
      await t.consume("ch", "qq", "c");
      await t.publish("", "qq", "m1");
      await t.reject(t.delivered("c").at(-1), true);
      await t.nack(t.delivered("c").at(-1), { requeue: true });
      await t.reject(t.delivered("c").at(-1), true);
      await t.checkQueue("qq");
      await t.drain("dead");
    },
  },
  {
    name: "quorum queues without x-delivery-limit: 4.0+ dead-letters after 20 failed deliveries, 3.10 never",
    known: [
      {
        id: "quorum-default-delivery-limit",
        // 3.10 has no limit: after the 21st reject m1 is still in the queue.
        rewrite: (log) => {
          const out = structuredClone(log);
          out[stepOf(out, 'checkQueue("qq")')]!.result = { consumerCount: 0, messageCount: 1 };
          out[stepOf(out, 'drain("dead")')]!.result = [];
          return out;
        },
      },
      {
        id: "quorum-get-delivery-count",
        // rabbit_fifo_client:dequeue in 3.10 always adds the header: 0 on the first get.
        rewrite: (log) => {
          const out = structuredClone(log);
          const first = out.findIndex((s) => s.op.startsWith('get("qq"'));
          out[first] = mapDeliveries([out[first]!], (d) => setHeader(d, "x-delivery-count", 0))[0]!;
          return out;
        },
      },
    ],
    async run(t) {
      await quorumWithDeadLetters(t, {});
      await t.publish("", "qq", "m1");
      for (let i = 0; i < 21; i++) await t.reject(await t.get("qq"), true);
      await t.checkQueue("qq");
      await t.drain("dead");
    },
  },
];
