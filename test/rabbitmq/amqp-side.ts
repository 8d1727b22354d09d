/**
 * A real RabbitMQ behind the Side interface, through amqplib. (NamespacedSide gives a run's
 * names their prefix; this side uses names as given.)
 *
 * `settle()` is a barrier, not a sleep. RabbitMQ is asynchronous: a publish is confirmed before
 * the queue has handed the message to its consumers, an ack reaches the queue after the client
 * sent it. On one node, Erlang delivers messages between two processes in order, so:
 *   1. a no-op round trip on every channel (exchange.declare passive) proves the channel process
 *      has handled our earlier frames (acks, nacks, cancels) and passed them on to the queues;
 *   2. queue.declare passive on every queue makes each queue process answer after it handled
 *      those messages and sent what they caused (deliveries to channels, dead letters to other
 *      queues: when a queue has a dead-letter exchange, a second pass covers that hop);
 *   3. a second round trip on every channel returns after the deliveries the queues sent it,
 *      because the channel process forwards them to the socket before our reply.
 * Passive declares renew an x-expires lease, so queues with x-expires are left out of step 2.
 * Quorum queues run through Ra (a log replicated even on one node), outside that ordering:
 * when one exists, settle first waits QUORUM_SETTLE_MS.
 */
import { type Channel, type ChannelModel, type ConfirmChannel, type ConsumeMessage, type GetMessage, connect } from "amqplib";
import type { ExchangeBindingArguments, ExchangeMessageProperties, ExchangeType } from "mqtutor/broker";
import type { ChannelFailure, ConsumerEvent, Delivery, PublishOutcome, QueueDeclareOptions, Side } from "./side.js";

const QUORUM_SETTLE_MS = 60;
const STAT_PASSES = 2;

interface OpenChannel {
  readonly ch: Channel;
  closed: boolean;
}

/** An error from RabbitMQ, with its AMQP reply code (or "channel closed"). */
export class AmqpError extends Error {
  constructor(
    readonly replyCode: number | string,
    message: string,
  ) {
    super(message);
  }
}

export async function connectRabbitmq(url: string, timeoutMs = 3000): Promise<ChannelModel> {
  return connect(url, { timeout: timeoutMs });
}

export class AmqpSide implements Side {
  readonly name = "rabbitmq" as const;
  onConsumerEvent: (event: ConsumerEvent) => void = () => {};
  private readonly channels = new Map<string, OpenChannel>();
  private control: OpenChannel | undefined;
  private publisher: { ch: ConfirmChannel; closed: boolean; failure: number | string | undefined; returned: boolean } | undefined;
  private failures: ChannelFailure[] = [];
  /** Wire names of what this run declared, for dispose(). */
  private readonly queues = new Set<string>();
  private readonly exchanges = new Set<string>();
  /** Wire names of queues settle() may passively declare (no x-expires). */
  private readonly statQueues = new Set<string>();
  private quorum = false;
  /**
   * Whether a queue may send something on its own: to a consumer, or to another queue (a dead
   * letter). Until then a publish's confirm (or a get) already orders everything, and settle
   * skips the passive declares.
   */
  private queuesPush = false;
  /** A queue may dead-letter into another: settle needs a second pass for that hop. */
  private deadLetters = false;
  private readonly startedAt = performance.now();
  private waited = 0;

  constructor(private readonly model: ChannelModel) {}

  // ---- channels -------------------------------------------------------------------------

  private async open(id: string): Promise<OpenChannel> {
    const ch = await this.model.createChannel();
    const entry: OpenChannel = { ch, closed: false };
    ch.on("error", (err: { code?: number }) => {
      if (id !== "") this.failures.push({ channel: id, code: err.code ?? String(err) });
    });
    ch.on("close", () => {
      entry.closed = true;
    });
    return entry;
  }

  /** The hidden channel for declarations and barriers; reopened after a channel error. */
  private async ctl(): Promise<Channel> {
    if (this.control === undefined || this.control.closed) this.control = await this.open("");
    return this.control.ch;
  }

  private async pub(): Promise<NonNullable<AmqpSide["publisher"]>> {
    if (this.publisher === undefined || this.publisher.closed) {
      const ch = await this.model.createConfirmChannel();
      const p: NonNullable<AmqpSide["publisher"]> = { ch, closed: false, failure: undefined, returned: false };
      ch.on("error", (err: { code?: number }) => {
        p.failure = err.code ?? String(err);
      });
      ch.on("close", () => {
        p.closed = true;
      });
      ch.on("return", () => {
        p.returned = true;
      });
      this.publisher = p;
    }
    return this.publisher;
  }

