/**
 * validateAcross: the rules that compare documents (anomalies.md "Across documents", and
 * PUBLISHED_LATE, which needs the publication date the crawler sets after parsing). A pure function
 * over per-report summaries, called once after all documents are read:
 *
 *   const summaries = reports.map(summarise);          // or kept while the reports stream to disk
 *   const anomalies = validateAcross(summaries, rules); // each with its reportId
 *
 * Deterministic whatever the order of the summaries: they are ordered by URI first.
 */
import type { AnnualReport, Anomaly } from "../../model/report.js";
import { documentIdentity, withFingerprints } from "../fingerprint.js";
import { uncertainByEvidence } from "../index.js";
import { applySettings, defaultRulesConfig, type RulesConfig } from "../rules-config.js";
import { byUri, renditionPairs, seriesOf } from "./groups.js";
import { carryoverMismatch, duplicateReport, inForceMismatch, publishedLate, renditionMismatch, reportReused } from "./rules.js";
import { summarise, type ReportSummary } from "./summary.js";

export { summarise } from "./summary.js";
export type { ReportSummary, SummaryCell } from "./summary.js";

export function validateAcross(summaries: ReportSummary[], config: RulesConfig = defaultRulesConfig()): Anomaly[] {
  const sorted = [...summaries].sort(byUri);
  const series = seriesOf(sorted);
  const found = [
    ...publishedLate(sorted, config),
    ...carryoverMismatch(series),
    ...inForceMismatch(series),
    ...reportReused(series, config),
    ...duplicateReport(sorted, series, config),
    ...renditionMismatch(renditionPairs(sorted)),
  ];
  const byId = new Map(sorted.map((s) => [s.reportId, s]));
  const doubtful = (a: Anomaly) => (p: string) => byId.get(a.reportId)?.cells[p]?.uncertain === true || (a.related ?? []).some((r) => r.path === p && byId.get(r.reportId)?.cells[p]?.uncertain === true);
  const checked = found.map((a) => uncertainByEvidence([a], doubtful(a))[0]!);
  // Grouped by report, in the order of the reports' URIs, each report's in rule order.
  const order = new Map(sorted.map((s, i) => [s.reportId, i] as const));
  const stable = checked.map((a, i) => ({ a, i })).sort((x, y) => (order.get(x.a.reportId) ?? 0) - (order.get(y.a.reportId) ?? 0) || x.i - y.i);
  const identities = new Map(sorted.map((s) => [s.reportId, documentIdentity(s.agency, s.year, s.format, s.reportId)]));
  return withFingerprints(applySettings(config, stable.map((x) => x.a)), (id) => identities.get(id) ?? id);
}

/**
 * The cross-document checks of a run whose reports are all in memory: their anomalies are added to
 * the reports they are about (the first report with that id, when one file was given twice), so
 * reports.jsonl, anomalies.jsonl, the CSV and audit.html all hold them. Returns them.
 */
export function crossCheck(reports: AnnualReport[], config?: RulesConfig): Anomaly[] {
  const anomalies = validateAcross(reports.map(summarise), config);
  const first = new Map<string, AnnualReport>();
  for (const r of [...reports].sort((a, b) => (a.source.uri < b.source.uri ? -1 : a.source.uri > b.source.uri ? 1 : 0))) if (!first.has(r.id)) first.set(r.id, r);
  for (const a of anomalies) first.get(a.reportId)?.anomalies.push(a);
  return anomalies;
}
