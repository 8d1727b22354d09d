/**
 * Consumers: prefetch and round-robin, ack (single and multiple), nack and reject with and
 * without requeue, where a requeued message goes and its redelivered flag, cancel with unacked
 * deliveries, basic.get beside consumers, noAck, channel close, a server-sent cancel.
 */
import type { Scenario } from "../differential.js";
import type { Script } from "../script.js";

async function publishN(t: Script, queue: string, n: number, from = 1): Promise<void> {
  for (let i = from; i < from + n; i++) await t.publish("", queue, `m${i}`);
}

export const consumerScenarios: Scenario[] = [
  {
    name: "prefetch 1 on two consumers: round-robin, and each gets more only after an ack",
    async run(t) {
      await t.declareQueue("q");
      for (const ch of ["ch1", "ch2"]) {
        await t.openChannel(ch);
        await t.prefetch(ch, 1);
      }
      await t.consume("ch1", "q", "c1");
      await t.consume("ch2", "q", "c2");
      await publishN(t, "q", 5);
      await t.checkQueue("q");
      await t.ack(t.delivered("c2")[0]);
      await t.ack(t.delivered("c1")[0]);
      await t.ack(t.delivered("c1")[1]);
      await t.checkQueue("q");
      await t.ack(t.delivered("c2")[1]);
      await t.ack(t.delivered("c1")[2]);
    },
  },
  {
    name: "round-robin when one consumer is full: it rejoins the rotation behind the others",
    async run(t) {
      await t.declareQueue("q");
      for (const ch of ["ch1", "ch2", "ch3"]) await t.openChannel(ch);
      await t.prefetch("ch1", 1);
      await t.consume("ch1", "q", "a");
      await t.consume("ch2", "q", "b");
      await t.consume("ch3", "q", "c");
      await publishN(t, "q", 4);
      await t.ack(t.delivered("a")[0]);
      await publishN(t, "q", 4, 5);
      await t.ack(t.delivered("a")[1]);
      await publishN(t, "q", 3, 9);
    },
  },
  {
    name: "two consumers passed over while full rejoin in the order their acks free them",
    async run(t) {
      await t.declareQueue("q");
      for (const ch of ["ch1", "ch2", "ch3"]) await t.openChannel(ch);
      await t.prefetch("ch1", 1);
      await t.prefetch("ch2", 1);
      await t.consume("ch1", "q", "a");
      await t.consume("ch2", "q", "b");
      await t.consume("ch3", "q", "c");
      await publishN(t, "q", 4);
      await t.ack(t.delivered("b")[0]);
      await t.ack(t.delivered("a")[0]);
      await publishN(t, "q", 3, 5);
    },
  },
  {
    name: "prefetch set per consumer on one channel (basic.qos before each consume)",
    async run(t) {
      await t.declareQueue("q1");
      await t.declareQueue("q2");
      await t.openChannel("ch");
      await t.prefetch("ch", 2);
      await t.consume("ch", "q1", "c2");
      await t.prefetch("ch", 1);
      await t.consume("ch", "q2", "c1");
      await publishN(t, "q1", 3);
      await publishN(t, "q2", 3, 4);
      await t.checkQueue("q1");
      await t.checkQueue("q2");
      await t.ack(t.delivered("c2")[0]);
      await t.ack(t.delivered("c1")[0]);
    },
  },
  {
    name: "ack multiple settles every lower tag on the channel; closing the channel requeues the rest, redelivered",
    async run(t) {
      await t.declareQueue("q");
      await t.openChannel("ch");
      await t.consume("ch", "q", "c");
      await publishN(t, "q", 5);
      await t.ack(t.delivered("c")[2], true);
      await t.checkQueue("q");
      await t.ack(t.delivered("c")[3]);
      await t.closeChannel("ch");
      await t.drain("q");
    },
  },
  {
    name: "nack and reject with requeue: back to the original place, marked redelivered",
    async run(t) {
      await t.declareQueue("q");
      await publishN(t, "q", 5);
      const g1 = await t.get("q");
      const g2 = await t.get("q");
      const g3 = await t.get("q");
      await t.reject(g2, true);
      await t.nack(g1, { requeue: true });
      await t.checkQueue("q");
      await t.drain("q");
      await t.ack(g3);
      await publishN(t, "q", 3, 6);
      await t.get("q");
      await t.get("q");
      await t.get("q");
      await t.nack(undefined);
    },
  },
  {
    name: "nack multiple with requeue, then without: dropped when the queue has no dead-letter exchange",
    async run(t) {
      await t.declareQueue("q");
      await t.openChannel("ch");
      await t.prefetch("ch", 3);
      await t.consume("ch", "q", "c");
      await publishN(t, "q", 4);
      await t.nack(t.delivered("c")[1], { multiple: true, requeue: true });
      await t.nack(t.delivered("c")[4], { multiple: true, requeue: false });
      await t.checkQueue("q");
      await t.reject(t.delivered("c")[5], false);
      await t.checkQueue("q");
    },
  },
  {
    name: "a requeued message goes straight back to a consumer with room",
    async run(t) {
      await t.declareQueue("q");
      for (const ch of ["ch1", "ch2"]) {
        await t.openChannel(ch);
        await t.prefetch(ch, 1);
      }
      await t.consume("ch1", "q", "c1");
      await t.consume("ch2", "q", "c2");
      await publishN(t, "q", 3);
      await t.nack(t.delivered("c1")[0]);
      await t.reject(t.delivered("c2")[0]);
      await t.ack(t.delivered("c1")[1]);
      await t.ack(t.delivered("c2")[1]);
    },
  },
  {
    name: "cancel with unacked deliveries: they stay unacked on the channel until acked or the channel closes",
    async run(t) {
      await t.declareQueue("q");
      await t.openChannel("ch");
      await t.prefetch("ch", 2);
      await t.consume("ch", "q", "c");
      await publishN(t, "q", 4);
      await t.cancel("ch", "c");
      await t.checkQueue("q");
      await t.ack(t.delivered("c")[0]);
      await t.publish("", "q", "m5");
      await t.checkQueue("q");
      await t.cancel("ch", "never-existed");
      await t.closeChannel("ch");
      await t.checkQueue("q");
      await t.drain("q");
    },
  },
  {
    name: "basic.get beside a consumer: get takes the head, the consumer takes what its prefetch allows",
    async run(t) {
      await t.declareQueue("q");
      await t.openChannel("ch");
      await t.prefetch("ch", 1);
      await publishN(t, "q", 2);
      await t.consume("ch", "q", "c");
      const g = await t.get("q");
      await t.publish("", "q", "m3");
      await t.publish("", "q", "m4");
      await t.get("q", { noAck: true });
      await t.reject(g, true);
      await t.ack(t.delivered("c")[0]);
      await t.get("q");
      await t.ack(t.delivered("c")[1]);
    },
  },
  {
    name: "noAck consumers take everything at once, whatever the prefetch",
    async run(t) {
      await t.declareQueue("q");
      await publishN(t, "q", 3);
      await t.openChannel("ch");
      await t.prefetch("ch", 1);
      await t.consume("ch", "q", "c", { noAck: true });
      await publishN(t, "q", 2, 4);
      await t.checkQueue("q");
      await t.closeChannel("ch");
      await t.checkQueue("q");
    },
  },
  {
    name: "a consumer started on a queue with messages waiting gets up to its prefetch at once",
    async run(t) {
      await t.declareQueue("q");
      await publishN(t, "q", 4);
      await t.openChannel("ch1");
      await t.openChannel("ch2");
      await t.prefetch("ch1", 3);
      await t.consume("ch1", "q", "c1");
      await t.consume("ch2", "q", "c2");
      await publishN(t, "q", 2, 5);
    },
  },
  {
    name: "deleting a queue cancels its consumers (server-sent basic.cancel)",
    async run(t) {
      await t.declareQueue("q");
      await t.declareQueue("other");
      await t.openChannel("ch");
      await t.consume("ch", "q", "c");
      await t.consume("ch", "other", "d");
      await publishN(t, "q", 2);
      await t.deleteQueue("q");
      await t.publish("", "other", "still-consuming");
      await t.checkQueue("q");
    },
  },
  {
    name: "publishing from inside a consumer's turn: a chain of requeues and acks keeps order",
    async run(t) {
      await t.declareQueue("q");
      await t.openChannel("ch");
      await t.prefetch("ch", 2);
      await t.consume("ch", "q", "c");
      await publishN(t, "q", 4);
      await t.nack(t.delivered("c")[0], { requeue: true });
      await t.ack(t.delivered("c")[1]);
      await t.ack(t.delivered("c")[2]);
      await t.nack(t.delivered("c")[3], { requeue: true });
      await t.ack(t.delivered("c")[4]);
      await t.ack(t.delivered("c")[5]);
      await t.ack(t.delivered("c")[6]);
    },
  },
];
