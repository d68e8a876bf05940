/**
 * Errors are values with a stable code: the batch runner reads the code, never the message text,
 * to decide what goes to failures.jsonl.
 */
export type ErrorCode =
  | "READ_FAILED" // the path could not be read (missing, permission, a directory given as file)
  | "EMPTY_INPUT" // zero bytes, or nothing but whitespace
  | "BINARY_INPUT" // bytes that are not text in any encoding we read (e.g. a PNG named .html)
  | "UNSUPPORTED_FORMAT" // a format this version cannot read yet
  | "NOT_A_REPORT" // readable, but not a government information-disclosure annual report
  | "PARSE_FAILED" // the reader itself failed on this input
  | "INVALID_RECORD"; // a record we built breaks our own JSON Schema: a bug in nianbao, the run stops

export type Stage = "read" | "parse" | "extract" | "validate" | "emit";

export class NianbaoError extends Error {
  readonly code: ErrorCode;
  readonly stage: Stage;
  readonly context: Record<string, unknown>;
  constructor(code: ErrorCode, stage: Stage, message: string, context: Record<string, unknown> = {}) {
    super(message);
    this.name = "NianbaoError";
    this.code = code;
    this.stage = stage;
    this.context = context;
  }
}
