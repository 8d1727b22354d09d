import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { BrokerError, hintFromRule, InvalidArgumentError } from "./errors.js";

describe("InvalidArgumentError", () => {
  it("says what is wrong, then what to pass, in plain grammar", () => {
    const e = new InvalidArgumentError("maxNumberOfMessages", "must be an integer from 1 to 10", 11);
    expect(e.message).toBe("maxNumberOfMessages must be an integer from 1 to 10; got 11.\nPass a value that is an integer from 1 to 10.");
    expect(e.message).not.toMatch(/\bis be\b/);
    expect([e.name, e.code, e instanceof BrokerError]).toEqual(["InvalidArgumentError", "INVALID_ARGUMENT", true]);
  });

  it("turns every form of rule the broker writes into a sentence", () => {
    expect(hintFromRule("must be one of direct, fanout")).toBe("Pass a value that is one of direct, fanout.");
    expect(hintFromRule("must not exceed groupMaxSessionTimeoutMs (10)")).toBe("Pass a value that does not exceed groupMaxSessionTimeoutMs (10).");
    expect(hintFromRule("must have at most 10 attributes")).toBe("Pass a value that has at most 10 attributes.");
    expect(hintFromRule("must contain at least one character")).toBe("Pass a value that contains at least one character.");
    expect(hintFromRule("must match the name")).toBe("Pass a value that matches the name.");
    expect(hintFromRule("must name a queue that exists")).toBe("Pass a value that names a queue that exists.");
  });

  it("reads well for every rule written in the broker's sources", () => {
    const dir = fileURLToPath(new URL(".", import.meta.url));
    const files = readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"));
    const rules = files.flatMap((f) => [...readFileSync(dir + f, "utf8").matchAll(/["'`](must [^"'`]*)["'`]/g)].map((m) => m[1]!));
    expect(rules.length).toBeGreaterThan(50);
    for (const rule of rules) {
      const hint = hintFromRule(rule);
      expect(hint, rule).toMatch(/^Pass a value that (is|has|does not|[a-z]+s) /);
      expect(hint, rule).not.toMatch(/\b(is|does not) (be|must)\b|\bmust\b.*\bmust\b/);
    }
  });

  it("takes a hint of its own, and a message written whole", () => {
    expect(new InvalidArgumentError("delaySeconds", "must be left out on a FIFO queue", 5, "Leave it out.").message).toBe(
      "delaySeconds must be left out on a FIFO queue; got 5.\nLeave it out.",
    );
    const whole = InvalidArgumentError.withMessage("Unknown option \"x\" for f().", "Valid options: y.");
    expect(whole).toBeInstanceOf(InvalidArgumentError);
    expect([whole.name, whole.code, whole.message]).toEqual(["InvalidArgumentError", "INVALID_ARGUMENT", 'Unknown option "x" for f().\nValid options: y.']);
    expect(whole.stack).toMatch(/^InvalidArgumentError: Unknown option/);
  });
});
