/**
 * `npm run bench`: speed and memory of the compiled pipeline (never tsx), measured, never asserted.
 * Results go to bench/results.json (and a summary to stdout); README "Measuring ourselves" quotes them.
 *
 *  1. In one process, warm (the readers' own cost): reports/s per format; PDF pages/s of the full
 *     step against pdf.js alone producing the text and operator lists of the same files, side by
 *     side, alternating (issue 10 target ≤ 1.1).
 *  2. Whole processes, cold: a process reading the PDFs with the step against one running pdf.js
 *     alone on them — module loading included.
 *  3. The CLI as a user runs it (`nianbao parse … --concurrency N`), each run a fresh output
 *     folder, timed from spawn to exit, peak RSS from /proc (VmHWM, threads included):
 *       - per format (samples and ../shared/corpus when present): documents/s, pages/s, on 1 and
 *         N threads;
 *       - a PDF-heavy batch (the PDFs, each in 10 byte-distinct copies): the 1 → 2 thread speed-up
 *         (target ≥ 1.8);
 *       - generated batches of 1,200 and 10,000 distinct HTML/text reports (the samples with their
 *         agency and a figure varied, written to a temp folder and removed after): reports/s
 *         (target ≥ 100 on 2 cores) and peak RSS (target < 500 MB at both sizes);
 *       - a second run into the same folder over unchanged inputs: its time against the first's
 *         (target < ¼) and whether any output byte changed (target: none).
 * .doc is left out of the throughput figures: its time is LibreOffice's cold start, not ours.
 *
 * BENCH_ROUNDS (default 3) sets the rounds of part 1; BENCH_SKIP_10K=1 leaves the 10,000 batch out.
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { basename, join, relative, resolve } from "node:path";
import { pdfjsAlone } from "../parsers/pdf/baseline.js";
import { parseReport } from "../src/pipeline.js";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const root = resolve(new URL("../..", import.meta.url).pathname);
const cli = join(root, "dist/src/cli.js");
const corpus = resolve(process.argv[2] ?? join(root, "../shared/corpus"));
const cores = availableParallelism();
const N = Math.max(2, cores);
const tmp = mkdtempSync(join(tmpdir(), "nianbao-bench-"));
process.on("exit", () => rmSync(tmp, { recursive: true, force: true }));
for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => process.exit(130));

const FORMAT_DIRS = ["txt", "md", "html", "pdf", "docx"];
const sources = [join(root, "samples"), ...FORMAT_DIRS.map((d) => join(corpus, d))].filter(existsSync);
const files = sources.flatMap((d) =>
  readdirSync(d)
    .filter((f) => /\.(txt|md|html?|pdf|docx)$/.test(f) && !/^readme/i.test(f))
    .sort()
    .map((f) => join(d, f)),
);
const formatOf = (f: string) => (/\.pdf$/.test(f) ? "pdf" : /\.docx$/.test(f) ? "docx" : /\.html?$/.test(f) ? "html" : "text");

// ── 1. in one process, warm ───────────────────────────────────────────────────────────────────

async function time(fn: () => Promise<unknown>): Promise<number> {
  const s = performance.now();
  await fn();
  return performance.now() - s;
}

async function inProcess() {
  const inputs = files.map((f) => ({ uri: f, bytes: readFileSync(f) }));
  for (const i of inputs) {
    await parseReport(i.bytes, { uri: i.uri }).catch(() => undefined);
    if (i.uri.endsWith(".pdf")) await pdfjsAlone(i.bytes);
  }
  const byFormat = new Map<string, { ms: number; n: number }>();
  let pdfFull = 0;
  let pdfAlone = 0;
  let pdfPages = 0;
  for (let r = 0; r < ROUNDS; r++) {
    for (const i of inputs) {
      if (i.uri.endsWith(".pdf")) {
        const first = r % 2 === 0; // alternate which goes first, so neither gains from the other's warm caches
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
      const acc = byFormat.get(format) ?? { ms: 0, n: 0 };
      acc.ms += ms;
      acc.n++;
      byFormat.set(format, acc);
    }
  }
  return {
    files: inputs.length,
    rounds: ROUNDS,
    reportsPerSecond: Object.fromEntries([...byFormat].sort().map(([k, v]) => [k, round(v.n / (v.ms / 1000))])),
    pdf: pdfPages > 0 ? { pagesPerSecondFull: round(pdfPages / (pdfFull / 1000)), pagesPerSecondPdfjs: round(pdfPages / (pdfAlone / 1000)), ratio: round(pdfFull / pdfAlone, 2) } : null,
  };
}

// ── processes: wall time and peak RSS ────────────────────────────────────────────────────────

interface ProcRun {
  ms: number;
  peakRssMb: number;
  code: number | null;
  stderr: string;
}

function runProcess(args: string[]): Promise<ProcRun> {
  return new Promise((done) => {
    const t0 = performance.now();
    // The CLI as a user starts it: its own file (`nianbao`), whose shebang gives node its heap
    // flag (--max-old-space-size=1536, src/cli.ts); anything else under this node.
    const [command, rest] = args[0] === cli ? [cli, args.slice(1)] : [process.execPath, args];
    const child = spawn(command, rest, { cwd: root, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    let peak = 0;
    child.stderr.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-20_000)));
    const sample = () => {
      try {
        const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"));
        if (m) peak = Math.max(peak, Number(m[1]) / 1024);
      } catch {
        /* exited */
      }
    };
    const timer = setInterval(sample, 20);
    child.on("exit", (code) => {
      clearInterval(timer);
      done({ ms: performance.now() - t0, peakRssMb: Math.round(peak), code, stderr });
    });
  });
}

