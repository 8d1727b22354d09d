import { describe, expect, it } from "vitest";
import { ManualClock, createBroker } from "../../broker/index.js";
import { brokerPictures, drawPicture, drawPictures } from "./broker-pictures.js";
import { exchangePicture } from "./exchange.js";
import { prefersAscii } from "./glyphs.js";
import { textWidth } from "./layout.js";
import { queuePicture } from "./queue.js";
import { fixedBrokerState } from "./test-state.js";
import { topicPicture } from "./topic.js";

const widths = [40, 80, 120] as const;
const charsets = [
  ["unicode", false],
  ["ascii", true],
] as const;

describe("pictures of a fixed broker state", () => {
  const state = fixedBrokerState();
  const pictures = {
    topic: brokerPictures(state, "orders"),
    queue: brokerPictures(state, "invoices"),
    exchange: brokerPictures(state, "shop"),
    headers: brokerPictures(state, "reports"),
    "exchange queue": brokerPictures(state, "q.email"),
  };

  for (const [kind, found] of Object.entries(pictures)) {
    for (const width of widths) {
      for (const [charset, ascii] of charsets) {
        it(`${kind} at ${width} columns, ${charset}`, () => {
          const lines = drawPictures(found, { width, ascii });
          for (const l of lines) expect(textWidth(l), l).toBeLessThanOrEqual(width);
          if (ascii) expect(lines.join("\n")).toMatch(/^[\x20-\x7e\n]*$/);
          expect(`\n${lines.join("\n")}\n`).toMatchSnapshot();
        });
      }
    }
  }

  it("reads the numbers the broker reports", () => {
    const topic = topicPicture(state.log, "orders");
    expect(topic.partitions.map((p) => [p.logStartOffset, p.logEndOffset])).toEqual([
      [6, 15],
      [0, 5],
      [0, 0],
    ]);
    const billing = topic.groups[0]!;
    expect(billing.partitions.map((p) => [p.owner, p.committed, p.lag])).toEqual([
      ["billing-a", 14, 1],
      ["billing-a", 4, 1],
      ["billing-b", 0, 0],
    ]);
    const q = queuePicture(state.queues, "invoices");
    expect([q.visible, q.inFlight, q.delayed]).toEqual([3, 2, 1]);
    expect(q.deadLetter).toMatchObject({ queue: "invoices-dlq", maxReceiveCount: 1, visible: 2, exists: true });
    const x = exchangePicture(state.exchanges, "shop");
    expect(x.bindings.map((b) => b.routingKey)).toEqual(["order.placed.*", "order.*.eu", "order.#"]);
    expect(x.queues.map((d) => [d.queue, d.ready, d.unacked, d.consumers])).toEqual([
      ["q.email", 1, 1, 1],
      ["q.warehouse-eu", 2, 0, 0],
      ["q.analytics", 4, 0, 0],
    ]);
  });

  it("reading the pictures records nothing and changes nothing", () => {
    const before = { trace: state.trace.events().length, snap: state.exchanges.snapshot() };
    brokerPictures(state);
    expect(state.trace.events().length).toBe(before.trace);
    expect(state.exchanges.snapshot()).toEqual(before.snap);
  });

  it("draws everything when no name is given, and only what has the name otherwise", () => {
    const all = brokerPictures(state).map((p) => p.kind);
    expect(all).toEqual(["topic", "queue", "queue", "exchange", "exchange", "exchange"]);
    expect(brokerPictures(state, "nothing-by-this-name")).toEqual([]);
  });

  it("pictures are plain data: they survive JSON (a child process can send them)", () => {
    const all = brokerPictures(state);
    const copy = JSON.parse(JSON.stringify(all)) as typeof all;
    expect(drawPictures(copy, { width: 80 })).toEqual(drawPictures(all, { width: 80 }));
  });
});

describe("edge cases", () => {
  it("a queue whose dead-letter queue was deleted says messages stay", () => {
    const b = createBroker({ clock: new ManualClock() });
    b.queues.createQueue("dlq");
    b.queues.createQueue("work", { redrivePolicy: { deadLetterTargetArn: "dlq", maxReceiveCount: 2 } });
    b.queues.deleteQueue("dlq");
    const text = drawPicture({ kind: "queue", picture: queuePicture(b.queues, "work") }, { width: 80 }).join("\n");
    expect(text.replace(/\s+/g, " ")).toContain('to dead-letter queue "dlq", which does not exist: messages stay here');
  });

  it("an exchange without bindings and a topic nobody reads say so", () => {
    const b = createBroker({ clock: new ManualClock() });
    b.exchanges.declareExchange("lonely", "direct");
    b.log.createTopic("quiet");
    const text = drawPictures(brokerPictures(b), { width: 60 }).join("\n");
    expect(text).toContain("No bindings: a message published here reaches no queue.");
    expect(text).toContain("No consumer group reads this topic yet.");
  });

  it("scales bars when counts exceed the room, and says how", () => {
    const b = createBroker({ clock: new ManualClock() });
    b.queues.createQueue("busy");
    for (let i = 0; i < 10; i++) b.queues.sendBatch("busy", Array.from({ length: 10 }, (_, k) => ({ id: `m${k}`, body: "x" })));
    const lines = drawPicture({ kind: "queue", picture: queuePicture(b.queues, "busy") }, { width: 40 });
    expect(lines).toContain(`  visible    ${"█".repeat(20)} 100`);
    expect(lines.join("\n")).toContain("█ about 5 messages");
  });
});

describe("prefersAscii", () => {
  it.each([
    [{}, false],
    [{ LANG: "en_US.UTF-8" }, false],
    [{ LC_ALL: "C.utf8" }, false],
    [{ LANG: "C" }, true],
    [{ LC_ALL: "POSIX", LANG: "en_US.UTF-8" }, true],
    [{ LC_CTYPE: "en_US.ISO-8859-1" }, true],
    [{ TERM: "dumb", LANG: "en_US.UTF-8" }, true],
    [{ NO_COLOR: "1", LANG: "en_US.UTF-8" }, true],
    [{ NO_COLOR: "", LANG: "en_US.UTF-8" }, false],
  ])("%j → %s", (env, ascii) => {
    expect(prefersAscii(env)).toBe(ascii);
  });

  it("is ASCII when asked, whatever the environment", () => {
    expect(prefersAscii({ LANG: "en_US.UTF-8" }, true)).toBe(true);
  });
});
