/**
 * Producer and consumer settings: Kafka's names in camelCase, Kafka's defaults, Kafka's limits.
 */
import { InvalidArgumentError } from "../errors.js";
import { checkOptions, optionSpec } from "../options.js";
import type { LogLimits } from "./core.js";
import type { ResolvedConsumerConfig } from "./member.js";
import type { KeylessStrategy } from "./partitioner.js";
import type { AssignorName, AutoOffsetReset, IsolationLevel } from "./types.js";

/** Options of `LogBroker.consumer()`. */
export interface LogConsumerOptions {
  /** group.id (required). */
  groupId: string;
  /** client.id; member ids start with it. @default "consumer-<groupId>-<n>" */
  clientId?: string;
  /** isolation.level. @default "read_uncommitted" (Kafka's default) */
  isolationLevel?: IsolationLevel;
  /** auto.offset.reset. @default "latest" (Kafka's default) */
  autoOffsetReset?: AutoOffsetReset;
  /** session.timeout.ms, within the broker's group min/max. @default 45000 (Kafka ≥ 3.0) */
  sessionTimeoutMs?: number;
  /** max.poll.interval.ms: a member that does not poll for this long leaves the group. @default 300000 */
  maxPollIntervalMs?: number;
  /** max.poll.records. @default 500 */
  maxPollRecords?: number;
  /**
   * partition.assignment.strategy, in order of preference. Rebalances are cooperative only
   * when every member lists nothing but "cooperative-sticky". @default ["range", "cooperative-sticky"] (Kafka ≥ 3.0)
   */
  partitionAssignor?: AssignorName | readonly AssignorName[];
  /** enable.auto.commit. @default false (Kafka's default is true; this course commits explicitly) */
  enableAutoCommit?: boolean;
  /** auto.commit.interval.ms. @default 5000 */
  autoCommitIntervalMs?: number;
}

/** Options of `LogBroker.producer()`. */
export interface LogProducerOptions {
  /** client.id. @default "producer-<n>" */
  clientId?: string;
  /** enable.idempotence. @default true (Kafka ≥ 3.0, together with acks=all) */
  idempotent?: boolean;
  /** transactional.id: enables transactions (requires idempotence). @default none */
  transactionalId?: string;
  /** transaction.timeout.ms, at most the broker's transactionMaxTimeoutMs. @default 60000 */
  transactionTimeoutMs?: number;
  /** How records without a key are spread. @default "sticky" (Kafka ≥ 3.3 built-in partitioner) */
  partitioner?: KeylessStrategy;
  /** batch.size: bytes sent to one partition before the sticky partitioner switches. @default 16384 */
  stickyBatchSize?: number;
}

const ASSIGNORS: readonly AssignorName[] = ["range", "roundrobin", "cooperative-sticky"];

const PRODUCER_KEYS = ["clientId", "idempotent", "transactionalId", "transactionTimeoutMs", "partitioner", "stickyBatchSize"];
const CONSUMER_OPTIONS = optionSpec("consumer()", [
  "groupId",
  "clientId",
  "isolationLevel",
  "autoOffsetReset",
  "sessionTimeoutMs",
  "maxPollIntervalMs",
  "maxPollRecords",
  "partitionAssignor",
  "enableAutoCommit",
  "autoCommitIntervalMs",
], {
  hint: (key) => (PRODUCER_KEYS.includes(key) ? `"${key}" is a producer option: broker.producer({ ${key}: … }).` : undefined),
});
const PRODUCER_OPTIONS = optionSpec("producer()", PRODUCER_KEYS, {
  hint: (key) =>
    key === "idempotence" ? 'Write "idempotent" (Kafka\'s setting is enable.idempotence).'
    : CONSUMER_OPTIONS.keys.has(key) ? `"${key}" is a consumer option: broker.consumer({ groupId, ${key}: … }).`
    : undefined,
});

function int(what: string, v: unknown, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) {
    throw new InvalidArgumentError(what, max === Number.MAX_SAFE_INTEGER ? `must be an integer >= ${min}` : `must be an integer from ${min} to ${max}`, v);
  }
  return v;
}

