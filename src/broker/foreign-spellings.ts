/**
 * Option names from the real systems and their client libraries that a learner is likely to
 * type here: Kafka's dotted settings (and kafkajs's), AMQP / amqplib / RabbitMQ names, and
 * SQS's PascalCase API names. `checkOptions` (options.ts) turns a hit into a hint that names
 * our spelling, or says why the setting does not exist here. Keys are matched exactly; a
 * PascalCase or dotted name not listed here still finds its camelCase twin mechanically.
 */

/** A real system's spelling of an option. */
export interface ForeignSpelling {
  /** Whose spelling it is, as it reads in a sentence: "Kafka", "amqplib", "SQS". */
  readonly system: string;
  /** Our name for the same thing, when we have one. */
  readonly ours?: string;
  /** A sentence to add (or, without `ours`, the whole advice): why it differs, or where it goes. */
  readonly note?: string;
}

const kafka = (ours: string, note?: string): ForeignSpelling => ({ system: "Kafka", ours, note });
const kafkaOnly = (note: string): ForeignSpelling => ({ system: "Kafka", note });
const kafkajs = (ours: string, note?: string): ForeignSpelling => ({ system: "kafkajs", ours, note });
const amqp = (system: string, ours: string | undefined, note?: string): ForeignSpelling => ({ system, ours, note });
const sqs = (ours: string | undefined, note?: string): ForeignSpelling => ({ system: "SQS", ours, note });

const ONE_BROKER = "This broker is one in-process node, so there is nothing to replicate or to connect to.";
const PREFETCH = "To set it for every later consumer of a channel, call channel.prefetch(n) first, as in amqplib.";
const QUEUE_ARGUMENT = (arg: string): string =>
  `In AMQP it is the queue argument "${arg}": declareQueue(name, { arguments: { "${arg}": … } }).`;

