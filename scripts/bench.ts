/**
 * `npm run bench`: throughput and memory of the compiled pipeline (never tsx) on the samples and,
 * when present, the text-bearing documents of ../shared/corpus. Prints one line per format and a
 * total; measures, never asserts.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseReport } from "../src/pipeline.js";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);
const dirs = ["samples", resolve("../shared/corpus/txt"), resolve("../shared/corpus/html"), resolve("../shared/corpus/md")].filter(existsSync);
const files = dirs.flatMap((d) =>
  readdirSync(d)
    .filter((f) => /\.(txt|md|html?)$/.test(f))
    .sort()
    .map((f) => join(d, f)),
);
const inputs = files.map((f) => ({ uri: f, bytes: readFileSync(f) }));

let peakRss = process.memoryUsage().rss;
const sample = () => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
};
// Warm up the JIT once so the figures describe steady work.
for (const i of inputs) await parseReport(i.bytes, { uri: i.uri });

const byFormat = new Map<string, { ms: number; bytes: number; n: number }>();
const t0 = performance.now();
for (let r = 0; r < ROUNDS; r++) {
  for (const i of inputs) {
    const s = performance.now();
    const rep = await parseReport(i.bytes, { uri: i.uri });
    const e = performance.now() - s;
    const k = rep.source.format;
    const acc = byFormat.get(k) ?? { ms: 0, bytes: 0, n: 0 };
    acc.ms += e;
    acc.bytes += i.bytes.length;
    acc.n++;
    byFormat.set(k, acc);
  }
  sample();
}
const total = performance.now() - t0;
console.log(`nianbao bench: ${inputs.length} files × ${ROUNDS} rounds (compiled JS, node ${process.version})`);
for (const [k, v] of [...byFormat].sort()) {
  console.log(`  ${k.padEnd(5)} ${(v.n / (v.ms / 1000)).toFixed(0).padStart(6)} reports/s  ${((v.bytes / 1e6) / (v.ms / 1000)).toFixed(2).padStart(6)} MB/s  ${(v.ms / v.n).toFixed(2)} ms/report`);
}
const n = inputs.length * ROUNDS;
console.log(`  all   ${(n / (total / 1000)).toFixed(0).padStart(6)} reports/s  peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MB`);
