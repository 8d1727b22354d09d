/**
 * Bad input, one case per error: the call throws the typed error, and the broker's state is
 * unchanged. "Unchanged" is checked twice: the observable state (queues, attributes, counts,
 * armed faults) is equal before and after, and a twin broker built the same way but never given
 * the bad call then behaves identically (same deliveries, ids, handles and counts).
 */
import { describe, expect, it } from "vitest";
import { ManualClock } from "../clock.js";
import { BrokerError, IllegalStateError, InvalidArgumentError, MessageTooLargeError, ResourceExistsError, UnknownResourceError } from "../errors.js";
import {
  QueueBatchError,
  QueueConsumerCrashedError,
  QueueMessageNotInflightError,
  QueueOverLimitError,
  QueuePurgeInProgressError,
  ReceiptHandleExpiredError,
  ReceiptHandleInvalidError,
  StaleReceiptHandleError,
} from "./errors.js";
import { QueueBroker } from "./queue-broker.js";

const T0 = Date.UTC(2026, 0, 1);

interface World {
  broker: QueueBroker;
  clock: ManualClock;
  current: string;
  stale: string;
  expired: string;
  deleted: string;
  fifo: string;
}

function build(): World {
  const clock = new ManualClock(T0);
  const broker = new QueueBroker({ clock, seed: 7, standardInflightLimit: 5 });
  broker.createQueue("dlq");
  broker.createQueue("q", { visibilityTimeout: 30, redrivePolicy: { deadLetterTargetArn: "dlq", maxReceiveCount: 3 } });
  broker.createQueue("f.fifo");
  broker.createQueue("other");
  const attrs = (i: number) => ({ messageAttributes: { i: { dataType: "Number", stringValue: String(i) } } });
  for (let i = 0; i < 3; i++) broker.send("q", `m${i}`, attrs(i));
  broker.send("q", "later", { delaySeconds: 60 });
  const [s] = broker.receive("q", { visibilityTimeout: 1 });
  const [x] = broker.receive("q", { visibilityTimeout: 1 });
  const [d] = broker.receive("q");
  broker.deleteMessage("q", d!.receiptHandle);
  clock.advance(1_000);
  const [c] = broker.receive("q"); // receives m0 again: s is now stale
  for (let i = 3; i < 7; i++) broker.send("q", `m${i}`, attrs(i));
  broker.send("f.fifo", "f1", { messageGroupId: "g", messageDeduplicationId: "1" });
  broker.send("f.fifo", "f2", { messageGroupId: "g", messageDeduplicationId: "2" });
  const [f] = broker.receive("f.fifo");
  broker.purgeQueue("other");
  broker.faults.delay("q", 100, 2);
  expect(c!.messageId).toBe(s!.messageId);
  return { broker, clock, current: c!.receiptHandle, stale: s!.receiptHandle, expired: x!.receiptHandle, deleted: d!.receiptHandle, fifo: f!.receiptHandle };
}

function observe(b: QueueBroker) {
  return b.listQueues().map((name) => ({ name, info: b.getQueue(name), attributes: b.getQueueAttributes(name), faults: b.faults.pending(name) }));
}

/** What the broker does next: receives, deletes, time passing, more receives. */
function future(w: World) {
  const seen: unknown[] = [];
  for (let round = 0; round < 3; round++) {
    for (const name of w.broker.listQueues()) {
      let got: ReturnType<QueueBroker["receive"]> = [];
      try {
        got = w.broker.receive(name, { maxNumberOfMessages: 10 });
      } catch (e) {
        seen.push((e as BrokerError).code);
      }
      seen.push(name, got);
      got.slice(0, 2).forEach((m) => w.broker.deleteMessage(name, m.receiptHandle));
      seen.push(w.broker.send(name, `after-${round}`, name.endsWith(".fifo") ? { messageGroupId: "z", messageDeduplicationId: `a${round}` } : {}));
    }
    w.clock.advance(61_000);
  }
  return seen;
}

type ErrorClass = new (...args: never[]) => BrokerError;
type Case = [string, ErrorClass, string, (w: World) => unknown, ((w: World) => void)?];

