/**
 * One input's bytes → AnnualReport, through the stages: sniff → parsers/ → extract → validate.
 * Pure but for the clock-free hashing: no disk, no network; the CLI and crawler own those.
 */
import { createHash } from "node:crypto";
import { readDoc } from "../parsers/doc.js";
import { readDocx } from "../parsers/docx.js";
import { readHtml } from "../parsers/html.js";
import { readPdf } from "../parsers/pdf.js";
import { sniffFormat } from "../parsers/sniff.js";
import { readText } from "../parsers/text.js";
import { extract, type ExtractOptions } from "./extract/index.js";
import { toCellRecord } from "./extract/found.js";
import type { ParsedDocument, ReaderInfo, ReaderMessage } from "./model/document.js";
import { NianbaoError } from "./model/errors.js";
import { SCHEMA_VERSION, type AnnualReport, type ReportSource } from "./model/report.js";
import { validate, type ValidateOptions } from "./validate/index.js";
import { VERSION } from "./version.js";

export interface InputMeta {
  /** URL, or the path as given on the command line. */
  uri: string;
  contentType?: string | null;
  retrievedAt?: string;
  /** The agency of the crawler's site entry (sites.json): the report's agency when the document names none. */
  siteAgency?: string | null;
}

export interface ParseOptions extends ValidateOptions {
  /**
   * LibreOffice for .doc files: undefined finds `soffice` on PATH; null never uses it (the
   * text-only word-extractor path, marked PARSE_UNCERTAIN).
   */
  soffice?: string | null;
  /** Deadline for reading one PDF or converting one DOC, in ms (default 60 000). */
  timeoutMs?: number;
}

/** A report with what the reader said about how it read the input (for logs and the manifest). */
export interface ParsedInput {
  report: AnnualReport;
  reader: ReaderInfo | null;
  readerMessages: ReaderMessage[];
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

export async function readDocument(bytes: Uint8Array, meta: InputMeta, options: ParseOptions = {}): Promise<ParsedDocument> {
  if (bytes.length === 0 || Buffer.from(bytes).toString("latin1").trim() === "") {
    throw new NianbaoError("EMPTY_INPUT", "read", "the file is empty");
  }
  const format = sniffFormat(bytes, meta.uri);
  switch (format) {
    case "html":
      return readHtml(bytes, { contentType: meta.contentType ?? null });
    case "text":
      return readText(bytes, { contentType: meta.contentType ?? null });
    case "pdf":
      return readPdf(bytes, options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {});
    case "docx":
      return readDocx(bytes);
    case "doc":
      return readDoc(bytes, {
        ...(options.soffice !== undefined ? { soffice: options.soffice } : {}),
        ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
      });
  }
}

/** Parse one input. Rejects with a NianbaoError when it cannot be read or is not an annual report. */
export async function parseReport(bytes: Uint8Array, meta: InputMeta, options: ParseOptions = {}): Promise<AnnualReport> {
  return (await parseInput(bytes, meta, options)).report;
}

/** parseReport, with the reader's account of how it read the input. */
export async function parseInput(bytes: Uint8Array, meta: InputMeta, options: ParseOptions = {}): Promise<ParsedInput> {
  const doc = await readDocument(bytes, meta, options);
  const sha256 = sha256Hex(bytes);
  const source: ReportSource = { uri: meta.uri, format: doc.format, sha256, bytes: bytes.length };
  if (meta.retrievedAt) source.retrievedAt = meta.retrievedAt;
  if (doc.publishedAt) source.publishedAt = doc.publishedAt;
  return { report: buildReport(doc, source, { ...options, siteAgency: meta.siteAgency ?? null }), reader: doc.reader ?? null, readerMessages: doc.messages };
}

/** A read document → the report: extraction and checks, no I/O (the id is the source hash's first 16 hex). */
export function buildReport(doc: ParsedDocument, source: ReportSource, options: ValidateOptions & ExtractOptions = {}): AnnualReport {
  const x = extract(doc, { siteAgency: options.siteAgency ?? null });
  const id = source.sha256.slice(0, 16);
  // The date the signature closes the report with is its publication date when the page gives none.
  const src: ReportSource = !source.publishedAt && x.signedAt ? { ...source, publishedAt: x.signedAt } : source;
  return {
    schemaVersion: SCHEMA_VERSION,
    id,
    source: src,
    title: x.title,
    agency: x.agency,
    agencySource: x.agencySource,
    year: x.year,
    yearSource: x.yearSource,
    template: x.template,
    templateBasis: x.templateBasis,
    sections: x.sections,
    activeDisclosure: x.activeDisclosure,
    applications: x.applications,
    reviewLitigation: x.reviewLitigation,
    cells: x.cells.map(toCellRecord),
    anomalies: validate(id, x, options),
    parser: { name: "nianbao", version: VERSION },
  };
}
