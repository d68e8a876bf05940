/**
 * The per-document step: one ReportFile → the report or the failure, with the manifest's line
 * for it. Input and output are plain data and the step touches no disk, clock or logger, so the
 * same function runs in the run loop (./loop.ts), in a worker thread, or in a queue worker, and its
 * outcome can be stored by (sha256, parser version, rules version).
 *
 *   read      parsers/ readDocument → the document and the reader's notes (Result)
 *   extract   src/extract → sections, tables, cells
 *   validate  src/validate → anomalies (the notes may make tables PARSE_UNCERTAIN)
 *   report    AnnualReport with `messages`: the crawler's notes, then the reader's
 */
import { readDocument, type LimitOptions } from "../../parsers/index.js";
import type { ParsedDocument, ReaderInfo } from "../../parsers/model/document.js";
import { NianbaoError, toFailure } from "../../parsers/model/errors.js";
import { extract } from "../extract/index.js";
import { toCellRecord } from "../extract/found.js";
import type { Failure } from "../model/failure.js";
import { SCHEMA_VERSION, type AnnualReport, type ReportMessage, type ReportSource } from "../model/report.js";
import { resolveRegion } from "../regions/resolve.js";
import { validate, type ValidateOptions } from "../validate/index.js";
import { VERSION } from "../version.js";
import type { ReportFile } from "./report-file.js";

/** Options of the step: plain data (they cross a worker boundary with the file). */
export interface StepOptions extends ValidateOptions {
  /**
   * LibreOffice for .doc files: undefined finds `soffice` on PATH; null never uses it (the
   * text-only word-extractor path, marked PARSE_UNCERTAIN).
   */
  soffice?: string | null;
  /** Deadline for reading one PDF or converting one DOC, in ms (default 60 000). */
  timeoutMs?: number;
  /** The readers' limits (parsers/limits.ts: input bytes per format, cells per table, depth, PDF streams); unset ones keep their defaults. */
  limits?: LimitOptions;
}

/** One input's line of manifest.json. */
export interface InputRecord {
  uri: string;
  sha256: string | null;
  bytes: number | null;
  status: "parsed" | "failed";
  reportId: string | null;
  /** How the input was read: "pdfjs", "ooxml", "libreoffice→docx", "word-extractor", … */
  reader?: ReaderInfo["method"];
  pages?: number;
}

/** What the step gives for one input: the report, or the failure, and the manifest's line either way. */
export type Outcome =
  | { status: "parsed"; input: InputRecord; report: AnnualReport; failure: null }
  | { status: "failed"; input: InputRecord; report: null; failure: Failure; context: Record<string, unknown> };

/** A file read and checked: the report, and how it was read. Rejects with a NianbaoError. */
export async function parseFile(file: ReportFile, options: StepOptions = {}): Promise<{ report: AnnualReport; reader: ReaderInfo | null }> {
  const read = await readDocument(file.content, {
    nameHint: file.uri,
    contentType: file.contentType,
    ...(options.soffice !== undefined ? { soffice: options.soffice } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.limits !== undefined ? { limits: options.limits } : {}),
  });
  const doc = read.value;
  const source: ReportSource = { uri: file.uri, format: doc.format, sha256: file.sha256, bytes: file.bytes };
  if (file.retrievedAt) source.retrievedAt = file.retrievedAt;
  const publishedAt = doc.publishedAt ?? file.publishedAt;
  if (publishedAt) source.publishedAt = publishedAt;
  if (file.attachments.length > 0) source.attachments = [...file.attachments];
  if (file.urls?.length > 0) source.urls = [...file.urls];
  return { report: buildReport(doc, source, options, [...file.messages, ...read.messages], file.siteAgency), reader: doc.reader ?? null };
}

/** The step: never rejects; an input that gives no report gives its failure line. */
export async function readReport(file: ReportFile, options: StepOptions = {}): Promise<Outcome> {
  const known = { sha256: file.sha256, bytes: file.bytes };
  try {
    const { report, reader } = await parseFile(file, options);
    const input: InputRecord = {
      uri: file.uri,
      ...known,
      status: "parsed",
      reportId: report.id,
      ...(reader ? { reader: reader.method } : {}),
      ...(reader?.pages !== undefined ? { pages: reader.pages } : {}),
    };
    return { status: "parsed", input, report, failure: null };
  } catch (e) {
    return failed(file.uri, e, known);
  }
}

/** An input that failed: its failure line (code, stage, reason kept) and its manifest line. */
export function failed(uri: string, e: unknown, known: { sha256: string | null; bytes: number | null } = { sha256: null, bytes: null }): Outcome & { status: "failed" } {
  const err = e instanceof NianbaoError ? e : new NianbaoError("PARSE_FAILED", "parse", `internal error: ${(e as Error)?.message ?? String(e)}`);
  const m = toFailure(err);
  const { reason, ...context } = m.context;
  const failure: Failure = { uri, stage: m.source, code: m.ruleId, ...(reason ? { reason } : {}), error: `${uri}: ${m.reason}` };
  return { status: "failed", input: { uri, ...known, status: "failed", reportId: null }, report: null, failure, context: plain(context) };
}

/** A read document → the report: extraction and checks, no I/O (the id is the source hash's first 16 hex). */
export function buildReport(
  doc: ParsedDocument,
  source: ReportSource,
  options: ValidateOptions = {},
  messages: readonly ReportMessage[] = [],
  siteAgency: string | null = null,
): AnnualReport {
  const x = extract(doc, { siteAgency });
  const id = source.sha256.slice(0, 16);
  // The date the signature closes the report with is its publication date when neither the page
  // nor the crawler gives one.
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
    region: resolveRegion({ agency: x.agency, title: x.title, siteAgency }),
    cells: x.cells.map(toCellRecord),
    anomalies: validate(id, x, options, messages, doc),
    messages: [...messages],
    parser: { name: "nianbao", version: VERSION },
  };
}

/** Context for the log: only what survives JSON (an Error's message, not the Error). */
function plain(context: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(context).map(([k, v]) => [k, v instanceof Error ? v.message : v]));
}
