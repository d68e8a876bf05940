/**
 * Tidy CSV tables (data-contract.md §5): UTF-8, header row, RFC 4180 quoting, no BOM; long format,
 * one line per cell, in template order so that the files diff well from run to run.
 */
import type { AnnualReport, Anomaly } from "../model/report.js";
import { APPLICATION_COLUMN_KEYS, APPLICATION_ROWS, REVIEW_COLUMNS, REVIEW_GROUPS, TABLE2 } from "../templates/index.js";

type Field = string | number | null | undefined;

/** RFC 4180: quote fields holding a comma, quote, CR or LF; double the quotes. */
export function csvField(v: Field): string {
  if (v === null || v === undefined) return "";
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csv(header: string[], rows: Field[][]): string {
  return [header, ...rows].map((r) => r.map(csvField).join(",") + "\r\n").join("");
}

export function reportsCsv(reports: AnnualReport[]): string {
  const count = (as: Anomaly[], sev: string) => as.filter((a) => a.severity === sev).length;
  return csv(
    ["id", "uri", "format", "agency", "year", "template", "title", "publishedAt", "sha256", "anomalies_error", "anomalies_warning", "anomalies_info", "agencySource", "yearSource", "templateBasis"],
    reports.map((r) => [r.id, r.source.uri, r.source.format, r.agency, r.year, r.template, r.title, r.source.publishedAt, r.source.sha256, count(r.anomalies, "error"), count(r.anomalies, "warning"), count(r.anomalies, "info"), r.agencySource, r.yearSource, r.templateBasis]),
  );
}

/** The same bytes under two names are one report: its cells and anomalies are listed once (issue 12). */
const once = (reports: AnnualReport[]) => reports.filter((r, i) => reports.findIndex((x) => x.id === r.id) === i);

export function applicationsCsv(reports: AnnualReport[]): string {
  const rows: Field[][] = [];
  for (const r of once(reports)) {
    const t = r.applications?.rows;
    if (!t) continue;
    for (const def of APPLICATION_ROWS) {
      const row = t[def.key];
      if (!row) continue;
      for (const col of APPLICATION_COLUMN_KEYS) rows.push([r.id, def.key, col, row[col]]);
    }
  }
  return csv(["report_id", "row", "column", "value"], rows);
}

export function activeDisclosureCsv(reports: AnnualReport[]): string {
  const rows: Field[][] = [];
  for (const r of once(reports)) {
    const ad = r.activeDisclosure;
    if (!ad || (r.template !== "2021" && r.template !== "2019")) continue;
    // issue 12: the unit printed in the cell ("251000元" → 元), beside the value kept as printed.
    const units = new Map(r.cells.filter((c) => c.unit).map((c) => [c.path, c.unit]));
    for (const block of TABLE2[r.template]) for (const row of block.rows) for (const col of block.columns) rows.push([r.id, r.template, row.key, col, ad[row.key]?.[col], units.get(`activeDisclosure.${row.key}.${col}`)]);
  }
  return csv(["report_id", "template", "block", "column", "value", "unit"], rows);
}

export function reviewLitigationCsv(reports: AnnualReport[]): string {
  const rows: Field[][] = [];
  for (const r of once(reports)) {
    const rl = r.reviewLitigation;
    if (!rl) continue;
    for (const g of REVIEW_GROUPS) for (const c of REVIEW_COLUMNS) rows.push([r.id, g.key, c.key, rl[g.key][c.key]]);
  }
  return csv(["report_id", "group", "column", "value"], rows);
}

/**
 * Every field of the Anomaly, flat: the first seven columns as they always were (data-contract.md §5),
 * then the rest; evidence.* as evidence_*, a bbox as "x0 y0 x1 y1", related cells as
 * "reportId:path=raw" joined by ";". Written as tables/anomalies.csv and beside anomalies.jsonl.
 */
export const ANOMALY_CSV_COLUMNS = [
  "report_id", "code", "severity", "status", "responsibility", "paths", "message",
  "fingerprint", "expected", "actual",
  "evidence_raw", "evidence_page", "evidence_bbox", "evidence_line", "evidence_text", "evidence_table", "evidence_row", "evidence_col",
  "related",
] as const;

export function anomalyFields(a: Anomaly): Field[] {
  const e = a.evidence;
  return [
    a.reportId, a.code, a.severity, a.status, a.responsibility, a.paths.join(";"), a.message,
    a.fingerprint, a.expected, a.actual,
    e.raw, e.page, e.bbox?.join(" "), e.line, e.text, e.table, e.row, e.col,
    (a.related ?? []).map((r) => `${r.reportId}:${r.path}${r.raw !== undefined ? `=${r.raw}` : ""}`).join(";"),
  ];
}

export function anomaliesCsv(reports: AnnualReport[]): string {
  return csv([...ANOMALY_CSV_COLUMNS], once(reports).flatMap((r) => r.anomalies.map(anomalyFields)));
}
