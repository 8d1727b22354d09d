/**
 * Gives every name of a run a prefix on the way in and takes it off everything on the way out,
 * so runs on a shared server never see each other's queues. Both sides are wrapped alike, so
 * whatever the mapping does, it does to both: it can never make them differ.
 *
 * Exchange and queue names get the prefix (not "" nor amq.* ones). A routing key, binding key
 * or dead-letter routing key gets it through the default exchange (it is a queue name there)
 * and wherever it equals the name of a queue of this run, since it may reach the default
 * exchange later: a dead-letter exchange "" without a routing key of its own routes by the
 * message's key. Binding keys and routing keys are mapped alike and the prefix has no dots,
 * so routing is unchanged.
 */
import type { ExchangeBindingArguments, ExchangeMessageProperties, ExchangeType } from "mqtutor/broker";
import type { ChannelFailure, ConsumerEvent, Delivery, PublishOutcome, QueueDeclareOptions, Side } from "./side.js";

export class NamespacedSide implements Side {
  onConsumerEvent: (event: ConsumerEvent) => void = () => {};
  private readonly queueNames = new Set<string>();

  constructor(
    readonly inner: Side,
    readonly prefix: string,
  ) {
    if (/[.#*]/.test(prefix)) throw new Error(`A run prefix must not contain ".", "#" or "*": ${prefix}`);
    inner.onConsumerEvent = (e) => this.onConsumerEvent(this.strip(e));
  }

  get name() {
    return this.inner.name;
  }

  private wire(name: string): string {
    return name === "" || name.startsWith("amq.") ? name : this.prefix + name;
  }
  private key(exchange: string, key: string): string {
    return exchange === "" || this.queueNames.has(key) ? this.wire(key) : key;
  }
  private strip<T>(value: T): T {
    if (typeof value === "string") return value.split(this.prefix).join("") as T;
    if (value === null || typeof value !== "object" || value instanceof Uint8Array) return value;
    if (Array.isArray(value)) return value.map((v) => this.strip(v)) as T;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = this.strip(v);
    return out as T;
  }

  declareExchange(name: string, type: ExchangeType, options?: { durable?: boolean; autoDelete?: boolean }) {
    return this.inner.declareExchange(this.wire(name), type, options);
  }
  deleteExchange(name: string, options?: { ifUnused?: boolean }) {
    return this.inner.deleteExchange(this.wire(name), options);
  }
  async declareQueue(name: string, options: QueueDeclareOptions = {}) {
    if (name !== "") this.queueNames.add(name);
    const args = { ...(options.arguments as Record<string, unknown> | undefined) };
    const dlx = args["x-dead-letter-exchange"];
    if (typeof dlx === "string") {
      args["x-dead-letter-exchange"] = this.wire(dlx);
      const dlrk = args["x-dead-letter-routing-key"];
      if (typeof dlrk === "string") args["x-dead-letter-routing-key"] = this.key(dlx, dlrk);
    }
    const ok = await this.inner.declareQueue(this.wire(name), { ...options, ...(options.arguments !== undefined ? { arguments: args } : {}) });
    return this.strip(ok);
  }
  checkQueue(name: string) {
    return this.inner.checkQueue(this.wire(name));
  }
  deleteQueue(name: string, options?: { ifUnused?: boolean; ifEmpty?: boolean }) {
    return this.inner.deleteQueue(this.wire(name), options);
  }
  purgeQueue(name: string) {
    return this.inner.purgeQueue(this.wire(name));
  }
  bindQueue(queue: string, exchange: string, routingKey: string, args?: ExchangeBindingArguments) {
    return this.inner.bindQueue(this.wire(queue), this.wire(exchange), this.key(exchange, routingKey), args);
  }
  unbindQueue(queue: string, exchange: string, routingKey: string, args?: ExchangeBindingArguments) {
    return this.inner.unbindQueue(this.wire(queue), this.wire(exchange), this.key(exchange, routingKey), args);
  }

  openChannel(id: string) {
    return this.inner.openChannel(id);
  }
  closeChannel(id: string) {
    return this.inner.closeChannel(id);
  }
  prefetch(channel: string, count: number) {
    return this.inner.prefetch(channel, count);
  }
  async publish(exchange: string, routingKey: string, body: string, properties?: ExchangeMessageProperties, options?: { mandatory?: boolean }): Promise<PublishOutcome> {
    return this.inner.publish(this.wire(exchange), this.key(exchange, routingKey), body, properties, options);
  }
  consume(channel: string, queue: string, consumerTag: string, options?: { noAck?: boolean }) {
    return this.inner.consume(channel, this.wire(queue), consumerTag, options);
  }
  cancel(channel: string, consumerTag: string) {
    return this.inner.cancel(channel, consumerTag);
  }
  async get(channel: string, queue: string, options?: { noAck?: boolean }): Promise<Delivery | undefined> {
    return this.strip(await this.inner.get(channel, this.wire(queue), options));
  }
  ack(channel: string, deliveryTag: number, multiple?: boolean) {
    return this.inner.ack(channel, deliveryTag, multiple);
  }
  nack(channel: string, deliveryTag: number, multiple?: boolean, requeue?: boolean) {
    return this.inner.nack(channel, deliveryTag, multiple, requeue);
  }
  reject(channel: string, deliveryTag: number, requeue?: boolean) {
    return this.inner.reject(channel, deliveryTag, requeue);
  }
  wait(ms: number) {
    return this.inner.wait(ms);
  }
  settle(): Promise<ChannelFailure[]> {
    return this.inner.settle();
  }
  dispose() {
    return this.inner.dispose();
  }
}
