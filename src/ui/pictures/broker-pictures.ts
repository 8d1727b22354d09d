/**
 * Pictures of a whole broker, or of the resources with one name: the entry point for the
 * playground's `.draw` and for any screen that shows broker state.
 *
 * Collecting and drawing are separate steps. `brokerPictures` reads live brokers through their
 * public inspection API and returns plain data (JSON-safe); `drawPictures` turns that data into
 * lines. So a check that runs in a child process can collect the final state, send it back
 * with its result, and the exercise screen can draw it at its own width:
 *
 * @example
 *   // in the process that owns the broker
 *   const pictures = brokerPictures({ queues, exchanges, log });        // all resources
 *   const orders = brokerPictures({ log }, "orders");                   // one name, any family
 *   // anywhere (the pictures are plain data)
 *   const lines = drawPictures(pictures, { width: 80, ascii: prefersAscii(process.env) });
 *   // or one picture at a time: drawTopic(topicPicture(log, "orders"), { width: 60 })
 */
import type { ExchangeBroker, LogBroker, QueueBroker } from "../../broker/index.js";
import {
  type ExchangePicture,
  type ExchangeQueueDepth,
  drawExchange,
  drawExchangeQueue,
  exchangePicture,
  exchangeQueuePicture,
} from "./exchange.js";
import type { PictureOptions } from "./layout.js";
import { type QueuePicture, drawQueue, queuePicture } from "./queue.js";
import { type TopicPicture, drawTopic, topicPicture } from "./topic.js";

/** Any of the three families, as `createBroker()` returns them (each optional). */
export interface BrokerFamilies {
  queues?: QueueBroker;
  exchanges?: ExchangeBroker;
  log?: LogBroker;
}

/** One resource's picture data, tagged with what it is. */
export type ResourcePicture =
  | { kind: "topic"; picture: TopicPicture }
  | { kind: "queue"; picture: QueuePicture }
  | { kind: "exchange"; picture: ExchangePicture }
  | { kind: "exchange-queue"; picture: ExchangeQueueDepth };

/**
 * Collects the pictures of every resource named `name` in any family (a topic, an SQS-like
 * queue, an exchange or an exchange-family queue may share a name), or, without a name, of
 * everything: topics, queues, the exchanges declared or bound (not the idle predeclared
 * `amq.*` ones), and the exchange-family queues that no drawn exchange routes to.
 */
export function brokerPictures(brokers: BrokerFamilies, name?: string): ResourcePicture[] {
  const out: ResourcePicture[] = [];
  const { log, queues, exchanges } = brokers;
  const topics = log?.listTopics() ?? [];
  for (const t of topics) if (name === undefined || t === name) out.push({ kind: "topic", picture: topicPicture(log!, t) });
  for (const q of queues?.listQueues() ?? []) if (name === undefined || q === name) out.push({ kind: "queue", picture: queuePicture(queues!, q) });
  if (exchanges) {
    const snap = exchanges.snapshot();
    const shown = snap.exchanges.filter((x) =>
      name === undefined ? x.bindings.length > 0 || (x.name !== "" && !x.name.startsWith("amq.")) : x.name === name,
    );
    for (const x of shown) out.push({ kind: "exchange", picture: exchangePicture(snap, x.name) });
    const routed = new Set(shown.flatMap((x) => x.bindings.map((b) => b.queue)));
    for (const q of snap.queues) {
      if (name === undefined ? !routed.has(q.name) : q.name === name) out.push({ kind: "exchange-queue", picture: exchangeQueuePicture(snap, q.name) });
    }
  }
  return out;
}

/** Draws one picture. */
export function drawPicture(p: ResourcePicture, options: PictureOptions): string[] {
  switch (p.kind) {
    case "topic":
      return drawTopic(p.picture, options);
    case "queue":
      return drawQueue(p.picture, options);
    case "exchange":
      return drawExchange(p.picture, options);
    case "exchange-queue":
      return drawExchangeQueue(p.picture, options);
  }
}

/** Draws pictures one after another, a blank line between two. */
export function drawPictures(pictures: readonly ResourcePicture[], options: PictureOptions): string[] {
  return pictures.flatMap((p, i) => [...(i > 0 ? [""] : []), ...drawPicture(p, options)]);
}
