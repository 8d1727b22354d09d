import { describe, expect, it } from "vitest";
import { transpileInput } from "./transpile.js";

const brokerExports = new Set(["ManualClock", "QueueBroker", "createBroker"]);
const t = (code: string) => transpileInput(code, { brokerExports });
const js = (code: string) => {
  const r = t(code);
  if (r.kind !== "code") throw new Error(`expected code, got ${JSON.stringify(r)}`);
  return r.js;
};

describe("transpileInput", () => {
  it("strips types", () => {
    expect(js("const n: number = 1 as number;\ninterface A { a: string }\ntype B = A[];")).toBe("var n = 1;");
  });

  it("turns top-level const, let and class into var (declared again later, as in a console)", () => {
    expect(js("const a = 1; let b = 2;")).toBe("var a = 1;\nvar b = 2;");
    expect(js("class Foo { x = 1 }")).toMatch(/^var Foo = class Foo \{/);
    // Only the top level: inner scopes keep their own rules.
    expect(js("for (const x of [1]) { const y = x; }")).toContain("const y = x;");
  });

  it("binds imports from mqtutor/broker to the loaded module, and other imports with require", () => {
    expect(js('import { ManualClock, QueueBroker as QB } from "mqtutor/broker";')).toBe(
      "var ManualClock = __mqtutor.broker.ManualClock;\nvar QB = __mqtutor.broker.QueueBroker;",
    );
    expect(js('import * as mq from "mqtutor/broker";')).toBe("var mq = __mqtutor.broker;");
    // Types bind nothing: there is no value to bind.
    expect(js('import { type Clock, QueueMessage } from "mqtutor/broker";')).toBe("");
    expect(js('import type { Clock } from "mqtutor/broker";')).toBe("");
    expect(js('import { readFileSync } from "node:fs";')).toBe('var readFileSync = __mqtutor.require("node:fs").readFileSync;');
    expect(js('import fs from "node:fs";')).toBe('var fs = __mqtutor.require("node:fs").default || __mqtutor.require("node:fs");');
  });

  it("refuses a default import of the broker, saying what to write", () => {
    const r = t('import broker from "mqtutor/broker"');
    expect(r.kind).toBe("error");
    expect(r.kind === "error" && r.message).toContain('import { broker } from "mqtutor/broker"');
  });

  it("drops export keywords", () => {
    expect(js("export const a = 1;\nexport function f() {}\nexport { a };")).toBe("var a = 1;\nfunction f() { }");
  });

  it("wraps input with a top-level await, publishing its declarations and returning its last value", () => {
    const r = t("const x = await f();\nx + 1");
    expect(r.kind === "code" && r.async).toBe(true);
    expect(js("const x = await f();\nx + 1").replace(/\s+/g, " ")).toBe(
      "(async () => { try { var x = await f(); return x + 1; } finally { Object.assign(globalThis, { x }); } })();",
    );
    // An await inside a function is not top-level.
    expect(t("async function g() { await f(); }")).toMatchObject({ kind: "code", async: false });
  });

  it("reads `{ … }` alone as an object literal", () => {
    expect(js("{ a: 1 }")).toBe("({ a: 1 });");
    expect(js("{ let a = 1; }")).toBe("{\n    let a = 1;\n}");
  });

  it.each([
    ["function f() {"],
    ["foo("],
    ["const x ="],
    ["`a template"],
    ["/* a comment"],
    ["const y = JSON.parse(s) as"],
    ["broker.publish(\"shop\", key,\n  JSON.stringify(x),"],
  ])("asks for more input after %j", (code) => {
    expect(t(code)).toEqual({ kind: "incomplete" });
  });

  it.each([
    ['"an unterminated string', "Unterminated string literal"],
    ["a b", "Unexpected keyword or identifier. (line 1, column 1)"],
    ["const a = 1;\nconst = 2;", "(line 2, column 7)"],
  ])("reports %j as a syntax error with its place", (code, message) => {
    const r = t(code);
    expect(r.kind).toBe("error");
    expect(r.kind === "error" && r.message).toContain(message);
  });

  it("gives nothing to run for blank input", () => {
    expect(t("  \n")).toEqual({ kind: "code", js: "", async: false });
  });
});
