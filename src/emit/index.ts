/** emit: the run's results → the output folder of data-contract.md §2. Owns the disk. */
import { mkdir, open, rm, writeFile, type FileHandle } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { AnnualReport } from "../model/report.js";
import { SCHEMA_VERSION } from "../model/report.js";
import { NianbaoError } from "../model/errors.js";
import { RULES_VERSION } from "../validate/catalogue.js";
import { changedSettings, defaultRulesConfig, type RulesConfig } from "../validate/rules-config.js";
import { VERSION } from "../version.js";
import { readReviewsIn } from "./audit-html.js";
import { AuditModelBuilder } from "./audit/model.js";
import { auditPageChunks } from "./audit/page.js";
import { abandonStaging, commitFolder, newStaging } from "./commit.js";
import { ACTIVE_DISCLOSURE_TABLE, ANOMALIES_TABLE, APPLICATIONS_TABLE, csv, csvLines, REPORTS_TABLE, REVIEW_LITIGATION_TABLE, type CsvTable } from "./csv.js";
import { dataPackage } from "./datapackage.js";
import { byUri, failuresJsonl, reportJson } from "./json.js";
import { annualReportSchema } from "./schema.js";
import { REGIONS_TABLE } from "./regions-csv.js";
import { writeParquetTables } from "./parquet.js";
import { changesStream } from "../dataset/changes.js";
import { hashFiles, outputFiles } from "../dataset/files.js";
import { describeViolations, reportValidator } from "../dataset/record-check.js";

import type { Failure } from "../model/failure.js";
import type { InputRecord } from "../run/step.js";

export type { Failure } from "../model/failure.js";
export type { InputRecord } from "../run/step.js";

export interface RunResult {
  reports: AnnualReport[];
  failures: Failure[];
  inputs: InputRecord[];
  /** Milliseconds spent, by stage; the only bytes allowed to differ between two runs. */
  timings: Record<string, number>;
  /** The rules' settings the run used (`--rules`); default: every rule on, as catalogued. */
  rules?: RulesConfig;
}

/**
 * A run's results as the dataset writer reads them: the reports as a stream in source.uri order
 * (from the run loop's result store, src/run/loop.ts), each with all its anomalies; the rest in
 * memory (it is small).
 */
export interface DatasetRun {
  count: number;
  reports(): AsyncIterable<AnnualReport>;
  /** "reportId|path" of the cells cross-document anomalies point at (kept for audit.html). */
  related?: ReadonlySet<string>;
  failures: Failure[];
  inputs: InputRecord[];
  timings: Record<string, number>;
  rules?: RulesConfig;
  /** What decides the folder's bytes (src/run/loop.ts): kept in manifest.json, so an unchanged run can leave the folder alone. */
  runKey?: string;
}

export interface DatasetCounts {
  reports: number;
  anomalies: number;
  anomaliesByCode: Record<string, number>;
}

function manifestHead(run: Pick<DatasetRun, "inputs" | "failures" | "timings" | "rules" | "runKey">, counts: DatasetCounts): Record<string, unknown> {
  return {
    tool: "nianbao",
    version: VERSION,
    schemaVersion: SCHEMA_VERSION,
    rulesVersion: RULES_VERSION,
    // The rules as run: the catalogue's version and every setting that differs from its default.
    rules: { version: RULES_VERSION, changed: changedSettings(run.rules ?? defaultRulesConfig()) },
    ...(run.runKey ? { runKey: run.runKey } : {}),
    inputs: [...run.inputs].sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0)),
    counts: {
      inputs: run.inputs.length,
      reports: counts.reports,
      failures: run.failures.length,
      anomalies: counts.anomalies,
      anomaliesByCode: Object.fromEntries(Object.entries(counts.anomaliesByCode).sort(([a], [b]) => (a < b ? -1 : 1))),
    },
    timings: run.timings,
  };
}

export function manifestOf(run: RunResult): object {
  const byCode: Record<string, number> = {};
  let anomalies = 0;
  for (const a of run.reports.flatMap((r) => r.anomalies)) (byCode[a.code] = (byCode[a.code] ?? 0) + 1), anomalies++;
  return manifestHead(run, { reports: run.reports.length, anomalies, anomaliesByCode: byCode });
}

