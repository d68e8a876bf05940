/** emit: the run's results → the output folder of data-contract.md §2. Owns the disk. */
import { join } from "node:path";
import type { AnnualReport } from "../model/report.js";
import { SCHEMA_VERSION } from "../model/report.js";
import { RULES_VERSION } from "../validate/catalogue.js";
import { changedSettings, defaultRulesConfig, type RulesConfig } from "../validate/rules-config.js";
import { VERSION } from "../version.js";
import { writeAtomic } from "./atomic.js";
import { auditHtml, readReviewsIn } from "./audit-html.js";
import { activeDisclosureCsv, anomaliesCsv, applicationsCsv, reportsCsv, reviewLitigationCsv } from "./csv.js";
import { dataPackage } from "./datapackage.js";
import { anomaliesJsonl, byUri, failuresJsonl, reportJson, reportsJsonl } from "./json.js";
import { annualReportSchema } from "./schema.js";
import { regionsCsv } from "./regions-csv.js";
import { writeParquetTables } from "./parquet.js";
import { readPrevious, writeChanges } from "../dataset/changes.js";
import { hashFiles, outputFiles } from "../dataset/files.js";
import { assertValidReports } from "../dataset/record-check.js";

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

export function manifestOf(run: RunResult): object {
  const anomalies = run.reports.flatMap((r) => r.anomalies);
  const byCode: Record<string, number> = {};
  for (const a of anomalies) byCode[a.code] = (byCode[a.code] ?? 0) + 1;
  return {
    tool: "nianbao",
    version: VERSION,
    schemaVersion: SCHEMA_VERSION,
    rulesVersion: RULES_VERSION,
    // The rules as run: the catalogue's version and every setting that differs from its default.
    rules: { version: RULES_VERSION, changed: changedSettings(run.rules ?? defaultRulesConfig()) },
    inputs: [...run.inputs].sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0)),
    counts: {
      inputs: run.inputs.length,
      reports: run.reports.length,
      failures: run.failures.length,
      anomalies: anomalies.length,
      anomaliesByCode: Object.fromEntries(Object.entries(byCode).sort(([a], [b]) => (a < b ? -1 : 1))),
    },
    timings: run.timings,
  };
}

export async function emitAll(outDir: string, run: RunResult): Promise<void> {
  const reports = [...run.reports].sort(byUri);
  assertValidReports(reports); // issue 12: a record that breaks the schema stops the run before any write
  const previous = await readPrevious(outDir).catch(() => null); // issue 12: for changes.json, read before overwriting
  await writeAtomic(join(outDir, "reports.jsonl"), reportsJsonl(reports));
  const written = new Set<string>();
  for (const r of reports) {
    if (written.has(r.id)) continue; // the same bytes under two names: one file
    written.add(r.id);
    await writeAtomic(join(outDir, "reports", `${r.id}.json`), reportJson(r));
  }
  await writeAtomic(join(outDir, "anomalies.jsonl"), anomaliesJsonl(reports));
  await writeAtomic(join(outDir, "failures.jsonl"), failuresJsonl(run.failures));
  await writeAtomic(join(outDir, "tables", "reports.csv"), reportsCsv(reports));
  await writeAtomic(join(outDir, "tables", "applications.csv"), applicationsCsv(reports));
  await writeAtomic(join(outDir, "tables", "active_disclosure.csv"), activeDisclosureCsv(reports));
  await writeAtomic(join(outDir, "tables", "review_litigation.csv"), reviewLitigationCsv(reports));
  const anomalyTable = anomaliesCsv(reports);
  await writeAtomic(join(outDir, "anomalies.csv"), anomalyTable);
  await writeAtomic(join(outDir, "tables", "anomalies.csv"), anomalyTable);
  await writeAtomic(join(outDir, "tables", "regions.csv"), regionsCsv(reports));
  await writeAtomic(join(outDir, "schema", "annual-report.schema.json"), JSON.stringify(annualReportSchema(), null, 2) + "\n");
  await writeAtomic(join(outDir, "audit.html"), await auditHtml(reports, { outDir, reviews: readReviewsIn(outDir) }));
  const pkg = dataPackage();
  await writeParquetTables(outDir, pkg.resources); // issue 12: tables/<name>.parquet beside each CSV
  await writeAtomic(join(outDir, "datapackage.json"), JSON.stringify(pkg, null, 2) + "\n");
  const manifest = manifestOf(run) as Record<string, unknown>;
  const changes = await writeChanges(outDir, previous, { version: VERSION, schemaVersion: SCHEMA_VERSION, rulesVersion: RULES_VERSION, reports: reports.length }, reports, writeAtomic);
  // issue 12: every file's sha256, so a receiver can check what they hold (nianbao validate)
  const files = await hashFiles(outDir, outputFiles(reports, pkg, changes ? [changes] : []));
  await writeAtomic(join(outDir, "manifest.json"), JSON.stringify({ ...manifest, files }, null, 2) + "\n");
}
