import { describe, expect, it } from "vitest";
import { ManualClock, SystemClock } from "./clock.js";
import { BrokerError, InvalidArgumentError } from "./errors.js";
import { createRandom } from "./random.js";
import { Trace } from "./trace.js";

describe("ManualClock", () => {
  it("fires due timers in order as it advances", () => {
    const clock = new ManualClock(100);
    const fired: number[] = [];
    clock.setTimeout(() => fired.push(clock.now()), 20);
    clock.setTimeout(() => fired.push(clock.now()), 10);
    clock.advance(30);
    expect([fired, clock.now()]).toEqual([[110, 120], 130]);
  });

  it("refuses to go back with a BrokerError that says what to do, and stays where it was", () => {
    const clock = new ManualClock(1_000);
    let thrown: unknown;
    try {
      clock.advance(-1);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(InvalidArgumentError);
    expect(thrown).toBeInstanceOf(BrokerError);
    expect((thrown as Error).message).toBe(
      "ManualClock.advance(ms): ms must be a finite number >= 0; got -1.\n" +
        "Time only moves forward: pass the milliseconds to move ahead (0 fires what is due now), or use advanceTo(at) for an instant.",
    );
    for (const bad of [NaN, Infinity, "5" as unknown as number]) expect(() => clock.advance(bad)).toThrow(InvalidArgumentError);
    expect(() => clock.advanceTo(999)).toThrow(/no earlier than now\(\) \(1000\)/);
    expect(clock.now()).toBe(1_000);
  });

  it("refuses a start that is not a number and a timer that is not a function", () => {
    expect(() => new ManualClock(NaN)).toThrow(InvalidArgumentError);
    expect(() => new ManualClock("0" as unknown as number)).toThrow(/start must be a finite number/);
    expect(() => new ManualClock().setTimeout("tick" as unknown as () => void, 5)).toThrow(/fn must be a function/);
    expect(() => new SystemClock().setTimeout(undefined as unknown as () => void, 5)).toThrow(InvalidArgumentError);
  });
});

describe("createRandom and Trace", () => {
  it("refuse a seed that is not an integer, and a bad int(n)", () => {
    expect(() => createRandom(0.5)).toThrow(/The seed must be an integer; got 0\.5/);
    expect(() => createRandom(NaN)).toThrow(InvalidArgumentError);
    expect(() => createRandom(1).int(0)).toThrow(/n must be an integer >= 1/);
    expect(createRandom(7).next()).toBe(createRandom(7).next());
  });

  it("Trace takes only its own options", () => {
    expect(() => new Trace({ enable: false } as never)).toThrow(/Unknown option "enable" for new Trace\(\)\.\nDid you mean "enabled"\?/);
    expect(() => new Trace({ capacity: -1 })).toThrow(InvalidArgumentError);
    expect(() => new Trace({ enabled: "no" as never })).toThrow(/enabled.*must be a boolean/);
    expect(new Trace({ capacity: Infinity }).capacity).toBe(Infinity);
  });
});
