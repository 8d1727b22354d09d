// The shared pieces' options objects (createBroker, Trace) are strict, like every family's:
// see strictOptionsSuite (test-helpers.ts) and each family's strict-options.test.ts.
import { describe, expect, it } from "vitest";
import { ManualClock } from "./clock.js";
import { createBroker } from "./create-broker.js";
import { strictOptionsSuite } from "./test-helpers.js";
import { Trace } from "./trace.js";

describe("shared pieces: every options object is strict", () => {
  strictOptionsSuite<{ clock: ManualClock }>({
    files: /\/broker\/[a-z-]+\.ts$/,
    build: () => ({ clock: new ManualClock() }),
    observe: ({ clock }) => [clock.now(), clock.pendingTimers()],
    notOptions: {
      "ManualClock.clearTimeout#0": "a timer handle from setTimeout",
      "SystemClock.clearTimeout#0": "a timer handle from setTimeout",
    },
    cases: [
      ["createBroker#0", (w, e) => createBroker({ clock: w.clock, seed: 1, ...e })],
      ["new Trace#0", (_w, e) => new Trace({ capacity: 10, ...e })],
    ],
  });

  it("createBroker sends a family's own setting to that family's constructor", () => {
    expect(() => createBroker({ maxMessageSize: 10 } as never)).toThrow(/"maxMessageSize" is a setting of one family: construct it yourself with new ExchangeBroker/);
  });
});
