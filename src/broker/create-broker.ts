/**
 * One clock, one seed and one trace shared by the three families, for code (an exercise, the
 * playground, a lesson example) that uses more than one of them.
 */
import { type Clock, SystemClock } from "./clock.js";
import { ExchangeBroker } from "./exchange/index.js";
import { LogBroker } from "./log/index.js";
import { checkOptions, optionSpec } from "./options.js";
import { QueueBroker } from "./queue/index.js";
import { Trace } from "./trace.js";

export interface CreateBrokerOptions {
  /** Time for every family. @default new SystemClock() */
  clock?: Clock;
  /** Seed for every seeded choice (faults, keyless partitioning). @default 0 */
  seed?: number;
  /** Where every family records its events. @default new Trace() */
  trace?: Trace;
}

export interface Brokers {
  clock: Clock;
  trace: Trace;
  /** SQS-like queues. */
  queues: QueueBroker;
  /** RabbitMQ-like exchanges and queues. */
  exchanges: ExchangeBroker;
  /** Kafka-like partitioned log. */
  log: LogBroker;
}

const FAMILY_SETTINGS: Readonly<Record<string, string>> = {
  standardInflightLimit: "QueueBroker",
  fifoInflightLimit: "QueueBroker",
  maxMessageSize: "ExchangeBroker",
  retentionCheckIntervalMs: "LogBroker",
  groupMinSessionTimeoutMs: "LogBroker",
  groupMaxSessionTimeoutMs: "LogBroker",
  transactionMaxTimeoutMs: "LogBroker",
};

const CREATE_BROKER_OPTIONS = optionSpec("createBroker()", ["clock", "seed", "trace"], {
  hint: (key) => {
    const family = FAMILY_SETTINGS[key];
    return family === undefined ? undefined : `"${key}" is a setting of one family: construct it yourself with new ${family}({ clock, seed, trace, ${key} }).`;
  },
});

export function createBroker(options: CreateBrokerOptions = {}): Brokers {
  checkOptions(options, CREATE_BROKER_OPTIONS);
  const clock = options.clock ?? new SystemClock();
  const trace = options.trace ?? new Trace();
  const seed = options.seed ?? 0;
  return {
    clock,
    trace,
    queues: new QueueBroker({ clock, trace, seed }),
    exchanges: new ExchangeBroker({ clock, trace, seed }),
    log: new LogBroker({ clock, trace, seed }),
  };
}
