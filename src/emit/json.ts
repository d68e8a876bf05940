/**
 * JSON outputs. Records are built with a fixed key order by the pipeline, so JSON.stringify is
 * already deterministic; these folds only order the records.
 */
import type { Failure } from "../model/failure.js";
import type { AnnualReport, Anomaly } from "../model/report.js";

export function byUri<T extends { source: { uri: string } }>(a: T, b: T): number {
  return a.source.uri < b.source.uri ? -1 : a.source.uri > b.source.uri ? 1 : 0;
}

export function reportsJsonl(reports: AnnualReport[]): string {
  return [...reports].sort(byUri).map((r) => JSON.stringify(r) + "\n").join("");
}

export function reportJson(report: AnnualReport): string {
  return JSON.stringify(report, null, 2) + "\n";
}

export function anomaliesJsonl(reports: AnnualReport[]): string {
  return [...reports]
    .sort(byUri)
    .flatMap((r) => r.anomalies)
    .map((a: Anomaly) => JSON.stringify(a) + "\n")
    .join("");
}

export function failuresJsonl(failures: Failure[]): string {
  return [...failures]
    .sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0))
    .map((f) => JSON.stringify({ uri: f.uri, stage: f.stage, code: f.code, ...(f.reason ? { reason: f.reason } : {}), error: f.error }) + "\n")
    .join("");
}
