import { describe, expect, fail, fc, it, loadSubject, property } from "mqtutor/checks";
import type * as Reference from "./solution.js";

const { chooseBroker } = await loadSubject<typeof Reference>("chooseBroker");

type Requirements = Reference.Requirements;
type Broker = Reference.Broker;

/** A small work queue on AWS: the starting point every case changes. */
const BASE: Requirements = {
  replay: false,
  peakPerSecond: 100,
  readers: 1,
  orderPerKey: false,
  dedupe: false,
  routing: false,
  onAws: true,
  teamRuns: "nothing",
  maxMessageBytes: 4_096,
  maxProcessingSeconds: 60,
};

interface Case {
  /** The situation, in a sentence. */
  name: string;
  /** The lesson's rule this case defends. */
  rule: string;
  needs: Partial<Requirements>;
  want: Broker;
}

const MiB = 1_048_576;

/** Runs a table: each case's answer must be the one its rule gives. */
function table(cases: Case[]) {
  for (const c of cases) {
    const r = { ...BASE, ...c.needs };
    const choice = chooseBroker(r);
    expect(choice?.broker, `broker for "${c.name}" (${c.rule})`).toBe(c.want);
  }
}

/** 1234567 → "1,234,567" (without Intl, which is slow to start). */
const n = (x: number) => String(x).replace(/\B(?=(\d{3})+(?!\d))/g, ",");

/** How a counterexample is printed: the requirements in words. */
function describeNeeds(r: Requirements): string {
  return [
    r.replay ? "replay needed" : "no replay",
    `${n(r.peakPerSecond)}/s at peak`,
    `${r.readers} reader${r.readers === 1 ? "" : "s"}`,
    r.orderPerKey ? "order per key" : "no order",
    r.dedupe ? "dedupe" : "no dedupe",
    r.routing ? "routing" : "no routing",
    r.onAws ? "on AWS" : "off AWS",
    `team runs ${r.teamRuns}`,
    `${n(r.maxMessageBytes)}-byte messages`,
    `jobs up to ${n(r.maxProcessingSeconds)} s`,
  ].join(", ");
}

/** true about one time in four, so the later questions are reached often. */
const sometimes = fc.oneof({ arbitrary: fc.constant(false), weight: 3 }, { arbitrary: fc.constant(true), weight: 1 });

const requirements: fc.Arbitrary<Requirements> = fc.record({
  replay: sometimes,
  peakPerSecond: fc.oneof(
    fc.constantFrom(1, 300, 2_999, 3_000, 3_001, 20_000, 99_999, 100_000, 400_000),
    fc.integer({ min: 1, max: 1_000_000 }),
  ),
  readers: fc.integer({ min: 1, max: 12 }),
  orderPerKey: fc.boolean(),
  dedupe: sometimes,
  routing: sometimes,
  onAws: fc.boolean(),
  teamRuns: fc.constantFrom("nothing" as const, "kafka" as const, "rabbitmq" as const),
  maxMessageBytes: fc.oneof(
    { arbitrary: fc.constantFrom(200, 4_096, 262_144, MiB), weight: 3 },
    { arbitrary: fc.constantFrom(MiB + 1, 5 * MiB, 16 * MiB), weight: 1 },
    { arbitrary: fc.integer({ min: 1, max: 16 * MiB }), weight: 1 },
  ),
  maxProcessingSeconds: fc.oneof(
    { arbitrary: fc.constantFrom(1, 30, 900, 3_600, 43_200), weight: 3 },
    { arbitrary: fc.constantFrom(43_201, 50_400), weight: 1 },
  ),
});

/** Runs `chooseBroker` and tells the story of the call. */
function ask(r: Requirements, t: { log(line: string): void }) {
  const choice = chooseBroker(r);
  t.log(`chooseBroker(${describeNeeds(r)})`);
  t.log(`→ ${choice?.broker}: "${choice?.reason}"`);
  return choice;
}

