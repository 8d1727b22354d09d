// The log broker against plain JS arrays: 250,000 records produced (keyed, 8 partitions),
// then consumed by a group of 4 with a commit after every poll; plus heap bytes per retained
// record, and what is left once retention has deleted every record. The arrays have no
// partitioner, offsets, group coordination or retention: their ratio is the cost of those.
// (250,000 rather than 1,000,000 keeps 7 alternating rounds within minutes.)
import { ManualClock } from "../src/broker/clock.js";
import { LogBroker } from "../src/broker/log/index.js";
import { Trace } from "../src/broker/trace.js";
import { compare, heapUsed, report } from "./harness.js";

const N = 250_000;
const PARTITIONS = 8;
const BATCH = 100;
const CONSUMERS = 4;
const keys = Array.from({ length: 1_000 }, (_, i) => `key-${i}`);
const valueOf = (i: number) => `value-${i}`;

function newBroker() {
  const clock = new ManualClock(0);
  const broker = new LogBroker({ clock, trace: new Trace({ enabled: false }), retentionCheckIntervalMs: 1_000 });
  broker.createTopic("bench", { partitions: PARTITIONS, retentionMs: 60_000, segmentBytes: 1 << 20 });
  return { clock, broker };
}

function produce(broker: LogBroker): void {
  const producer = broker.producer();
  for (let i = 0; i < N; i += BATCH) {
    const batch = new Array(BATCH);
    for (let j = 0; j < BATCH; j++) batch[j] = { key: keys[(i + j) % keys.length], value: valueOf(i + j) };
    producer.send("bench", batch);
  }
}

function consume(broker: LogBroker): number {
  const consumers = Array.from({ length: CONSUMERS }, () => broker.consumer({ groupId: "g", autoOffsetReset: "earliest" }));
  for (const c of consumers) c.subscribe(["bench"]);
  let seen = 0;
  let checksum = 0;
  while (seen < N) {
    for (const c of consumers) {
      const records = c.poll(500);
      for (const r of records) checksum += r.offset;
      seen += records.length;
      c.commitSync();
    }
  }
  for (const c of consumers) c.close();
  return checksum;
}

interface Plain {
  key: string;
  value: string;
}

function baselineProduce(): Plain[][] {
  const parts: Plain[][] = Array.from({ length: PARTITIONS }, () => []);
  for (let i = 0; i < N; i++) parts[i % PARTITIONS]!.push({ key: keys[i % keys.length]!, value: valueOf(i) });
  return parts;
}

function baselineConsume(parts: Plain[][]): number {
  const committed = new Array(PARTITIONS).fill(0);
  let checksum = 0;
  for (let p = 0; p < PARTITIONS; p++) {
    const arr = parts[p]!;
    for (let at = 0; at < arr.length; at += 500) {
      const slice = arr.slice(at, at + 500);
      for (let k = 0; k < slice.length; k++) checksum += at + k;
      committed[p] = at + slice.length;
    }
  }
  return checksum;
}

export default async function run(): Promise<void> {
  const SEMANTICS = "no murmur2 partitioner, offsets, batches, consumer group or retention";
  const [produceOnly, baseProduce] = await compare(
    { name: `LogBroker: produce ${N.toLocaleString("en")} keyed records`, ops: N, run: () => produce(newBroker().broker) },
    { name: "baseline: push to 8 arrays", ops: N, run: () => void baselineProduce() },
  );
  report("log: produce", produceOnly, baseProduce, [], SEMANTICS);

  const [full, baseFull] = await compare(
    {
      name: `LogBroker: produce + group of ${CONSUMERS} consume + commit`,
      ops: N,
      run: () => {
        const { broker } = newBroker();
        produce(broker);
        consume(broker);
      },
    },
    { name: "baseline: push, then read in slices of 500", ops: N, run: () => void baselineConsume(baselineProduce()) },
  );
  report("log: produce, consume, commit", full, baseFull, [], SEMANTICS);

  // Heap per retained record, the broker against the baseline arrays.
  const h0 = heapUsed();
  const kept = newBroker();
  produce(kept.broker);
  const h1 = heapUsed();
  const plain = baselineProduce();
  const h2 = heapUsed();
  consume(kept.broker);
  const h3 = heapUsed();
  kept.clock.advance(120_000); // past retention.ms: every segment goes
  kept.broker.listTopics(); // runs the due retention check
  const h4 = heapUsed();
  const starts = Array.from({ length: PARTITIONS }, (_, p) => kept.broker.logStartOffset("bench", p));
  const perRecord = (h1 - h0) / N;
  const perPlain = (h2 - h1) / N;
  console.log("\nlog: memory");
  console.log(`  LogBroker bytes per retained record   ${perRecord.toFixed(0)}`);
  console.log(`  baseline bytes per array element      ${perPlain.toFixed(0)}   (ratio ${(perRecord / perPlain).toFixed(2)}x)`);
  console.log(`  heap change from consuming + committing: ${((h3 - h2) / 1024).toFixed(0)} KiB`);
  console.log(`  heap left by the broker after retention deleted all ${N.toLocaleString("en")} records: ${((h4 - h0 - (h2 - h1)) / 1024).toFixed(0)} KiB (${((h4 - h0 - (h2 - h1)) / N).toFixed(2)} bytes per record produced); log start offsets ${starts.join(",")}`);
  if (plain.length !== PARTITIONS) throw new Error("baseline kept alive for the measurement");
}
