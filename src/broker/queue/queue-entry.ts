/**
 * The broker's record of one queue: settings, store, deduplication window, waiting long polls,
 * and the views `getQueue` and `getQueueAttributes` return.
 */
import type { TimerHandle } from "../clock.js";
import { DedupWindow } from "./dedup-window.js";
import { FifoStore } from "./fifo-store.js";
import type { SettleEvents } from "./message-store.js";
import { queueArn, type QueueSettings } from "./queue-settings.js";
import { StandardStore } from "./standard-store.js";
import type { QueueAttributesSnapshot, QueueInfo, QueueMessage } from "./types.js";

/** A long poll waiting for messages. */
export interface Waiter {
  max: number;
  visibilityMs: number;
  startedAt: number;
  timer: TimerHandle;
  resolve: (messages: QueueMessage[]) => void;
  reject: (error: Error) => void;
}

/** One queue as the broker keeps it. */
export interface QueueEntry {
  readonly name: string;
  /** Broker-wide creation number: receipt handles name it, so they die with their queue. */
  readonly serial: number;
  readonly arn: string;
  readonly settings: QueueSettings;
  readonly store: StandardStore | FifoStore;
  readonly dedup: DedupWindow | undefined;
  readonly events: SettleEvents;
  readonly createdAt: number;
  lastModifiedAt: number;
  lastPurgeAt: number | undefined;
  /** The next FIFO sequence number. */
  nextSequence: number;
  /** Long polls in the order they started. */
  readonly waiters: Waiter[];
  /** The timer that wakes the waiters when the next delay or visibility timeout ends. */
  wake: { handle: TimerHandle; at: number } | undefined;
}

/** A new, empty queue record with these settings. */
export function createEntry(name: string, serial: number, settings: QueueSettings, now: number, events: SettleEvents): QueueEntry {
  return {
    name,
    serial,
    arn: queueArn(name),
    settings,
    store: settings.fifo ? new FifoStore() : new StandardStore(),
    dedup: settings.fifo ? new DedupWindow() : undefined,
    events,
    createdAt: now,
    lastModifiedAt: now,
    lastPurgeAt: undefined,
    nextSequence: 1,
    waiters: [],
    wake: undefined,
  };
}

/** What `getQueue` returns for this queue. */
export function queueInfo(q: QueueEntry): QueueInfo {
  return { name: q.name, arn: q.arn, fifoQueue: q.settings.fifo, createdTimestamp: Math.floor(q.createdAt / 1000) };
}

/** What `getQueueAttributes` returns for this queue (settle it first). */
export function queueSnapshot(q: QueueEntry): QueueAttributesSnapshot {
  const s = q.settings;
  return {
    queueArn: q.arn,
    fifoQueue: s.fifo,
    contentBasedDeduplication: s.contentBasedDeduplication,
    visibilityTimeout: s.visibilityTimeout,
    messageRetentionPeriod: s.messageRetentionPeriod,
    delaySeconds: s.delaySeconds,
    maximumMessageSize: s.maximumMessageSize,
    receiveMessageWaitTimeSeconds: s.receiveMessageWaitTimeSeconds,
    redrivePolicy: s.redrive && { deadLetterTargetArn: queueArn(s.redrive.deadLetterQueue), maxReceiveCount: s.redrive.maxReceiveCount },
    createdTimestamp: Math.floor(q.createdAt / 1000),
    lastModifiedTimestamp: Math.floor(q.lastModifiedAt / 1000),
    approximateNumberOfMessages: q.store.visibleCount,
    approximateNumberOfMessagesNotVisible: q.store.inflightCount,
    approximateNumberOfMessagesDelayed: q.store.delayedCount,
  };
}
