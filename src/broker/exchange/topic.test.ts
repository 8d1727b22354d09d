import fc from "fast-check";
import { Qlobber } from "qlobber";
import { describe, expect, it } from "vitest";
import { ManualClock } from "../clock.js";
import { ExchangeBroker } from "./exchange-broker.js";
import { splitTopicWords, topicMatches } from "./topic.js";
import {
  EMPTY_WORD_CASES,
  RABBITMQ_TOPIC_AFTER_DELETE_KEYS,
  RABBITMQ_TOPIC_BINDINGS,
  RABBITMQ_TOPIC_EXPECTED_AFTER_REMOVE,
  RABBITMQ_TOPIC_EXPECTED_BEFORE_REMOVE,
  RABBITMQ_TOPIC_REMOVED,
} from "./topic-cases.js";
import { TopicTrie } from "./topic-trie.js";

/** Naive reference: the pattern turned into a regular expression over the key's words. */
function regexMatches(pattern: string, key: string): boolean {
  const p = splitTopicWords(pattern);
  const k = splitTopicWords(key);
  // Each key word becomes "<word>\u0001" so an empty word is still a token; "#" takes any
  // number of whole tokens, "*" exactly one.
  const esc = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const re = new RegExp(`^${p.map((w) => (w === "#" ? "(?:[^\\u0001]*\\u0001)*" : w === "*" ? "[^\\u0001]*\\u0001" : `${esc(w)}\\u0001`)).join("")}$`);
  return re.test(k.map((w) => `${w}\u0001`).join(""));
}

/** Naive reference 2: plain recursion on word lists. */
function recursiveMatches(p: string[], k: string[]): boolean {
  if (p.length === 0) return k.length === 0;
  const [w, ...rest] = p;
  if (w === "#") return k.some((_, i) => recursiveMatches(rest, k.slice(i))) || recursiveMatches(rest, []);
  if (k.length === 0) return false;
  return (w === "*" || w === k[0]) && recursiveMatches(rest, k.slice(1));
}

const sorted = (xs: Iterable<string>) => [...xs].sort();

describe("topicMatches", () => {
  it("follows RabbitMQ's routing_SUITE table (before removals)", () => {
    for (const [key, expected] of RABBITMQ_TOPIC_EXPECTED_BEFORE_REMOVE) {
      const got = new Set(RABBITMQ_TOPIC_BINDINGS.filter((b) => topicMatches(b.pattern, key)).map((b) => b.queue));
      expect(sorted(got), `routing key ${JSON.stringify(key)}`).toEqual(sorted(expected));
    }
  });

  it("treats empty words as RabbitMQ does", () => {
    for (const [pattern, key, want] of EMPTY_WORD_CASES) {
      expect(topicMatches(pattern, key), `${JSON.stringify(pattern)} ~ ${JSON.stringify(key)}`).toBe(want);
    }
  });

  it("agrees with a regex reference and a recursive reference on random patterns and keys", () => {
    const word = fc.constantFrom("a", "b", "", "*", "#", "ab");
    const patternWord = fc.constantFrom("a", "b", "", "*", "#", "ab", "a*");
    const join = (ws: string[]) => ws.join(".");
    fc.assert(
      fc.property(fc.array(patternWord, { maxLength: 6 }).map(join), fc.array(word, { maxLength: 7 }).map(join), (pattern, key) => {
        const want = regexMatches(pattern, key);
        expect(topicMatches(pattern, key)).toBe(want);
        expect(recursiveMatches(splitTopicWords(pattern), splitTopicWords(key))).toBe(want);
      }),
      { numRuns: 400 },
    );
  });

  it("stays fast on patterns with many '#'", () => {
    const key = Array.from({ length: 200 }, (_, i) => (i % 2 ? "a" : "b")).join(".");
    const t0 = performance.now();
    expect(topicMatches("#.a.#.a.#.a.#.a.#.a.#.c", key)).toBe(false);
    expect(performance.now() - t0).toBeLessThan(200);
  });
});

