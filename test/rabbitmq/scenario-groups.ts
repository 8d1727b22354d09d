/** Every fixed scenario, by group, in the order the suite runs them. */
import type { Scenario } from "./differential.js";
import { consumerScenarios } from "./scenarios/consumers.js";
import { deadLetterScenarios } from "./scenarios/dead-letter.js";
import { errorScenarios } from "./scenarios/errors.js";
import { expiryScenarios } from "./scenarios/expiry-limits.js";
import { foundScenarios } from "./scenarios/found.js";
import { quorumScenarios } from "./scenarios/quorum.js";
import { routingScenarios } from "./scenarios/routing.js";

export const SCENARIO_GROUPS: ReadonlyArray<readonly [string, readonly Scenario[]]> = [
  ["routing", routingScenarios],
  ["consumers", consumerScenarios],
  ["expiry and limits", expiryScenarios],
  ["dead-lettering", deadLetterScenarios],
  ["quorum queues", quorumScenarios],
  ["errors", errorScenarios],
  ["found by the model run", foundScenarios],
];
