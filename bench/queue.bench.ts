/**
 * Queue family bench: 200,000 messages through send → receive (10 per call, SQS's maximum) →
 * deleteMessage, against a plain-JS array moving the same messages, plus bytes per retained
 * message. The array keeps no receipts, visibility timeouts or receive counts: its ratio is
 * the cost of those semantics. (200,000 rather than 1,000,000 keeps the 7 alternating rounds
 * of `npm run bench` within minutes; per-message figures were the same at 1,000,000.)
 *
 * Two workloads, because V8's Array#shift is quadratic once an array is large (a 1M-element
 * array lives in large-object space, which V8 does not left-trim: push 1M + shift 1M took about
 * 50 s here), so a 1M-deep push/shift baseline would flatter the broker:
 * - steady: the backlog never exceeds 1,000 (send 1,000, drain them, repeat); baseline push/shift.
 * - deep backlog: send all 200,000, then drain; baseline push, then read with a head index.
 * The broker runs on a ManualClock with tracing off, as a benchmark should.
 */
import { ManualClock } from "../src/broker/clock.js";
import { QueueBroker } from "../src/broker/queue/index.js";
import { Trace } from "../src/broker/trace.js";
import { compare, heapUsed, report } from "./harness.js";

const N = 200_000;
const CHUNK = 1_000;
const RETAINED = 200_000;

interface Plain {
  id: number;
  body: string;
}

function newBroker(): QueueBroker {
  const broker = new QueueBroker({ clock: new ManualClock(0), trace: new Trace({ enabled: false }) });
  broker.createQueue("bench");
  return broker;
}

/** Receives 10 at a time and deletes each; returns how many were deleted. */
function drain(broker: QueueBroker): number {
  let deleted = 0;
  for (;;) {
    const got = broker.receive("bench", { maxNumberOfMessages: 10 });
    if (got.length === 0) return deleted;
    for (const m of got) if (broker.deleteMessage("bench", m.receiptHandle)) deleted++;
  }
}

function expectCount(what: string, got: number, want: number): void {
  if (got !== want) throw new Error(`${what}: processed ${got} messages, expected ${want}`);
}

function steadyBroker(bodies: readonly string[]): void {
  const broker = newBroker();
  let done = 0;
  for (let start = 0; start < N; start += CHUNK) {
    for (let i = start; i < start + CHUNK; i++) broker.send("bench", bodies[i]!);
    done += drain(broker);
  }
  expectCount("steady", done, N);
}

function steadyArray(bodies: readonly string[]): void {
  const q: Plain[] = [];
  let done = 0;
  for (let start = 0; start < N; start += CHUNK) {
    for (let i = start; i < start + CHUNK; i++) q.push({ id: i, body: bodies[i]! });
    while (q.length > 0) if (q.shift()) done++;
  }
  expectCount("steady baseline", done, N);
}

function deepBroker(bodies: readonly string[]): void {
  const broker = newBroker();
  for (let i = 0; i < N; i++) broker.send("bench", bodies[i]!);
  expectCount("deep", drain(broker), N);
}

function deepArray(bodies: readonly string[]): void {
  const q: Plain[] = [];
  for (let i = 0; i < N; i++) q.push({ id: i, body: bodies[i]! });
  let head = 0;
  let done = 0;
  while (head < q.length) {
    q[head++] = undefined as unknown as Plain;
    done++;
  }
  expectCount("deep baseline", done, N);
}

const SEMANTICS = "no receipt handles, visibility timeouts, receive counts or redrive";

export default async function queueBench(): Promise<void> {
  const bodies = Array.from({ length: N }, (_, i) => `order-${i}`);
  const n = N.toLocaleString("en");

  const [steady, steadyBase] = await compare(
    { name: "QueueBroker, backlog <= 1,000", ops: N, run: () => steadyBroker(bodies) },
    { name: "Array push + shift, backlog <= 1,000", ops: N, run: () => steadyArray(bodies) },
  );
  report(`queue: ${n} messages, send + receive(10) + delete, steady`, steady, steadyBase, [], SEMANTICS);

  const [deep, deepBase] = await compare(
    { name: `QueueBroker, ${n} sent then drained`, ops: N, run: () => deepBroker(bodies) },
    { name: "Array push, then read by head index", ops: N, run: () => deepArray(bodies) },
  );
  report(`queue: ${n} messages, send all then receive(10) + delete`, deep, deepBase, [], SEMANTICS);

  // Memory: the bodies already exist, so the deltas are what each side adds per message.
  const before = heapUsed();
  const broker = newBroker();
  for (let i = 0; i < RETAINED; i++) broker.send("bench", bodies[i]!);
  const brokerBytes = (heapUsed() - before) / RETAINED;
  const drained = drain(broker);
  const leftover = heapUsed() - before;
  expectCount("memory drain", drained, RETAINED);

  const baseBefore = heapUsed();
  const plain: Plain[] = [];
  for (let i = 0; i < RETAINED; i++) plain.push({ id: i, body: bodies[i]! });
  const plainBytes = (heapUsed() - baseBefore) / RETAINED;

  console.log(`\nqueue: bytes per retained message (${RETAINED.toLocaleString("en")} sent, none received; heapUsed delta / N)`);
  console.log(`  QueueBroker                                  ${brokerBytes.toFixed(0).padStart(8)} B`);
  console.log(`  Array of { id, body }                        ${plainBytes.toFixed(0).padStart(8)} B`);
  console.log(`  ratio: ${(brokerBytes / plainBytes).toFixed(2)}x`);
  console.log(`  heap left after deleting all ${RETAINED.toLocaleString("en")} (queue still exists): ${(leftover / 1024).toFixed(0)} KiB`);
  // Keep both alive until measured.
  if (plain.length !== RETAINED || broker.listQueues().length !== 1) throw new Error("unreachable");
}
