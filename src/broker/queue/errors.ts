/**
 * Errors of the queue family. Each names the SQS error it stands for; like every broker error,
 * a throw leaves the broker's state as it was before the call.
 */
import { BrokerError, IllegalStateError } from "../errors.js";

/** A receipt handle this queue never issued (SQS: ReceiptHandleIsInvalid). */
export class ReceiptHandleInvalidError extends BrokerError {
  constructor(queue: string, receiptHandle: unknown, why: string) {
    super(
      "RECEIPT_HANDLE_INVALID",
      `The receipt handle ${JSON.stringify(receiptHandle)} is not valid for queue "${queue}": ${why}.\n` +
        "Pass the receiptHandle of a message you received from this queue (not its messageId).",
    );
  }
}

/**
 * A receipt handle from an earlier delivery of a message that has been received again since.
 * SQS may accept such a delete and even delete the message while another consumer holds it;
 * this broker refuses, so the lost race is visible (see README.md, "deleteMessage").
 */
export class StaleReceiptHandleError extends BrokerError {
  constructor(queue: string, messageId: string, receiveCount: number) {
    super(
      "RECEIPT_HANDLE_STALE",
      `Message ${messageId} in queue "${queue}" was received again (receive #${receiveCount}) after this receipt handle was issued; the handle no longer refers to the current delivery.\n` +
        "Another consumer now owns the message: do not delete it, and make your processing idempotent because it will run again.",
    );
  }
}

/**
 * A FIFO delete with the handle of a delivery whose visibility timeout has ended (SQS:
 * InvalidParameterValue, "The receipt handle has expired"). Standard queues accept such a
 * delete; FIFO queues refuse it, so the message stays and is delivered again.
 */
export class ReceiptHandleExpiredError extends BrokerError {
  constructor(queue: string, messageId: string) {
    super(
      "RECEIPT_HANDLE_EXPIRED",
      `The receipt handle for message ${messageId} in FIFO queue "${queue}" has expired: its visibility timeout ended, so the message was not deleted and will be delivered again.\n` +
        "Delete before the visibility timeout ends (extend it with changeMessageVisibility while you work), and make processing idempotent.",
    );
  }
}

/** changeMessageVisibility on a message that is not in flight (SQS: MessageNotInflight). */
export class QueueMessageNotInflightError extends BrokerError {
  constructor(queue: string, messageId: string | undefined, why: string) {
    super(
      "MESSAGE_NOT_INFLIGHT",
      `${messageId ? `Message ${messageId}` : "The message"} in queue "${queue}" is not in flight: ${why}.\n` +
        "Change the visibility of a message only while you hold it (before its visibility timeout ends); receive it again first.",
    );
  }
}

/** A standard queue with the maximum number of in-flight messages (SQS: OverLimit). */
export class QueueOverLimitError extends BrokerError {
  constructor(queue: string, limit: number) {
    super(
      "OVER_LIMIT",
      `Queue "${queue}" already has ${limit} messages in flight, the most it allows.\n` +
        "Delete messages as soon as they are processed, or use shorter visibility timeouts.",
    );
  }
}

/** A second purge within 60 seconds (SQS: PurgeQueueInProgress). */
export class QueuePurgeInProgressError extends IllegalStateError {
  constructor(queue: string, retryInMs: number) {
    super(
      "PURGE_QUEUE_IN_PROGRESS",
      `Queue "${queue}" was purged less than 60 seconds ago.\nWait ${Math.ceil(retryInMs / 1000)} s before purging it again.`,
    );
  }
}

/**
 * The injected fault "consumer crashed between processing and delete": thrown by
 * deleteMessage instead of deleting. The message stays in flight and comes back after its
 * visibility timeout, so its processing will run twice.
 */
export class QueueConsumerCrashedError extends BrokerError {
  constructor(queue: string, messageId: string) {
    super(
      "CONSUMER_CRASHED",
      `Injected fault: the consumer crashed after processing message ${messageId} from queue "${queue}" and before deleting it.\n` +
        "The message reappears after its visibility timeout; a correct consumer tolerates processing it again.",
    );
  }
}

/** A SendMessageBatch request that is wrong as a whole (SQS returns these as request errors). */
export class QueueBatchError extends BrokerError {
  constructor(
    code:
      | "EMPTY_BATCH_REQUEST"
      | "TOO_MANY_ENTRIES_IN_BATCH_REQUEST"
      | "BATCH_ENTRY_IDS_NOT_DISTINCT"
      | "INVALID_BATCH_ENTRY_ID"
      | "BATCH_REQUEST_TOO_LONG",
    what: string,
    fix: string,
  ) {
    super(code, `${what}\n${fix}`);
  }
}
