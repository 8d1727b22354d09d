/**
 * The broker's connections and channels. A dropped connection closes its channels, which
 * cancels their consumers and requeues their unacked deliveries (redelivered = true).
 */
import { UnknownResourceError } from "../errors.js";
import type { DeliveryEngine } from "./delivery-engine.js";
import { ChannelClosedError } from "./errors.js";
import type { ChannelState, ConsumerState } from "./queue-state.js";
import { closeChannelState } from "./consumer-lifecycle.js";

interface ConnectionState {
  readonly id: number;
  readonly channels: ChannelState[];
  open: boolean;
}

export class Connections {
  private readonly connections = new Map<number, ConnectionState>();
  private nextConnectionId = 1;
  private nextChannelId = 1;

  constructor(
    private readonly engine: DeliveryEngine,
    /** Called after a channel or connection closed (the broker reopens its default channel). */
    private readonly afterClose: () => void,
  ) {}

  open(): number {
    const id = this.nextConnectionId++;
    this.connections.set(id, { id, channels: [], open: true });
    this.engine.record({ type: "connection-open", connection: id });
    return id;
  }

  isOpen(id: number): boolean {
    return this.connections.get(id)?.open ?? false;
  }

  openChannel(connection: number): ChannelState {
    const conn = this.connections.get(connection);
    if (conn === undefined || !conn.open) throw new ChannelClosedError("connection", connection);
    const ch: ChannelState = {
      id: this.nextChannelId++,
      connection,
      nextTag: 1,
      unacked: new Map(),
      consumers: new Map(),
      lostTags: new Set(),
      prefetch: 0,
      open: true,
    };
    conn.channels.push(ch);
    this.engine.record({ type: "channel-open", connection, channel: ch.id });
    return ch;
  }

  closeChannel(ch: ChannelState): void {
    if (!ch.open) return;
    const requeued = closeChannelState(this.engine, ch);
    const conn = this.connections.get(ch.connection);
    if (conn !== undefined) conn.channels.splice(conn.channels.indexOf(ch), 1);
    this.engine.record({ type: "channel-close", channel: ch.id, requeued });
    this.afterClose();
    this.engine.flush();
  }

  /** Closes a connection and its channels; returns how many deliveries were requeued. */
  close(id: number, reason: "client" | "fault"): number {
    const conn = this.connections.get(id);
    if (conn === undefined) throw new UnknownResourceError("connection", String(id), "Use the id of a connection this broker opened.");
    if (!conn.open) return 0;
    let requeued = 0;
    for (const ch of [...conn.channels]) {
      const n = closeChannelState(this.engine, ch);
      requeued += n;
      this.engine.record({ type: "channel-close", channel: ch.id, requeued: n });
    }
    conn.channels.length = 0;
    conn.open = false;
    this.engine.record({ type: "connection-close", connection: id, requeued, reason });
    this.afterClose();
    this.engine.flush();
    return requeued;
  }

  /** A consumer by tag on any open channel (the first one found, in channel order). */
  findConsumer(consumerTag: string): ConsumerState | undefined {
    for (const conn of this.connections.values()) {
      for (const ch of conn.channels) {
        const c = ch.consumers.get(consumerTag);
        if (c !== undefined) return c;
      }
    }
    return undefined;
  }

  /** Open channels in id order. */
  channels(): ChannelState[] {
    const out: ChannelState[] = [];
    for (const conn of this.connections.values()) out.push(...conn.channels);
    return out.sort((a, b) => a.id - b.id);
  }
}
