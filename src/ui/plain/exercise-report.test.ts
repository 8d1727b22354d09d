import { describe, expect, it } from "vitest";
import { ManualClock, QueueBroker } from "../../broker/index.js";
import type { RunResult } from "../../exercises/result.js";
import { brokerPictures } from "../pictures/broker-pictures.js";
import { exerciseReport } from "./exercise-report.js";

function failing(pictures?: unknown[]): RunResult {
  return {
    exercise: "retrying-consumer",
    file: "/ws/03-retrying-consumer.ts",
    status: "failed",
    checks: [
      { name: "ok check", passed: true, ms: 1 },
      {
        name: "poison goes to the DLQ",
        passed: false,
        ms: 1,
        message: `copies of m1 in the DLQ: expected the same value\nSmallest failing case: ${"x".repeat(120)}`,
        expected: "1",
        actual: "0",
        timeline: ["m1 received (receive #1)", "handler failed m1"],
        ...(pictures ? { pictures } : {}),
      },
    ],
    typeProblems: [],
    ms: 3,
  };
}

describe("exerciseReport", () => {
  it("draws the brokers' final state under the failure, before the checklist, within the width", () => {
    const broker = new QueueBroker({ clock: new ManualClock() });
    broker.createQueue("invoices-dlq");
    broker.createQueue("invoices", { redrivePolicy: { deadLetterTargetArn: "invoices-dlq", maxReceiveCount: 4 } });
    broker.send("invoices", "m1");
    const pictures = JSON.parse(JSON.stringify(brokerPictures({ queues: broker }))) as unknown[];
    for (const width of [40, 60, 80, 120]) {
      const lines = exerciseReport(failing(pictures), "retrying-consumer", width, true);
      for (const l of lines) expect(l.length, l).toBeLessThanOrEqual(width);
      const text = lines.join("\n");
      const picture = text.indexOf("The broker at the end of that case:");
      expect(picture).toBeGreaterThan(text.indexOf("2. handler failed m1"));
      expect(picture).toBeLessThan(text.indexOf("Checks:"));
      expect(text).toContain("invoices");
    }
  });

  it("shows no picture when the check showed no broker, and still loses no word of a long line", () => {
    const lines = exerciseReport(failing(), "retrying-consumer", 40);
    expect(lines.join("\n")).not.toContain("The broker at the end");
    expect(lines.join("").replace(/\s+/g, "")).toContain("x".repeat(120));
  });
});
