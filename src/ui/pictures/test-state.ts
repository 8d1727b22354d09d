/**
 * A fixed broker state for the pictures' tests: every family, built with a ManualClock and a
 * fixed list of operations, so the pictures drawn from it never change unless the code does.
 */
import { ManualClock, createBroker, type Brokers } from "../../broker/index.js";

export function fixedBrokerState(): Brokers & { clock: ManualClock } {
  const clock = new ManualClock();
  const b = createBroker({ clock, seed: 7 });

  // Log: 3 partitions, retention trimmed p0's first segment, one group of two members.
  b.log.createTopic("orders", { partitions: 3, segmentBytes: 200, retentionMs: 200_000, segmentMs: 1_000 });
  const producer = b.log.producer();
  for (let i = 0; i < 6; i++) producer.send("orders", [{ key: null, value: `old-${i}`, partition: 0 }]);
  clock.advance(120_000);
  for (let i = 0; i < 8; i++) producer.send("orders", [{ key: null, value: `new-${i}`, partition: 0 }]);
  for (let i = 0; i < 5; i++) producer.send("orders", [{ key: null, value: `v-${i}`, partition: 1 }]);
  clock.advance(180_000); // the retention check at 5 minutes removes the first segment of p0
  const a = b.log.consumer({ groupId: "billing", clientId: "billing-a", autoOffsetReset: "earliest" });
  const c = b.log.consumer({ groupId: "billing", clientId: "billing-b", autoOffsetReset: "earliest" });
  a.subscribe(["orders"]);
  c.subscribe(["orders"]);
  for (let i = 0; i < 3; i++) {
    a.poll(4);
    c.poll(5);
  }
  a.commitSync();
  c.commitSync();
  producer.send("orders", [{ key: null, value: "late", partition: 0 }]);

  // Queues: a source with a redrive policy; two messages went to its DLQ.
  b.queues.createQueue("invoices-dlq");
  b.queues.createQueue("invoices", { visibilityTimeout: 30, redrivePolicy: { deadLetterTargetArn: "invoices-dlq", maxReceiveCount: 1 } });
  b.queues.send("invoices", "poison 1");
  b.queues.send("invoices", "poison 2");
  b.queues.receive("invoices", { maxNumberOfMessages: 2 });
  clock.advance(30_000);
  for (let i = 0; i < 5; i++) b.queues.send("invoices", `job ${i}`);
  b.queues.receive("invoices", { maxNumberOfMessages: 2 });
  b.queues.send("invoices", "later", { delaySeconds: 60 });

  // Exchanges: a topic exchange with three bindings and a headers exchange.
  const x = b.exchanges;
  x.declareExchange("shop", "topic");
  x.declareExchange("dead", "fanout");
  x.declareQueue("q.email", { arguments: { "x-dead-letter-exchange": "dead" } });
  x.declareQueue("q.warehouse-eu");
  x.declareQueue("q.analytics");
  x.declareQueue("q.dead");
  x.bindQueue("q.email", "shop", "order.placed.*");
  x.bindQueue("q.warehouse-eu", "shop", "order.*.eu");
  x.bindQueue("q.analytics", "shop", "order.#");
  x.bindQueue("q.dead", "dead");
  x.declareExchange("reports", "headers");
  x.bindQueue("q.analytics", "reports", "", { "x-match": "any", format: "pdf", region: "eu" });
  for (const key of ["order.placed.eu", "order.placed.us", "order.refund.eu", "order.refund.issued.eu"]) x.publish("shop", key, key);
  x.consume("q.email", () => {}, { prefetch: 1 });
  return b as Brokers & { clock: ManualClock };
}
