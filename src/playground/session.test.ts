import { afterEach, describe, expect, it } from "vitest";
import { parseDuration } from "./helpers.js";
import { type TestPlayground, run, testPlayground } from "./test-helpers.js";

let pg: TestPlayground;
afterEach(() => pg?.dispose());

describe("the playground's scope", () => {
  it("has a live broker on a manual clock, every broker export, and keeps declarations across inputs", async () => {
    pg = testPlayground();
    expect(await run(pg, "[typeof queues.send, typeof exchanges.publish, typeof log.createTopic, clock.now()]")).toEqual([
      "function",
      "function",
      "function",
      0,
    ]);
    expect(await run(pg, "typeof ManualClock === 'function' && typeof topicMatches === 'function'")).toBe(true);
    await run(pg, "const total: number = 40");
    expect(await run(pg, "total + 2")).toBe(42);
    // Declaring it again (pasting a second example) works, as in a browser console.
    await run(pg, "const total = 1");
    expect(await run(pg, "total")).toBe(1);
  });

  it("runs top-level await and keeps what it declared", async () => {
    pg = testPlayground();
    expect(await run(pg, "const got = await Promise.resolve(7); got * 6")).toBe(42);
    expect(await run(pg, "got")).toBe(7);
  });

  it("reports a thrown error as an outcome, not an exception", async () => {
    pg = testPlayground();
    const o = await pg.evaluate('queues.receive("missing")');
    expect(o.kind).toBe("error");
    expect(o.kind === "error" && (o.error as Error).name).toBe("UnknownResourceError");
  });

  it("shares the broker's realm: bytes made in the playground are bytes to the broker", async () => {
    pg = testPlayground();
    await run(pg, 'topic("t"); produce("t", [{ key: new Uint8Array([1, 2]), value: "v" }])');
    expect(await run(pg, 'log.readPartition("t", 0)[0].key instanceof Uint8Array')).toBe(true);
  });

  it("dispose() takes its names out of the global scope again", () => {
    pg = testPlayground();
    expect("queues" in globalThis).toBe(true);
    pg.dispose();
    expect("queues" in globalThis).toBe(false);
    expect("ManualClock" in globalThis).toBe(false);
  });
});

