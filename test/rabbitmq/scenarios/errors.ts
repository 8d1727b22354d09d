/**
 * Errors, and where the bundled broker chose to differ on them: RabbitMQ closes the channel on
 * a channel error (its unacked deliveries go back to their queues); the bundled broker throws
 * and leaves the channel as it was, so a learner's mistake is reported where it happened. It
 * also refuses queue arguments it does not model, where RabbitMQ keeps and ignores them.
 */
import type { Json, NormalLog } from "../compare.js";
import type { Scenario } from "../differential.js";

/** The index of the last step whose call is `op`. */
function stepOf(log: NormalLog, op: string): number {
  const i = log.findLastIndex((s) => s.op === op);
  if (i < 0) throw new Error(`no step ${op}`);
  return i;
}

/**
 * RabbitMQ's side of a channel error on channel "ch": the call itself returns (AMQP sends no
 * reply to ack/nack/reject), the channel fails with `code`, and every later call on it fails.
 */
function channelClosedBy(op: string, code: number, after: (log: NormalLog, at: number) => void) {
  return (log: NormalLog): NormalLog => {
    const out = structuredClone(log);
    const at = stepOf(out, op);
    delete out[at]!.error;
    out[at]!.failed = { ch: code };
    after(out, at);
    return out;
  };
}

export const errorScenarios: Scenario[] = [
  {
    name: "acking a delivery twice: RabbitMQ closes the channel (406) and requeues what it held; the bundled broker throws and keeps it",
    known: [
      {
        id: "channel-error-keeps-channel",
        rewrite: channelClosedBy('ack(c "m1", false)', 406, (out, at) => {
          // The channel is gone: c is cancelled and m2, unacked, is back in the queue.
          out[at + 1]!.result = { consumerCount: 0, messageCount: 1 };
          out[at + 2]!.error = "channel closed";
          out[at + 3]!.result = [{ body: "m2", exchange: "", messageCount: 0, redelivered: true, routingKey: "q" }] as Json;
        }),
      },
    ],
    async run(t) {
      await t.declareQueue("q");
      await t.openChannel("ch");
      await t.consume("ch", "q", "c");
      await t.publish("", "q", "m1");
      await t.publish("", "q", "m2");
      await t.ack(t.delivered("c")[0]);
      await t.ack(t.delivered("c")[0]); // twice
      await t.checkQueue("q");
      await t.ack(t.delivered("c")[1]);
      await t.drain("q");
    },
  },
  {
    name: "errors on declarations: 406 for inequivalent arguments, 403 for amq. names, 404 for what does not exist",
    async run(t) {
      await t.declareQueue("q", { arguments: { "x-message-ttl": 1000 } });
      await t.declareQueue("q", { arguments: { "x-message-ttl": 2000 } });
      await t.declareQueue("q", { durable: false, arguments: { "x-message-ttl": 1000 } });
      await t.declareQueue("q", { arguments: { "x-message-ttl": 1000 } });
      await t.declareExchange("x", "direct");
      await t.declareExchange("x", "fanout");
      await t.declareExchange("x", "direct", { autoDelete: true });
      await t.declareQueue("bad", { arguments: { "x-dead-letter-routing-key": "k" } });
      await t.declareQueue("bad", { arguments: { "x-overflow": "drop-tail" } });
      await t.declareQueue("bad", { arguments: { "x-message-ttl": -1 } });
      await t.declareQueue("bad", { arguments: { "x-expires": 0 } });
      await t.checkQueue("missing");
      await t.purgeQueue("missing");
      await t.deleteQueue("missing");
      await t.deleteExchange("missing");
      await t.publish("", "q", "m", { expiration: "soon" });
      await t.publish("", "q", "m");
      await t.deleteQueue("q", { ifEmpty: true });
      await t.openChannel("ch");
      await t.consume("ch", "q", "c", { noAck: true });
      await t.deleteQueue("q", { ifUnused: true });
      await t.bind("q", "x", "k");
      await t.deleteExchange("x", { ifUnused: true });
      await t.checkQueue("q");
      await t.consume("ch", "q", "c2");
      await t.cancel("ch", "c2");
      await t.cancel("ch", "c");
      await t.deleteQueue("q", { ifUnused: true });
    },
  },
  {
    name: "a queue argument RabbitMQ does not act on: RabbitMQ keeps and ignores it, the bundled broker refuses it",
    known: [
      {
        id: "unknown-queue-argument-refused",
        rewrite: (log) => {
          const out = structuredClone(log);
          for (const op of ['declareQueue("q", {"arguments":{"x-dead-leter-exchange":"dlx"}})', 'declareQueue("p", {"arguments":{"x-max-priority":5}})']) {
            const at = stepOf(out, op);
            delete out[at]!.error;
            out[at]!.result = { consumerCount: 0, messageCount: 0, queue: op.slice(14, 15) };
          }
          out[stepOf(out, 'checkQueue("q")')] = { op: 'checkQueue("q")', result: { consumerCount: 0, messageCount: 0 } };
          out[stepOf(out, 'checkQueue("p")')] = { op: 'checkQueue("p")', result: { consumerCount: 0, messageCount: 0 } };
          return out;
        },
      },
    ],
    async run(t) {
      await t.declareQueue("q", { arguments: { "x-dead-leter-exchange": "dlx" } }); // misspelt
      await t.declareQueue("p", { arguments: { "x-max-priority": 5 } }); // not modelled
      await t.checkQueue("q");
      await t.checkQueue("p");
    },
  },
];
