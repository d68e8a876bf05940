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

export function applicationsCsv(reports: AnnualReport[]): string {
  const rows: Field[][] = [];
  for (const r of reports) {
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
  for (const r of reports) {
    const ad = r.activeDisclosure;
    if (!ad || (r.template !== "2021" && r.template !== "2019")) continue;
    for (const block of TABLE2[r.template]) for (const row of block.rows) for (const col of block.columns) rows.push([r.id, r.template, row.key, col, ad[row.key]?.[col]]);
  }
  return csv(["report_id", "template", "block", "column", "value"], rows);
}

export function reviewLitigationCsv(reports: AnnualReport[]): string {
  const rows: Field[][] = [];
  for (const r of reports) {
    const rl = r.reviewLitigation;
    if (!rl) continue;
    for (const g of REVIEW_GROUPS) for (const c of REVIEW_COLUMNS) rows.push([r.id, g.key, c.key, rl[g.key][c.key]]);
  }
  return csv(["report_id", "group", "column", "value"], rows);
}

export function anomaliesCsv(reports: AnnualReport[]): string {
  return csv(
    ["report_id", "code", "severity", "status", "responsibility", "paths", "message"],
    reports.flatMap((r) => r.anomalies.map((a) => [a.reportId, a.code, a.severity, a.status, a.responsibility, a.paths.join(";"), a.message])),
  );
}
