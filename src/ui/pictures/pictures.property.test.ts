// Every picture fits every width from 20 to 140 columns and loses nothing: each name and each
// number it was given is still there to read (a long name may be cut across lines, with the
// cut marker, and is read back joined).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type ResourcePicture, drawPicture } from "./broker-pictures.js";
import type { ExchangePicture, ExchangeQueueDepth } from "./exchange.js";
import { glyphs } from "./glyphs.js";
import { textWidth } from "./layout.js";
import type { QueuePicture } from "./queue.js";
import type { TopicPicture } from "./topic.js";

const name = (chars: string, max: number) =>
  fc.string({ unit: fc.constantFrom(...chars.split("")), minLength: 1, maxLength: max });
const word = name("abcdefghijklmnopqrstuvwxyz0123456789-_.", 70);
const count = fc.oneof(fc.nat(12), fc.nat(400), fc.nat(2_000_000_000));

const topic: fc.Arbitrary<TopicPicture> = fc
  .record({
    topic: word,
    parts: fc.array(fc.tuple(count, count, fc.boolean()), { minLength: 1, maxLength: 14 }),
    groups: fc.array(
      fc.record({ groupId: word, owners: fc.array(fc.option(word, { nil: null }), { minLength: 1, maxLength: 4 }), commits: fc.array(fc.option(count, { nil: null })) }),
      { maxLength: 2 },
    ),
  })
  .map(({ topic, parts, groups }) => {
    const partitions = parts.map(([a, b, open], partition) => {
      const [start, end] = a <= b ? [a, b] : [b, a];
      return { partition, logStartOffset: start, logEndOffset: end, lastStableOffset: open ? start : end };
    });
    return {
      topic,
      partitions,
      groups: groups.map((g, i) => ({
        groupId: g.groupId,
        state: "Stable",
        generationId: i + 1,
        members: g.owners.length,
        partitions: partitions.map((p) => {
          const committed = g.commits[p.partition] ?? null;
          return { partition: p.partition, owner: g.owners[p.partition % g.owners.length]!, committed, lag: committed === null ? null : p.logEndOffset - committed };
        }),
      })),
    };
  });

const counts = fc.record({ visible: count, inFlight: count, delayed: count });
const queueName = name("abcdefghijklmnopqrstuvwxyzABC0123456789-_", 80);
const queue: fc.Arbitrary<QueuePicture> = fc.record({
  queue: queueName,
  fifo: fc.boolean(),
  visibilityTimeout: fc.nat(43_200),
  visible: count,
  inFlight: count,
  delayed: count,
  deadLetter: fc.option(
    fc.record({ queue: queueName, maxReceiveCount: fc.integer({ min: 1, max: 1000 }), exists: fc.boolean() }).chain((d) =>
      counts.map((c) => ({ ...d, ...(d.exists ? c : { visible: 0, inFlight: 0, delayed: 0 }) })),
    ),
    { nil: null },
  ),
  deadLetterFor: fc.array(queueName, { maxLength: 3 }),
});

const depth: fc.Arbitrary<ExchangeQueueDepth> = fc.record({
  queue: word,
  ready: count,
  unacked: count,
  consumers: fc.nat(5),
  deadLetterExchange: fc.option(word, { nil: null }),
});
const exchange: fc.Arbitrary<ExchangePicture> = fc
  .record({
    exchange: word,
    type: fc.constantFrom("direct", "topic", "headers", "fanout"),
    queues: fc.uniqueArray(depth, { selector: (q) => q.queue, minLength: 1, maxLength: 4 }),
    bindings: fc.array(fc.tuple(fc.nat(), word, fc.dictionary(word, word, { maxKeys: 3 })), { maxLength: 6 }),
  })
  .map(({ exchange, type, queues, bindings }) => ({
    exchange,
    type,
    queues,
    bindings: bindings.map(([i, routingKey, args]) => ({ queue: queues[i % queues.length]!.queue, routingKey, arguments: type === "headers" ? args : null })),
  }));

const picture: fc.Arbitrary<ResourcePicture> = fc.oneof(
  topic.map((picture) => ({ kind: "topic" as const, picture })),
  queue.map((picture) => ({ kind: "queue" as const, picture })),
  exchange.map((picture) => ({ kind: "exchange" as const, picture })),
  depth.map((picture) => ({ kind: "exchange-queue" as const, picture })),
);

/** The picture as one string: cut words joined again, line breaks and runs of spaces made single spaces. */
function readBack(lines: string[], ascii: boolean): string {
  const cut = glyphs(ascii).cut.replace(/\\/g, "\\\\");
  // Rails (│ or |) at the start of a line are structure, not text.
  return lines
    .join("\n")
    .replace(new RegExp(`${cut}\\n[ │|]*`, "g"), "")
    .replace(/\n[ │|]*/g, " ")
    .replace(/\s+/g, " ");
}

/** What must be readable in a picture: its names, and its numbers next to their words. */
function mustShow(p: ResourcePicture): Array<string | RegExp> {
  const q = (s: string) => JSON.stringify(s);
  const n = (label: string, value: number) => new RegExp(`${label}[ :█▓░#=.]*${value}(?!\\d)`);
  switch (p.kind) {
    case "topic":
      return [
        q(p.picture.topic),
        ...p.picture.partitions.flatMap((x) => [`start ${x.logStartOffset} end ${x.logEndOffset}`]),
        ...p.picture.groups.flatMap((g) => [
          q(g.groupId),
          ...g.partitions.flatMap((x) => [
            ...(x.owner === null ? [] : [x.owner]),
            ...(x.committed === null ? [] : [`committed ${x.committed}`]),
            ...(x.lag === null ? [] : [`lag ${x.lag}`]),
          ]),
        ]),
      ];
    case "queue": {
      const d = p.picture.deadLetter;
      return [
        q(p.picture.queue),
        n("visible", p.picture.visible),
        n("in flight", p.picture.inFlight),
        n("delayed", p.picture.delayed),
        ...p.picture.deadLetterFor.map(q),
        ...(d ? [q(d.queue), `after ${d.maxReceiveCount} receive`, ...(d.exists ? [n("in DLQ", d.visible + d.inFlight + d.delayed)] : [])] : []),
      ];
    }
    case "exchange":
      return [
        q(p.picture.exchange),
        ...p.picture.bindings.flatMap((b) => [
          b.queue,
          ...(p.picture.type === "direct" || p.picture.type === "topic" ? [b.routingKey] : []),
          ...Object.entries(b.arguments ?? {}).map(([k, v]) => `${k}=${v}`),
        ]),
        ...p.picture.queues.filter((x) => p.picture.bindings.some((b) => b.queue === x.queue)).map((x) => `${x.ready} ready`),
      ];
    case "exchange-queue":
      return [q(p.picture.queue), n("ready", p.picture.ready), n("unacked", p.picture.unacked)];
  }
}

describe("pictures at any width", () => {
  it("fit, and lose no name or number", () => {
    fc.assert(
      fc.property(picture, fc.integer({ min: 20, max: 140 }), fc.boolean(), (p, width, ascii) => {
        const lines = drawPicture(p, { width, ascii });
        for (const l of lines) expect(textWidth(l), `${JSON.stringify(l)} at ${width}`).toBeLessThanOrEqual(width);
        if (ascii) expect(lines.join("\n")).toMatch(/^[\x20-\x7e\n]*$/);
        const text = readBack(lines, ascii);
        for (const token of mustShow(p)) {
          if (typeof token === "string") expect(text, `${token} at ${width}`).toContain(token);
          else expect(text, `${token} at ${width}`).toMatch(token);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
