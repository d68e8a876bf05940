/**
 * One input's bytes → AnnualReport, for library users: the per-document step of the run loop
 * (src/run/step.ts) on one input, rejecting with a NianbaoError where the loop writes a failure.
 */
import { readDocument as read, type ReadOptions } from "../parsers/index.js";
import type { ReadResult } from "../parsers/model/result.js";
import type { AnnualReport } from "./model/report.js";
import { bytesFile, parseFile, type StepOptions } from "./run/index.js";

export { buildReport } from "./run/step.js";
export { sha256Hex } from "./run/report-file.js";

export interface InputMeta {
  /** URL, or the path as given on the command line. */
  uri: string;
  contentType?: string | null;
  retrievedAt?: string;
  /** The agency of the crawler's site entry (sites.json): the report's agency when the document names none. */
  siteAgency?: string | null;
}

export type ParseOptions = StepOptions;

/** Read one input into the format-neutral document and the reader's notes (no extraction). */
export function readDocument(bytes: Uint8Array, meta: InputMeta, options: ParseOptions = {}): Promise<ReadResult> {
  const o: ReadOptions = { nameHint: meta.uri, contentType: meta.contentType ?? null };
  if (options.soffice !== undefined) o.soffice = options.soffice;
  if (options.timeoutMs !== undefined) o.timeoutMs = options.timeoutMs;
  return read(bytes, o);
}

/** Parse one input. Rejects with a NianbaoError when it cannot be read or is not an annual report. */
export async function parseReport(bytes: Uint8Array, meta: InputMeta, options: ParseOptions = {}): Promise<AnnualReport> {
  const file = bytesFile(meta.uri, bytes, { contentType: meta.contentType ?? null, retrievedAt: meta.retrievedAt ?? null, siteAgency: meta.siteAgency ?? null });
  return (await parseFile(file, options)).report;
}
