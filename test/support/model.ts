/**
 * The report model as renditions of one report must share it: everything but the source and
 * positions (which differ by nature), and ROW_SHAPE (the seed's text export prints eight tab
 * fields under seven columns; its other renditions do not).
 */
import { buildReport } from "../../src/pipeline.js";
import type { ParsedDocument } from "../../parsers/model/document.js";
import type { ReadResult } from "../../parsers/model/result.js";
import type { AnnualReport } from "../../src/model/report.js";

export function comparableModel(r: AnnualReport) {
  return {
    title: r.title,
    agency: r.agency,
    year: r.year,
    template: r.template,
    sections: r.sections,
    activeDisclosure: r.activeDisclosure,
    applications: r.applications,
    reviewLitigation: r.reviewLitigation,
    cells: r.cells.map((c) => ({ path: c.path, value: c.value, raw: c.raw, rowLabel: c.rowLabel?.replace(/\s+/g, "") })),
    anomalies: r.anomalies
      .filter((a) => a.code !== "ROW_SHAPE")
      .map((a) => ({ code: a.code, severity: a.severity, status: a.status, paths: a.paths, message: a.message, raw: a.evidence.raw })),
  };
}

/** The report parseReport would build from a document already read, with the reader's notes when given (a fixed, fake source). */
export function reportOf(read: ParsedDocument | ReadResult): AnnualReport {
  const { value: doc, messages } = "value" in read ? read : { value: read, messages: [] };
  return buildReport(doc, { uri: "memory://document", format: doc.format, sha256: "0".repeat(64), bytes: 0 }, {}, messages);
}

export const modelOf = (read: ParsedDocument | ReadResult) => comparableModel(reportOf(read));