  private chan(id: string): Channel {
    const c = this.channels.get(id);
    if (c === undefined || c.closed) throw new AmqpError("channel closed", `channel ${id} is closed`);
    return c.ch;
  }

  /** Runs an AMQP call, turning amqplib's errors into AmqpError with the reply code. */
  private async call<T>(fn: () => Promise<T> | T): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      if (e instanceof AmqpError) throw e;
      const code = (e as { code?: unknown }).code;
      throw new AmqpError(typeof code === "number" ? code : "channel closed", e instanceof Error ? e.message : String(e));
    }
  }

  // ---- declarations ---------------------------------------------------------------------

  declareExchange(name: string, type: ExchangeType, options?: { durable?: boolean; autoDelete?: boolean }): Promise<void> {
    return this.call(async () => {
      this.exchanges.add(name);
      await (await this.ctl()).assertExchange(name, type, options);
    });
  }
  deleteExchange(name: string, options?: { ifUnused?: boolean }): Promise<void> {
    return this.call(async () => void (await (await this.ctl()).deleteExchange(name, options)));
  }
  declareQueue(name: string, options: QueueDeclareOptions = {}): Promise<{ queue: string; messageCount: number; consumerCount: number }> {
    return this.call(async () => {
      const args = { ...(options.arguments as Record<string, unknown> | undefined) };
      const dlx = args["x-dead-letter-exchange"];
      if (name !== "") this.queues.add(name);
      const ok = await (await this.ctl()).assertQueue(name, { ...options, arguments: args });
      this.queues.add(ok.queue);
      if (args["x-expires"] === undefined) this.statQueues.add(ok.queue);
      if (args["x-queue-type"] === "quorum") this.quorum = true;
      if (dlx !== undefined) this.queuesPush = this.deadLetters = true;
      return { queue: ok.queue, messageCount: ok.messageCount, consumerCount: ok.consumerCount };
    });
  }
  checkQueue(name: string): Promise<{ messageCount: number; consumerCount: number }> {
    return this.call(async () => {
      const ok = await (await this.ctl()).checkQueue(name);
      return { messageCount: ok.messageCount, consumerCount: ok.consumerCount };
    });
  }
  deleteQueue(name: string, options?: { ifUnused?: boolean; ifEmpty?: boolean }): Promise<{ messageCount: number }> {
    return this.call(async () => {
      const ok = await (await this.ctl()).deleteQueue(name, options);
      this.statQueues.delete(name);
      return { messageCount: ok.messageCount };
    });
  }
  purgeQueue(name: string): Promise<{ messageCount: number }> {
    return this.call(async () => ({ messageCount: (await (await this.ctl()).purgeQueue(name)).messageCount }));
  }
  bindQueue(queue: string, exchange: string, routingKey: string, args?: ExchangeBindingArguments): Promise<void> {
    return this.call(async () => void (await (await this.ctl()).bindQueue(queue, exchange, routingKey, toWire(args))));
  }
  unbindQueue(queue: string, exchange: string, routingKey: string, args?: ExchangeBindingArguments): Promise<void> {
    return this.call(async () => void (await (await this.ctl()).unbindQueue(queue, exchange, routingKey, toWire(args))));
  }

  // ---- channels and messages ------------------------------------------------------------

  openChannel(id: string): Promise<void> {
    return this.call(async () => void this.channels.set(id, await this.open(id)));
  }
  closeChannel(id: string): Promise<void> {
    return this.call(async () => {
      const ch = this.chan(id);
      this.channels.delete(id);
      await ch.close();
    });
  }
  prefetch(channel: string, count: number): Promise<void> {
    return this.call(async () => void (await this.chan(channel).prefetch(count)));
  }

  publish(exchange: string, routingKey: string, body: string, properties: ExchangeMessageProperties = {}, options: { mandatory?: boolean } = {}): Promise<PublishOutcome> {
    return this.call(async () => {
      const p = await this.pub();
      p.returned = false;
      const opts = { ...properties, ...(properties.headers !== undefined ? { headers: toWire(properties.headers) } : {}), mandatory: options.mandatory ?? false };
      const nacked = await new Promise<boolean>((resolve) => {
        p.ch.publish(exchange, routingKey, Buffer.from(body), opts, (err) => resolve(err !== null && err !== undefined));
      });
      // A channel error (404 for an unknown exchange) also fails the confirm callback: wait for
      // the close to be reported, then tell it from a plain nack.
      if (nacked) await new Promise((r) => setTimeout(r, 5));
      if (p.failure !== undefined) throw new AmqpError(p.failure, `publish failed: ${p.failure}`);
      return { returned: p.returned, confirm: nacked ? "nack" : "ack" };
    });
  }

  consume(channel: string, queue: string, consumerTag: string, options: { noAck?: boolean } = {}): Promise<void> {
    return this.call(async () => {
      this.queuesPush = true;
      await this.chan(channel).consume(
        queue,
        (msg) => {
          if (msg === null) this.onConsumerEvent({ kind: "cancelled", consumer: consumerTag });
          else this.onConsumerEvent({ kind: "delivery", delivery: this.delivery(msg, channel) });
        },
        { consumerTag, noAck: options.noAck ?? false },
      );
    });
  }
  cancel(channel: string, consumerTag: string): Promise<void> {
    return this.call(async () => void (await this.chan(channel).cancel(consumerTag)));
  }
  get(channel: string, queue: string, options: { noAck?: boolean } = {}): Promise<Delivery | undefined> {
    return this.call(async () => {
      const msg = await this.chan(channel).get(queue, { noAck: options.noAck ?? false });
      return msg === false ? undefined : { ...this.delivery(msg, channel), messageCount: msg.fields.messageCount };
    });
  }
  ack(channel: string, deliveryTag: number, multiple = false): Promise<void> {
    return this.call(() => this.chan(channel).ack(tagged(deliveryTag), multiple));
  }
  nack(channel: string, deliveryTag: number, multiple = false, requeue = true): Promise<void> {
    return this.call(() => this.chan(channel).nack(tagged(deliveryTag), multiple, requeue));
  }
  reject(channel: string, deliveryTag: number, requeue = true): Promise<void> {
    return this.call(() => this.chan(channel).reject(tagged(deliveryTag), requeue));
  }

  private delivery(msg: ConsumeMessage | GetMessage, channel: string): Delivery {
    const f = msg.fields as ConsumeMessage["fields"] & Partial<GetMessage["fields"]>;
    return {
      consumer: f.consumerTag ?? "",
      channel,
      deliveryTag: f.deliveryTag,
      redelivered: f.redelivered,
      exchange: f.exchange,
      routingKey: f.routingKey,
      body: msg.content.toString("utf8"),
      properties: { ...msg.properties } as Record<string, unknown>,
    };
  }

  // ---- time and barriers ----------------------------------------------------------------

  wait(ms: number): Promise<void> {
    this.waited += ms;
    return new Promise((r) => setTimeout(r, ms));
  }

  /**
   * Wall time spent beyond the waits asked for (calls, barriers, timer lateness), in ms: how much
   * later than the bundled broker's clock RabbitMQ's side may have looked at a message.
   */
  get lateness(): number {
    return performance.now() - this.startedAt - this.waited;
  }

  async settle(): Promise<ChannelFailure[]> {
    if (this.quorum) await new Promise((r) => setTimeout(r, QUORUM_SETTLE_MS));
    await this.syncChannels();
    const passes = this.deadLetters ? STAT_PASSES : this.queuesPush ? 1 : 0;
    for (let pass = 0; pass < passes; pass++) {
      for (const q of [...this.statQueues]) {
        try {
          await (await this.ctl()).checkQueue(q);
        } catch {
          this.statQueues.delete(q); // gone (auto-delete, deleted by a test): nothing more to wait for
        }
      }
    }
    await this.syncChannels();
    const out = this.failures;
    this.failures = [];
    return out;
  }

  private async syncChannels(): Promise<void> {
    for (const c of this.channels.values()) {
      if (c.closed) continue;
      try {
        await c.ch.checkExchange("amq.direct");
      } catch {
        // The channel failed; its 'error' event recorded why.
      }
    }
  }

  async dispose(): Promise<void> {
    for (const c of this.channels.values()) if (!c.closed) await c.ch.close().catch(() => {});
    this.channels.clear();
    for (const q of this.queues) await this.call(async () => (await this.ctl()).deleteQueue(q)).catch(() => {});
    for (const x of this.exchanges) await this.call(async () => (await this.ctl()).deleteExchange(x)).catch(() => {});
    if (this.control !== undefined && !this.control.closed) await this.control.ch.close().catch(() => {});
    if (this.publisher !== undefined && !this.publisher.closed) await this.publisher.ch.close().catch(() => {});
  }
}

/** amqplib settles by `message.fields.deliveryTag`. */
function tagged(deliveryTag: number): ConsumeMessage {
  return { fields: { deliveryTag } } as ConsumeMessage;
}

/** Field tables for amqplib: it encodes Buffers as byte arrays, other Uint8Arrays would become tables. */
function toWire<T>(table: T): T {
  if (table === undefined || table === null || typeof table !== "object") return table;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(table)) out[k] = v instanceof Uint8Array && !Buffer.isBuffer(v) ? Buffer.from(v) : v;
  return out as T;
}