interface ParseRun extends ProcRun {
  documents: number;
  pages: number;
  reports: number;
}

async function parse(inputs: string[], out: string, threads: number): Promise<ParseRun> {
  const r = await runProcess([cli, "parse", ...inputs, "--out", out, "--concurrency", String(threads), "--no-progress", "--quiet", "--no-soffice"]);
  if (r.code !== 0 && r.code !== 1) throw new Error(`nianbao parse exited ${r.code}: ${r.stderr.slice(-2000)}`);
  const m = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8")) as { inputs: { pages?: number }[]; counts: { reports: number } };
  // The closing line is logged at warn level under --quiet only when something failed; count from the manifest.
  return { ...r, documents: m.inputs.length, pages: m.inputs.reduce((n, i) => n + (i.pages ?? 0), 0), reports: m.counts.reports };
}

/** Every file of a folder with its bytes' hash (dot-entries aside). */
function hashes(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const n of readdirSync(d, { withFileTypes: true })) {
      if (n.name.startsWith(".")) continue;
      const p = join(d, n.name);
      if (n.isDirectory()) walk(p);
      else out.set(relative(dir, p), `${createHash("sha256").update(readFileSync(p)).digest("hex")} ${statSync(p).mtimeMs}`);
    }
  };
  walk(dir);
  return out;
}

const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const perSecond = (n: number, ms: number) => round(n / (ms / 1000));

// ── 2. whole processes: the step against pdf.js alone ─────────────────────────────────────────

async function wholeProcessPdf(pdfs: string[]) {
  if (pdfs.length === 0) return null;
  const list = JSON.stringify(pdfs);
  const step = `const { readFileSync } = await import("node:fs"); const { readReport } = await import(${JSON.stringify(join(root, "dist/src/run/step.js"))}); const rf = await import(${JSON.stringify(join(root, "dist/src/run/report-file.js"))}); for (const f of ${list}) await readReport(rf.bytesFile(f, readFileSync(f)));`;
  const alone = `const { readFileSync } = await import("node:fs"); const { pdfjsAlone } = await import(${JSON.stringify(join(root, "dist/parsers/pdf/baseline.js"))}); for (const f of ${list}) await pdfjsAlone(readFileSync(f));`;
  let a = 0;
  let b = 0;
  const n = 3;
  for (let i = 0; i < n; i++) {
    b += (await runProcess(["--input-type=module", "-e", alone])).ms;
    a += (await runProcess(["--input-type=module", "-e", step])).ms;
  }
  return { files: pdfs.length, stepMs: Math.round(a / n), pdfjsMs: Math.round(b / n), ratio: round(a / b, 2) };
}

// ── generated batches ─────────────────────────────────────────────────────────────────────────

/** Characters for made-up place names: three of them name 13,824 distinct counties. */
const PLACE_CHARS = "安宁泰和平顺永兴长乐清河金山云台凤阳石门白水青田";

/** The i-th made-up county: "安宁泰县" and so on, distinct for i < 13,824. */
function placeName(i: number): string {
  const k = PLACE_CHARS.length;
  return `${PLACE_CHARS[Math.floor(i / (k * k)) % k]}${PLACE_CHARS[Math.floor(i / k) % k]}${PLACE_CHARS[i % k]}县`;
}

