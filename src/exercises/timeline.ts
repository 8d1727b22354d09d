/**
 * A property's counterexample told as a story: what the broker did and what the learner's code
 * did, one line each, in order ("m1 delivered → handler ran → consumer crashed before ack →
 * m1 redelivered → handler ran again: charge applied twice"). Checks write their own lines with
 * `log` and can follow a broker's trace with `watch`; the failure report prints the lines of the
 * shrunk case.
 */

/** The shape of a broker trace event that the timeline reads (see src/broker/trace.ts). */
interface TraceLike {
  subscribe(listener: (event: { family: string; type: string; at: number; [k: string]: unknown }) => void): () => void;
}

const KEYS = [
  "queue",
  "exchange",
  "routingKey",
  "topic",
  "partition",
  "offset",
  "key",
  "group",
  "memberId",
  "messageId",
  "deliveryTag",
  "consumerTag",
  "deadLetterQueue",
  "receiveCount",
  "fault",
  "reason",
  "requeue",
] as const;

/** One broker trace event as a short line: `exchange publish exchange=orders routingKey=eu.paid`. */
export function describeTraceEvent(e: { family: string; type: string; [k: string]: unknown }): string {
  const parts = KEYS.filter((k) => e[k] !== undefined && typeof e[k] !== "object").map((k) => `${k}=${String(e[k])}`);
  return [`${e.family} ${e.type}`, ...parts].join(" ");
}

/**
 * What the check child installs to turn live brokers into picture data (src/ui/pictures'
 * `brokerPictures`): the check API itself draws nothing, so it stays free of the UI.
 */
const COLLECTOR = Symbol.for("mqtutor.collect-pictures");
type Collector = (brokers: object) => unknown[];

export class Timeline {
  private readonly lines: string[] = [];
  private readonly stops: (() => void)[] = [];
  private readonly shown: object[] = [];

  /** Adds a line in the learner's words: `timeline.log("handler charged order 7")`. */
  log(line: string): void {
    this.lines.push(line);
  }

  /**
   * Follows a broker's trace: each event it records from now on becomes a line. `only` keeps
   * the event types that tell the story (e.g. ["deliver", "ack", "nack", "fault"]).
   */
  watch(trace: TraceLike, only?: readonly string[]): void {
    this.stops.push(
      trace.subscribe((e) => {
        if (!only || only.includes(e.type)) this.lines.push(describeTraceEvent(e));
      }),
    );
  }

  /**
   * Shows these brokers' final state under a failure's story, as pictures (queues with their
   * DLQ, exchanges with their bindings, topics with offsets and owners):
   * `timeline.show({ queues: broker })`, `{ exchanges }`, `{ log }`.
   */
  show(brokers: { queues?: object; exchanges?: object; log?: object }): void {
    this.shown.push(brokers);
  }

  /** Picture data of the shown brokers as they are now (empty outside the check child). */
  pictures(): unknown[] {
    const collect = (globalThis as Record<symbol, unknown>)[COLLECTOR] as Collector | undefined;
    if (!collect) return [];
    try {
      return this.shown.flatMap((b) => collect(b));
    } catch {
      return []; // a picture is a bonus; never let it hide the failure itself
    }
  }

  /** The story so far. */
  entries(): string[] {
    return [...this.lines];
  }

  /** Stops following traces. */
  close(): void {
    for (const stop of this.stops.splice(0)) stop();
  }
}