describe("TopicTrie", () => {
  const build = () => {
    const trie = new TopicTrie<string>();
    for (const b of RABBITMQ_TOPIC_BINDINGS) trie.add(b.pattern, b.queue);
    return trie;
  };

  it("routes RabbitMQ's table, removes bindings as the suite does, and gives each queue once", () => {
    const trie = build();
    for (const [key, expected] of RABBITMQ_TOPIC_EXPECTED_BEFORE_REMOVE) {
      const got = trie.match(key);
      expect(got.length, `no duplicates for ${key}`).toBe(new Set(got).size);
      expect(sorted(got), key).toEqual(sorted(expected));
    }
    for (const n of RABBITMQ_TOPIC_REMOVED) {
      const b = RABBITMQ_TOPIC_BINDINGS[n - 1]!;
      expect(trie.remove(b.pattern, b.queue)).toBe(true);
    }
    for (const [key, expected] of RABBITMQ_TOPIC_EXPECTED_AFTER_REMOVE) expect(sorted(trie.match(key)), key).toEqual(sorted(expected));
  });

  it("matches the empty-word cases and prunes itself when emptied", () => {
    for (const [pattern, key, want] of EMPTY_WORD_CASES) {
      const trie = new TopicTrie<string>();
      trie.add(pattern, "q");
      expect(trie.match(key).length === 1, `${JSON.stringify(pattern)} ~ ${JSON.stringify(key)}`).toBe(want);
      expect(trie.remove(pattern, "q")).toBe(true);
      expect(trie.size).toBe(0);
      expect(trie.match(key)).toEqual([]);
    }
  });

  it("agrees with topicMatches for random binding sets, adds and removes", () => {
    const word = fc.constantFrom("a", "b", "", "*", "#");
    const topic = fc.array(fc.constantFrom("a", "b", ""), { maxLength: 5 }).map((w) => w.join("."));
    const pattern = fc.array(word, { maxLength: 5 }).map((w) => w.join("."));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(pattern, fc.integer({ min: 0, max: 4 })), { maxLength: 12 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.array(topic, { minLength: 1, maxLength: 5 }),
        (adds, removeIdx, keys) => {
          const trie = new TopicTrie<number>();
          const live = [...adds];
          for (const [p, v] of adds) trie.add(p, v);
          for (const i of removeIdx) {
            if (live.length === 0) break;
            const [[p, v]] = live.splice(i % live.length, 1) as [[string, number]];
            expect(trie.remove(p, v)).toBe(true);
          }
          for (const key of keys) {
            const want = new Set(live.filter(([p]) => topicMatches(p, key)).map(([, v]) => v));
            const got = trie.match(key);
            expect(got.length).toBe(new Set(got).size);
            expect(new Set(got)).toEqual(want);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("the topic exchange, through the broker", () => {
  it("runs RabbitMQ's routing_SUITE topic1 end to end", () => {
    const broker = new ExchangeBroker({ clock: new ManualClock() });
    broker.declareExchange("topic_matching-exchange", "topic");
    for (const b of RABBITMQ_TOPIC_BINDINGS) {
      broker.declareQueue(b.queue);
      broker.bindQueue(b.queue, "topic_matching-exchange", b.pattern, b.args);
    }
    const routed = (key: string) => broker.publish("topic_matching-exchange", key, "x").queues;
    for (const [key, expected] of RABBITMQ_TOPIC_EXPECTED_BEFORE_REMOVE) expect(sorted(routed(key)), key).toEqual(sorted(expected));
    for (const n of RABBITMQ_TOPIC_REMOVED) {
      const b = RABBITMQ_TOPIC_BINDINGS[n - 1]!;
      expect(broker.unbindQueue(b.queue, "topic_matching-exchange", b.pattern, b.args)).toBe(true);
    }
    for (const [key, expected] of RABBITMQ_TOPIC_EXPECTED_AFTER_REMOVE) expect(sorted(routed(key)), key).toEqual(sorted(expected));
    broker.deleteExchange("topic_matching-exchange");
    broker.declareExchange("topic_matching-exchange", "topic");
    for (const key of RABBITMQ_TOPIC_AFTER_DELETE_KEYS) expect(routed(key)).toEqual([]);
  });
});

describe("qlobber, for comparison", () => {
  const amqp = { separator: ".", wildcard_one: "*", wildcard_some: "#" };

  it("agrees on RabbitMQ's table (its own test/rabbitmq.js holds the same rows)", () => {
    const q = new Qlobber<string>(amqp);
    for (const b of RABBITMQ_TOPIC_BINDINGS) q.add(b.pattern, b.queue);
    for (const [key, expected] of RABBITMQ_TOPIC_EXPECTED_BEFORE_REMOVE) expect(sorted(new Set(q.match(key))), key).toEqual(sorted(expected));
  });

  it("differs on empty words: '*' skips them by default, and '' is one word to qlobber", () => {
    const differences = (matchEmptyLevels: boolean) =>
      EMPTY_WORD_CASES.filter(([pattern, key, want]) => {
        const q = new Qlobber<string>({ ...amqp, match_empty_levels: matchEmptyLevels });
        q.add(pattern, "x");
        return q.match(key).length > 0 !== want;
      }).map(([pattern, key]) => `${pattern} ~ ${key}`);
    expect(differences(false)).toEqual(["*.* ~ .", "a.*.b ~ a..b", "a.* ~ a.", "*.a ~ .a"]);
    expect(differences(true)).toEqual(["* ~ "]);
  });
});
