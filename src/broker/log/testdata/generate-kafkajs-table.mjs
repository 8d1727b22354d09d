// Regenerates kafkajs-partition-table.json: the partition kafkajs 2.2.4's Java-compatible
// partitioner (Partitioners.JavaCompatiblePartitioner, now DefaultPartitioner) chooses for a
// fixed list of keys and partition counts, plus the raw murmur2 value of each key.
//
//   node src/broker/log/testdata/generate-kafkajs-table.mjs > src/broker/log/testdata/kafkajs-partition-table.json
//
// The keys are fixed words, non-ASCII text and pseudo-random byte strings from a seeded LCG
// (so the output is the same on every run). The test reads the committed JSON; it does not
// re-run this script.
import { Buffer } from "node:buffer";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { Partitioners } = require("kafkajs");
const murmur2 = require("kafkajs/src/producer/partitioners/default/murmur2.js");
const version = require("kafkajs/package.json").version;

const counts = [1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 16, 24, 32, 50, 64, 100, 128, 1000];
const words = [
  "", "a", "ab", "abc", "abcd", "abcde", "21", "key", "foobar", "user-1", "user-2", "user-42",
  "order-1001", "customer:7", "a-little-bit-long-string", "a-little-bit-longer-string",
  "lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8", "café", "naïve", "日本語", "Ωmega", "🎉",
  "emoji 🎉 and text", "\u0000", " ", "UPPER", "MiXeD-Case_09",
];
let seed = 20240607;
const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296;
const ascii = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:";
for (let i = 0; i < 60; i++) {
  const len = 1 + Math.floor(rand() * 40);
  let s = "";
  for (let j = 0; j < len; j++) s += ascii[Math.floor(rand() * ascii.length)];
  words.push(s);
}
const binaries = [];
for (let i = 0; i < 40; i++) {
  const len = Math.floor(rand() * 17);
  binaries.push(Buffer.from(Array.from({ length: len }, () => Math.floor(rand() * 256))));
}

const partitioner = Partitioners.JavaCompatiblePartitioner();
const partitionFor = (key, n) =>
  partitioner({
    topic: "t",
    partitionMetadata: Array.from({ length: n }, (_, partitionId) => ({ partitionId, leader: 0 })),
    message: { key },
  });
const row = (key, fields) => ({
  ...fields,
  murmur2: murmur2(key),
  // partitions[i] is the partition for counts[i].
  partitions: counts.map((n) => partitionFor(key, n)),
});

const table = {
  generatedBy: `src/broker/log/testdata/generate-kafkajs-table.mjs with kafkajs ${version} (Partitioners.JavaCompatiblePartitioner and its murmur2)`,
  counts,
  cases: [
    ...words.map((w) => row(Buffer.from(w, "utf8"), { key: w })),
    ...binaries.map((b) => row(b, { keyHex: b.toString("hex") })),
  ],
};
// One case a line, so a diff shows which key changed.
const lines = table.cases.map((c) => "  " + JSON.stringify(c));
process.stdout.write(
  `{\n "generatedBy": ${JSON.stringify(table.generatedBy)},\n "counts": ${JSON.stringify(counts)},\n "cases": [\n${lines.join(",\n")}\n ]\n}\n`,
);
