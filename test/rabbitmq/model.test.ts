/**
 * The model run: MQTUTOR_RABBITMQ_RUNS random topologies and operation sequences (200 by
 * default) on both sides; a divergence is shrunk by fast-check and printed with the case as
 * data, ready to become a fixed scenario in scenarios/found.ts. MQTUTOR_RABBITMQ_SEED replays.
 */
import fc from "fast-check";
import { afterAll, describe, it } from "vitest";
import { runPrefix, runScenario } from "./differential.js";
import { caseAsCode, modelCase, modelScenario } from "./model-run.js";
import { SERVER_REQUIRED, SHOWN_URL, openServer, unreachable } from "./server.js";

const RUNS = Number(process.env.MQTUTOR_RABBITMQ_RUNS ?? 200);
const SEED = process.env.MQTUTOR_RABBITMQ_SEED;

const server = await openServer();

describe.skipIf(!server.ok && !SERVER_REQUIRED)(`model run against ${server.ok ? server.against : "RabbitMQ"}`, () => {
  if (!server.ok) {
    it(`reaches RabbitMQ at ${SHOWN_URL}`, () => {
      throw new Error(unreachable(server.reason));
    });
    return;
  }
  afterAll(() => server.model.close());
  it(`${RUNS} random cases agree`, { timeout: RUNS * 3000 + 120_000 }, async () => {
    const prefix = runPrefix();
    let i = 0;
    const started = performance.now();
    try {
      await fc.assert(
        fc.asyncProperty(modelCase, async (c) => {
          i++;
          const verdict = await runScenario(modelScenario(c), server.model, `${prefix}${i}-`, { against: server.against });
          if (!verdict.ok) throw new Error(`${verdict.report}\n\nThe case, for scenarios/found.ts:\n${caseAsCode(c)}`);
        }),
        { numRuns: RUNS, ...(SEED !== undefined ? { seed: Number(SEED) } : {}) },
      );
    } catch (e) {
      // fast-check's message has the seed and the shrunk case; the diff is in its cause.
      const cause = (e as Error).cause;
      throw new Error(`${(e as Error).message}\n\n${cause instanceof Error ? cause.message : ""}`);
    }
    process.stderr.write(`model run: ${RUNS} cases (${i} runs with shrinking) against ${server.against} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  });
});
