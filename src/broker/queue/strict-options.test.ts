// Every options object of the queue family is strict: see strictOptionsSuite (../test-helpers.ts).
import { describe, expect, it } from "vitest";
import { ManualClock } from "../clock.js";
import { strictOptionsSuite } from "../test-helpers.js";
import { QueueBroker } from "./queue-broker.js";

function build() {
  const clock = new ManualClock(Date.UTC(2026, 0, 1));
  const broker = new QueueBroker({ clock, seed: 3 });
  broker.createQueue("dlq");
  broker.createQueue("q", { redrivePolicy: { deadLetterTargetArn: "dlq", maxReceiveCount: 2 } });
  broker.send("q", "a");
  broker.send("q", "b");
  broker.receive("q");
  return { clock, broker };
}
type World = ReturnType<typeof build>;

const observe = ({ broker }: World) =>
  broker.listQueues().map((name) => ({ name, attributes: broker.getQueueAttributes(name), faults: broker.faults.pending(name) }));

describe("queue family: every options object is strict", () => {
  strictOptionsSuite<World>({
    files: /\/broker\/queue\//,
    build,
    observe,
    notOptions: {},
    cases: [
      ["new QueueBroker#0", (w, e) => new QueueBroker({ clock: w.clock, seed: 1, ...e })],
      ["QueueBroker.createQueue#1", (w, e) => w.broker.createQueue("new", { visibilityTimeout: 10, ...e })],
      ["QueueBroker.createQueue#1 → redrivePolicy", (w, e) => w.broker.createQueue("new", { redrivePolicy: { deadLetterTargetArn: "dlq", maxReceiveCount: 5, ...e } })],
      ["QueueBroker.setQueueAttributes#1", (w, e) => w.broker.setQueueAttributes("q", { delaySeconds: 1, ...e })],
      ["QueueBroker.send#2", (w, e) => w.broker.send("q", "x", { delaySeconds: 0, ...e })],
      ["QueueBroker.send#2 → messageAttributes", (w, e) => w.broker.send("q", "x", { messageAttributes: { a: { dataType: "String", stringValue: "v", ...e } } })],
      ["QueueBroker.sendBatch#1", (w, e) => w.broker.sendBatch("q", [{ id: "e1", body: "x", ...e }])],
      ["QueueBroker.receive#1", (w, e) => w.broker.receive("q", { maxNumberOfMessages: 2, ...e })],
      ["QueueBroker.receiveAsync#1", (w, e) => w.broker.receiveAsync("q", { waitTimeSeconds: 0, ...e })],
      ["QueueFaults.chaos#1", (w, e) => w.broker.faults.chaos("q", { reorder: 0, ...e })],
    ],
  });
});

describe("queue family: hints for SQS's and others' spellings", () => {
  const { broker } = build();
  const message = (call: () => unknown): string => {
    try {
      call();
    } catch (err) {
      return (err as Error).message;
    }
    return "did not throw";
  };

  it("maps SQS's PascalCase names to ours", () => {
    expect(message(() => broker.receive("q", { MaxNumberOfMessages: 10 } as never))).toMatch(/\nWrite "maxNumberOfMessages" \("MaxNumberOfMessages" is how SQS spells it\)/);
    expect(message(() => broker.createQueue("n", { VisibilityTimeout: 60 } as never))).toMatch(/Write "visibilityTimeout"/);
    expect(message(() => broker.send("q", "x", { DelaySeconds: 5 } as never))).toMatch(/Write "delaySeconds"/);
    expect(message(() => broker.send("q", "x", { MessageGroupId: "g" } as never))).toMatch(/Write "messageGroupId"/);
    expect(message(() => broker.send("q", "x", { MessageDeduplicationId: "d" } as never))).toMatch(/Write "messageDeduplicationId"/);
    expect(message(() => broker.createQueue("n", { RedrivePolicy: "{}" } as never))).toMatch(/Write "redrivePolicy".*an object .* not a JSON string/);
    expect(message(() => broker.createQueue("n", { QueueName: "n" } as never))).toMatch(/The queue name is the first argument/);
  });

  it("sends WaitTimeSeconds to receiveAsync, and maxReceiveCount into the redrive policy", () => {
    expect(message(() => broker.receive("q", { WaitTimeSeconds: 20 } as never))).toMatch(/receive\(\) is short polling.*receiveAsync/);
    expect(message(() => broker.createQueue("n", { maxReceiveCount: 3 } as never))).toMatch(/redrivePolicy: \{ deadLetterTargetArn, maxReceiveCount \}/);
    expect(message(() => broker.receive("q", { maxMessages: 5 } as never))).toMatch(/Did you mean "maxNumberOfMessages"\?/);
  });
});