const big = "x".repeat(1_048_577);
const cases: Case[] = [
  ["unknown queue", UnknownResourceError, "UNKNOWN_QUEUE", (w) => w.broker.send("nope", "x")],
  ["bad queue name", InvalidArgumentError, "INVALID_ARGUMENT", (w) => w.broker.createQueue("bad name")],
  ["queue name too long", InvalidArgumentError, "INVALID_ARGUMENT", (w) => w.broker.createQueue("a".repeat(81))],
  ["fifoQueue on a standard name", InvalidArgumentError, "INVALID_ARGUMENT", (w) => w.broker.createQueue("s2", { fifoQueue: true })],
  ["contentBasedDeduplication on standard", InvalidArgumentError, "INVALID_ARGUMENT", (w) => w.broker.createQueue("s2", { contentBasedDeduplication: true })],
  ["unknown attribute", InvalidArgumentError, "INVALID_ARGUMENT", (w) => w.broker.createQueue("s2", { visibility: 3 } as never)],
  ["visibilityTimeout over 12 h", InvalidArgumentError, "INVALID_ARGUMENT", (w) => w.broker.setQueueAttributes("q", { visibilityTimeout: 43_201 })],
  ["retention under 60 s", InvalidArgumentError, "INVALID_ARGUMENT", (w) => w.broker.setQueueAttributes("q", { messageRetentionPeriod: 59 })],
  ["retention over 14 days", InvalidArgumentError, "INVALID_ARGUMENT", (w) => w.broker.setQueueAttributes("q", { messageRetentionPeriod: 1_209_601 })],
  ["queue delay over 900 s", InvalidArgumentError, "INVALID_ARGUMENT", (w) => w.broker.setQueueAttributes("q", { delaySeconds: 901 })],
  ["max size under 1 KiB", InvalidArgumentError, "INVALID_ARGUMENT", (w) => w.broker.setQueueAttributes("q", { maximumMessageSize: 1023 })],
  ["max size over 1 MiB", InvalidArgumentError, "INVALID_ARGUMENT", (w) => w.broker.setQueueAttributes("q", { maximumMessageSize: 1_048_577 })],
  ["wait time over 20 s", InvalidArgumentError, "INVALID_ARGUMENT", (w) => w.broker.setQueueAttributes("q", { receiveMessageWaitTimeSeconds: 21 })],
  ["fractional setting", InvalidArgumentError, "INVALID_ARGUMENT", (w) => w.broker.setQueueAttributes("q", { visibilityTimeout: 1.5 })],
  ["changing the queue type", InvalidArgumentError, "INVALID_ARGUMENT", (w) => w.broker.setQueueAttributes("q", { fifoQueue: true, visibilityTimeout: 5 })],
  ["redrive to a FIFO DLQ", InvalidArgumentError, "INVALID_ARGUMENT", (w) => w.broker.setQueueAttributes("q", { visibilityTimeout: 5, redrivePolicy: { deadLetterTargetArn: "f.fifo", maxReceiveCount: 2 } })],
  ["redrive loop", InvalidArgumentError, "INVALID_ARGUMENT", (w) => w.broker.setQueueAttributes("dlq", { redrivePolicy: { deadLetterTargetArn: "q", maxReceiveCount: 2 } })],
  ["existing queue, other settings", ResourceExistsError, "QUEUE_EXISTS", (w) => w.broker.createQueue("q", { visibilityTimeout: 31 })],
  ["empty body", InvalidArgumentError, "INVALID_ARGUMENT", (w) => w.broker.send("q", "")],
  ["body with no allowed character", InvalidArgumentError, "INVALID_ARGUMENT", (w) => w.broker.send("q", "\u0000\u0001")],
  ["body not a string", InvalidArgumentError, "INVALID_ARGUMENT", (w) => w.broker.send("q", 42 as never)],
  ["message delay over 900 s", InvalidArgumentError, "INVALID_ARGUMENT", (w) => w.broker.send("q", "x", { delaySeconds: 901 })],
  ["negative message delay", InvalidArgumentError, "INVALID_ARGUMENT", (w) => w.broker.send("q", "x", { delaySeconds: -1 })],
  ["11 message attributes", InvalidArgumentError, "INVALID_ARGUMENT", (w) =>
    w.broker.send("q", "x", { messageAttributes: Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`a${i}`, { dataType: "String", stringValue: "v" }])) })],
  ["reserved attribute name", InvalidArgumentError, "INVALID_ARGUMENT", (w) => w.broker.send("q", "x", { messageAttributes: { "AWS.trace": { dataType: "String", stringValue: "v" } } })],
  ["attribute name with two periods", InvalidArgumentError, "INVALID_ARGUMENT", (w) => w.broker.send("q", "x", { messageAttributes: { "a..b": { dataType: "String", stringValue: "v" } } })],
  ["unknown attribute data type", InvalidArgumentError, "INVALID_ARGUMENT", (w) => w.broker.send("q", "x", { messageAttributes: { a: { dataType: "Date", stringValue: "v" } } })],
  ["Number attribute that is not a number", InvalidArgumentError, "INVALID_ARGUMENT", (w) => w.broker.send("q", "x", { messageAttributes: { a: { dataType: "Number", stringValue: "12a" } } })],
  ["Binary attribute without bytes", InvalidArgumentError, "INVALID_ARGUMENT", (w) => w.broker.send("q", "x", { messageAttributes: { a: { dataType: "Binary", stringValue: "v" } } })],
  ["empty String attribute", InvalidArgumentError, "INVALID_ARGUMENT", (w) => w.broker.send("q", "x", { messageAttributes: { a: { dataType: "String", stringValue: "" } } })],
  ["message over the maximum size", MessageTooLargeError, "MESSAGE_TOO_LARGE", (w) => w.broker.send("q", big)],
  ["deduplication id on a standard queue", InvalidArgumentError, "INVALID_ARGUMENT", (w) => w.broker.send("q", "x", { messageDeduplicationId: "d" })],
  ["group id too long", InvalidArgumentError, "INVALID_ARGUMENT", (w) => w.broker.send("q", "x", { messageGroupId: "g".repeat(129) })],
  ["FIFO send without group id", InvalidArgumentError, "INVALID_ARGUMENT", (w) => w.broker.send("f.fifo", "x", { messageDeduplicationId: "9" })],
  ["FIFO send without deduplication id", InvalidArgumentError, "INVALID_ARGUMENT", (w) => w.broker.send("f.fifo", "x", { messageGroupId: "g" })],
  ["FIFO send with a message delay", InvalidArgumentError, "INVALID_ARGUMENT", (w) => w.broker.send("f.fifo", "x", { messageGroupId: "g", messageDeduplicationId: "9", delaySeconds: 1 })],
  ["misspelt receive option", InvalidArgumentError, "INVALID_ARGUMENT", (w) => w.broker.receive("q", { maxMessages: 5 } as never)],
  ["misspelt send option", InvalidArgumentError, "INVALID_ARGUMENT", (w) => w.broker.send("q", "x", { delay: 5 } as never)],
  ["maxNumberOfMessages 0", InvalidArgumentError, "INVALID_ARGUMENT", (w) => w.broker.receive("q", { maxNumberOfMessages: 0 })],
  ["maxNumberOfMessages 11", InvalidArgumentError, "INVALID_ARGUMENT", (w) => w.broker.receive("q", { maxNumberOfMessages: 11 })],
  ["negative receive visibility timeout", InvalidArgumentError, "INVALID_ARGUMENT", (w) => w.broker.receive("q", { visibilityTimeout: -1 })],
  ["over the in-flight limit", QueueOverLimitError, "OVER_LIMIT", (w) => w.broker.receive("q"), (w) => expect(w.broker.receive("q", { maxNumberOfMessages: 10 })).toHaveLength(4)],
  ["receipt handle that is not one", ReceiptHandleInvalidError, "RECEIPT_HANDLE_INVALID", (w) => w.broker.deleteMessage("q", "AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a")],
  ["receipt handle of another queue", ReceiptHandleInvalidError, "RECEIPT_HANDLE_INVALID", (w) => w.broker.deleteMessage("dlq", w.current)],
  ["receipt handle never issued", ReceiptHandleInvalidError, "RECEIPT_HANDLE_INVALID", (w) => w.broker.deleteMessage("q", w.current.replace(/^(\w+)\.\w+\./, "$1.zzz."))],
  ["stale receipt handle (delete)", StaleReceiptHandleError, "RECEIPT_HANDLE_STALE", (w) => w.broker.deleteMessage("q", w.stale)],
  ["expired receipt handle (FIFO delete)", ReceiptHandleExpiredError, "RECEIPT_HANDLE_EXPIRED", (w) => w.broker.deleteMessage("f.fifo", w.fifo), (w) => w.clock.advance(30_000)],
  ["stale receipt handle (visibility)", StaleReceiptHandleError, "RECEIPT_HANDLE_STALE", (w) => w.broker.changeMessageVisibility("q", w.stale, 10)],
  ["visibility of an expired delivery", QueueMessageNotInflightError, "MESSAGE_NOT_INFLIGHT", (w) => w.broker.changeMessageVisibility("q", w.expired, 10)],
  ["visibility of a deleted message", QueueMessageNotInflightError, "MESSAGE_NOT_INFLIGHT", (w) => w.broker.changeMessageVisibility("q", w.deleted, 10)],
  ["visibility beyond 12 hours", InvalidArgumentError, "INVALID_ARGUMENT", (w) => w.broker.changeMessageVisibility("q", w.current, 43_200), (w) => w.clock.advance(1_000)],
  ["visibility timeout out of range", InvalidArgumentError, "INVALID_ARGUMENT", (w) => w.broker.changeMessageVisibility("f.fifo", w.fifo, 43_201)],
  ["purge twice within a minute", QueuePurgeInProgressError, "PURGE_QUEUE_IN_PROGRESS", (w) => w.broker.purgeQueue("other")],
  ["empty batch", QueueBatchError, "EMPTY_BATCH_REQUEST", (w) => w.broker.sendBatch("q", [])],
  ["11 batch entries", QueueBatchError, "TOO_MANY_ENTRIES_IN_BATCH_REQUEST", (w) => w.broker.sendBatch("q", Array.from({ length: 11 }, (_, i) => ({ id: `e${i}`, body: "x" })))],
  ["duplicate batch ids", QueueBatchError, "BATCH_ENTRY_IDS_NOT_DISTINCT", (w) => w.broker.sendBatch("q", [{ id: "a", body: "x" }, { id: "a", body: "y" }])],
  ["bad batch id", QueueBatchError, "INVALID_BATCH_ENTRY_ID", (w) => w.broker.sendBatch("q", [{ id: "no spaces", body: "x" }])],
  ["batch over 1 MiB", QueueBatchError, "BATCH_REQUEST_TOO_LONG", (w) => w.broker.sendBatch("q", [{ id: "a", body: "x".repeat(600_000) }, { id: "b", body: "y".repeat(600_000) }])],
  ["duplicate fault on FIFO", IllegalStateError, "FAULT_NOT_ALLOWED", (w) => w.broker.faults.duplicateDelivery("f.fifo")],
  ["injected crash before delete", QueueConsumerCrashedError, "CONSUMER_CRASHED", (w) => w.broker.deleteMessage("q", w.current), (w) => w.broker.faults.crashBeforeDelete("q")],
];

