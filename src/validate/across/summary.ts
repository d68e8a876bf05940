/**
 * What the cross-document rules need of one report, and no more: the agency key, the year, the
 * table cells (values, printed text, doubt, place), the prose as a sketch, the dates. A summary is
 * a few KB whatever the report's size, so a run can keep one per report while the reports
 * themselves go to disk, and call validateAcross once all documents are read.
 */
import type { SourceFormat } from "../../model/document.js";
import type { AnnualReport, Evidence, TemplateId } from "../../model/report.js";
import { agencyKey, type AgencyKey } from "../agency-key.js";
import { signatureDate } from "../within/dates.js";
import { sketch, type ProseSketch } from "./shingles.js";

export interface SummaryCell {
  value: number | null;
  raw: string;
  uncertain: boolean;
  evidence: Evidence;
}

export interface ReportSummary {
  reportId: string;
  uri: string;
  sha256: string;
  format: SourceFormat;
  title: string | null;
  agency: string | null;
  agencyKey: AgencyKey | null;
  year: number | null;
  template: TemplateId;
  /** Date the publisher shows (crawled listing or page, a crawler header), YYYY-MM-DD. */
  publishedAt: string | null;
  /** Date of the signature at the end of the report, YYYY-MM-DD. */
  signedAt: string | null;
  signedText: string | null;
  /** For an article page: the attachment URIs it links (crawled). */
  attachments: string[];
  /** Every table cell, by path. */
  cells: Record<string, SummaryCell>;
  prose: ProseSketch;
}

export function cellEvidence(c: AnnualReport["cells"][number]): Evidence {
  const e: Evidence = { raw: c.raw };
  if (c.page !== undefined) e.page = c.page;
  if (c.bbox !== undefined) e.bbox = [...c.bbox];
  if (c.line !== undefined) e.line = c.line;
  if (c.table !== undefined) e.table = c.table;
  if (c.row !== undefined) e.row = c.row;
  if (c.col !== undefined) e.col = c.col;
  return e;
}

export function summarise(report: AnnualReport): ReportSummary {
  const cells: Record<string, SummaryCell> = {};
  for (const c of report.cells) cells[c.path] = { value: c.value, raw: c.raw, uncertain: c.uncertain === true, evidence: cellEvidence(c) };
  const sig = signatureDate(report.sections[5]?.text ?? "");
  return {
    reportId: report.id,
    uri: report.source.uri,
    sha256: report.source.sha256,
    format: report.source.format,
    title: report.title,
    agency: report.agency,
    agencyKey: agencyKey(report.agency),
    year: report.year,
    template: report.template,
    publishedAt: report.source.publishedAt ?? null,
    signedAt: sig?.date ?? null,
    signedText: sig?.text ?? null,
    attachments: [...(report.source.attachments ?? [])],
    cells,
    // Sections 一, 五 and 六 are the free prose; 二–四 hold the tables, whose printed labels are the
    // template's and the same every year (and inside the prose of a flattened page).
    prose: sketch(report.sections.filter((s) => s.number === 1 || s.number >= 5).map((s) => s.text).join("\n")),
  };
}