export const FOREIGN_SPELLINGS: Readonly<Record<string, ForeignSpelling>> = {
  // ── Kafka clients (Java names), consumer ────────────────────────────────────────────────
  "group.id": kafka("groupId"),
  "client.id": kafka("clientId"),
  "auto.offset.reset": kafka("autoOffsetReset"),
  "enable.auto.commit": kafka("enableAutoCommit"),
  "auto.commit.interval.ms": kafka("autoCommitIntervalMs"),
  "isolation.level": kafka("isolationLevel"),
  "max.poll.records": kafka("maxPollRecords"),
  "max.poll.interval.ms": kafka("maxPollIntervalMs"),
  "session.timeout.ms": kafka("sessionTimeoutMs"),
  "partition.assignment.strategy": kafka("partitionAssignor"),
  "heartbeat.interval.ms": kafkaOnly("Heartbeats are implicit here: a consumer is alive while its connection is up."),
  "group.instance.id": kafkaOnly("Static membership (group.instance.id) is not modelled."),
  "group.protocol": kafkaOnly("Only Kafka's classic group protocol is modelled (still the default in Kafka 4.x)."),
  "fetch.min.bytes": kafkaOnly("Fetch sizes are not modelled: a poll returns what is there."),
  "fetch.max.wait.ms": kafkaOnly("Fetch waits are not modelled: use pollAsync(timeoutMs) to wait for records."),
  "key.deserializer": kafkaOnly("Keys and values are strings or Uint8Arrays; there are no serializers."),
  "value.deserializer": kafkaOnly("Keys and values are strings or Uint8Arrays; there are no serializers."),
  "bootstrap.servers": kafkaOnly(ONE_BROKER),
  // ── Kafka clients, producer ─────────────────────────────────────────────────────────────
  "enable.idempotence": kafka("idempotent"),
  "transactional.id": kafka("transactionalId"),
  "transaction.timeout.ms": kafka("transactionTimeoutMs"),
  "batch.size": kafka("stickyBatchSize", "It is the bytes the sticky partitioner sends to one partition before it switches."),
  "partitioner.class": kafka("partitioner", 'Pass "sticky" or "round-robin".'),
  acks: kafkaOnly(
    'acks is not an option here: with one in-process broker a write is acknowledged once it is in the log, which is what acks=all (the default since Kafka 3.0) waits for.',
  ),
  retries: kafkaOnly("Client retries are not an option; to see a retried batch, use faults.duplicateProduce(producer)."),
  "linger.ms": kafkaOnly("Batching delays are not modelled: one send is one batch per partition."),
  "compression.type": kafkaOnly("Compression is not modelled."),
  "max.in.flight.requests.per.connection": kafkaOnly("In-flight requests are not an option; faults.delayProduce(producer, ms) holds batches in flight."),
  "delivery.timeout.ms": kafkaOnly("Delivery timeouts are not modelled: a send lands at once unless a fault delays it."),
  "request.timeout.ms": kafkaOnly("Request timeouts are not modelled."),
  "key.serializer": kafkaOnly("Keys and values are strings or Uint8Arrays; there are no serializers."),
  "value.serializer": kafkaOnly("Keys and values are strings or Uint8Arrays; there are no serializers."),
  // ── Kafka topic and broker settings ─────────────────────────────────────────────────────
  "num.partitions": kafka("partitions"),
  "retention.ms": kafka("retentionMs"),
  "retention.bytes": kafka("retentionBytes"),
  "segment.bytes": kafka("segmentBytes"),
  "segment.ms": kafka("segmentMs"),
  "max.message.bytes": kafka("maxMessageBytes"),
  "message.timestamp.after.max.ms": kafka("messageTimestampAfterMaxMs"),
  "cleanup.policy": kafkaOnly("Compaction is not modelled: topics delete by retention only."),
  cleanupPolicy: kafkaOnly("Compaction (cleanup.policy) is not modelled: topics delete by retention only."),
  "replication.factor": kafkaOnly(ONE_BROKER),
  replicationFactor: kafkaOnly(ONE_BROKER),
  "min.insync.replicas": kafkaOnly(ONE_BROKER),
  "log.retention.check.interval.ms": kafka("retentionCheckIntervalMs"),
  "group.min.session.timeout.ms": kafka("groupMinSessionTimeoutMs"),
  "group.max.session.timeout.ms": kafka("groupMaxSessionTimeoutMs"),
  "transaction.max.timeout.ms": kafka("transactionMaxTimeoutMs"),
  // ── kafkajs ─────────────────────────────────────────────────────────────────────────────
  fromBeginning: kafkajs("autoOffsetReset", 'kafkajs\'s subscribe({ fromBeginning: true }) is consumer({ groupId, autoOffsetReset: "earliest" }) here.'),
  autoCommit: kafkajs("enableAutoCommit"),
  readUncommitted: kafkajs("isolationLevel", 'Pass isolationLevel: "read_uncommitted" or "read_committed".'),
  sessionTimeout: kafkajs("sessionTimeoutMs"),
  rebalanceTimeout: { system: "kafkajs", note: "Rebalances finish inside the call that causes them here; there is no rebalance timeout." },
  maxInFlightRequests: { system: "kafkajs", note: "In-flight requests are not an option; faults.delayProduce(producer, ms) holds batches in flight." },
  allowAutoTopicCreation: { system: "kafkajs", note: "Topics are never created automatically: call createTopic(name) first." },
  onPartitionsAssigned: kafka("onAssign"),
  onPartitionsRevoked: kafka("onRevoke"),
  onPartitionsLost: kafka("onLost"),
  // ── AMQP 0-9-1, amqplib and other RabbitMQ clients ──────────────────────────────────────
  prefetch_count: amqp("AMQP's basic.qos", "prefetch", PREFETCH),
  prefetchCount: amqp("the Java client", "prefetch", PREFETCH),
  basicQos: amqp("the Java client", "prefetch", PREFETCH),
  no_ack: amqp("AMQP", "noAck"),
  autoAck: amqp("the Java client", "noAck", "autoAck: true means noAck: true."),
  auto_ack: amqp("pika", "noAck", "auto_ack=True means noAck: true."),
  messageTtl: amqp("amqplib", "x-message-ttl", QUEUE_ARGUMENT("x-message-ttl")),
  deadLetterExchange: amqp("amqplib", "x-dead-letter-exchange", QUEUE_ARGUMENT("x-dead-letter-exchange")),
  deadLetterRoutingKey: amqp("amqplib", "x-dead-letter-routing-key", QUEUE_ARGUMENT("x-dead-letter-routing-key")),
  maxLength: amqp("amqplib", "x-max-length", QUEUE_ARGUMENT("x-max-length")),
  expires: amqp("amqplib", "x-expires", QUEUE_ARGUMENT("x-expires")),
  overflow: amqp("amqplib", "x-overflow", QUEUE_ARGUMENT("x-overflow")),
  deliveryLimit: amqp("RabbitMQ policies", "x-delivery-limit", QUEUE_ARGUMENT("x-delivery-limit") + ' It applies to quorum queues: add "x-queue-type": "quorum".'),
  queueType: amqp("RabbitMQ", "x-queue-type", QUEUE_ARGUMENT("x-queue-type")),
  maxPriority: amqp("amqplib", undefined, "Message priorities (x-max-priority) are not modelled."),
  exclusive: amqp("AMQP", undefined, "Exclusive queues and exclusive consumers are not modelled."),
  noLocal: amqp("AMQP", undefined, "no-local is not modelled (RabbitMQ does not implement it either)."),
  priority: amqp("AMQP", undefined, "Consumer priorities (x-priority) are not modelled."),
  internal: amqp("AMQP", undefined, "Internal exchanges are not modelled."),
  alternateExchange: amqp("amqplib", undefined, "Alternate exchanges are not modelled; publish with { mandatory: true } to learn that a message was unroutable."),
  persistent: amqp("amqplib", "deliveryMode", "persistent: true is deliveryMode: 2 (recorded only: nothing here is written to disk)."),
  CC: amqp("RabbitMQ", undefined, "The CC and BCC sender-selected distribution headers are not modelled."),
  BCC: amqp("RabbitMQ", undefined, "The CC and BCC sender-selected distribution headers are not modelled."),
  immediate: amqp("AMQP", undefined, "RabbitMQ removed the immediate flag in 3.0; use mandatory, or a TTL of 0."),
  "x-message-ttl": amqp("AMQP", undefined, QUEUE_ARGUMENT("x-message-ttl")),
  "x-dead-letter-exchange": amqp("AMQP", undefined, QUEUE_ARGUMENT("x-dead-letter-exchange")),
  "x-max-length": amqp("AMQP", undefined, QUEUE_ARGUMENT("x-max-length")),
  "x-queue-type": amqp("AMQP", undefined, QUEUE_ARGUMENT("x-queue-type")),
  // ── SQS API names (PascalCase) ──────────────────────────────────────────────────────────
  MaxNumberOfMessages: sqs("maxNumberOfMessages"),
  VisibilityTimeout: sqs("visibilityTimeout"),
  WaitTimeSeconds: sqs("waitTimeSeconds", "Only receiveAsync (long polling) takes it."),
  DelaySeconds: sqs("delaySeconds"),
  MessageGroupId: sqs("messageGroupId"),
  MessageDeduplicationId: sqs("messageDeduplicationId"),
  MessageAttributes: sqs("messageAttributes"),
  MessageRetentionPeriod: sqs("messageRetentionPeriod"),
  MaximumMessageSize: sqs("maximumMessageSize"),
  ReceiveMessageWaitTimeSeconds: sqs("receiveMessageWaitTimeSeconds"),
  RedrivePolicy: sqs("redrivePolicy", "It is an object { deadLetterTargetArn, maxReceiveCount } here, not a JSON string."),
  FifoQueue: sqs("fifoQueue"),
  ContentBasedDeduplication: sqs("contentBasedDeduplication"),
  QueueName: sqs(undefined, 'The queue name is the first argument: createQueue("jobs", attributes).'),
  QueueUrl: sqs(undefined, "Queues are addressed by name here: pass the name as the first argument."),
  Attributes: sqs(undefined, 'Pass the attributes themselves: createQueue("jobs", { visibilityTimeout: 30 }).'),
  MessageBody: sqs(undefined, 'The body is the second argument: send("jobs", body, options).'),
  AttributeNames: sqs(undefined, "Every system attribute is always returned: see message.attributes."),
  MessageAttributeNames: sqs(undefined, "Every message attribute is always returned: see message.messageAttributes."),
  MessageSystemAttributeNames: sqs(undefined, "Every system attribute is always returned: see message.attributes."),
  ReceiveRequestAttemptId: sqs(undefined, "ReceiveRequestAttemptId is not modelled."),
  DeduplicationScope: sqs(undefined, "High-throughput FIFO (DeduplicationScope, FifoThroughputLimit) is not modelled."),
  FifoThroughputLimit: sqs(undefined, "High-throughput FIFO (DeduplicationScope, FifoThroughputLimit) is not modelled."),
  RedriveAllowPolicy: sqs(undefined, "RedriveAllowPolicy is not modelled: any queue of the same type can be a dead-letter queue."),
  KmsMasterKeyId: sqs(undefined, "Encryption is not modelled."),
  SqsManagedSseEnabled: sqs(undefined, "Encryption is not modelled."),
  Policy: sqs(undefined, "Queue policies and IAM are not modelled."),
  maxReceiveCount: sqs(undefined, "It belongs in the redrive policy: redrivePolicy: { deadLetterTargetArn, maxReceiveCount }."),
  deadLetterTargetArn: sqs(undefined, "It belongs in the redrive policy: redrivePolicy: { deadLetterTargetArn, maxReceiveCount }."),
};
