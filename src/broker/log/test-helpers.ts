/**
 * Test helpers for the log family, used only by its *.test.ts files (not exported).
 */
import { ManualClock } from "../clock.js";
import { Trace } from "../trace.js";
import type { LogBrokerOptions } from "./broker-options.js";
import { LogBroker } from "./log-broker.js";

/** A broker on a ManualClock at t = 1,000,000 ms. */
export function setup(options: LogBrokerOptions = {}): { broker: LogBroker; clock: ManualClock } {
  const clock = new ManualClock(1_000_000);
  const broker = new LogBroker({ clock, seed: 7, trace: new Trace({ capacity: 100_000 }), ...options });
  return { broker, clock };
}

/** Everything observable about a broker, to compare before and after a failing call. */
export function snapshot(broker: LogBroker, clock?: ManualClock): unknown {
  return structuredClone({
    topics: broker.listTopics().map((t) => {
      const d = broker.describeTopic(t);
      return {
        ...d,
        logs: Array.from({ length: d.partitions }, (_, p) => ({ ...broker.describeLog(t, p), records: broker.readPartition(t, p) })),
      };
    }),
    groups: broker.listGroups().map((g) => ({ ...broker.describeGroup(g), offsets: broker.groupOffsets(g) })),
    trace: broker.trace.events().map((e) => ({ ...e })),
    timers: clock?.pendingTimers() ?? null,
  });
}

/** Record values as strings, for compact assertions. */
export const values = (records: readonly { value: unknown }[]): unknown[] => records.map((r) => r.value);
