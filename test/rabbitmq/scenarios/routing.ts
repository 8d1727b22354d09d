/**
 * Routing: direct, fanout, topic (RabbitMQ's own topic table and the empty-word edge cases),
 * headers with every x-match mode, bindings added and removed, the default exchange,
 * unroutable messages with and without mandatory. Queues are read back with basic.get, so the
 * comparison covers which queue got which message, in which order, with which fields.
 */
import {
  EMPTY_WORD_CASES,
  RABBITMQ_TOPIC_AFTER_DELETE_KEYS,
  RABBITMQ_TOPIC_BINDINGS,
  RABBITMQ_TOPIC_EXPECTED_BEFORE_REMOVE,
  RABBITMQ_TOPIC_REMOVED,
} from "../../../src/broker/exchange/topic-cases.js";
import type { Scenario } from "../differential.js";
import type { Script } from "../script.js";

async function queues(t: Script, names: readonly string[]): Promise<void> {
  for (const q of names) await t.declareQueue(q);
}

async function drainAll(t: Script, names: readonly string[]): Promise<void> {
  for (const q of names) await t.drain(q);
}

const TOPIC_QUEUES = [...new Set(RABBITMQ_TOPIC_BINDINGS.map((b) => b.queue))];
const TOPIC_KEYS = RABBITMQ_TOPIC_EXPECTED_BEFORE_REMOVE.map(([k]) => k);

