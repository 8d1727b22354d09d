/**
 * Runs a scenario on both sides and decides whether they agree: equal after normalising, or
 * different in exactly the known, listed ways (known-differences.ts) and no other.
 */
import type { ChannelModel } from "amqplib";
import { AmqpSide } from "./amqp-side.js";
import { BundledSide } from "./bundled-side.js";
import { type Difference, diffLogs, formatDiff, type NormalLog, normalizeLog } from "./compare.js";
import { type KnownRef, applyKnown, knownId } from "./known-differences.js";
import { NamespacedSide } from "./namespaced-side.js";
import { MAIN, Script } from "./script.js";
import type { Side } from "./side.js";

export interface Scenario {
  /** Says what is checked; names the scenario in every diff. */
  readonly name: string;
  /** Differences this scenario shows on purpose (each listed in the exchange README). */
  readonly known?: readonly KnownRef[];
  /** Differences that may show but need not (the model run's random cases). */
  readonly allowed?: readonly KnownRef[];
  run(t: Script): Promise<void>;
}

export interface Verdict {
  readonly ok: boolean;
  /** Runs on RabbitMQ it took (a timing scenario is run again when RabbitMQ's side ran late). */
  readonly attempts?: number;
  /** Why not, as a readable diff (empty when ok). */
  readonly report: string;
  readonly bundled: NormalLog;
  readonly rabbitmq: NormalLog;
}

/** A prefix no other run uses: the process id and a random part. */
export function runPrefix(): string {
  return `mqt-${process.pid.toString(36)}${Math.random().toString(36).slice(2, 7)}-`;
}

export async function runOnSide(scenario: Scenario, side: Side, beforeDispose?: () => void): Promise<NormalLog> {
  const t = new Script(side);
  try {
    await t.openChannel(MAIN);
    await scenario.run(t);
  } finally {
    beforeDispose?.();
    await side.dispose();
  }
  return normalizeLog(t.steps);
}

/**
 * How late RabbitMQ's side may run before a timing check means nothing: every scenario keeps
 * its checks at least this far from the TTLs they test.
 */
export const TIMING_MARGIN_MS = 100;
const TIMING_ATTEMPTS = 3;

export interface RunOptions {
  /** Name of the server for reports, e.g. "RabbitMQ 3.10.8". */
  against: string;
}

export async function runScenario(scenario: Scenario, model: ChannelModel, prefix: string, options: RunOptions): Promise<Verdict> {
  const bundled = await runOnSide(scenario, new NamespacedSide(new BundledSide(), prefix));
  const timed = bundled.some((s) => s.op.startsWith("wait("));
  for (let attempt = 1; ; attempt++) {
    const side = new AmqpSide(model);
    let lateness = 0;
    const rabbitmq = await runOnSide(scenario, new NamespacedSide(side, `${prefix}${attempt}-`), () => (lateness = side.lateness));
    const verdict = { ...judge(scenario, bundled, rabbitmq, options.against), attempts: attempt };
    // A loaded machine can make RabbitMQ's side look at a message later than the TTL margin
    // allows; such a failure proves nothing, so the scenario runs again.
    if (verdict.ok || !timed || lateness <= TIMING_MARGIN_MS || attempt === TIMING_ATTEMPTS) return verdict;
  }
}

/**
 * Equal after the known differences are applied to the bundled log, and each known difference
 * still needed (without it the logs would not match): so a fixed difference shows up too.
 */
export function judge(scenario: Scenario, bundled: NormalLog, rabbitmq: NormalLog, against: string): Verdict {
  const known = scenario.known ?? [];
  const expected = applyKnown(bundled, [...known, ...(scenario.allowed ?? [])]);
  const diffs: Difference[] = diffLogs(expected, rabbitmq);
  if (diffs.length > 0) {
    const note = known.length > 0 ? `\n  (after applying the known differences: ${known.map(knownId).join(", ")})` : "";
    return { ok: false, report: formatDiff(scenario.name, against, diffs) + note, bundled, rabbitmq };
  }
  for (const ref of known) {
    const without = applyKnown(bundled, [...known.filter((k) => k !== ref), ...(scenario.allowed ?? [])]);
    if (diffLogs(without, rabbitmq).length === 0) {
      return {
        ok: false,
        report: `scenario "${scenario.name}": the known difference "${knownId(ref)}" no longer shows; ${against} now agrees with the bundled broker here. Remove it from the scenario (and from the README table if no scenario shows it any more).`,
        bundled,
        rabbitmq,
      };
    }
  }
  return { ok: true, report: "", bundled, rabbitmq };
}
