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

export function csv(header: readonly string[], rows: Field[][]): string {
  return csvLines([header as Field[], ...rows]);
}

/** Rows as CSV lines (CRLF), without a header: a writer that streams appends them report by report. */
export function csvLines(rows: Field[][]): string {
  return rows.map((r) => r.map(csvField).join(",") + "\r\n").join("");
}

/**
 * One tidy table: its header, and the rows one report gives. `distinct` tables list a report's
 * cells once when the same bytes came under two names (issue 12), so a writer skips an id it has
 * written; the others have a line per input.
 */
export interface CsvTable {
  header: readonly string[];
  distinct: boolean;
  rows(r: AnnualReport): Field[][];
}

const count = (as: Anomaly[], sev: string) => as.filter((a) => a.severity === sev).length;

export const REPORTS_TABLE: CsvTable = {
  header: ["id", "uri", "format", "agency", "year", "template", "title", "publishedAt", "sha256", "anomalies_error", "anomalies_warning", "anomalies_info", "agencySource", "yearSource", "templateBasis"],
  distinct: false,
  rows: (r) => [[r.id, r.source.uri, r.source.format, r.agency, r.year, r.template, r.title, r.source.publishedAt, r.source.sha256, count(r.anomalies, "error"), count(r.anomalies, "warning"), count(r.anomalies, "info"), r.agencySource, r.yearSource, r.templateBasis]],
};

export const APPLICATIONS_TABLE: CsvTable = {
  header: ["report_id", "row", "column", "value"],
  distinct: true,
  rows(r) {
    const rows: Field[][] = [];
    const t = r.applications?.rows;
    if (!t) return rows;
    for (const def of APPLICATION_ROWS) {
      const row = t[def.key];
      if (!row) continue;
      for (const col of APPLICATION_COLUMN_KEYS) rows.push([r.id, def.key, col, row[col]]);
    }
    return rows;
  },
};

export const ACTIVE_DISCLOSURE_TABLE: CsvTable = {
  header: ["report_id", "template", "block", "column", "value", "unit"],
  distinct: true,
  rows(r) {
    const rows: Field[][] = [];
    const ad = r.activeDisclosure;
    if (!ad || (r.template !== "2021" && r.template !== "2019")) return rows;
    // issue 12: the unit printed in the cell ("251000元" → 元), beside the value kept as printed.
    const units = new Map(r.cells.filter((c) => c.unit).map((c) => [c.path, c.unit]));
    for (const block of TABLE2[r.template]) for (const row of block.rows) for (const col of block.columns) rows.push([r.id, r.template, row.key, col, ad[row.key]?.[col], units.get(`activeDisclosure.${row.key}.${col}`)]);
    return rows;
  },
};

export const REVIEW_LITIGATION_TABLE: CsvTable = {
  header: ["report_id", "group", "column", "value"],
  distinct: true,
  rows(r) {
    const rl = r.reviewLitigation;
    if (!rl) return [];
    return REVIEW_GROUPS.flatMap((g) => REVIEW_COLUMNS.map((c): Field[] => [r.id, g.key, c.key, rl[g.key][c.key]]));
  },
};

/** A whole table over reports held in memory (the streaming writer in emit/index.ts gives the same bytes). */
export function tableCsv(table: CsvTable, reports: readonly AnnualReport[]): string {
  const seen = new Set<string>();
  const rows: Field[][] = [];
  for (const r of reports) {
    if (table.distinct && (seen.has(r.id) || !seen.add(r.id))) continue;
    rows.push(...table.rows(r));
  }
  return csv(table.header, rows);
}

export const reportsCsv = (reports: AnnualReport[]): string => tableCsv(REPORTS_TABLE, reports);
export const applicationsCsv = (reports: AnnualReport[]): string => tableCsv(APPLICATIONS_TABLE, reports);
export const activeDisclosureCsv = (reports: AnnualReport[]): string => tableCsv(ACTIVE_DISCLOSURE_TABLE, reports);
export const reviewLitigationCsv = (reports: AnnualReport[]): string => tableCsv(REVIEW_LITIGATION_TABLE, reports);

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

export const ANOMALIES_TABLE: CsvTable = { header: ANOMALY_CSV_COLUMNS, distinct: true, rows: (r) => r.anomalies.map(anomalyFields) };

export const anomaliesCsv = (reports: AnnualReport[]): string => tableCsv(ANOMALIES_TABLE, reports);
