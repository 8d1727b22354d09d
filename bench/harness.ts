/**
 * A tiny benchmark harness. Every figure is printed as a ratio against a baseline measured in
 * the same run, because these machines are shared and noisy: absolute numbers mean little.
 *
 * Method (issue 7 §2): the subject and its baseline run alternately, round by round (ABBA:
 * which goes first swaps every round, so neither always runs on a warmer or a more loaded
 * machine); `gc()` runs before every timed run, so garbage one run leaves is not collected
 * inside the next one's timing; the figure of each side is the median of its rounds.
 */
export interface Measurement {
  name: string;
  /** Median wall time of one run, in ms. */
  ms: number;
  /** Operations in one run (messages, lookups…). */
  ops: number;
  /** What one operation is, for the rate column. @default "ops" */
  unit?: string;
  /** Every timed run, in ms, in the order they ran. */
  runs?: number[];
}

/** Rounds per comparison: at least 7, so a median rides over one or two disturbed runs. */
export const ROUNDS = 7;

const gc = (globalThis as { gc?: () => void }).gc;
let warned = false;

/** Collects garbage before a timed run (needs node --expose-gc, as `npm run bench` passes). */
export function collect(): void {
  if (gc) return gc();
  if (!warned) console.log("  (no gc(): run with node --expose-gc for figures free of earlier runs' garbage)");
  warned = true;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** One side of a comparison: a named run of `ops` operations. */
export interface Side {
  name: string;
  ops: number;
  unit?: string;
  run: () => void | Promise<void>;
}

/**
 * Times `sides` (the baseline first) alternately for `rounds` rounds after one untimed warm-up
 * run each, with a gc() before every timed run. Returns one median measurement per side.
 */
export async function compareAll(sides: readonly Side[], rounds = ROUNDS): Promise<Measurement[]> {
  for (const s of sides) await s.run();
  const runs: number[][] = sides.map(() => []);
  for (let r = 0; r < rounds; r++) {
    const order = sides.map((_, i) => i);
    if (r % 2 === 1) order.reverse();
    for (const i of order) {
      collect();
      const t0 = performance.now();
      await sides[i]!.run();
      runs[i]!.push(performance.now() - t0);
    }
  }
  return sides.map((s, i) => ({ name: s.name, ops: s.ops, unit: s.unit, ms: median(runs[i]!), runs: runs[i] }));
}

/** {@link compareAll} for one subject against one baseline. */
export async function compare(subject: Side, baseline: Side, rounds = ROUNDS): Promise<[Measurement, Measurement]> {
  const [b, s] = await compareAll([baseline, subject], rounds);
  return [s!, b!];
}

export const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));

/**
 * Prints `subject` against `baseline`: throughput of each and the time ratio (lower is better).
 *
 * @param semantics when the baseline does less work than the subject (an array has no acks,
 *   receipts or redelivery), what it leaves out: the ratio is then the cost of those semantics,
 *   not a like-for-like speed comparison, and the report says so.
 */
export function report(title: string, subject: Measurement, baseline: Measurement, extra: string[] = [], semantics?: string): void {
  const rate = (m: Measurement) => {
    const perSecond = (m.ops / m.ms) * 1000;
    const unit = m.unit ?? "ops";
    return perSecond >= 1e6 ? `${fmt(perSecond / 1e6)} M ${unit}/s` : `${fmt(perSecond)} ${unit}/s`;
  };
  const rounds = subject.runs?.length ?? 0;
  console.log(`\n${title}${rounds ? ` (median of ${rounds} alternating rounds)` : ""}`);
  console.log(`  ${subject.name.padEnd(50)} ${fmt(subject.ms).padStart(8)} ms  ${rate(subject)}`);
  console.log(`  ${baseline.name.padEnd(50)} ${fmt(baseline.ms).padStart(8)} ms  ${rate(baseline)}`);
  const ratio = `${fmt(subject.ms / baseline.ms)}x`;
  if (semantics) {
    console.log(`  ratio: ${ratio}, the cost of the semantics: the baseline does less work (${semantics})`);
  } else console.log(`  ratio (subject time / baseline time): ${ratio}`);
  if (subject.runs && baseline.runs) {
    const ratios = subject.runs.map((s, i) => s / baseline.runs![i]!);
    console.log(`  per-round ratios: ${fmt(Math.min(...ratios))}x to ${fmt(Math.max(...ratios))}x`);
  }
  for (const line of extra) console.log(`  ${line}`);
}

/** Bytes of heap used, after a GC when node runs with --expose-gc. */
export function heapUsed(): number {
  gc?.();
  return process.memoryUsage().heapUsed;
}