/** Lines appended to one file through a buffer: large outputs are written as they are made. */
class LineFile {
  private chunks: string[] = [];
  private size = 0;
  private constructor(private readonly fh: FileHandle) {}
  static async open(path: string): Promise<LineFile> {
    await mkdir(dirname(path), { recursive: true });
    return new LineFile(await open(path, "w"));
  }
  async write(s: string): Promise<void> {
    if (s === "") return;
    this.chunks.push(s);
    this.size += s.length;
    if (this.size > 1 << 20) await this.flush();
  }
  private async flush(): Promise<void> {
    if (this.chunks.length === 0) return;
    const text = this.chunks.join("");
    this.chunks = [];
    this.size = 0;
    await this.fh.write(text);
  }
  async close(): Promise<void> {
    await this.flush();
    await this.fh.close();
  }
}

/**
 * Files written in the background, a few at a time: the next report is read and checked while the
 * last ones are written. `add` waits only when `limit` are in flight; `done` waits for all, and a
 * failed write is thrown there (or by the next `add`).
 */
class Writes {
  private readonly inFlight = new Set<Promise<void>>();
  private failed: { e: unknown } | null = null;
  constructor(private readonly limit: number) {}
  async add(write: Promise<void>): Promise<void> {
    const p = write.then(
      () => void this.inFlight.delete(p),
      (e: unknown) => {
        this.inFlight.delete(p);
        this.failed ??= { e };
      },
    );
    this.inFlight.add(p);
    if (this.inFlight.size >= this.limit) await Promise.race(this.inFlight);
    if (this.failed) throw this.failed.e;
  }
  async done(): Promise<void> {
    await Promise.all(this.inFlight);
    if (this.failed) throw this.failed.e;
  }
}

export interface WriteOptions {
  /**
   * The folder as last committed, when `dir` is a staging folder beside it: the previous output
   * (changes.json), the reviews (reviews.json) and the crawl store (audit.html's sources) are read
   * there. @default dir
   */
  home?: string;
  /** Threads for audit.html's PDF page images (1: this thread). @default the machine's cores */
  threads?: number;
}

/**
 * Write a run's dataset into `dir`, reading each report once, in order, and holding none after it
 * is written: reports.jsonl, reports/<id>.json, anomalies, the CSV tables and their Parquet twins,
 * the schema, audit.html, datapackage.json, changes.json, and manifest.json last. Every record is
 * checked against the schema before it is written (INVALID_RECORD stops the run: `dir` is a
 * staging folder that is then thrown away, and the committed folder is untouched).
 */