/**
 * n distinct reports: the text and HTML samples, each copy with its own county and agency (as a
 * real batch has: documents of one agency meet across years, others do not) and one figure changed.
 */
function generate(n: number, dir: string): string {
  mkdirSync(dir, { recursive: true });
  const bases = ["mengjin-czj-2022.txt", "sample-county-2023.txt", "mengjin-czj-2022.html", "mengjin-czj-2022-gbk.html"].map((f) => ({ name: f, bytes: readFileSync(join(root, "samples", f)) }));
  for (let i = 0; i < n; i++) {
    const b = bases[i % bases.length]!;
    const gbk = b.name.includes("gbk");
    const text = gbk ? new TextDecoder("gbk").decode(b.bytes) : b.bytes.toString("utf8");
    // The agency must read as one (a name ending in 局 after a place), or the documents, all without
    // an agency, would be compared with each other as possible copies of one report.
    const place = placeName(i);
    const varied = text
      .replace(/孟津区财政局|示例县示例局/g, `${place}财政局`)
      .replace(/孟津区|孟津|示例县/g, place)
      .replace(/6076/g, String(6000 + (i % 900)));
    const bytes = gbk ? encodeGbk(varied) : Buffer.from(varied, "utf8");
    writeFileSync(join(dir, `${String(i).padStart(5, "0")}-${b.name}`), bytes);
  }
  return dir;
}

/** GBK bytes of a text whose non-ASCII characters all exist in GBK (iconv-lite, a dependency already). */
let iconv: { encode(s: string, enc: string): Buffer } | null = null;
function encodeGbk(s: string): Buffer {
  return iconv!.encode(s, "gbk");
}

// ── the runs ──────────────────────────────────────────────────────────────────────────────────

