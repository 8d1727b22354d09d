// Exchange family: (a) fanout publish to 3 queues with acking consumers against EventEmitter
// emit (which has no queues, prefetch or acks: its ratio is the cost of those semantics), plus
// heap per retained message; (b) topic routing with 10,000 bindings against qlobber (the same
// work, like for like).
import { EventEmitter } from "node:events";
import { Qlobber } from "qlobber";
import { ExchangeBroker, ManualClock, Trace, TopicTrie, createRandom } from "mqtutor/broker";
import { compare, heapUsed, report } from "./harness.js";

const BODY = new Uint8Array(64);

function fanoutBroker(withConsumers: boolean): ExchangeBroker {
  const broker = new ExchangeBroker({ clock: new ManualClock(), trace: new Trace({ enabled: false }) });
  broker.declareExchange("fan", "fanout");
  for (const q of ["q1", "q2", "q3"]) {
    broker.declareQueue(q);
    broker.bindQueue(q, "fan");
    if (withConsumers) {
      const ch = broker.openConnection().createChannel();
      ch.consume(q, (d) => ch.ack(d.deliveryTag), { prefetch: 100 });
    }
  }
  return broker;
}

async function fanout(): Promise<void> {
  const n = 200_000;
  let received = 0;
  const [ours, plain] = await compare(
    {
      name: "ExchangeBroker fanout → 3 queues, consume + ack",
      ops: n,
      run: () => {
        const broker = fanoutBroker(true);
        for (let i = 0; i < n; i++) broker.publish("fan", "", BODY);
        if (broker.checkQueue("q3").messageCount !== 0) throw new Error("bench: messages left behind");
      },
    },
    {
      name: "EventEmitter.emit → 3 listeners",
      ops: n,
      run: () => {
        const ee = new EventEmitter();
        for (let l = 0; l < 3; l++) ee.on("m", () => received++);
        for (let i = 0; i < n; i++) ee.emit("m", BODY);
      },
    },
  );

  // Heap per retained message: publish without consumers, so every message waits in 3 queues.
  const retained = 200_000;
  const broker = fanoutBroker(false);
  const ch = broker.openConnection().createChannel();
  const before = heapUsed();
  for (let i = 0; i < retained; i++) broker.publish("fan", "", BODY);
  const held = heapUsed();
  for (const q of ["q1", "q2", "q3"]) ch.consume(q, (d) => ch.ack(d.deliveryTag), { prefetch: 100 });
  const drained = heapUsed();
  report(`(a) fanout publish, ${n.toLocaleString("en")} messages`, ours, plain, [
    `bytes per retained message (in 3 queues, 64-byte body shared, not counted): ${((held - before) / retained).toFixed(0)}`,
    `heap left after all ${retained} were consumed and acked: ${((drained - before) / 1024).toFixed(0)} KiB (${((drained - before) / retained).toFixed(2)} bytes per message)`,
    `(listener calls in baseline: ${received})`,
  ], "no queues, prefetch, delivery tags or acks");
}

/** Seeded, realistic topic workload: event names with domain, action, region and tenant. */
function topicWorkload(bindings: number, keys: number) {
  const rnd = createRandom(20261128);
  const pick = <T>(xs: readonly T[]): T => xs[rnd.int(xs.length)]!;
  const domains = ["order", "payment", "user", "inventory", "shipping", "notification", "audit", "auth", "cart", "review"];
  const actions = ["created", "updated", "deleted", "failed", "succeeded", "refunded", "shipped", "delivered", "cancelled", "retried"];
  const regions = ["eu", "us", "apac", "latam"];
  const tenants = Array.from({ length: 200 }, (_, i) => `t${i}`);
  const levels = ["info", "warn", "error"];
  const shapes: Array<[number, () => string]> = [
    [30, () => `${pick(domains)}.${pick(actions)}.${pick(regions)}.${pick(tenants)}`],
    [15, () => `${pick(domains)}.*.${pick(regions)}.${pick(tenants)}`],
    [12, () => `${pick(domains)}.${pick(actions)}.#`],
    [10, () => `#.${pick(tenants)}`],
    [10, () => `*.${pick(actions)}.*.${pick(tenants)}`],
    [10, () => `${pick(domains)}.#.${pick(tenants)}`],
    [6, () => `${pick(domains)}.*.*.*.${pick(levels)}`],
    [5, () => `*.*.${pick(regions)}.#`],
    [2, () => `#.${pick(levels)}`],
  ];
  const total = shapes.reduce((s, [w]) => s + w, 0);
  const pattern = () => {
    let r = rnd.int(total);
    for (const [w, make] of shapes) if ((r -= w) < 0) return make();
    throw new Error("unreachable");
  };
  const patterns = Array.from({ length: bindings }, (_, i) => [pattern(), `q${i % 2500}`] as const);
  const routingKeys = Array.from({ length: keys }, () => {
    const base = `${pick(domains)}.${pick(actions)}.${pick(regions)}.${pick(tenants)}`;
    return rnd.int(3) === 0 ? `${base}.${pick(levels)}` : base;
  });
  return { patterns, routingKeys };
}

async function topic(): Promise<void> {
  const { patterns, routingKeys } = topicWorkload(10_000, 100_000);
  const trie = new TopicTrie<string>();
  const qlobber = new Qlobber<string>({ separator: ".", wildcard_one: "*", wildcard_some: "#" });
  for (const [p, q] of patterns) {
    trie.add(p, q);
    qlobber.add(p, q);
  }
  // Same answers before timing anything (qlobber may repeat a queue; compare as sets).
  let hits = 0;
  for (const k of routingKeys.slice(0, 2000)) {
    const a = new Set(trie.match(k));
    const b = new Set(qlobber.match(k));
    if (a.size !== b.size || [...a].some((x) => !b.has(x))) throw new Error(`bench: routers disagree on ${k}`);
    hits += a.size;
  }
  let sink = 0;
  const runOurs = () => {
    for (const k of routingKeys) sink += trie.match(k).length;
  };
  const runTheirs = () => {
    for (const k of routingKeys) sink += qlobber.match(k).length;
  };
  const n = routingKeys.length;
  const [ours, theirs] = await compare(
    { name: "TopicTrie.match (queues deduplicated)", ops: n, run: runOurs },
    { name: "qlobber 8 Qlobber.match (AMQP options)", ops: n, run: runTheirs },
  );
  report("(b) topic routing, 10,000 bindings (2,500 queues), 100,000 routing keys", ours, theirs, [
    `ours/qlobber time ratio: ${(ours.ms / theirs.ms).toFixed(2)} (at most 1 means ours is at least as fast)`,
    `average queues matched per key: ${(hits / 2000).toFixed(1)} (checksum ${sink})`,
  ]);
}

export default async function exchangeBench(): Promise<void> {
  await fanout();
  await topic();
}
