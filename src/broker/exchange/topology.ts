/**
 * Exchanges, queues and bindings, and routing through them. Routing gives each queue at most
 * once per publish, however many of its bindings match (STYLE.md, Known traps).
 */
import { argumentsKey } from "./arguments.js";
import { headersMatch } from "./headers-match.js";
import type { QueueState } from "./queue-state.js";
import { TopicTrie } from "./topic-trie.js";
import type { ExchangeBindingArguments, ExchangeFieldValue, ExchangeType } from "./types.js";

export interface BindingRecord {
  /** Identity within its exchange (see ExchangeState.bindingKey). */
  readonly key: string;
  readonly exchange: string;
  readonly queue: QueueState;
  readonly routingKey: string;
  readonly args: ExchangeBindingArguments | undefined;
}

export class ExchangeState {
  /** Identity of a binding: (queue, routing key, arguments), as in RabbitMQ. */
  readonly bindings = new Map<string, BindingRecord>();
  private readonly direct = new Map<string, QueueState[]>();
  private readonly fanout: QueueState[] = [];
  private readonly trie = new TopicTrie<QueueState>();
  private readonly headers: BindingRecord[] = [];

  constructor(
    readonly name: string,
    readonly type: ExchangeType,
    readonly durable: boolean,
    readonly autoDelete: boolean,
  ) {}

  static bindingKey(queue: string, routingKey: string, args: ExchangeBindingArguments | undefined): string {
    return `${queue}\u0000${routingKey}\u0000${argumentsKey(args)}`;
  }

  /** Adds a binding; false when an equal one exists. */
  add(b: BindingRecord): boolean {
    if (this.bindings.has(b.key)) return false;
    this.bindings.set(b.key, b);
    switch (this.type) {
      case "direct": {
        const list = this.direct.get(b.routingKey);
        if (list === undefined) this.direct.set(b.routingKey, [b.queue]);
        else list.push(b.queue);
        break;
      }
      case "fanout":
        this.fanout.push(b.queue);
        break;
      case "topic":
        this.trie.add(b.routingKey, b.queue);
        break;
      case "headers":
        this.headers.push(b);
        break;
    }
    return true;
  }

  /** Removes a binding by identity; false when there was none. */
  remove(key: string): boolean {
    const b = this.bindings.get(key);
    if (b === undefined) return false;
    this.bindings.delete(key);
    switch (this.type) {
      case "direct": {
        const list = this.direct.get(b.routingKey)!;
        list.splice(list.indexOf(b.queue), 1);
        if (list.length === 0) this.direct.delete(b.routingKey);
        break;
      }
      case "fanout":
        this.fanout.splice(this.fanout.indexOf(b.queue), 1);
        break;
      case "topic":
        this.trie.remove(b.routingKey, b.queue);
        break;
      case "headers":
        this.headers.splice(this.headers.indexOf(b), 1);
        break;
    }
    return true;
  }

  /** Pushes the queues this message routes to onto `out`, each once (`mark` stamps them). */
  route(
    routingKey: string,
    headers: Readonly<Record<string, ExchangeFieldValue | undefined>> | undefined,
    mark: number,
    out: QueueState[],
  ): void {
    switch (this.type) {
      case "direct": {
        const list = this.direct.get(routingKey);
        if (list !== undefined) pushMarked(list, mark, out);
        return;
      }
      case "fanout":
        pushMarked(this.fanout, mark, out);
        return;
      case "topic":
        // The trie already gives each queue once.
        for (const q of this.trie.match(routingKey)) {
          q.routeMark = mark;
          out.push(q);
        }
        return;
      case "headers":
        for (const b of this.headers) {
          if (b.queue.routeMark !== mark && headersMatch(b.args ?? {}, headers)) {
            b.queue.routeMark = mark;
            out.push(b.queue);
          }
        }
        return;
    }
  }
}

function pushMarked(list: QueueState[], mark: number, out: QueueState[]): void {
  for (let i = 0; i < list.length; i++) {
    const q = list[i]!;
    if (q.routeMark !== mark) {
      q.routeMark = mark;
      out.push(q);
    }
  }
}

/** The exchanges every RabbitMQ virtual host starts with ("" is the default exchange). */
export const PREDECLARED: ReadonlyArray<readonly [string, ExchangeType]> = [
  ["", "direct"],
  ["amq.direct", "direct"],
  ["amq.fanout", "fanout"],
  ["amq.topic", "topic"],
  ["amq.headers", "headers"],
  ["amq.match", "headers"],
];
