/** The Frictionless Data Package describing the output folder's resources (data-contract.md §2). */
import { SCHEMA_VERSION } from "../model/report.js";
import { VERSION } from "../version.js";
import { regionsResource } from "../regions/resource.js";
import { withParquetTwins } from "./parquet.js";
import type { DataPackage, PackageResource } from "./package-types.js";
import { describePackage } from "../dataset/dictionary.js";

const f = (name: string, type: string, description: string) => ({ name, type, description });

export function dataPackage(): DataPackage {
  // issue 12: every column's title and bilingual description come from the field dictionary
  return describePackage({
    name: "nianbao-annual-reports",
    title: "Government information-disclosure annual reports (政府信息公开工作年度报告), as read by nianbao",
    version: VERSION,
    schemaVersion: SCHEMA_VERSION,
    resources: withParquetTwins([
      { name: "reports-jsonl", path: "reports.jsonl", format: "jsonl", mediatype: "application/jsonl", encoding: "utf-8", description: "one AnnualReport per line", schema: "schema/annual-report.schema.json" },
      { name: "anomalies-jsonl", path: "anomalies.jsonl", format: "jsonl", mediatype: "application/jsonl", encoding: "utf-8", description: "one Anomaly per line, with its reportId" },
      { name: "anomalies-csv", path: "anomalies.csv", format: "csv", mediatype: "text/csv", encoding: "utf-8", description: "the same anomalies as anomalies.jsonl, every field flat (the columns of tables/anomalies.csv)" },
      { name: "failures-jsonl", path: "failures.jsonl", format: "jsonl", mediatype: "application/jsonl", encoding: "utf-8", description: "inputs that could not be read: uri, stage, code, reason (when the reader gave one), error" },
      {
        name: "reports",
        path: "tables/reports.csv",
        profile: "tabular-data-resource",
        format: "csv",
        encoding: "utf-8",
        schema: {
          fields: [
            f("id", "string", "first 16 hex chars of the input's sha256"),
            f("uri", "string", "URL or path of the input"),
            f("format", "string", "html, pdf, docx, doc or text"),
            f("agency", "string", "issuing body (see agencySource)"),
            f("year", "integer", "the reported year"),
            f("template", "string", "2021, 2019, legacy or unknown"),
            f("title", "string", "title as printed"),
            f("publishedAt", "date", "date the publisher shows"),
            f("sha256", "string", "sha256 of the input bytes"),
            f("anomalies_error", "integer", "anomalies of severity error"),
            f("anomalies_warning", "integer", "anomalies of severity warning"),
            f("anomalies_info", "integer", "anomalies of severity info"),
            f("agencySource", "string", "where agency was read: title, preamble, signature, infoBox, meta or site"),
            f("yearSource", "string", "where year was read: title, period, prose, signature or published"),
            f("templateBasis", "string", "what decided template: tables, outlineAndYear or outline"),
          ],
          primaryKey: ["id", "uri"],
        },
      },
      longTable("applications", "tables/applications.csv", "table 三: one line per cell", [f("row", "string", "RowKey"), f("column", "string", "ColumnKey")]),
      longTable("active_disclosure", "tables/active_disclosure.csv", "table 二: one line per cell", [f("template", "string", "template whose keys apply"), f("block", "string", "row key of table 二"), f("column", "string", "column key")], [
        f("unit", "string", "单元格内印出的单位（如 2019 年采购总金额“251000元”的“元”）；空＝单元格未印单位。the unit printed in the cell (元 for the 2019 procurement amount \"251000元\"), empty when the cell prints none"),
      ]),
      longTable("review_litigation", "tables/review_litigation.csv", "table 四: one line per cell", [f("group", "string", "review, litigationDirect or litigationAfterReview"), f("column", "string", "upheld, corrected, other, pending or total")]),
      regionsResource(),
      {
        name: "anomalies",
        path: "tables/anomalies.csv",
        profile: "tabular-data-resource",
        format: "csv",
        encoding: "utf-8",
        schema: {
          fields: [
            f("report_id", "string", "the report's id"),
            f("code", "string", "rule code (anomalies.md)"),
            f("severity", "string", "error, warning or info"),
            f("status", "string", "fail or uncertain"),
            f("responsibility", "string", "source (publisher) or parser"),
            f("paths", "string", "cells involved, separated by ;"),
            f("message", "string", "Chinese sentence, then English"),
            f("fingerprint", "string", "stable identity for auditors' reviews"),
            f("expected", "string", "the value the rule expected"),
            f("actual", "string", "the value printed"),
            f("evidence_raw", "string", "the printed text of the cell"),
            f("evidence_page", "integer", "PDF page, 1-based"),
            f("evidence_bbox", "string", "PDF box x0 y0 x1 y1 in points, origin top-left"),
            f("evidence_line", "integer", "line in the decoded text, 1-based"),
            f("evidence_text", "string", "the words the anomaly rests on (a header, a sentence, the other document)"),
            f("evidence_table", "integer", "table index, 0-based"),
            f("evidence_row", "integer", "grid row, 0-based"),
            f("evidence_col", "integer", "grid column, 0-based"),
            f("related", "string", "cells of other documents: reportId:path=printed, separated by ;"),
          ],
          foreignKeys: [{ fields: ["report_id"], reference: { resource: "reports", fields: ["id"] } }],
        },
      },
    ]),
  });
}

function longTable(name: string, path: string, description: string, keys: { name: string; type: string; description: string }[], after: { name: string; type: string; description: string }[] = []): PackageResource {
  return {
    name,
    path,
    description,
    profile: "tabular-data-resource",
    format: "csv",
    encoding: "utf-8",
    schema: {
      fields: [f("report_id", "string", "the report's id"), ...keys, f("value", "number", "the statistic; empty = blank, absent or undetermined"), ...after],
      missingValues: [""],
      primaryKey: ["report_id", ...keys.filter((k) => k.name !== "template").map((k) => k.name)],
      foreignKeys: [{ fields: ["report_id"], reference: { resource: "reports", fields: ["id"] } }],
    },
  };
}
