/**
 * The queue family of mqtutor/broker: SQS semantics (standard and FIFO queues, visibility
 * timeouts, receipt handles, redrive to dead-letter queues, long polling) in SQS words.
 * See README.md in this folder.
 */
export { QueueBroker } from "./queue-broker.js";
export { QueueFaults } from "./faults.js";
export type { QueueChaosRates } from "./faults.js";
export { QUEUE_LIMITS } from "./limits.js";
export {
  ReceiptHandleInvalidError,
  ReceiptHandleExpiredError,
  StaleReceiptHandleError,
  QueueMessageNotInflightError,
  QueueOverLimitError,
  QueuePurgeInProgressError,
  QueueConsumerCrashedError,
  QueueBatchError,
} from "./errors.js";
export { queueTraceEvents } from "./trace-events.js";
export type { QueueTraceEvent, QueueFaultDetail } from "./trace-events.js";
export type {
  QueueAttributes,
  QueueRedrivePolicy,
  QueueInfo,
  QueueAttributesSnapshot,
  QueueMessageAttributeValue,
  QueueSendOptions,
  QueueSendResult,
  QueueSendBatchEntry,
  QueueSendBatchSuccess,
  QueueSendBatchFailure,
  QueueSendBatchResult,
  QueueReceiveOptions,
  QueueReceiveWaitOptions,
  QueueMessageSystemAttributes,
  QueueMessage,
  QueueBrokerOptions,
} from "./types.js";
