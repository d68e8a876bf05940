/**
 * The read stage as one call: bytes of any supported format (or a page's text, decoded already)
 * → the format-neutral document and what the reader noticed. The format is sniffed from the
 * bytes (./sniff.ts), never taken from the name. parsers/ is self-contained: it imports nothing
 * from src/, and src/ reaches it through this module and the model modules.
 *
 *   model/      document.ts (blocks, positions), message.ts (the one message shape),
 *               notes.ts (the readers' catalogue), result.ts (Result{value, messages}), errors.ts
 *   container/  the one ZIP reader, the OLE directory reader, random access to bytes
 *   sniff.ts    what a file is          decode.ts  bytes → text
 *   text.ts     txt/md                  html.ts + html/  HTML (html/text.ts: the text rules)
 *   pdf.ts + pdf/   PDF (pdf.js)        docx.ts + docx/  DOCX     doc.ts + doc/  DOC
 */
import { NianbaoError } from "./model/errors.js";
import type { ReadResult } from "./model/result.js";
import { sniffFormat, sniffTextFormat } from "./sniff.js";
import type { DecodedText } from "./decode.js";
import { checkInputBytes, resolveLimits, type LimitOptions } from "./limits.js";

/*
 * Each reader is loaded the first time a document of its format comes (issue 10: a text-only
 * batch never loads cheerio, mammoth or pdf.js, and a pool thread starts in a fraction of the time).
 */
type M<T> = T extends (...a: infer A) => infer R ? (...a: A) => Promise<Awaited<R>> : never;
export const readText: M<typeof import("./text.js").readText> = async (...a) => (await import("./text.js")).readText(...a);
export const readHtml: M<typeof import("./html.js").readHtml> = async (...a) => (await import("./html.js")).readHtml(...a);
export const readPdf: M<typeof import("./pdf.js").readPdf> = async (...a) => (await import("./pdf.js")).readPdf(...a);
export const readDocx: M<typeof import("./docx.js").readDocx> = async (...a) => (await import("./docx.js")).readDocx(...a);
export const readDoc: M<typeof import("./doc.js").readDoc> = async (...a) => (await import("./doc.js")).readDoc(...a);

export interface ReadOptions {
  /** The file name or URL, a hint for sniffing only (an ".html" name tips a bare "<…" into HTML). */
  nameHint?: string;
  /** The HTTP Content-Type header, when the bytes came from the web (charset evidence). */
  contentType?: string | null;
  /**
   * LibreOffice for .doc files: undefined finds `soffice` on PATH; null never uses it (the
   * text-only word-extractor path, noted DOC_TEXT_ONLY).
   */
  soffice?: string | null;
  /** Deadline for reading one PDF or converting one DOC, in ms (default 60 000). */
  timeoutMs?: number;
  /** The readers' limits (./limits.ts: input bytes per format, cells per table, depth, PDF streams, zip caps); unset ones keep their defaults. */
  limits?: LimitOptions;
}

/** Read one input. Rejects with a NianbaoError (code and context) when it cannot be read. */
export async function readDocument(input: Uint8Array | DecodedText, options: ReadOptions = {}): Promise<ReadResult> {
  const hint = options.nameHint ?? "";
  const contentType = options.contentType ?? null;
  const limits = resolveLimits(options.limits);
  if (!(input instanceof Uint8Array)) {
    if (input.text.trim() === "") throw new NianbaoError("EMPTY_INPUT", "read", "the file is empty");
    const format = sniffTextFormat(input.text, hint);
    checkInputBytes(format, Buffer.byteLength(input.text, "utf8"), limits);
    return format === "html" ? readHtml(input, { contentType, limits }) : readText(input, { contentType, limits });
  }
  if (input.length === 0 || isBlank(input)) {
    throw new NianbaoError("EMPTY_INPUT", "read", "the file is empty");
  }
  const timeout = options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {};
  const format = sniffFormat(input, hint);
  checkInputBytes(format, input.length, limits);
  switch (format) {
    case "html":
      return readHtml(input, { contentType, limits });
    case "text":
      return readText(input, { contentType, limits });
    case "pdf":
      return readPdf(input, { ...timeout, limits });
    case "docx":
      return readDocx(input, { limits });
    case "doc":
      return readDoc(input, { ...(options.soffice !== undefined ? { soffice: options.soffice } : {}), ...timeout, limits });
  }
}

/** Nothing but whitespace, as String.prototype.trim counts it over latin1 (tab…CR, space, NBSP), without decoding the bytes. */
function isBlank(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (!(b === 0x20 || (b >= 0x09 && b <= 0x0d) || b === 0xa0)) return false;
  }
  return true;
}
export { sniffFormat, sniffKind, sniffTextFormat, wordContainer, extensionOf, bufferSource } from "./sniff.js";
export type { ByteSource, FileKind, WordContainer } from "./sniff.js";
export type { DecodedText, TextInput } from "./decode.js";
export type { Block, GridCell, Paragraph, ParsedDocument, Position, ReaderInfo, ReaderMethod, SourceFormat, Table } from "./model/document.js";
export { position, isOrigin } from "./model/document.js";
export { NianbaoError, toFailure } from "./model/errors.js";
export type { ErrorCode, ErrorContext, FailureMessage, FailureReason, Stage } from "./model/errors.js";
export { fill, placeOf } from "./model/message.js";
export type { Message, MessageContext, Place, Severity, TemplateValue } from "./model/message.js";
export { READER_NOTES, note, noteText } from "./model/notes.js";
export type { NoteDef, ReaderCode, ReaderMessage } from "./model/notes.js";
export { result, mapResult, withMessages } from "./model/result.js";
export { DEFAULT_LIMITS, resolveLimits } from "./limits.js";
export type { LimitOptions, ReadLimits } from "./limits.js";
export type { ReadResult, Result } from "./model/result.js";
