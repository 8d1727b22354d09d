import type { Clock, QueueBroker, QueueMessage } from "mqtutor/broker";

export type Channel = "email" | "sms" | "push";
export const CHANNELS: readonly Channel[] = ["email", "sms", "push"];

/** What a caller asks for. A retry of the same request carries the same key. */
export interface NotificationRequest {
  idempotencyKey: string;
  userId: string;
  text: string;
}

/** One channel's message: what the channel queue carries and the provider gets. */
export interface ChannelMessage {
  /** `<idempotencyKey>:<channel>`: delivered at most once. */
  dedupeKey: string;
  userId: string;
  channel: Channel;
  text: string;
}

/** A provider's answer: sent, try again later, or never (a dead token, a bad address). */
export type SendResult = "ok" | "retry" | "permanent";

/** At most `perUser` deliveries to one user on one channel in any `windowSeconds`. */
export const LIMIT = { perUser: 2, windowSeconds: 60 };
/** The backoff window after the n-th failed receive: min(cap, base × 2^(n − 1)). */
export const BACKOFF = { baseSeconds: 2, capSeconds: 60 };
/** Receives of a channel message before the queue moves it to the DLQ. */
export const MAX_RECEIVES = 4;

export interface NotifierOptions {
  broker: QueueBroker;
  clock: Clock;
  /** The channels a user accepts right now. */
  preferences: (userId: string) => readonly Channel[];
  providers: Record<Channel, (message: ChannelMessage) => SendResult>;
  /** Shared by every instance and kept across restarts (think Redis or DynamoDB). */
  store: Map<string, string>;
  /** A number in [0, 1), for the jitter. */
  random: () => number;
}

/** The channel queues, each with its DLQ. Called once, before any notifier starts. */
export function createQueues(broker: QueueBroker): void {
  for (const channel of CHANNELS) {
    broker.createQueue(`${channel}-dlq`, { messageRetentionPeriod: 1_209_600 });
    broker.createQueue(channel, {
      visibilityTimeout: 30,
      redrivePolicy: { deadLetterTargetArn: `${channel}-dlq`, maxReceiveCount: MAX_RECEIVES },
    });
  }
}

/** Full jitter: a whole number of seconds from 0 to the window of the n-th receive. */
function backoffSeconds(receiveCount: number, random: () => number): number {
  const window = Math.min(BACKOFF.capSeconds, BACKOFF.baseSeconds * 2 ** (receiveCount - 1));
  return Math.floor(random() * (window + 1));
}

export function createNotifier(options: NotifierOptions): {
  notify(request: NotificationRequest): void;
  work(): void;
} {
  const { broker, clock, preferences, providers, store, random } = options;
  const windowMs = LIMIT.windowSeconds * 1000;
  const sent = new Set<string>(); // this instance's memory, lost when it dies

  /** Recent delivery times of a user on a channel, oldest first (in the shared store). */
  const recentKey = (m: ChannelMessage) => `recent:${m.userId}:${m.channel}`;
  function recent(m: ChannelMessage): number[] {
    const times = JSON.parse(store.get(recentKey(m)) ?? "[]") as number[];
    return times.filter((t) => t > clock.now() - windowMs);
  }

  function handle(channel: Channel, received: QueueMessage): void {
    const m = JSON.parse(received.body) as ChannelMessage;
    const done = () => broker.deleteMessage(channel, received.receiptHandle);
    // Already delivered (a redelivery, a copy after a crash): drop the copy.
    if (sent.has(m.dedupeKey)) return void done();
    // An opt-out counts from the moment it is made, for queued messages too.
    if (!preferences(m.userId).includes(channel)) return void done();
    // Over the user's limit: defer with a fresh message, which starts a fresh receive
    // count. Hiding this one instead would count towards the DLQ though nothing failed.
    const times = recent(m);
    if (times.length >= LIMIT.perUser) {
      const waitMs = times[times.length - LIMIT.perUser]! + windowMs - clock.now();
      broker.send(channel, received.body, { delaySeconds: Math.ceil(waitMs / 1000) });
      return void done();
    }
    const result = providers[channel](m);
    if (result === "ok") {
      sent.add(m.dedupeKey);
      store.set(recentKey(m), JSON.stringify([...times, clock.now()].slice(-LIMIT.perUser)));
      done();
    } else if (result === "permanent") {
      // Retrying cannot help: park it in the DLQ at once.
      broker.send(`${channel}-dlq`, received.body);
      done();
    } else {
      // Back off through the queue; after MAX_RECEIVES the redrive policy takes it.
      const n = received.attributes.approximateReceiveCount;
      broker.changeMessageVisibility(channel, received.receiptHandle, backoffSeconds(n, random));
    }
  }

  return {
    notify(request: NotificationRequest): void {
      const key = `request:${request.idempotencyKey}`;
      if (store.has(key)) return; // a retry of a request we already fanned out
      for (const channel of preferences(request.userId)) {
        const message: ChannelMessage = {
          dedupeKey: `${request.idempotencyKey}:${channel}`,
          userId: request.userId,
          channel,
          text: request.text,
        };
        broker.send(channel, JSON.stringify(message));
      }
      // Recorded after the sends: a crash in between repeats them, and the
      // dedupe keys absorb the copies.
      store.set(key, "1");
    },

    work(): void {
      // One round of the workers' loop: a batch from each channel queue.
      for (const channel of CHANNELS) {
        for (const received of broker.receive(channel, { maxNumberOfMessages: 10 })) handle(channel, received);
      }
    },
  };
}