/** The task's procedure, written out again for the last check. */
function procedure(r: Requirements): Broker {
  const high = r.peakPerSecond >= 100_000;
  if (r.replay) return r.teamRuns === "rabbitmq" && !high ? "rabbitmq-streams" : "kafka";
  if (high && r.readers >= 5) return "kafka";
  if (r.routing) return "rabbitmq";
  const fits = r.onAws && r.maxMessageBytes <= MiB && r.maxProcessingSeconds <= 43_200;
  const strict = r.orderPerKey || r.dedupe;
  if (fits && !strict) return "sqs";
  if (fits && strict && r.peakPerSecond <= 3_000) return "sqs-fifo";
  if (r.teamRuns !== "nothing") return r.teamRuns;
  return strict ? "kafka" : "rabbitmq";
}

const QUEUES_THAT_FORGET: Broker[] = ["sqs", "sqs-fifo", "rabbitmq"];

describe("choosing a broker", () => {
  it("question 1: consumers that must re-read history get a log", () => {
    table([
      {
        name: "the marketplace: 30 days of OrderPlaced for a fraud service that starts from the beginning",
        rule: "question 1: replay means a log",
        needs: { replay: true, peakPerSecond: 3_000, readers: 4 },
        want: "kafka",
      },
      {
        name: "an audit service must re-read payments; the team runs RabbitMQ at 2,000/s",
        rule: "question 1: RabbitMQ streams replay too, at modest volume",
        needs: { replay: true, peakPerSecond: 2_000, readers: 2, teamRuns: "rabbitmq", onAws: false },
        want: "rabbitmq-streams",
      },
      {
        name: "replay of 400,000 sensor readings a second; the team runs RabbitMQ",
        rule: "question 1: streams are for modest volume; beyond it, Kafka",
        needs: { replay: true, peakPerSecond: 400_000, teamRuns: "rabbitmq" },
        want: "kafka",
      },
      {
        name: "replay, and routing by country as well",
        rule: "the first yes decides: question 1 comes before routing",
        needs: { replay: true, routing: true, peakPerSecond: 500 },
        want: "kafka",
      },
    ]);
  });

  it("question 2: a high-volume stream read by many services goes to Kafka", () => {
    table([
      {
        name: "a clickstream of 300,000 events a second read by 8 services",
        rule: "question 2: one copy on disk serves every group",
        needs: { peakPerSecond: 300_000, readers: 8 },
        want: "kafka",
      },
      {
        name: "300,000 jobs a second for one worker pool on AWS",
        rule: "question 2 needs many readers; volume alone is question 4's SQS (no hard cap)",
        needs: { peakPerSecond: 300_000, readers: 1 },
        want: "sqs",
      },
    ]);
  });

  it("question 3: routing, priorities and request/reply go to RabbitMQ", () => {
    table([
      {
        name: "orders routed by country with topic patterns, on premises",
        rule: "question 3: routing lives in exchanges",
        needs: { routing: true, onAws: false },
        want: "rabbitmq",
      },
      {
        name: "support tickets with priorities, on AWS",
        rule: "question 3 comes before question 4's SQS",
        needs: { routing: true },
        want: "rabbitmq",
      },
    ]);
  });

  it("questions 4 and 5: work queues and fan-out on AWS go to SQS, FIFO for order or dedupe", () => {
    table([
      {
        name: "thumbnail jobs on AWS, 50 a second",
        rule: "question 4: an AWS work queue with nothing to run",
        needs: { peakPerSecond: 50 },
        want: "sqs",
      },
      {
        name: "billing and shipping both need OrderPlaced, no history, 300/s on AWS",
        rule: "question 5: SNS into one SQS queue per service",
        needs: { peakPerSecond: 300, readers: 2 },
        want: "sqs",
      },
      {
        name: "ledger entries that must stay in order per account, 500/s on AWS",
        rule: "question 4: FIFO for order per key, within its throughput",
        needs: { peakPerSecond: 500, orderPerKey: true },
        want: "sqs-fifo",
      },
      {
        name: "webhook events that arrive twice and must be sent once, 100/s on AWS",
        rule: "question 4: FIFO's 5-minute deduplication",
        needs: { dedupe: true },
        want: "sqs-fifo",
      },
    ]);
  });

  it("SQS's limits: off AWS, too big, too slow or too much ordered traffic means no SQS", () => {
    table([
      {
        name: "order per account at 20,000 messages a second on AWS",
        rule: "SQS is wrong when ordered traffic outgrows FIFO: partitions keep order per key",
        needs: { peakPerSecond: 20_000, orderPerKey: true },
        want: "kafka",
      },
      {
        name: "5 MiB scanned documents for an OCR pool on AWS",
        rule: "SQS takes at most 1 MiB a message",
        needs: { maxMessageBytes: 5 * MiB },
        want: "rabbitmq",
      },
      {
        name: "video renders that take up to 14 hours each, on AWS",
        rule: "SQS hides a message for at most 12 hours (RabbitMQ's 30-minute ack timeout can be raised per queue)",
        needs: { maxProcessingSeconds: 14 * 3_600 },
        want: "rabbitmq",
      },
      {
        name: "an email queue in an on-premises data centre",
        rule: "SQS is wrong off AWS; Kafka is wrong for a small task queue",
        needs: { onAws: false },
        want: "rabbitmq",
      },
    ]);
  });

  it("question 6: when nothing decides, the team's own broker", () => {
    table([
      {
        name: "an on-premises job queue; the team runs Kafka well",
        rule: "question 6: what the team operates well",
        needs: { onAws: false, teamRuns: "kafka" },
        want: "kafka",
      },
      {
        name: "on premises, order per customer, and no broker in the team yet",
        rule: "question 6 with no team broker: order per key needs partitions",
        needs: { onAws: false, orderPerKey: true },
        want: "kafka",
      },
    ]);
  });

  it("gives a one-line reason with every choice", async () => {
    await property(
      requirements,
      (r, t) => {
        const choice = ask(r, t);
        expect(typeof choice?.reason, "type of the reason").toBe("string");
        expect(choice.reason.trim().length, "length of the reason (it must say something)").toBeGreaterThan(0);
        expect(choice.reason.includes("\n"), "reason spans more than one line").toBe(false);
        expect(choice.reason.length, "length of the reason, in characters").toBeLessThanOrEqual(120);
      },
      { show: describeNeeds },
    );
  });

  it("never answers a need for replay with a queue that forgets what was read", async () => {
    await property(
      requirements.map((r) => ({ ...r, replay: true })),
      (r, t) => {
        const { broker } = ask(r, t);
        if (QUEUES_THAT_FORGET.includes(broker)) {
          fail(`Chose ${broker}, which forgets a message once it is read, although consumers must re-read history.`, {
            expected: "kafka or rabbitmq-streams",
            actual: broker,
          });
        }
      },
      { show: describeNeeds },
    );
  });

  it("never picks standard SQS for order per key or dedupe, nor FIFO above 3,000/s", async () => {
    await property(
      requirements.map((r) => ({ ...r, orderPerKey: r.orderPerKey || !r.dedupe })),
      (r, t) => {
        const { broker } = ask(r, t);
        const need = r.orderPerKey ? "order per key" : "dedupe";
        if (broker === "sqs") {
          fail(`Chose standard SQS for ${need}: standard queues promise neither order nor deduplication.`, {
            expected: "not sqs",
            actual: broker,
          });
        }
        if (broker === "sqs-fifo" && r.peakPerSecond > 3_000) {
          fail(`Chose sqs-fifo for ${need} at ${n(r.peakPerSecond)}/s: a FIFO queue takes 3,000 a second.`, {
            expected: "not SQS",
            actual: broker,
          });
        }
      },
      { show: describeNeeds },
    );
  });

  it("never picks SQS off AWS, for messages over 1 MiB or for jobs over 12 hours", async () => {
    await property(
      requirements,
      (r, t) => {
        const { broker } = ask(r, t);
        if (broker !== "sqs" && broker !== "sqs-fifo") return;
        const why = !r.onAws
          ? "the system is not on AWS"
          : r.maxMessageBytes > MiB
            ? `messages of ${n(r.maxMessageBytes)} bytes are over SQS's 1 MiB (1,048,576 bytes)`
            : r.maxProcessingSeconds > 43_200
              ? `jobs of ${n(r.maxProcessingSeconds)} s outlast SQS's longest visibility timeout (12 h, 43,200 s)`
              : undefined;
        if (why) fail(`Chose ${broker}, but ${why}.`, { expected: "not SQS", actual: broker });
      },
      { show: describeNeeds },
    );
  });

  it("follows the procedure in order for any requirements: the first yes decides", async () => {
    await property(
      requirements,
      (r, t) => {
        const { broker } = ask(r, t);
        expect(broker, "broker chosen (the task's procedure, questions in order)").toBe(procedure(r));
      },
      { show: describeNeeds },
    );
  });
});
