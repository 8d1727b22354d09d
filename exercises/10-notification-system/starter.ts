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

export function createNotifier(options: NotifierOptions): {
  notify(request: NotificationRequest): void;
  work(): void;
} {
  const { broker, preferences, providers } = options;

  function handle(channel: Channel, received: QueueMessage): void {
    const m = JSON.parse(received.body) as ChannelMessage;
    // TODO: the same message can arrive twice (a worker that died before its
    // delete, a repeated request): deliver each dedupeKey at most once, using
    // the shared store, which survives restarts.
    // TODO: honour opt-outs made after the request, and the per-user LIMIT.
    const result = providers[channel](m);
    if (result === "ok") {
      broker.deleteMessage(channel, received.receiptHandle);
    }
    // TODO: a failed message is left alone, so it comes back after the 30 s
    // visibility timeout, whatever went wrong. Back off with BACKOFF and full
    // jitter (options.random) instead, and never retry a "permanent" failure.
  }

  return {
    notify(request: NotificationRequest): void {
      // TODO: a caller that retries sends the same idempotencyKey again.
      for (const channel of preferences(request.userId)) {
        const message: ChannelMessage = {
          dedupeKey: `${request.idempotencyKey}:${channel}`,
          userId: request.userId,
          channel,
          text: request.text,
        };
        broker.send(channel, JSON.stringify(message));
      }
    },

    work(): void {
      // One round of the workers' loop: a batch from each channel queue.
      for (const channel of CHANNELS) {
        for (const received of broker.receive(channel, { maxNumberOfMessages: 10 })) handle(channel, received);
      }
    },
  };
}
