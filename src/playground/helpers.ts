/**
 * The playground's shortcuts: one-line calls for what a learner does most (create, send,
 * receive, publish, produce, consume, move the clock), each a thin wrapper over the families'
 * own API so that what it prints is what the broker did.
 */
import {
  type Brokers,
  ExchangeBroker,
  type ExchangeDelivery,
  type ExchangeType,
  type LogConsumer,
  type LogProducer,
  ManualClock,
  type ProducerRecord,
  type QueueAttributes,
  type QueueMessage,
  type TopicConfig,
  UnknownResourceError,
} from "../broker/index.js";

export interface PlaygroundBrokers extends Brokers {
  clock: ManualClock;
  /** The producer `produce()` sends with (in scope as `producer`, for the log's producer faults). */
  producer: LogProducer;
}

export interface HelperHost {
  /** The live broker (replaced by `reset()`). */
  brokers(): PlaygroundBrokers;
  /** Prints one line to the learner. */
  print(line: string): void;
  /** The picture lines for `draw(name)`. */
  draw(args: string): string[];
  /** Starts again with an empty broker. */
  reset(): void;
  /** The value of a global, to find a clock of the learner's own. */
  global(name: string): unknown;
}

const UNITS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * Milliseconds from a number of ms or a duration such as "250ms", "5s", "2m", "1h", "1d" or
 * "1h30m".
 * @throws RangeError naming what was given and what is accepted.
 */
export function parseDuration(d: unknown): number {
  if (typeof d === "number" && Number.isFinite(d) && d >= 0) return d;
  if (typeof d === "string" && /^(\s*\d+(\.\d+)?\s*(ms|s|m|h|d)\s*)+$/.test(d)) {
    let ms = 0;
    for (const [, n, unit] of d.matchAll(/(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)/g)) ms += Number(n) * UNITS[unit!]!;
    return ms;
  }
  throw new RangeError(
    `advance() takes milliseconds or a duration; got ${typeof d === "string" ? JSON.stringify(d) : String(d)}.\n` +
      `Write advance(5000), advance("5s"), advance("250ms"), advance("2m"), advance("1h30m").`,
  );
}

/** One trace event on one line: `#12 @30000ms queue receive queue=jobs …`. */
export function formatEvent(e: { seq: number; at: number; family: string; type: string } & Record<string, unknown>): string {
  const rest = Object.entries(e)
    .filter(([k]) => !["seq", "at", "family", "type"].includes(k))
    .map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`);
  return [`#${e.seq}`, `@${e.at}ms`, e.family, e.type, ...rest].join(" ");
}

export function createHelpers(host: HelperHost) {
  const b = () => host.brokers();
  // The group members made here, for the broker they belong to (reset() starts a new list).
  let members = new Map<string, LogConsumer[]>();
  let membersOf: PlaygroundBrokers | null = null;
  const groupMembers = () => {
    if (membersOf !== b()) [members, membersOf] = [new Map(), b()];
    return members;
  };
  const member = (groupId: string, topics: string | string[], clientId?: string): LogConsumer => {
    const list = groupMembers().get(groupId) ?? [];
    const c = b().log.consumer({ groupId, clientId: clientId ?? `${groupId}-${list.length + 1}`, autoOffsetReset: "earliest" });
    c.subscribe(Array.isArray(topics) ? topics : [topics]);
    groupMembers().set(groupId, [...list, c]);
    return c;
  };

  return {
    /** Moves the clock (and a ManualClock of your own named `clock`); returns the new time in ms. */
    advance(duration: number | string): number {
      const ms = parseDuration(duration);
      const own = host.global("clock");
      if (own instanceof ManualClock && own !== b().clock) own.advance(ms);
      b().clock.advance(ms);
      return b().clock.now();
    },
    now: (): number => b().clock.now(),
    queue: (name: string, attributes?: QueueAttributes) => b().queues.createQueue(name, attributes),
    /** Gives `queue` a dead-letter queue (created if missing) after `maxReceiveCount` receives. */
    dlq(queue: string, deadLetterQueue: string, maxReceiveCount = 3) {
      if (!b().queues.listQueues().includes(deadLetterQueue)) b().queues.createQueue(deadLetterQueue);
      b().queues.setQueueAttributes(queue, { redrivePolicy: { deadLetterTargetArn: deadLetterQueue, maxReceiveCount } });
      return b().queues.getQueueAttributes(queue).redrivePolicy;
    },
    send: (queue: string, body: string, options?: Parameters<Brokers["queues"]["send"]>[2]) => b().queues.send(queue, body, options),
    receive: (queue: string, max = 1): QueueMessage[] => b().queues.receive(queue, { maxNumberOfMessages: max }),
    deleteMessage: (queue: string, message: QueueMessage | string): boolean =>
      b().queues.deleteMessage(queue, typeof message === "string" ? message : message.receiptHandle),
    exchange: (name: string, type: ExchangeType = "direct") => b().exchanges.declareExchange(name, type),
    /** Declares `queue` if it does not exist, then binds it. */
    bind(queue: string, exchange: string, routingKey = "", args?: Record<string, unknown>) {
      const x: ExchangeBroker = b().exchanges;
      try {
        x.checkQueue(queue);
      } catch (e) {
        if (!(e instanceof UnknownResourceError)) throw e;
        x.declareQueue(queue);
      }
      x.bindQueue(queue, exchange, routingKey, args as Parameters<ExchangeBroker["bindQueue"]>[3]);
    },
    publish: (exchange: string, routingKey: string, body: string, properties?: Parameters<ExchangeBroker["publish"]>[3]) =>
      b().exchanges.publish(exchange, routingKey, body, properties),
    /** basic.get: one message, unacked until you ack or nack it. */
    get: (queue: string) => b().exchanges.get(queue),
    ack: (delivery: ExchangeDelivery | { deliveryTag: number }) => b().exchanges.ack(delivery.deliveryTag),
    nack: (delivery: ExchangeDelivery | { deliveryTag: number }, requeue = true) => b().exchanges.nack(delivery.deliveryTag, false, requeue),
    topic: (name: string, partitions = 1, config?: Omit<TopicConfig, "partitions">) => b().log.createTopic(name, { ...config, partitions }),
    /** produce(topic, key, value) or produce(topic, [records]). */
    produce(topic: string, keyOrRecords: string | null | ProducerRecord[], value?: string) {
      const records = Array.isArray(keyOrRecords) ? keyOrRecords : [{ key: keyOrRecords, value: value ?? null }];
      const sent = b().producer.send(topic, records);
      return Array.isArray(keyOrRecords) ? sent : sent[0];
    },
    member,
    /** Polls as a member of `groupId` (the first one made here that reads `topic`, or a new one). */
    consume(topic: string, groupId: string, max?: number) {
      const reader = (groupMembers().get(groupId) ?? []).find((c) => c.subscription().includes(topic)) ?? member(groupId, topic);
      return reader.poll(max);
    },
    /** Commits what the group's members made here have read; returns the group's offsets. */
    commit(groupId: string) {
      for (const c of groupMembers().get(groupId) ?? []) c.commitSync();
      return b().log.groupOffsets(groupId);
    },
    events(n = 10): void {
      for (const e of b().trace.events().slice(-n)) host.print(formatEvent(e as never));
    },
    draw(name?: string): void {
      for (const line of host.draw(name ?? "")) host.print(line);
    },
    reset: (): void => host.reset(),
  };
}

export type Helpers = ReturnType<typeof createHelpers>;