export async function writeDataset(dir: string, run: DatasetRun, options: WriteOptions = {}): Promise<DatasetCounts> {
  const home = options.home ?? dir;
  const check = reportValidator();
  const changes = await changesStream(home).catch(() => null); // issue 12: what changed since the folder's last release
  const reviews = readReviewsIn(home);
  // The audit page's items wait in a file of the staging folder, not in memory (./audit/spill.ts).
  const spill = join(dir, ".audit-items.jsonl");
  const audit = new AuditModelBuilder({ outDir: home, reviews, spillTo: spill, ...(options.threads !== undefined ? { renderThreads: options.threads } : {}) }, run.related ?? new Set());
  await mkdir(join(dir, "reports"), { recursive: true });
  const jsonl = await LineFile.open(join(dir, "reports.jsonl"));
  const anomaliesOut = await LineFile.open(join(dir, "anomalies.jsonl"));
  const tables: [CsvTable, string[], LineFile][] = [];
  for (const [table, paths] of [
    [REPORTS_TABLE, ["tables/reports.csv"]],
    [APPLICATIONS_TABLE, ["tables/applications.csv"]],
    [ACTIVE_DISCLOSURE_TABLE, ["tables/active_disclosure.csv"]],
    [REVIEW_LITIGATION_TABLE, ["tables/review_litigation.csv"]],
    [ANOMALIES_TABLE, ["anomalies.csv", "tables/anomalies.csv"]],
    [REGIONS_TABLE, ["tables/regions.csv"]],
  ] as [CsvTable, string[]][]) {
    for (const p of paths) {
      const f = await LineFile.open(join(dir, p));
      await f.write(csv(table.header, []));
      tables.push([table, paths, f]);
    }
  }
  const ids = new Set<string>();
  const writes = new Writes(8);
  const counts: DatasetCounts = { reports: 0, anomalies: 0, anomaliesByCode: {} };
  let changesOk = changes !== null;
  for await (const r of run.reports()) {
    const violations = check(r);
    if (violations.length > 0) throw invalidRecord(r, violations);
    counts.reports++;
    for (const a of r.anomalies) (counts.anomaliesByCode[a.code] = (counts.anomaliesByCode[a.code] ?? 0) + 1), counts.anomalies++;
    await jsonl.write(JSON.stringify(r) + "\n");
    await anomaliesOut.write(r.anomalies.map((a) => JSON.stringify(a) + "\n").join(""));
    const first = !ids.has(r.id);
    for (const [table, , f] of tables) if (first || !table.distinct) await f.write(csvLines(table.rows(r)));
    if (first) {
      ids.add(r.id); // the same bytes under two names: one file
      await writes.add(writeFile(join(dir, "reports", `${r.id}.json`), reportJson(r)));
      const doc = audit.addDocument(r);
      for (const a of r.anomalies) audit.addAnomaly(a);
      audit.release(doc);
    }
    if (changesOk) await changes!.add(r).catch(() => (changesOk = false));
  }
  await writes.done();
  for (const f of [jsonl, anomaliesOut, ...tables.map(([, , f]) => f)]) await f.close();
  await writeFile(join(dir, "failures.jsonl"), failuresJsonl(run.failures));
  await mkdir(join(dir, "schema"), { recursive: true });
  await writeFile(join(dir, "schema", "annual-report.schema.json"), JSON.stringify(annualReportSchema(), null, 2) + "\n");
  const pkg = dataPackage();
  await writeParquetTables(dir, pkg.resources); // issue 12: tables/<name>.parquet beside each CSV
  try {
    const page = await LineFile.open(join(dir, "audit.html"));
    for (const chunk of auditPageChunks(await audit.finishStream(), { rulesVersion: RULES_VERSION })) await page.write(chunk);
    await page.close();
  } finally {
    await rm(spill, { force: true });
  }
  await writeFile(join(dir, "datapackage.json"), JSON.stringify(pkg, null, 2) + "\n");
  let changesFile: string | null = null;
  if (changesOk) {
    const ch = await changes!.end({ version: VERSION, schemaVersion: SCHEMA_VERSION, rulesVersion: RULES_VERSION, reports: counts.reports }).catch(() => null);
    if (ch) {
      await writeFile(join(dir, "changes.json"), JSON.stringify(ch, null, 2) + "\n");
      changesFile = "changes.json";
    }
  }
  // issue 12: every file's sha256, so a receiver can check what they hold (nianbao validate)
  const files = await hashFiles(dir, outputFiles(ids, pkg, changesFile ? [changesFile] : []));
  await writeFile(join(dir, "manifest.json"), JSON.stringify({ ...manifestHead(run, counts), files }, null, 2) + "\n");
  return counts;
}

function invalidRecord(r: AnnualReport, violations: ReturnType<ReturnType<typeof reportValidator>>): NianbaoError {
  const lines = describeViolations(r.id, r.source?.uri ?? "?", violations);
  return new NianbaoError("INVALID_RECORD", "emit", `a record breaks schema/annual-report.schema.json; nothing was written:\n  ${lines.join("\n  ")}`, {
    reportId: r.id,
    uri: r.source?.uri,
    violations,
  });
}

/** A run held in memory as the stream writeDataset reads: its reports in source.uri order. */
export function datasetOf(run: RunResult): DatasetRun {
  const reports = [...run.reports].sort(byUri);
  return {
    count: reports.length,
    reports: async function* () {
      yield* reports;
    },
    failures: run.failures,
    inputs: run.inputs,
    timings: run.timings,
    ...(run.rules ? { rules: run.rules } : {}),
  };
}

/**
 * Write a run held in memory to `outDir`, committed as a whole (./commit.ts): staged beside the
 * folder, then swapped in. A record that breaks the schema (INVALID_RECORD) leaves `outDir` as it was.
 */
export async function emitAll(outDir: string, run: RunResult | DatasetRun): Promise<DatasetCounts> {
  const data = "reports" in run && Array.isArray(run.reports) ? datasetOf(run as RunResult) : (run as DatasetRun);
  const staging = await newStaging(outDir);
  try {
    const counts = await writeDataset(staging, data, { home: outDir });
    await commitFolder(staging, outDir);
    return counts;
  } catch (e) {
    await abandonStaging(staging, outDir);
    throw e;
  }
}
