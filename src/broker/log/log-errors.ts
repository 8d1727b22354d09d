/**
 * Errors of the log family. Codes are Kafka's protocol error names where Kafka has one.
 */
import { BrokerError } from "../errors.js";

/** createTopic with a name that is taken (Kafka: TOPIC_ALREADY_EXISTS, whatever the settings). */
export class TopicExistsError extends BrokerError {
  constructor(topic: string) {
    super("TOPIC_ALREADY_EXISTS", `Topic "${topic}" already exists.\nUse it as it is, or delete it first.`);
  }
}

/** A produce whose sequence number is not the next one the partition expects from this producer. */
export class OutOfOrderSequenceError extends BrokerError {
  constructor(topic: string, partition: number, producerId: number, expected: number, got: number) {
    super(
      "OUT_OF_ORDER_SEQUENCE_NUMBER",
      `Producer ${producerId} sent sequence ${got} to ${topic}-${partition}, which expects ${expected}.\nSend batches to a partition in sequence order; retry an earlier batch first.`,
    );
  }
}

/** A produce with an epoch older than the partition has seen from this producer id. */
export class InvalidProducerEpochError extends BrokerError {
  constructor(producerId: number, epoch: number, current: number) {
    super(
      "INVALID_PRODUCER_EPOCH",
      `Producer ${producerId} used epoch ${epoch}, but epoch ${current} has been seen.\nA newer instance of this producer exists; stop using this one.`,
    );
  }
}

/** A transactional producer replaced by a newer instance with the same transactional.id (or timed out). */
export class ProducerFencedError extends BrokerError {
  constructor(transactionalId: string, reason: string) {
    super(
      "PRODUCER_FENCED",
      `The producer with transactional.id "${transactionalId}" has been fenced: ${reason}.\nClose it; create a new producer and call initTransactions().`,
    );
  }
}

/** Why a commit was refused. */
export type CommitFailedCode = "UNKNOWN_MEMBER_ID" | "ILLEGAL_GENERATION" | "NOT_ASSIGNED";

/** An offset commit refused by the group coordinator's fencing (Kafka: CommitFailedException). */
export class CommitFailedError extends BrokerError {
  declare readonly code: CommitFailedCode;
  constructor(code: CommitFailedCode, message: string) {
    super(code, message);
  }
}

/** A position outside the log with auto.offset.reset = "none". */
export class OffsetOutOfRangeError extends BrokerError {
  constructor(topic: string, partition: number, offset: number, start: number, end: number) {
    super(
      "OFFSET_OUT_OF_RANGE",
      `Offset ${offset} is outside ${topic}-${partition} (${start}..${end}) and auto.offset.reset is "none".\nSeek to a valid offset, or use autoOffsetReset "earliest" or "latest".`,
    );
  }
}

/** A consumer whose assignors share none with the group's members. */
export class InconsistentGroupProtocolError extends BrokerError {
  constructor(groupId: string, offered: readonly string[], inUse: readonly string[]) {
    super(
      "INCONSISTENT_GROUP_PROTOCOL",
      `Group "${groupId}" uses assignors [${inUse.join(", ")}]; this consumer offers [${offered.join(", ")}].\nGive every member of a group at least one assignor in common.`,
    );
  }
}

/** No committed offset for a partition and auto.offset.reset = "none" (Kafka: NoOffsetForPartitionException). */
export class NoOffsetForPartitionError extends BrokerError {
  constructor(groupId: string, topic: string, partition: number) {
    super(
      "NO_OFFSET_FOR_PARTITION",
      `Group "${groupId}" has no committed offset for ${topic}-${partition} and auto.offset.reset is "none".\nCommit or seek to an offset first, or use autoOffsetReset "earliest" or "latest".`,
    );
  }
}

/**
 * The group's committed offset for a partition is not known yet: a transaction that will commit
 * offsets for it is still open. Kafka's consumer fetches committed offsets with require_stable
 * (KIP-447) and retries on UNSTABLE_OFFSET_COMMIT until the transaction ends; our synchronous
 * position() and committed() say so instead of blocking.
 */
export class UnstableOffsetCommitError extends BrokerError {
  constructor(groupId: string, topic: string, partition: number) {
    super(
      "UNSTABLE_OFFSET_COMMIT",
      `Group "${groupId}" has offsets for ${topic}-${partition} in a transaction that is still open, so its committed offset is not known yet.\nKafka's consumer waits until that transaction commits or aborts; poll (or pollAsync) until then, it reads nothing from this partition meanwhile.`,
    );
  }
}

/** A record stamped too far ahead of the broker's clock (Kafka: INVALID_TIMESTAMP). */
export class InvalidTimestampError extends BrokerError {
  constructor(topic: string, index: number, timestamp: number, now: number, maxAheadMs: number) {
    super(
      "INVALID_TIMESTAMP",
      `records[${index}] for topic "${topic}" has timestamp ${timestamp}, more than messageTimestampAfterMaxMs (${maxAheadMs} ms) ahead of the broker's clock (${now}).\nLeave timestamp out to use the current time, or raise the topic's messageTimestampAfterMaxMs (Kafka 4.x defaults to one hour).`,
    );
  }
}
