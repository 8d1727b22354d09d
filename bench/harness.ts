/**
 * A tiny benchmark harness. Every figure is printed as a ratio against a baseline measured in
 * the same run, because these machines are shared and noisy: absolute numbers mean little.
 */
export interface Measurement {
  name: string;
  /** Median wall time of one run, in ms. */
  ms: number;
  /** Operations in one run (messages, lookups…). */
  ops: number;
  /** What one operation is, for the rate column. @default "ops" */
  unit?: string;
}

/** Runs `fn` `runs` times after one warm-up and returns the median time. */
export function measure(name: string, ops: number, fn: () => void, runs = 3): Measurement {
  fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { name, ms: times[Math.floor(times.length / 2)]!, ops };
}

/** Async variant of `measure`. */
export async function measureAsync(name: string, ops: number, fn: () => Promise<void>, runs = 3): Promise<Measurement> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { name, ms: times[Math.floor(times.length / 2)]!, ops };
}

const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));

/** Prints `subject` against `baseline`: throughput of each and the time ratio (lower is better). */
export function report(title: string, subject: Measurement, baseline: Measurement, extra: string[] = []): void {
  const rate = (m: Measurement) => {
    const perSecond = (m.ops / m.ms) * 1000;
    const unit = m.unit ?? "ops";
    return perSecond >= 1e6 ? `${fmt(perSecond / 1e6)} M ${unit}/s` : `${fmt(perSecond)} ${unit}/s`;
  };
  console.log(`\n${title}`);
  console.log(`  ${subject.name.padEnd(44)} ${fmt(subject.ms).padStart(8)} ms  ${rate(subject)}`);
  console.log(`  ${baseline.name.padEnd(44)} ${fmt(baseline.ms).padStart(8)} ms  ${rate(baseline)}`);
  console.log(`  ratio (subject time / baseline time): ${fmt(subject.ms / baseline.ms)}x`);
  for (const line of extra) console.log(`  ${line}`);
}

/** Bytes of heap used, after a GC when node runs with --expose-gc. */
export function heapUsed(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
}
