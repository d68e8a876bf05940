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
}

/** Read one input. Rejects with a NianbaoError (code and context) when it cannot be read. */
export async function readDocument(input: Uint8Array | DecodedText, options: ReadOptions = {}): Promise<ReadResult> {
  const hint = options.nameHint ?? "";
  const contentType = options.contentType ?? null;
  if (!(input instanceof Uint8Array)) {
    if (input.text.trim() === "") throw new NianbaoError("EMPTY_INPUT", "read", "the file is empty");
    return sniffTextFormat(input.text, hint) === "html" ? readHtml(input, { contentType }) : readText(input, { contentType });
  }
  if (input.length === 0 || Buffer.from(input).toString("latin1").trim() === "") {
    throw new NianbaoError("EMPTY_INPUT", "read", "the file is empty");
  }
  const timeout = options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {};
  switch (sniffFormat(input, hint)) {
    case "html":
      return readHtml(input, { contentType });
    case "text":
      return readText(input, { contentType });
    case "pdf":
      return readPdf(input, timeout);
    case "docx":
      return readDocx(input);
    case "doc":
      return readDoc(input, { ...(options.soffice !== undefined ? { soffice: options.soffice } : {}), ...timeout });
  }
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
export type { ReadResult, Result } from "./model/result.js";
