/**
 * `npm run bench`: speed and memory of the compiled pipeline (never tsx), measured, never asserted.
 *
 * - Text formats (txt, md, html) and Word (docx): reports per second per format.
 * - PDF: pages per second, and the ratio of the full parse (reader + extraction + checks) to
 *   pdf.js alone producing the text and operator lists of the same files (issue 3 target ≤ 1.5),
 *   measured side by side, alternating, in one run.
 * - Peak RSS over the whole run (issue 3 target ≤ 300 MB on the corpus).
 * .doc is left out: its time is LibreOffice's cold start, not ours.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { pdfjsAlone } from "../parsers/pdf/baseline.js";
import { parseReport } from "../src/pipeline.js";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
const corpus = resolve(process.argv[2] ?? "../shared/corpus");
const dirs = ["samples", ...["txt", "html", "md", "pdf", "docx"].map((d) => join(corpus, d))].filter(existsSync);
const inputs = dirs
  .flatMap((d) =>
    readdirSync(d)
      .filter((f) => /\.(txt|md|html?|pdf|docx)$/.test(f) && !/^readme/i.test(f))
      .sort()
      .map((f) => join(d, f)),
  )
  .map((f) => ({ uri: f, bytes: readFileSync(f) }));

let peakRss = process.memoryUsage().rss;
const sample = () => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
};
const timer = setInterval(sample, 5);

async function time(fn: () => Promise<unknown>): Promise<number> {
  const s = performance.now();
  await fn();
  return performance.now() - s;
}

// Warm-up: JIT, pdf.js module, CMaps and fonts loaded once.
for (const i of inputs) {
  await parseReport(i.bytes, { uri: i.uri }).catch(() => undefined);
  if (i.uri.endsWith(".pdf")) await pdfjsAlone(i.bytes);
}

const byFormat = new Map<string, { ms: number; bytes: number; n: number }>();
let pdfFull = 0;
let pdfAlone = 0;
let pdfPages = 0;
for (let r = 0; r < ROUNDS; r++) {
  for (const i of inputs) {
    if (i.uri.endsWith(".pdf")) {
      // Alternate which goes first, so neither gains from the other's warm caches.
      const first = r % 2 === 0;
      let pages = 0;
      const a1 = first ? await time(async () => (pages = (await pdfjsAlone(i.bytes)).pages)) : 0;
      const f = await time(() => parseReport(i.bytes, { uri: i.uri }));
      const a2 = first ? 0 : await time(async () => (pages = (await pdfjsAlone(i.bytes)).pages));
      pdfAlone += a1 + a2;
      pdfFull += f;
      pdfPages += pages;
      continue;
    }
    let format = "";
    const ms = await time(async () => (format = (await parseReport(i.bytes, { uri: i.uri })).source.format));
    const acc = byFormat.get(format) ?? { ms: 0, bytes: 0, n: 0 };
    acc.ms += ms;
    acc.bytes += i.bytes.length;
    acc.n++;
    byFormat.set(format, acc);
  }
  sample();
}
clearInterval(timer);

console.log(`nianbao bench: ${inputs.length} files × ${ROUNDS} rounds, compiled JS, node ${process.version}`);
for (const [k, v] of [...byFormat].sort()) {
  console.log(`  ${k.padEnd(5)} ${(v.n / (v.ms / 1000)).toFixed(0).padStart(6)} reports/s  ${(v.bytes / 1e6 / (v.ms / 1000)).toFixed(2).padStart(6)} MB/s  ${(v.ms / v.n).toFixed(1).padStart(6)} ms/report`);
}
if (pdfPages > 0) {
  console.log(
    `  pdf   ${(pdfPages / (pdfFull / 1000)).toFixed(1).padStart(6)} pages/s full parse; pdf.js alone ${(pdfPages / (pdfAlone / 1000)).toFixed(1)} pages/s; ratio full/pdf.js ${(pdfFull / pdfAlone).toFixed(2)} (target ≤ 1.5)`,
  );
}
console.log(`  peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MB (target ≤ 300 MB)`);

// Parse throughput through the queue (issue 10: BullMQ workers), 1 and 2 workers; skipped without redis-server.
await (await import("./bench-queue.js")).benchQueue(
  inputs.map((i) => i.uri),
  Number(process.env.BENCH_QUEUE_ROUNDS ?? 3),
);