describe("shortcuts", () => {
  it("queues: create, dead-letter, send, receive, delete", async () => {
    pg = testPlayground();
    await run(pg, 'queue("jobs", { visibilityTimeout: 10 }); dlq("jobs", "jobs-dlq", 1)');
    await run(pg, 'send("jobs", "a"); send("jobs", "b")');
    const [m] = (await run(pg, 'receive("jobs")')) as Array<{ body: string }>;
    expect(m!.body).toBe("a");
    expect(await run(pg, 'deleteMessage("jobs", receive("jobs")[0])')).toBe(true);
    await run(pg, 'advance("10s"); receive("jobs")');
    expect(await run(pg, 'queues.getQueueAttributes("jobs-dlq").approximateNumberOfMessages')).toBe(1);
  });

  it("exchanges: declare, bind (declaring the queue), publish, get and ack", async () => {
    pg = testPlayground();
    await run(pg, 'exchange("shop", "topic"); bind("q.email", "shop", "order.*")');
    expect(await run(pg, 'publish("shop", "order.placed", "hi").queues')).toEqual(["q.email"]);
    await run(pg, 'const d = get("q.email")');
    expect(await run(pg, "String(d.body)")).toBe("hi");
    await run(pg, "ack(d)");
    expect(await run(pg, 'exchanges.checkQueue("q.email").messageCount')).toBe(0);
  });

  it("log: topic, produce, consume as a group, commit", async () => {
    pg = testPlayground();
    await run(pg, 'topic("orders", 2)');
    expect(await run(pg, 'produce("orders", "customer-7", "created").offset')).toBe(0);
    expect(await run(pg, 'consume("orders", "billing").map((r) => r.value)')).toEqual(["created"]);
    const offsets = (await run(pg, 'commit("billing")')) as Array<{ committed: number; lag: number }>;
    expect(offsets.reduce((s, o) => s + o.committed, 0)).toBe(1);
    await run(pg, 'member("billing", "orders")');
    expect(await run(pg, 'log.describeGroup("billing").members.length')).toBe(2);
  });

  it("advance moves the clock (and a ManualClock of the learner's own named clock)", async () => {
    pg = testPlayground();
    expect(await run(pg, 'advance("1m30s")')).toBe(90_000);
    expect(await run(pg, "advance(500)")).toBe(90_500);
    await run(pg, "const clock = new ManualClock()");
    await run(pg, 'advance("2s")');
    expect(await run(pg, "clock.now()")).toBe(2_000);
    expect(await run(pg, "now()")).toBe(92_500);
  });

  it("events prints the trace, reset starts again empty", async () => {
    pg = testPlayground();
    await run(pg, 'queue("jobs"); send("jobs", "x")');
    pg.take();
    await run(pg, "events(1)");
    expect(pg.take()).toMatch(/^#\d+ @0ms queue send queue=jobs/);
    const before = await run(pg, "queues");
    await run(pg, "reset()");
    expect(await run(pg, "queues")).not.toBe(before);
    expect(await run(pg, "queues.listQueues()")).toEqual([]);
  });
});

describe("parseDuration", () => {
  it.each([
    [250, 250],
    ["250ms", 250],
    ["5s", 5_000],
    ["2m", 120_000],
    ["1h30m", 5_400_000],
    ["1.5s", 1_500],
    ["1d", 86_400_000],
  ])("%j → %d ms", (input, ms) => {
    expect(parseDuration(input)).toBe(ms);
  });

  it.each([["5 seconds"], [-1], ["s"], [Number.NaN], [null]])("refuses %j, saying what it takes", (input) => {
    expect(() => parseDuration(input)).toThrow(/advance\(\) takes milliseconds or a duration[\s\S]*advance\("5s"\)/);
  });
});

describe(".draw", () => {
  it("draws a resource by name, or everything", async () => {
    pg = testPlayground({ width: 60 });
    await run(pg, 'topic("orders", 2); produce("orders", "k", "v"); queue("jobs")');
    const one = pg.draw("orders");
    expect(one[0]).toBe('Topic "orders" · 2 partitions');
    const all = pg.draw("");
    expect(all).toContain('Topic "orders" · 2 partitions');
    expect(all.some((l) => l.startsWith('Queue "jobs"'))).toBe(true);
  });

  it("draws a broker of the learner's own, named by its variable", async () => {
    pg = testPlayground();
    await run(pg, 'const broker = new QueueBroker({ clock: new ManualClock() }); broker.createQueue("mine")');
    expect(pg.draw("broker")[0]).toMatch(/^Queue "mine"/);
    expect(pg.draw("broker mine")[0]).toMatch(/^Queue "mine"/);
    await run(pg, "const all = createBroker({ clock: new ManualClock() }); all.log.createTopic('t1')");
    expect(pg.draw("all")[0]).toMatch(/^Topic "t1"/);
  });

  it("says what exists when nothing has the name, and what to do when the broker is empty", async () => {
    pg = testPlayground();
    expect(pg.draw("").join(" ").replace(/\s+/g, " ")).toContain('is empty: create a topic, a queue or an exchange first, e.g. topic("orders", 3)');
    await run(pg, 'topic("orders"); queue("jobs"); exchange("shop")');
    const text = pg.draw("nope").join("\n");
    expect(text).toContain('Nothing is named "nope"');
    expect(text).toContain("topics: orders");
    expect(text).toContain("queues: jobs");
    expect(text).toContain("exchanges: shop");
    expect(pg.draw("a b c").join(" ")).toContain("Write .draw, .draw <name>, or .draw <variable> [name]");
  });

  it("fits the width and can be drawn in ASCII", async () => {
    pg = testPlayground({ width: 40, ascii: true });
    await run(pg, 'exchange("a-rather-long-exchange-name", "topic"); bind("a-rather-long-queue-name", "a-rather-long-exchange-name", "order.#")');
    const lines = pg.draw("");
    expect(lines.every((l) => l.length <= 40)).toBe(true);
    expect(lines.join("\n")).toMatch(/^[\x20-\x7e\n]*$/);
  });
});

describe(".help", () => {
  it("explains the scope, the shortcuts and the commands, within the width", () => {
    pg = testPlayground({ width: 40 });
    const text = pg.help();
    expect(text.every((l) => l.length <= 40)).toBe(true);
    for (const word of ["queues", "exchanges", "log", "advance(", "produce(", "consume(", ".draw", ".editor", ".exit", "faults"]) {
      expect(text.join("\n")).toContain(word);
    }
  });
});
