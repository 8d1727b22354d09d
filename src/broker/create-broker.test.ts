import { describe, expect, it } from "vitest";
import { ManualClock } from "./clock.js";
import { createBroker } from "./create-broker.js";

describe("createBroker", () => {
  it("shares one clock and one trace across the three families", () => {
    const clock = new ManualClock(1_000);
    const b = createBroker({ clock, seed: 7 });
    expect(b.queues.clock).toBe(clock);
    expect(b.exchanges.clock).toBe(clock);
    expect(b.log.clock).toBe(clock);
    b.queues.createQueue("jobs");
    b.queues.send("jobs", "one");
    b.exchanges.declareQueue("emails");
    b.exchanges.sendToQueue("emails", "hello");
    b.log.createTopic("orders", { partitions: 2 });
    const families = new Set(b.trace.events().map((e) => e.family));
    expect(families).toEqual(new Set(["queue", "exchange", "log"]));
    expect(b.trace.events().every((e) => e.at === 1_000)).toBe(true);
  });

  it("gives the same trace for the same seed and calls", () => {
    const run = () => {
      const b = createBroker({ clock: new ManualClock(), seed: 42 });
      b.log.createTopic("t", { partitions: 3 });
      const p = b.log.producer();
      for (let i = 0; i < 5; i++) p.send("t", [{ key: null, value: `v${i}` }]);
      return b.trace.events().map((e) => JSON.stringify(e));
    };
    expect(run()).toEqual(run());
  });
});
