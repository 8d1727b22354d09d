/**
 * The check child: a Node process that runs the learner's code, so an endless loop, a crash or
 * `process.exit` never takes the app down and the learner's code never writes progress (the
 * app starts it with the permission model: it may write only inside the workspace). It stays
 * warm between runs: each run imports the check module and the learner's compiled module under
 * new URLs. Output the learner's code prints is captured and sent back with the result.
 */
import { format } from "node:util";
import type { ChildMessage, RunRequest } from "./protocol.js";
import { brokerPictures, type BrokerFamilies } from "../ui/pictures/broker-pictures.js";
import { runChecks } from "./run-checks.js";

// Timeline.show collects picture data through this (the check API draws nothing itself).
(globalThis as Record<symbol, unknown>)[Symbol.for("mqtutor.collect-pictures")] = (brokers: object) =>
  brokerPictures(brokers as BrokerFamilies);

const MAX_OUTPUT = 4000;
let output = "";
let crash: string | undefined;

const capture = (...args: unknown[]) => {
  if (output.length < MAX_OUTPUT) output += format(...args) + "\n";
};
for (const name of ["log", "info", "warn", "error", "debug", "trace", "dir"] as const) {
  (console as unknown as Record<string, unknown>)[name] = capture;
}

class ExitCalled extends Error {}
// A consumer that ends the process is a bug worth a plain message, not a dead run.
process.exit = ((code?: number) => {
  throw new ExitCalled(
    `Your code called process.exit(${code ?? ""}). A consumer must not end the process it runs in; return or throw instead.`,
  );
}) as typeof process.exit;

process.on("unhandledRejection", (reason) => {
  crash ??= `Your code left a promise rejected with nobody awaiting it: ${describe(reason)}`;
});
process.on("uncaughtException", (err) => {
  crash ??= `Your code threw outside any check (in a callback or timer): ${describe(err)}`;
});

function describe(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

function send(message: ChildMessage): void {
  process.send?.(message);
}

process.on("message", (raw: unknown) => {
  const req = raw as RunRequest;
  if (req?.type !== "run") return;
  output = "";
  crash = undefined;
  void runChecks({
    checkUrl: `${req.checkUrl}?run=${req.id}`,
    subjectUrl: req.fresh ? req.subjectUrl : `${req.subjectUrl}?run=${req.id}`,
    ...(req.replay ? { replay: req.replay } : {}),
    ...(req.numRuns ? { numRuns: req.numRuns } : {}),
  }).then((outcome) => {
    // Let rejections that were left floating surface before the result goes back.
    setImmediate(() => send({ type: "result", id: req.id, outcome, output, ...(crash ? { crash } : {}) }));
  });
});

send({ type: "ready" });