async function main() {
  iconv = (await import("iconv-lite")).default as unknown as { encode(s: string, enc: string): Buffer };
  const results: Record<string, unknown> = {
    date: new Date().toISOString(),
    node: process.version,
    cores,
    loadBefore: loadavg().map((x) => round(x, 2)),
    files: files.map((f) => relative(root, f)),
  };
  console.log(`nianbao bench: node ${process.version}, ${cores} cores, load ${loadavg().map((x) => x.toFixed(2)).join(" ")}; ${files.length} files (samples${existsSync(corpus) ? " + corpus" : ""})`);

  results.inProcess = await inProcess();
  const ip = results.inProcess as Awaited<ReturnType<typeof inProcess>>;
  console.log(`  in one process, warm: ${Object.entries(ip.reportsPerSecond).map(([k, v]) => `${k} ${v} reports/s`).join(", ")}`);
  if (ip.pdf) console.log(`  pdf ${ip.pdf.pagesPerSecondFull} pages/s full step, pdf.js alone ${ip.pdf.pagesPerSecondPdfjs} pages/s: ratio ${ip.pdf.ratio} (target ≤ 1.1)`);

  const pdfs = files.filter((f) => f.endsWith(".pdf"));
  results.wholeProcessPdf = await wholeProcessPdf(pdfs);
  const wp = results.wholeProcessPdf as Awaited<ReturnType<typeof wholeProcessPdf>>;
  if (wp) console.log(`  whole process, ${wp.files} PDFs: step ${wp.stepMs} ms, pdf.js alone ${wp.pdfjsMs} ms: ratio ${wp.ratio}`);

  // Per format, on 1 and N threads.
  const perFormat: Record<string, unknown> = {};
  for (const format of ["text", "html", "docx", "pdf"]) {
    const inputs = files.filter((f) => formatOf(f) === format);
    if (inputs.length === 0) continue;
    const row: Record<string, unknown> = { documents: inputs.length };
    for (const t of [1, N]) {
      const r = await parse(inputs, join(tmp, `fmt-${format}-${t}`), t);
      row[`threads${t}`] = { ms: Math.round(r.ms), documentsPerSecond: perSecond(r.documents, r.ms), ...(r.pages ? { pagesPerSecond: perSecond(r.pages, r.ms) } : {}), peakRssMb: r.peakRssMb };
    }
    perFormat[format] = row;
    console.log(`  ${format.padEnd(5)} ${JSON.stringify(row)}`);
  }
  results.perFormat = perFormat;

  // PDF-heavy: the 1 → 2 thread speed-up.
  if (pdfs.length > 0) {
    const dir = join(tmp, "pdf-heavy");
    mkdirSync(dir);
    let n = 0;
    for (let copy = 0; copy < 10; copy++) for (const f of pdfs) writeFileSync(join(dir, `${String(n++).padStart(3, "0")}-${basename(f)}`), Buffer.concat([readFileSync(f), Buffer.from(`\n%nianbao-bench-${copy}\n`)]));
    const one = await parse([dir], join(tmp, "pdf-heavy-1"), 1);
    const two = await parse([dir], join(tmp, "pdf-heavy-2"), 2);
    results.pdfHeavy = { documents: one.documents, pages: one.pages, threads1Ms: Math.round(one.ms), threads2Ms: Math.round(two.ms), speedup: round(one.ms / two.ms, 2), peakRssMb: Math.max(one.peakRssMb, two.peakRssMb) };
    console.log(`  pdf-heavy ${one.documents} PDFs (${one.pages} pages): 1 thread ${Math.round(one.ms)} ms, 2 threads ${Math.round(two.ms)} ms: ×${round(one.ms / two.ms, 2)} (target ≥ 1.8)`);
  }

  // Generated batches, first and second run.
  const batches: Record<string, unknown> = {};
  for (const n of [1200, ...(process.env.BENCH_SKIP_10K ? [] : [10_000])]) {
    const dir = generate(n, join(tmp, `gen-${n}`));
    const out = join(tmp, `gen-${n}-out`);
    const first = await parse([dir], out, N);
    const before = hashes(out);
    const second = await parse([dir], out, N);
    const after = hashes(out);
    const changed = [...new Set([...before.keys(), ...after.keys()])].filter((k) => before.get(k) !== after.get(k));
    const row: Record<string, unknown> = {
      reports: first.reports,
      threads: N,
      firstMs: Math.round(first.ms),
      reportsPerSecond: perSecond(first.reports, first.ms),
      peakRssMb: first.peakRssMb,
      secondMs: Math.round(second.ms),
      secondOverFirst: round(second.ms / first.ms, 3),
      secondPeakRssMb: second.peakRssMb,
      filesChangedBySecondRun: changed.length,
    };
    if (n === 1200) {
      const one = await parse([dir], join(tmp, `gen-${n}-out-1`), 1);
      row.threads1 = { ms: Math.round(one.ms), reportsPerSecond: perSecond(one.reports, one.ms), peakRssMb: one.peakRssMb };
      row.speedup = round(one.ms / first.ms, 2);
    }
    batches[String(n)] = row;
    console.log(`  generated ${n}: ${JSON.stringify(row)}`);
    rmSync(dir, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  }
  results.generated = batches;

  // Samples, first run and second run (incremental).
  {
    const out = join(tmp, "samples-incr");
    const first = await parse([join(root, "samples")], out, N);
    const before = hashes(out);
    const second = await parse([join(root, "samples")], out, N);
    const after = hashes(out);
    results.samplesIncremental = { firstMs: Math.round(first.ms), secondMs: Math.round(second.ms), secondOverFirst: round(second.ms / first.ms, 3), filesChangedBySecondRun: [...after].filter(([k, v]) => before.get(k) !== v).length };
    console.log(`  samples: first ${Math.round(first.ms)} ms, second ${Math.round(second.ms)} ms (${JSON.stringify(results.samplesIncremental)})`);
  }

  // --help: module loading over node's own start.
  const node = await runProcess(["-e", ""]);
  const help = await runProcess([cli, "--help"]);
  const nodes: number[] = [node.ms];
  const helps: number[] = [help.ms];
  for (let i = 0; i < 4; i++) {
    nodes.push((await runProcess(["-e", ""])).ms);
    helps.push((await runProcess([cli, "--help"])).ms);
  }
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  results.help = { nodeMs: Math.round(med(nodes)), helpMs: Math.round(med(helps)), moduleLoadingMs: Math.round(med(helps) - med(nodes)) };
  console.log(`  --help ${Math.round(med(helps))} ms, node alone ${Math.round(med(nodes))} ms: ${Math.round(med(helps) - med(nodes))} ms of module loading`);

  // Parse throughput through the queue (BullMQ workers), 1 and 2 workers; skipped without redis-server.
  await (await import("./bench-queue.js")).benchQueue(files, Number(process.env.BENCH_QUEUE_ROUNDS ?? 3));

  results.loadAfter = loadavg().map((x) => round(x, 2));
  mkdirSync(join(root, "bench"), { recursive: true });
  writeFileSync(join(root, "bench/results.json"), JSON.stringify(results, null, 2) + "\n");
  console.log("  → bench/results.json");
}

await main();
