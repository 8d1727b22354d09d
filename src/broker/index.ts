/**
 * mqtutor/broker: an in-process broker with the semantics of SQS queues, AMQP exchanges
 * (RabbitMQ) and a partitioned log (Kafka), on an injected clock. See README.md.
 */
export { ManualClock, SystemClock } from "./clock.js";
export type { Clock, TimerHandle } from "./clock.js";
export { createRandom } from "./random.js";
export type { Random } from "./random.js";
export {
  BrokerError,
  UnknownResourceError,
  ResourceExistsError,
  InvalidArgumentError,
  MessageTooLargeError,
  IllegalStateError,
} from "./errors.js";
export { Trace } from "./trace.js";
export type { TraceEvent, TraceEventInput, TraceOptions, TraceListener, BrokerFamily } from "./trace.js";
// Families (each folder has its own index.ts and README.md):
export * from "./queue/index.js";
export * from "./exchange/index.js";
export * from "./log/index.js";
export { createBroker } from "./create-broker.js";
export type { Brokers, CreateBrokerOptions } from "./create-broker.js";