export const routingScenarios: Scenario[] = [
  {
    name: "direct: the key must equal the binding key; a queue bound twice gets one copy",
    async run(t) {
      await t.declareExchange("x", "direct");
      await queues(t, ["q1", "q2", "q3"]);
      await t.bind("q1", "x", "a");
      await t.bind("q1", "x", "a", { note: "second binding, same key" });
      await t.bind("q1", "x", "b");
      await t.bind("q2", "x", "a");
      await t.bind("q3", "x", "");
      for (const k of ["a", "b", "A", "", "a ", "a.b", "c"]) await t.publish("x", k, `m:${k}`);
      await drainAll(t, ["q1", "q2", "q3"]);
    },
  },
  {
    name: "fanout: every bound queue once, whatever the key; unbound queues get nothing",
    async run(t) {
      await t.declareExchange("x", "fanout");
      await queues(t, ["q1", "q2", "q3"]);
      await t.bind("q1", "x", "");
      await t.bind("q1", "x", "ignored");
      await t.bind("q2", "x", "zzz");
      for (const k of ["", "a", "#", "a.b.c"]) await t.publish("x", k, `m:${k}`);
      await drainAll(t, ["q1", "q2", "q3"]);
    },
  },
  {
    name: "topic: RabbitMQ's routing_SUITE table, before and after removing bindings, then after exchange.delete",
    async run(t) {
      await t.declareExchange("x", "topic");
      await queues(t, TOPIC_QUEUES);
      for (const b of RABBITMQ_TOPIC_BINDINGS) await t.bind(b.queue, "x", b.pattern, b.args);
      for (const k of TOPIC_KEYS) await t.publish("x", k, `before:${k}`);
      await drainAll(t, TOPIC_QUEUES);
      for (const i of RABBITMQ_TOPIC_REMOVED) {
        const b = RABBITMQ_TOPIC_BINDINGS[i - 1]!;
        await t.unbind(b.queue, "x", b.pattern, b.args);
      }
      for (const k of TOPIC_KEYS) await t.publish("x", k, `after:${k}`);
      await drainAll(t, TOPIC_QUEUES);
      await t.deleteExchange("x");
      for (const k of RABBITMQ_TOPIC_AFTER_DELETE_KEYS) await t.publish("x", k, `deleted:${k}`);
      await drainAll(t, ["t5", "t6"]);
    },
  },
  {
    name: "topic: empty words, a lone '*' or '#', and '*'/'#' inside words are literal",
    async run(t) {
      await t.declareExchange("x", "topic");
      const patterns = [...new Set(EMPTY_WORD_CASES.map(([p]) => p))];
      const keys = [...new Set(EMPTY_WORD_CASES.map(([, k]) => k)), "a.b.", "..", "a.b.c"];
      const names = patterns.map((p) => `p[${p}]`); // the pattern in the name, for readable diffs
      await queues(t, names);
      for (let i = 0; i < patterns.length; i++) await t.bind(names[i]!, "x", patterns[i]!);
      for (const k of keys) await t.publish("x", k, `key:${JSON.stringify(k)}`);
      await drainAll(t, names);
    },
  },
  {
    name: "headers: all, any, all-with-x, any-with-x, the default, presence-only (void) values",
    async run(t) {
      await t.declareExchange("x", "headers");
      const bindings: Array<[string, Record<string, unknown>]> = [
        ["all", { "x-match": "all", region: "eu", tier: "gold" }],
        ["any", { "x-match": "any", region: "eu", tier: "gold" }],
        ["default", { region: "eu", tier: "gold" }],
        ["allx", { "x-match": "all-with-x", "x-tenant": "t1", region: "eu" }],
        ["anyx", { "x-match": "any-with-x", "x-tenant": "t1", region: "us" }],
        ["ignorex", { "x-match": "all", "x-tenant": "t1", region: "eu" }],
        ["present", { "x-match": "all", region: null }],
        ["emptyall", { "x-match": "all" }],
        ["emptyany", { "x-match": "any" }],
        ["onlyx", { "x-match": "any", "x-tenant": "t1" }],
      ];
      await queues(t, bindings.map(([q]) => q));
      for (const [q, args] of bindings) await t.bind(q, "x", "ignored-key", args as never);
      const messages: Array<Record<string, unknown> | undefined> = [
        { region: "eu", tier: "gold" },
        { region: "eu" },
        { region: "eu", tier: "silver" },
        { region: "us", "x-tenant": "t1" },
        { region: "eu", "x-tenant": "t1" },
        { "x-tenant": "t1" },
        { region: null },
        {},
        undefined,
      ];
      for (let i = 0; i < messages.length; i++) {
        await t.publish("x", "any-key", `h${i}`, messages[i] === undefined ? undefined : { headers: messages[i] as never });
      }
      await drainAll(t, bindings.map(([q]) => q));
    },
  },
  {
    name: "headers: values compare with their AMQP type (number, string, boolean, bytes)",
    async run(t) {
      await t.declareExchange("x", "headers");
      const bindings: Array<[string, Record<string, unknown>]> = [
        ["num", { n: 1 }],
        ["str", { n: "1" }],
        ["bool", { b: true }],
        ["float", { f: 1.5 }],
        ["text", { s: "abc" }],
        ["bytes", { s: new Uint8Array([97, 98, 99]) }],
      ];
      await queues(t, bindings.map(([q]) => q));
      for (const [q, args] of bindings) await t.bind(q, "x", "", args as never);
      const messages: Array<Record<string, unknown>> = [
        { n: 1 },
        { n: "1" },
        { n: 1000 },
        { b: true },
        { b: 1 },
        { f: 1.5 },
        { s: "abc" },
        { s: new Uint8Array([97, 98, 99]) },
      ];
      for (let i = 0; i < messages.length; i++) await t.publish("x", "", `v${i}`, { headers: messages[i] as never });
      await drainAll(t, bindings.map(([q]) => q));
    },
  },
  {
    name: "headers: an unknown x-match is refused at bind time",
    async run(t) {
      await t.declareExchange("x", "headers");
      await t.declareQueue("q");
      await t.bind("q", "x", "", { "x-match": "none", a: "1" });
      await t.publish("x", "", "m", { headers: { a: "1" } });
      await t.drain("q");
    },
  },
  {
    name: "bindings added and removed: unbind is exact (key and arguments), rebinding works, deleting a queue drops its bindings",
    async run(t) {
      await t.declareExchange("d", "direct");
      await t.declareExchange("h", "headers");
      await queues(t, ["q1", "q2"]);
      await t.bind("q1", "d", "k");
      await t.bind("q1", "h", "", { a: "1" });
      await t.publish("d", "k", "m1");
      await t.publish("h", "", "m2", { headers: { a: "1" } });
      await t.unbind("q1", "d", "k", { other: "args" });
      await t.unbind("q1", "h", "", { a: "2" });
      await t.publish("d", "k", "m3");
      await t.publish("h", "", "m4", { headers: { a: "1" } });
      await t.unbind("q1", "d", "k");
      await t.unbind("q1", "h", "", { a: "1" });
      await t.unbind("q1", "d", "never-bound");
      await t.unbind("q2", "missing-exchange", "k");
      await t.publish("d", "k", "m5");
      await t.publish("h", "", "m6", { headers: { a: "1" } });
      await t.bind("q1", "d", "k");
      await t.publish("d", "k", "m7");
      await t.drain("q1");
      await t.bind("q2", "d", "k");
      await t.deleteQueue("q1");
      await t.publish("d", "k", "m8", undefined, { mandatory: true });
      await t.drain("q2");
      await t.bind("q2", "missing-exchange", "k");
      await t.bind("missing-queue", "d", "k");
    },
  },
  {
    name: "unroutable: dropped without mandatory, returned with it; confirms ack both; unknown exchange is 404",
    async run(t) {
      await t.declareExchange("x", "direct");
      await t.declareQueue("q");
      await t.bind("q", "x", "yes");
      await t.publish("x", "no", "m1");
      await t.publish("x", "no", "m2", undefined, { mandatory: true });
      await t.publish("x", "yes", "m3", undefined, { mandatory: true });
      await t.publish("", "no-such-queue", "m4", undefined, { mandatory: true });
      await t.publish("", "no-such-queue", "m5");
      await t.publish("", "q", "m6", undefined, { mandatory: true });
      await t.publish("no-such-exchange", "yes", "m7");
      await t.publish("x", "yes", "m8");
      await t.drain("q");
    },
  },
  {
    name: "default exchange and amq.* exchanges: routing by queue name, reserved names refused",
    async run(t) {
      await queues(t, ["q1", "q2"]);
      await t.publish("", "q1", "m1");
      await t.publish("amq.direct", "q1", "m2");
      await t.bind("q2", "amq.direct", "k");
      await t.bind("q2", "amq.fanout", "");
      await t.bind("q2", "amq.topic", "a.#");
      await t.bind("q2", "amq.match", "", { "x-match": "any", a: "1" });
      await t.publish("amq.direct", "k", "m3");
      await t.publish("amq.fanout", "whatever", "m4");
      await t.publish("amq.topic", "a.b", "m5");
      await t.publish("amq.headers", "", "m6", { headers: { a: "1" } });
      await t.publish("amq.match", "", "m7", { headers: { a: "1" } });
      await t.drain("q1");
      await t.drain("q2");
      await t.bind("q1", "", "q1");
      await t.declareExchange("amq.mine", "direct");
      await t.declareQueue("amq.mine");
      await t.deleteExchange("amq.direct");
    },
  },
];
