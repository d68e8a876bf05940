/**
 * DOC (Word 97–2003 binary, MS-DOC in an OLE compound file) → the format-neutral document.
 *
 * Two routes, chosen by what is installed, and stated in `reader.method` for manifest.json:
 *
 * - "libreoffice→docx": LibreOffice (`soffice`, Debian `libreoffice-writer-nogui`) converts the
 *   file to DOCX in a temporary folder, under a deadline (./doc/soffice.ts), and the DOCX reader
 *   reads it: tables keep their merged cells and grid, list numbers are printed.
 * - "word-extractor": without LibreOffice, word-extractor reads the body text (./doc/word-extractor.ts)
 *   and the text reader (./text.ts) recovers tables from its tab-separated rows. Merged cells
 *   come out as blank cells, list numbers are lost, and the whole read is noted DOC_TEXT_ONLY, which makes the report's tables PARSE_UNCERTAIN.
 *
 * Before either route the bytes are checked: a DOCX under a .doc name is read as DOCX; a
 * password-protected DOCX (an OLE file holding EncryptionInfo) and an OLE file without a
 * WordDocument stream (an .xls or .ppt) fail at once. RTF, which agencies also name .doc, is
 * converted by LibreOffice when it is there.
 */
import type { Position } from "./model/document.js";
import { NianbaoError, type ErrorContext } from "./model/errors.js";
import { note } from "./model/notes.js";
import { mapResult, result, withMessages, type ReadResult } from "./model/result.js";
import { readDocx } from "./docx.js";
import { DocTextError, extractDocText } from "./doc/word-extractor.js";
import { ConvertError, convertWithSoffice, findSoffice } from "./doc/soffice.js";
import { hasWordStream, isOle, isRtf, wordContainer } from "./sniff.js";
import { readText } from "./text.js";
import type { LimitOptions } from "./limits.js";

export interface ReadDocOptions {
  /**
   * The LibreOffice executable. Undefined: `soffice` (or `libreoffice`) on PATH, if any.
   * null: do not use LibreOffice; read with word-extractor.
   */
  soffice?: string | null;
  /** Deadline of the conversion (or of word-extractor), in ms. Default 60 s. */
  timeoutMs?: number;
  /** Where the conversion's temporary folder is made. Default: the OS temporary folder. */
  tmpDir?: string;
  /** The readers' limits (./limits.ts), for the DOCX or text the DOC is read as. */
  limits?: LimitOptions;
}

export const DEFAULT_DOC_TIMEOUT_MS = 60_000;

function fail(message: string, context: ErrorContext): NianbaoError {
  return new NianbaoError("PARSE_FAILED", "parse", message, context);
}

export async function readDoc(bytes: Uint8Array, options: ReadDocOptions = {}): Promise<ReadResult> {
  if (bytes.length === 0) throw new NianbaoError("EMPTY_INPUT", "parse", "the DOC is empty (no bytes)");
  const container = wordContainer(bytes);
  const limits = options.limits ? { limits: options.limits } : {};
  if (container === "zip") {
    return withMessages(await readDocx(bytes, limits), [note("DOC_IS_DOCX")]);
  }
  if (container === "ole-encrypted") throw fail("the document is password-protected", { reason: "encrypted" });
  const rtf = isRtf(bytes);
  if (!rtf && !isOle(bytes)) throw fail("not a Word 97–2003 document: no OLE compound-file signature", { reason: "not-doc" });
  if (!rtf && !hasWordStream(bytes)) {
    throw fail("not a Word 97–2003 document: the OLE file has no WordDocument stream (an Excel or PowerPoint file?)", { reason: "not-word" });
  }

  const timeoutMs = options.timeoutMs ?? DEFAULT_DOC_TIMEOUT_MS;
  const soffice = options.soffice === undefined ? findSoffice() : options.soffice;
  if (soffice) return viaLibreOffice(bytes, soffice, rtf, timeoutMs, options.tmpDir, options.limits);
  if (rtf) throw fail("an RTF document named .doc: reading it needs LibreOffice, which is not installed", { reason: "needs-libreoffice" });
  return viaWordExtractor(bytes, timeoutMs, options.limits);
}

async function viaLibreOffice(bytes: Uint8Array, soffice: string, rtf: boolean, timeoutMs: number, tmpDir: string | undefined, limits: LimitOptions | undefined): Promise<ReadResult> {
  const method = "libreoffice→docx";
  let docx: Uint8Array;
  try {
    docx = await convertWithSoffice(bytes, {
      soffice,
      inFilter: rtf ? "Rich Text Format" : "MS Word 97",
      inExtension: rtf ? "rtf" : "doc",
      convertTo: "docx:MS Word 2007 XML",
      outExtension: "docx",
      timeoutMs,
      ...(tmpDir !== undefined ? { tmpDir } : {}),
    });
  } catch (e) {
    if (!(e instanceof ConvertError)) throw e;
    throw fail(`LibreOffice could not convert the DOC: ${e.message}`, { reason: e.reason, method, ...e.detail });
  }
  return mapResult(await readDocx(docx, limits ? { limits } : {}), (doc) => ({ ...doc, format: "doc" as const, reader: { method } }));
}

async function viaWordExtractor(bytes: Uint8Array, timeoutMs: number, limits: LimitOptions | undefined): Promise<ReadResult> {
  const method = "word-extractor";
  let body: string;
  try {
    body = await extractDocText(bytes, { timeoutMs });
  } catch (e) {
    if (!(e instanceof DocTextError)) throw e;
    throw fail(`word-extractor could not read the DOC: ${e.message}`, { reason: e.reason, method });
  }
  // C0 controls other than tab and newline are Word's object anchors and field marks, not text.
  const text = body.replace(/\r\n?/g, "\n").replace(/[\x00-\x08\x0b-\x1f\x7f]/g, "");
  const { value: doc, messages } = readText({ text, encoding: "utf-8" }, limits ? { limits } : {});
  const noLine = (p: Position): Position => ({ ...p, line: null });
  const blocks = doc.blocks.map((b) => {
    if (b.type === "paragraph") return { ...b, pos: noLine(b.pos) };
    // word-extractor ends every row with the cell mark's tab: the empty cell after it is not Word's.
    const trailing = b.rows.every((row) => row.length > 1 && row[row.length - 1]!.text === "");
    const rows = b.rows.map((row) => (trailing ? row.slice(0, -1) : row).map((c) => ({ ...c, pos: noLine(c.pos) })));
    return { ...b, rows, pos: noLine(b.pos) };
  });
  return result({ format: "doc", metaTitle: null, publishedAt: null, blocks, reader: { method } }, [...messages, note("DOC_TEXT_ONLY")]);
}
