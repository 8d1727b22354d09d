/**
 * The differential suite's own checks, which need no server: the README lists exactly the
 * known differences, every scenario runs on the bundled broker and is deterministic there, and
 * the comparison fails, naming the scenario and the field, when the bundled broker's routing is
 * broken on purpose.
 */
import { readFileSync } from "node:fs";
import type { ExchangeBroker } from "mqtutor/broker";
import { describe, expect, it } from "vitest";
import { BundledSide } from "./bundled-side.js";
import { judge, runOnSide, type Scenario } from "./differential.js";
import { KNOWN_DIFFERENCES, knownDifference, knownId } from "./known-differences.js";
import { NamespacedSide } from "./namespaced-side.js";
import { SCENARIO_GROUPS } from "./scenario-groups.js";

const README = readFileSync(new URL("../../src/broker/exchange/README.md", import.meta.url), "utf8");
const ALL: Scenario[] = SCENARIO_GROUPS.flatMap(([, s]) => s);

const bundledLog = (s: Scenario, mutate?: (b: ExchangeBroker) => void) =>
  runOnSide(s, new NamespacedSide(new BundledSide(mutate ? { start: 0, mutate } : { start: 0 }), "run-"));

describe("the differential suite itself", () => {
  it("the exchange README's table lists exactly the known differences", () => {
    const section = README.slice(README.indexOf("## Checked against a real RabbitMQ"));
    const ids = [...section.matchAll(/^\| `([a-z0-9.-]+)` \|/gm)].map((m) => m[1]);
    expect(ids.sort()).toEqual(KNOWN_DIFFERENCES.map((d) => d.id).sort());
  });

  it("the README's scenario count is the suite's", () => {
    expect(README).toContain(`runs ${ALL.length} scenarios`);
  });

  it("every known difference is shown by some scenario, and every scenario names real ones", () => {
    const used = new Set(ALL.flatMap((s) => [...(s.known ?? []), ...(s.allowed ?? [])].map(knownId)));
    for (const id of used) expect(() => knownDifference(id)).not.toThrow();
    expect([...used].sort()).toEqual(KNOWN_DIFFERENCES.map((d) => d.id).sort());
  });

  it("scenario names are unique", () => {
    const names = ALL.map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it("every scenario runs on the bundled broker and gives the same log twice", async () => {
    for (const s of ALL) expect(await bundledLog(s), s.name).toEqual(await bundledLog(s));
  });

  it("a broken routing rule makes a scenario fail with a diff naming it, the step and the field", async () => {
    const scenario = ALL.find((s) => s.name.startsWith("topic: empty words"))!;
    // Break '#': a routing key with an empty word is routed as if the empty words were not there.
    const broken = await bundledLog(scenario, (broker) => {
      const publish = broker.publish.bind(broker);
      broker.publish = (x, key, ...rest) => publish(x, key.split(".").filter((w) => w !== "").join("."), ...rest);
    });
    const verdict = judge(scenario, broken, await bundledLog(scenario), "the unbroken broker");
    expect(verdict.ok).toBe(false);
    expect(verdict.report).toContain(`scenario "${scenario.name}": the bundled broker and the unbroken broker differ`);
    expect(verdict.report).toMatch(/step \d+: drain\("p\[[^"]*\]"\)\n {4}result\[\d+\]/);
  });

  it("a known difference that no longer shows fails, so the table cannot go stale", async () => {
    const scenario: Scenario = { name: "plain routing", known: ["x-last-death-headers"], run: async (t) => void (await t.publish("", "q", "m")) };
    const log = await bundledLog(scenario);
    const verdict = judge(scenario, log, log, "RabbitMQ");
    expect(verdict.ok).toBe(false);
    expect(verdict.report).toContain('the known difference "x-last-death-headers" no longer shows');
  });
});
