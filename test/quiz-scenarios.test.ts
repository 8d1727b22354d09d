// The "predict what happens" quiz questions are answered by the bundled broker, not by us: each
// test reads the question through the content loader, takes the scenario's parameters from its
// prompt and choices, runs the scenario on mqtutor/broker, and checks that the keyed answer is
// what the broker did. Editing the question or the broker without the other fails here.
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  ExchangeBroker,
  LogBroker,
  ManualClock,
  QueueBroker,
  defaultPartition,
  murmur2,
} from "../src/broker/index.js";
import { loadCourse } from "../src/content/fs-source.js";
import type { QuizQuestion } from "../src/content/model.js";

const course = loadCourse(fileURLToPath(new URL("..", import.meta.url)));

function question(id: string): QuizQuestion & { choices: string[] } {
  const q = course.quizzes.find((x) => x.id === id);
  if (!q?.choices) throw new Error(`quiz question "${id}" with choices not found`);
  return q as QuizQuestion & { choices: string[] };
}

/** The first capture group of `re` in `text`, or a failure that names what was looked for. */
function grab(text: string, re: RegExp, what: string): string {
  const m = re.exec(text);
  if (!m?.[1]) throw new Error(`the prompt no longer states ${what} (${String(re)})`);
  return m[1];
}

const toInt = (s: string) => Number(s.replace(/[,_]/g, ""));

describe("dlq-after-max-receives: what the redrive policy does to a poison message", () => {
  const q = question("dlq-after-max-receives");
  const maxReceiveCount = toInt(grab(q.prompt, /maxReceiveCount: (\d+)/, "maxReceiveCount"));
  const visibilityTimeout = toInt(grab(q.prompt, /visibilityTimeout: (\d+)/, "the visibility timeout"));
  const rounds = toInt(grab(q.prompt, /round <= (\d+)/, "the number of rounds"));
  const advanceMs = toInt(grab(q.prompt, /clock\.advance\(([\d_]+)\)/, "the clock step"));
  const body = grab(q.prompt, /broker\.send\("invoices", "([^"]+)"\)/, "the message body");

  function run() {
    const clock = new ManualClock();
    const broker = new QueueBroker({ clock });
    broker.createQueue("invoices-dlq");
    broker.createQueue("invoices", {
      visibilityTimeout,
      redrivePolicy: { deadLetterTargetArn: "invoices-dlq", maxReceiveCount },
    });
    broker.send("invoices", body);
    let receives = 0;
    for (let round = 1; round <= rounds; round++) {
      receives += broker.receive("invoices").filter((m) => m.body === body).length;
      clock.advance(advanceMs);
    }
    const inDlq = broker.receive("invoices-dlq", { maxNumberOfMessages: 10 }).some((m) => m.body === body);
    const source = broker.getQueueAttributes("invoices");
    const inSource = source.approximateNumberOfMessages + source.approximateNumberOfMessagesNotVisible > 0;
    return { receives, queue: inDlq ? "invoices-dlq" : inSource ? "invoices" : "(gone)" };
  }

  const parse = (choice: string) => {
    const m = /^(\d+) receives; (?:now|still) in `([\w-]+)`$/.exec(choice);
    if (!m) throw new Error(`choice not in the form "N receives; now in \`queue\`": ${choice}`);
    return { receives: Number(m[1]), queue: m[2] };
  };

  it("keys the choice the broker's run matches, and only that one", () => {
    const outcome = run();
    const matching = q.choices.map(parse).flatMap((c, i) => (c.receives === outcome.receives && c.queue === outcome.queue ? [i] : []));
    expect(matching, `the broker received it ${outcome.receives} times and left it in ${outcome.queue}`).toEqual([q.answer]);
  });

  it("tests something: the broker moves the message after exactly maxReceiveCount receives", () => {
    expect(run()).toEqual({ receives: maxReceiveCount, queue: "invoices-dlq" });
  });
});

describe("partition-for-negative-hash: where a keyed record lands", () => {
  const q = question("partition-for-negative-hash");
  const key = grab(q.prompt, /the key `([^`]+)`/, "the key");
  const partitions = toInt(grab(q.prompt, /\*\*(\d+) partitions\*\*/, "the partition count"));
  const stated = toInt(grab(q.prompt, /\*\*(-?[\d,]+)\*\*/, "the murmur2 value"));
  const hash = murmur2(new TextEncoder().encode(key));
  const numbered = q.choices.map((c) => /^Partition (\d+)$/.exec(c)?.[1]).map((n) => (n === undefined ? undefined : Number(n)));

  it("states the key's real murmur2 hash", () => {
    expect(stated).toBe(hash);
  });

  it("keys the partition that the broker's producer writes the record to", () => {
    const broker = new LogBroker({ clock: new ManualClock() });
    broker.createTopic("orders", { partitions });
    const [meta] = broker.producer().send("orders", [{ key, value: "order placed" }]);
    expect(meta?.partition).toBe(defaultPartition(key, partitions));
    expect(numbered[q.answer as number]).toBe(meta?.partition);
    expect(numbered.filter((n) => n === meta?.partition), "exactly one choice names that partition").toHaveLength(1);
  });

  it("offers the real mistakes its \"why not\" notes name: floor-mod and Math.abs", () => {
    const floorMod = ((hash % partitions) + partitions) % partitions;
    const abs = Math.abs(hash) % partitions;
    expect(numbered).toContain(floorMod);
    expect(numbered).toContain(abs);
    expect(new Set([floorMod, abs, defaultPartition(key, partitions)]).size).toBe(3);
  });
});

describe("topic-exchange-routing: which bound queues a topic exchange copies a message to", () => {
  const q = question("topic-exchange-routing");
  const routingKey = grab(q.prompt, /routing key\s+`([^`]+)`/, "the routing key");
  const bindings = q.choices.map((c) => {
    const m = /^`([\w.-]+)`, bound with `([^`]+)`$/.exec(c);
    if (!m) throw new Error(`choice not in the form "\`queue\`, bound with \`pattern\`": ${c}`);
    return { queue: m[1]!, pattern: m[2]! };
  });

  it("keys exactly the queues the broker delivers to", () => {
    const broker = new ExchangeBroker({ clock: new ManualClock() });
    broker.declareExchange("orders", "topic");
    for (const { queue, pattern } of bindings) {
      broker.declareQueue(queue);
      broker.bindQueue(queue, "orders", pattern);
    }
    const { queues } = broker.publish("orders", routingKey, "refund issued");
    const delivered = bindings.flatMap((b, i) => (queues.includes(b.queue) ? [i] : []));
    expect(delivered).toEqual([...(q.answer as number[])].sort((a, b) => a - b));
    for (const { queue } of bindings) {
      const copies = broker.checkQueue(queue).messageCount;
      expect(copies, queue).toBe(queues.includes(queue) ? 1 : 0);
    }
  });
});