describe("bad input leaves the broker unchanged", () => {
  it.each(cases.map((c) => [c[0], c[2], c] as const))("%s → %s", (_name, _code, [, ErrorClass, code, call, prepare]) => {
    const subject = build();
    const twin = build();
    prepare?.(subject);
    prepare?.(twin);
    const before = observe(subject.broker);
    let thrown: unknown;
    try {
      call(subject);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ErrorClass);
    const err = thrown as BrokerError;
    expect(err.code).toBe(code);
    expect(err.name).toBe(ErrorClass.name);
    expect(err.message.split("\n")).toHaveLength(2);
    if (code !== "CONSUMER_CRASHED") {
      expect(observe(subject.broker)).toEqual(before);
    } else {
      // The armed crash was used up; the message itself is untouched.
      expect(observe(subject.broker).map((q) => q.attributes)).toEqual(before.map((q) => q.attributes));
      twin.broker.faults.clear("q");
    }
    expect(future(subject)).toEqual(future(twin));
  });

  it("traces each rejected call with its code", () => {
    const w = build();
    expect(() => w.broker.send("q", "")).toThrow();
    expect(w.broker.trace.events().at(-1)).toMatchObject({ family: "queue", type: "reject", op: "send", queue: "q", code: "INVALID_ARGUMENT" });
  });
});
