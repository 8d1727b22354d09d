/**
 * Divergences the model run found, kept as fixed scenarios: each is the shrunk case exactly as
 * fast-check printed it, with what was wrong and what fixed it. They run on every suite run,
 * so a fixed bug stays fixed against the real server too.
 */
import type { Scenario } from "../differential.js";
import { type ModelCase, modelScenario } from "../model-run.js";

interface Found {
  /** What diverged, and the commit subject of the fix. */
  readonly name: string;
  readonly found: ModelCase;
}

const FOUND: readonly Found[] = [
  {
    // Bundled broker: the dead-letter copy from q0 (x-max-length 0) reached q2 before the
    // original did. Fixed: a message reaches all its queues before the dead letters it causes.
    name: "found: a message routed to two queues arrives before the dead letter one of them makes of it",
    found: {
      topology: [
        { queue: "q0", args: { "x-max-length": 0, "x-dead-letter-exchange": "h" } },
        { queue: "q1", args: { "x-dead-letter-exchange": "" } },
        { queue: "q2", args: { "x-dead-letter-exchange": "" } },
      ],
      bindings: [
        { queue: "q0", exchange: "d", key: "b.a" },
        { queue: "q2", exchange: "d", key: "b.a" },
      ],
      ops: [
        { op: "bind", queue: "q2", exchange: "h", key: "", args: { "x-match": "all" } },
        { op: "publish", exchange: "d", key: "b.a", size: 0, mandatory: false },
        { op: "consume", channel: "a", queue: "q2", prefetch: 0, noAck: false },
      ],
    },
  },
  {
    // Bundled broker: a multiple nack covering two consumers' deliveries requeued them in one
    // go (m1 to c2, m2 to c1); RabbitMQ's channel settles per (queue, consumer), c1's group
    // first (m2 to c2), then c2's (m1 to c1). Fixed: settle in those groups.
    name: "found: a multiple nack over two consumers is settled consumer by consumer",
    found: {
      topology: [
        { queue: "q0", args: { "x-dead-letter-exchange": "" } },
        { queue: "q1", args: { "x-dead-letter-exchange": "" } },
        { queue: "q2", args: { "x-dead-letter-exchange": "" } },
      ],
      bindings: [{ queue: "q0", exchange: "t", key: "a" }],
      ops: [
        { op: "consume", channel: "a", queue: "q0", prefetch: 0, noAck: false },
        { op: "consume", channel: "a", queue: "q0", prefetch: 0, noAck: false },
        { op: "consume", channel: "a", queue: "q0", prefetch: 0, noAck: false },
        { op: "publish", exchange: "t", key: "a", size: 0, mandatory: false },
        { op: "nack", pick: 0, multiple: false, requeue: true },
        { op: "bind", queue: "q0", exchange: "f", key: "a" },
        { op: "cancel", pick: 8 },
        { op: "publish", exchange: "f", key: "a", size: 0, mandatory: false },
        { op: "nack", pick: 3, multiple: true, requeue: true },
        { op: "ack", pick: 0, multiple: false },
      ],
    },
  },
  {
    // Bundled broker: the rejected m1, dead-lettered back into its own queue (DLX "", its own
    // routing key), arrived while m2 still waited, so reject-publish-dlx refused it; in RabbitMQ
    // the queue first hands m2 to the consumer the reject freed, then the dead letter arrives
    // and stays, so the next publish is nacked. Fixed: dead letters go out after the operation.
    name: "found: a dead letter back into its own queue arrives after the queue handed out what it could",
    found: {
      topology: [
        { queue: "q0", args: {} },
        { queue: "q1", args: {} },
        { queue: "q2", args: { "x-max-length": 1, "x-overflow": "reject-publish-dlx", "x-dead-letter-exchange": "" } },
      ],
      bindings: [{ queue: "q2", exchange: "f", key: "a" }],
      ops: [
        { op: "publish", exchange: "", key: "q2", size: 0, mandatory: false },
        { op: "consume", channel: "a", queue: "q2", prefetch: 1, noAck: false },
        { op: "publish", exchange: "f", key: "a", size: 0, mandatory: false },
        { op: "reject", pick: 0, requeue: false },
        { op: "publish", exchange: "f", key: "a", size: 0, mandatory: false },
      ],
    },
  },
];

export const foundScenarios: Scenario[] = FOUND.map((f) => ({ ...modelScenario(f.found), name: f.name }));
