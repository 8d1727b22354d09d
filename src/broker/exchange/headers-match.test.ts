import { describe, expect, it } from "vitest";
import { ManualClock } from "../clock.js";
import { ExchangeBroker } from "./exchange-broker.js";
import { headersMatch } from "./headers-match.js";
import type { ExchangeBindingArguments, ExchangeFieldValue } from "./types.js";

type Headers = Record<string, ExchangeFieldValue>;

// [binding arguments, message headers, routed?] — the rules of rabbit_exchange_type_headers.erl.
const CASES: ReadonlyArray<readonly [string, ExchangeBindingArguments, Headers | undefined, boolean]> = [
  ["all: every key equal", { "x-match": "all", a: 1, b: "x" }, { a: 1, b: "x", c: true }, true],
  ["all is the default", { a: 1, b: "x" }, { a: 1 }, false],
  ["all: one value differs", { "x-match": "all", a: 1, b: "x" }, { a: 1, b: "y" }, false],
  ["all: one key missing", { "x-match": "all", a: 1, b: "x" }, { a: 1 }, false],
  ["any: one key equal", { "x-match": "any", a: 1, b: "x" }, { b: "x" }, true],
  ["any: none equal", { "x-match": "any", a: 1, b: "x" }, { a: 2, c: "x" }, false],
  ["null (void) asks for presence only", { "x-match": "all", a: null }, { a: "anything" }, true],
  ["void still needs the key", { "x-match": "all", a: null }, { b: 1 }, false],
  ["all with no keys matches everything", { "x-match": "all" }, undefined, true],
  ["any with no keys matches nothing", { "x-match": "any" }, { a: 1 }, false],
  ["x- keys are ignored by all", { "x-match": "all", "x-tenant": "t1", a: 1 }, { a: 1 }, true],
  ["x- keys are ignored by any", { "x-match": "any", "x-tenant": "t1" }, { "x-tenant": "t1" }, false],
  ["all-with-x compares x- keys", { "x-match": "all-with-x", "x-tenant": "t1", a: 1 }, { a: 1 }, false],
  ["all-with-x compares x- keys (equal)", { "x-match": "all-with-x", "x-tenant": "t1", a: 1 }, { a: 1, "x-tenant": "t1" }, true],
  ["any-with-x: an x- key is enough", { "x-match": "any-with-x", "x-tenant": "t1" }, { "x-tenant": "t1" }, true],
  ["the type is not compared: string equals its bytes", { a: "hi" }, { a: new Uint8Array([104, 105]) }, true],
  ["numbers compare by value", { a: 2 }, { a: 2.0 }, true],
  ["strings do not equal numbers", { a: "1" }, { a: 1 }, false],
  ["tables compare deeply", { a: { k: [1, "v"] } }, { a: { k: [1, "v"] } }, true],
  ["tables differ deeply", { a: { k: [1, "v"] } }, { a: { k: [1, "w"] } }, false],
  ["no headers, a key to match", { a: 1 }, undefined, false],
];

describe("headersMatch", () => {
  for (const [name, args, headers, want] of CASES) {
    it(name, () => expect(headersMatch(args, headers)).toBe(want));
  }
});

describe("the headers exchange, through the broker", () => {
  it("routes by headers and ignores the routing key", () => {
    const broker = new ExchangeBroker({ clock: new ManualClock() });
    broker.declareExchange("docs", "headers");
    broker.declareQueue("pdf-reports");
    broker.declareQueue("any-eu");
    broker.bindQueue("pdf-reports", "docs", "", { "x-match": "all", format: "pdf", type: "report" });
    broker.bindQueue("any-eu", "docs", "", { "x-match": "any", region: "eu", lang: "fr" });
    expect(broker.publish("docs", "ignored", "1", { headers: { format: "pdf", type: "report", region: "eu" } }).queues).toEqual(["pdf-reports", "any-eu"]);
    expect(broker.publish("docs", "", "2", { headers: { format: "pdf", type: "log" } }).queues).toEqual([]);
    expect(broker.publish("docs", "", "3", { headers: { lang: "fr" } }).queues).toEqual(["any-eu"]);
  });

  it("routes a queue once when two of its bindings match", () => {
    const broker = new ExchangeBroker({ clock: new ManualClock() });
    broker.declareExchange("docs", "headers");
    broker.declareQueue("q");
    broker.bindQueue("q", "docs", "", { a: 1 });
    broker.bindQueue("q", "docs", "", { "x-match": "any", b: 2 });
    expect(broker.publish("docs", "", "x", { headers: { a: 1, b: 2 } }).queues).toEqual(["q"]);
    expect(broker.checkQueue("q").messageCount).toBe(1);
  });

  it("rejects an unknown x-match", () => {
    const broker = new ExchangeBroker({ clock: new ManualClock() });
    broker.declareExchange("docs", "headers");
    broker.declareQueue("q");
    expect(() => broker.bindQueue("q", "docs", "", { "x-match": "some" })).toThrow(/x-match must be one of all, any, all-with-x, any-with-x/);
  });
});
