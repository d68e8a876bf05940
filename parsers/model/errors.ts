/**
 * Errors are values with a stable code and structured context (in the manner of csv-parse's
 * CsvError): the run loop reads the code and the reason, never the message text, to decide what
 * goes to failures.jsonl. A failure is a fatal message (./message.ts): `toFailure` gives it that
 * shape, keeping the code and the context.
 */
import type { Message } from "./message.js";

export type ErrorCode =
  | "READ_FAILED" // the path could not be read (missing, permission, a directory given as file)
  | "EMPTY_INPUT" // zero bytes, or nothing but whitespace
  | "BINARY_INPUT" // bytes that are not text in any encoding we read (e.g. a PNG named .html)
  | "UNSUPPORTED_FORMAT" // a format this version cannot read yet
  | "NOT_A_REPORT" // readable, but not a government information-disclosure annual report (raised by extraction)
  | "PARSE_FAILED" // the reader itself failed on this input
  | "INVALID_RECORD"; // a record we built breaks our own JSON Schema (raised by emit): a bug in nianbao, the run stops

/** Where in the run something was said or went wrong. */
export type Stage = "fetch" | "read" | "parse" | "extract" | "validate" | "emit";

/**
 * Why a reader failed, when it can say (a closed list: failures.jsonl lines carry it, and a
 * researcher counts them by it).
 */
export type FailureReason =
  // every format
  | "empty" // no bytes
  | "damaged" // the container or its parts cannot be read
  | "encrypted" // password-protected (PDF, DOCX, an encrypted OOXML package named .doc)
  | "too-large" // over a byte cap: the input (maxInputBytes), a zip's parts, a PDF's decoded streams (README, Security)
  | "too-deep" // elements nested past maxDepth where the format cannot be read flattened (DOCX XML)
  | "too-many-cells" // a table whose grid needs more slots than maxTableCells
  | "timeout" // over --timeout (PDF reading, DOC conversion)
  // PDF
  | "not-pdf"
  | "truncated" // no %%EOF: a download cut short
  | "reader-error" // pdf.js itself failed: not blamed on the file
  // DOCX
  | "ole" // a compound file (a .doc) given to the DOCX reader
  | "not-word" // a package or compound file of another Office format
  | "unsupported" // a zip compression method other than store and deflate
  // DOC
  | "not-doc"
  | "needs-libreoffice" // RTF named .doc without LibreOffice
  | "no-output" // LibreOffice wrote nothing
  | "exit-status" // LibreOffice exited with an error
  | "spawn" // LibreOffice could not be started
  | "memory" // word-extractor ran out of its heap
  | "unreadable"; // word-extractor could not read it

/** What a failure knows besides its sentence: its reason, and facts for the log (method, entries…). */
export interface ErrorContext {
  reason?: FailureReason;
  [key: string]: unknown;
}

export class NianbaoError extends Error {
  readonly code: ErrorCode;
  readonly stage: Stage;
  readonly context: ErrorContext;
  constructor(code: ErrorCode, stage: Stage, message: string, context: ErrorContext = {}) {
    super(message);
    this.name = "NianbaoError";
    this.code = code;
    this.stage = stage;
    this.context = context;
  }
}

/** A failure as a message: fatal (severity "error"), for the whole input (no place), its code and context kept. */
export type FailureMessage = Message<ErrorCode> & { severity: "error"; context: ErrorContext };

export function toFailure(e: NianbaoError): FailureMessage {
  return { ruleId: e.code, severity: "error", source: e.stage, place: null, reason: e.message, context: e.context };
}
