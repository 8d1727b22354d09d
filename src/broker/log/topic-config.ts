/**
 * Topic names and settings: Kafka's defaults and the limits Kafka enforces.
 */
import { InvalidArgumentError } from "../errors.js";
import { checkOptions, optionSpec } from "../options.js";
import type { ResolvedTopicConfig, TopicConfig } from "./types.js";

/** Kafka's defaults for the settings we model (broker defaults of Kafka 4.x). */
export const TOPIC_DEFAULTS: ResolvedTopicConfig = Object.freeze({
  partitions: 1,
  retentionMs: 604_800_000,
  retentionBytes: -1,
  segmentBytes: 1_073_741_824,
  segmentMs: 604_800_000,
  maxMessageBytes: 1_048_588,
  messageTimestampAfterMaxMs: 3_600_000,
});

const TOPIC_SETTINGS = optionSpec("createTopic()", Object.keys(TOPIC_DEFAULTS), { noun: "setting" });

/** Our cap on partitions per topic (Kafka has no per-topic cap; this keeps a typo from allocating millions). */
export const MAX_PARTITIONS = 10_000;

const INT32_MAX = 2_147_483_647;
const LEGAL_NAME = /^[a-zA-Z0-9._-]+$/;

/** Kafka's topic-name rule: 1..249 of [a-zA-Z0-9._-], and not "." or "..". */
export function validateTopicName(name: unknown): asserts name is string {
  if (typeof name !== "string" || name.length === 0 || name.length > 249 || !LEGAL_NAME.test(name) || name === "." || name === "..") {
    throw new InvalidArgumentError(
      "topic name",
      'must be 1 to 249 characters from a-z A-Z 0-9 . _ - and not "." or ".."',
      name,
    );
  }
}

function integerIn(what: string, v: unknown, min: number, max: number, rule?: string): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) {
    throw new InvalidArgumentError(what, rule ?? `must be an integer from ${min} to ${max}`, v);
  }
  return v;
}

/** Validates a partition count. */
export function validatePartitionCount(v: unknown): number {
  return integerIn("partitions", v, 1, MAX_PARTITIONS);
}

/** Fills defaults and checks every setting; throws InvalidArgumentError on the first bad one. */
export function resolveTopicConfig(config: TopicConfig | undefined): ResolvedTopicConfig {
  checkOptions(config, TOPIC_SETTINGS);
  const c = { ...TOPIC_DEFAULTS, ...stripUndefined(config ?? {}) };
  return Object.freeze({
    partitions: validatePartitionCount(c.partitions),
    retentionMs: integerIn("retentionMs", c.retentionMs, -1, Number.MAX_SAFE_INTEGER, "must be -1 (forever) or an integer >= 0"),
    retentionBytes: integerIn("retentionBytes", c.retentionBytes, -1, Number.MAX_SAFE_INTEGER, "must be -1 (no limit) or an integer >= 0"),
    // Kafka 4.x requires at least 1 MiB (KIP-1030); we keep 3.x's minimum of 14 so a lesson can
    // roll segments, and see retention act, with a handful of small records.
    segmentBytes: integerIn("segmentBytes", c.segmentBytes, 14, INT32_MAX),
    segmentMs: integerIn("segmentMs", c.segmentMs, 1, Number.MAX_SAFE_INTEGER, "must be an integer >= 1"),
    maxMessageBytes: integerIn("maxMessageBytes", c.maxMessageBytes, 0, INT32_MAX),
    messageTimestampAfterMaxMs: integerIn("messageTimestampAfterMaxMs", c.messageTimestampAfterMaxMs, 0, Number.MAX_SAFE_INTEGER, "must be an integer >= 0"),
  });
}

function stripUndefined(o: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}
