/**
 * The exchange family of mqtutor/broker: AMQP 0-9-1 exchanges, queues, bindings and consumers
 * with RabbitMQ's semantics. See README.md in this folder.
 */
export { ExchangeBroker } from "./exchange-broker.js";
export { ExchangeChannel, ExchangeConnection } from "./channel.js";
export { ExchangeFaults } from "./faults.js";
export { topicMatches, splitTopicWords } from "./topic.js";
export { TopicTrie } from "./topic-trie.js";
export { headersMatch } from "./headers-match.js";
export type { XMatch } from "./headers-match.js";
export {
  UnknownDeliveryTagError,
  ChannelClosedError,
  ExchangeAccessRefusedError,
  ExchangePreconditionError,
  ConsumerTagInUseError,
} from "./errors.js";
export type { ExchangeBrokerSnapshot } from "./snapshot.js";
export type { ExchangeTraceEvent, ExchangeFaultDetail } from "./trace-events.js";
export type {
  ExchangeType,
  ExchangeMessageBody,
  ExchangeFieldValue,
  ExchangeMessageProperties,
  XDeathReason,
  XDeathEntry,
  ExchangeQueueOverflow,
  ExchangeQueueArguments,
  ExchangeDeclareOptions,
  ExchangeQueueDeclareOptions,
  ExchangeQueueInfo,
  ExchangeBindingArguments,
  ExchangePublishResult,
  ExchangeDelivery,
  ExchangeGetResult,
  ExchangeMessageHandler,
  ExchangeConsumeOptions,
  ExchangeCancelOptions,
  ExchangePublishOptions,
  ExchangeGetOptions,
  ExchangeQueueType,
  ExchangeBrokerOptions,
} from "./types.js";
