/**
 * A message as a queue stores it. It belongs to exactly one queue: a redrive stores a copy in
 * the dead-letter queue, so a stale entry left in the source queue's lists can never deliver
 * the moved message.
 */
import type { StoredAttributes } from "./message-input.js";
import type { QueueMessage } from "./types.js";

/**
 * new → delayed | visible; delayed → visible; visible → inflight; inflight → visible (its
 * visibility timeout ends, or is set to 0); any → gone (deleted, expired, moved, purged).
 */
export type MessageState = "new" | "delayed" | "visible" | "inflight" | "gone";

/** What only some messages have; kept apart so a plain standard message stays small. */
export interface MessageExtras {
  readonly messageAttributes?: StoredAttributes;
  readonly messageGroupId?: string;
  readonly messageDeduplicationId?: string;
  readonly sequenceNumber?: string;
  readonly deadLetterQueueSourceArn?: string;
}

/** One stored message and its delivery state. */
export class StoredMessage {
  state: MessageState = "new";
  /** Bumped on every state or timing change; heap entries carrying an older version are stale. */
  version = 0;
  /** When a delayed message becomes visible, or an in-flight one visible again (epoch ms). */
  visibleAt = 0;
  receiveCount = 0;
  /** Epoch ms of the first receive; 0 until then. */
  firstReceiveAt = 0;
  /** The delivery number of the latest receive: only that delivery's receipt handle is current. 0 = never received here. */
  receiptSeq = 0;
  /** Epoch ms of the latest receive (the 12-hour visibility cap counts from it). */
  receivedAt = 0;

  constructor(
    /** Broker-wide send order; breaks ties between equal times and keys the queue's lookup. */
    readonly serial: number,
    readonly messageId: string,
    readonly body: string,
    readonly sentTimestamp: number,
    /** Retention counts from here (a FIFO dead-letter copy restarts it, a standard one does not). */
    readonly enqueuedAt: number,
    readonly extras: MessageExtras | undefined,
  ) {}

  get messageGroupId(): string | undefined {
    return this.extras?.messageGroupId;
  }

  /** A copy for a dead-letter queue: same id, body, counts and first-receive time, not yet received there. */
  copyFor(serial: number, enqueuedAt: number, sourceArn: string): StoredMessage {
    const copy = new StoredMessage(serial, this.messageId, this.body, this.sentTimestamp, enqueuedAt, { ...this.extras, deadLetterQueueSourceArn: sourceArn });
    copy.receiveCount = this.receiveCount;
    copy.firstReceiveAt = this.firstReceiveAt;
    return copy;
  }
}

/** The consumer's view of one delivery; attribute values are copied so the stored message stays intact. */
export function toQueueMessage(msg: StoredMessage, receiptHandle: string): QueueMessage {
  const message: QueueMessage = {
    messageId: msg.messageId,
    receiptHandle,
    body: msg.body,
    attributes: {
      approximateReceiveCount: msg.receiveCount,
      sentTimestamp: msg.sentTimestamp,
      approximateFirstReceiveTimestamp: msg.firstReceiveAt,
    },
    messageAttributes: {},
  };
  const x = msg.extras;
  if (x === undefined) return message;
  if (x.messageGroupId !== undefined) message.attributes.messageGroupId = x.messageGroupId;
  if (x.messageDeduplicationId !== undefined) message.attributes.messageDeduplicationId = x.messageDeduplicationId;
  if (x.sequenceNumber !== undefined) message.attributes.sequenceNumber = x.sequenceNumber;
  if (x.deadLetterQueueSourceArn !== undefined) message.attributes.deadLetterQueueSourceArn = x.deadLetterQueueSourceArn;
  if (x.messageAttributes) {
    for (const [name, value] of Object.entries(x.messageAttributes)) {
      message.messageAttributes[name] = value.binaryValue ? { dataType: value.dataType, binaryValue: value.binaryValue.slice() } : { ...value };
    }
  }
  return message;
}