function oneOf<T extends string>(what: string, v: unknown, allowed: readonly T[]): T {
  if (!allowed.includes(v as T)) throw new InvalidArgumentError(what, `must be one of ${allowed.map((a) => `"${a}"`).join(", ")}`, v);
  return v as T;
}

function name(what: string, v: unknown): string {
  if (typeof v !== "string" || v.trim() === "") throw new InvalidArgumentError(what, "must be a non-empty string", v);
  return v;
}

export function resolveConsumerOptions(o: LogConsumerOptions, limits: LogLimits, seq: number): ResolvedConsumerConfig {
  if (typeof o !== "object" || o === null) throw new InvalidArgumentError("consumer options", "must be an object with at least { groupId }", o);
  checkOptions(o, CONSUMER_OPTIONS);
  const groupId = name("groupId", o.groupId);
  const assignors = o.partitionAssignor === undefined ? ["range", "cooperative-sticky"] : typeof o.partitionAssignor === "string" ? [o.partitionAssignor] : o.partitionAssignor;
  if (!Array.isArray(assignors) || assignors.length === 0) {
    throw new InvalidArgumentError("partitionAssignor", `must be one of ${ASSIGNORS.join(", ")} or a non-empty list of them`, o.partitionAssignor);
  }
  if (typeof (o.enableAutoCommit ?? false) !== "boolean") throw new InvalidArgumentError("enableAutoCommit", "must be a boolean", o.enableAutoCommit);
  return {
    groupId,
    clientId: o.clientId === undefined ? `consumer-${groupId}-${seq}` : name("clientId", o.clientId),
    isolationLevel: oneOf("isolationLevel", o.isolationLevel ?? "read_uncommitted", ["read_uncommitted", "read_committed"]),
    autoOffsetReset: oneOf("autoOffsetReset", o.autoOffsetReset ?? "latest", ["earliest", "latest", "none"]),
    sessionTimeoutMs: int("sessionTimeoutMs", o.sessionTimeoutMs ?? 45_000, limits.groupMinSessionTimeoutMs, limits.groupMaxSessionTimeoutMs),
    maxPollIntervalMs: int("maxPollIntervalMs", o.maxPollIntervalMs ?? 300_000, 1, 2_147_483_647),
    maxPollRecords: int("maxPollRecords", o.maxPollRecords ?? 500, 1, 2_147_483_647),
    partitionAssignors: Object.freeze([...new Set(assignors.map((a) => oneOf("partitionAssignor", a, ASSIGNORS)))]),
    enableAutoCommit: o.enableAutoCommit ?? false,
    autoCommitIntervalMs: int("autoCommitIntervalMs", o.autoCommitIntervalMs ?? 5_000, 0, 2_147_483_647),
  };
}

export interface ResolvedProducerOptions {
  clientId: string;
  idempotent: boolean;
  transactionalId: string | null;
  transactionTimeoutMs: number;
  partitioner: KeylessStrategy;
  stickyBatchSize: number;
}

export function resolveProducerOptions(o: LogProducerOptions, limits: LogLimits, seq: number): ResolvedProducerOptions {
  if (typeof o !== "object" || o === null) throw new InvalidArgumentError("producer options", "must be an object", o);
  checkOptions(o, PRODUCER_OPTIONS);
  const transactionalId = o.transactionalId === undefined ? null : name("transactionalId", o.transactionalId);
  const idempotent = o.idempotent ?? true;
  if (typeof idempotent !== "boolean") throw new InvalidArgumentError("idempotent", "must be a boolean", o.idempotent);
  if (transactionalId !== null && !idempotent) {
    throw new InvalidArgumentError("idempotent", "must be true when transactionalId is set (transactions need idempotence)", idempotent);
  }
  return {
    clientId: o.clientId === undefined ? `producer-${transactionalId ?? seq}` : name("clientId", o.clientId),
    idempotent,
    transactionalId,
    transactionTimeoutMs: int("transactionTimeoutMs", o.transactionTimeoutMs ?? 60_000, 1, limits.transactionMaxTimeoutMs),
    partitioner: oneOf("partitioner", o.partitioner ?? "sticky", ["sticky", "round-robin"]),
    stickyBatchSize: int("stickyBatchSize", o.stickyBatchSize ?? 16_384, 1, 2_147_483_647),
  };
}
