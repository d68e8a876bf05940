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
import { anomaliesJsonl, byUri, failuresJsonl, reportJson, reportsJsonl, type Failure } from "./json.js";
import { annualReportSchema } from "./schema.js";

export type { Failure } from "./json.js";

export interface InputRecord {
  uri: string;
  sha256: string | null;
  bytes: number | null;
  status: "parsed" | "failed";
  reportId: string | null;
  /** How the input was read: "pdfjs", "ooxml", "libreoffice→docx", "word-extractor", … */
  reader?: string;
  pages?: number;
}

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
  await writeAtomic(join(outDir, "schema", "annual-report.schema.json"), JSON.stringify(annualReportSchema(), null, 2) + "\n");
  await writeAtomic(join(outDir, "audit.html"), await auditHtml(reports, { outDir, reviews: readReviewsIn(outDir) }));
  await writeAtomic(join(outDir, "datapackage.json"), JSON.stringify(dataPackage(), null, 2) + "\n");
  await writeAtomic(join(outDir, "manifest.json"), JSON.stringify(manifestOf(run), null, 2) + "\n");
}
