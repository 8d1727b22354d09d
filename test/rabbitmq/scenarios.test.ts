/**
 * The differential suite: every scenario runs on the bundled ExchangeBroker and on a real
 * RabbitMQ, and the two logs must be equal after normalising, or differ in exactly the known
 * ways listed in src/broker/exchange/README.md. A failure prints the diff, naming the scenario.
 */
import { afterAll, describe, it } from "vitest";
import { runPrefix, runScenario } from "./differential.js";
import { SCENARIO_GROUPS } from "./scenario-groups.js";
import { SERVER_REQUIRED, SHOWN_URL, openServer, unreachable } from "./server.js";

const server = await openServer();
if (!server.ok && !SERVER_REQUIRED) {
  process.stderr.write(`RabbitMQ differential suite skipped: no server at ${SHOWN_URL}. Run it with \`npm run test:rabbitmq\` against a running server, or .ci/run.\n`);
}

describe.skipIf(!server.ok && !SERVER_REQUIRED)(`bundled ExchangeBroker vs ${server.ok ? server.against : "RabbitMQ"}`, () => {
  if (!server.ok) {
    it(`reaches RabbitMQ at ${SHOWN_URL}`, () => {
      throw new Error(unreachable(server.reason));
    });
    return;
  }
  const prefix = runPrefix();
  afterAll(() => server.model.close());
  let n = 0;
  for (const [group, scenarios] of SCENARIO_GROUPS) {
    describe(group, () => {
      for (const scenario of scenarios) {
        const id = ++n;
        it(scenario.name, { timeout: 60_000 }, async () => {
          const verdict = await runScenario(scenario, server.model, `${prefix}${id}-`, { against: server.against });
          if (!verdict.ok) throw new Error(verdict.report);
          if ((verdict.attempts ?? 1) > 1) {
            process.stderr.write(`"${scenario.name}" passed on run ${verdict.attempts}: RabbitMQ's side ran later than the TTL margin before.\n`);
          }
        });
      }
    });
  }
});
