/**
 * What a file is, from its bytes, never its name or Content-Type (crawling.md §2.7): agencies
 * serve DOCX named .doc, HTML error pages named .pdf, and everything as application/octet-stream.
 * The one place that knows magic bytes, the ZIP and OLE directories, and which zip is a Word
 * file; the readers (through `sniffFormat`, `wordContainer`) and the crawler (through `sniffKind`,
 * on a file on disk) ask it alike.
 *
 * - ZIP family (./container/zip.ts): DOCX, XLSX and OFD (GB/T 33190) are told apart by their
 *   part names in the central directory: word/, xl/, OFD.xml. A truncated archive has no central
 *   directory; the local headers at its start are read instead.
 * - OLE compound family (./container/ole.ts): DOC, WPS and XLS by their stream names
 *   ("WordDocument", "Workbook"/"Book"); Office's password-protected OOXML by "EncryptionInfo" /
 *   "EncryptedPackage" (MS-OFFCRYPTO §2.3.4).
 * - Text family: a PDF header anywhere in the first KiB (some servers prepend junk), RTF (read
 *   as a Word file: it is saved with a .doc name on older sites), HTML when it looks like markup,
 *   else text; bytes that are no text at all are "unknown".
 */
import { bufferSource, type ByteSource } from "./container/source.js";
import { isOle, oleEntryNames } from "./container/ole.js";
import { isZip, localHeaderNames, zipDirectory } from "./container/zip.js";
import { looksBinary } from "./decode.js";
import type { SourceFormat } from "./model/document.js";

export { bufferSource, type ByteSource } from "./container/source.js";

/** A file kind sniffed from the bytes. */
export type FileKind = "pdf" | "doc" | "docx" | "ofd" | "wps" | "xls" | "xlsx" | "zip" | "html" | "text" | "empty" | "unknown";

/** What kind of container a Word file's bytes are, before a reader commits to one. */
export type WordContainer = "zip" | "ole" | "ole-encrypted" | "other";

/** How much of the head the kinds are read from. */
const HEAD_BYTES = 8192;
/** Sniffing lists a directory of any size an archive may hold; reading a package is bounded apart. */
const SNIFF_ZIP_LIMITS = { maxEntries: 65_535 * 4, maxTotalBytes: Number.MAX_SAFE_INTEGER };
const ENCRYPTION_STREAMS: readonly string[] = ["EncryptionInfo", "EncryptedPackage"];

/** The kind of a file: what the crawler stores and decides on. */
export function sniffKind(src: ByteSource, nameHint = ""): FileKind {
  if (src.size === 0) return "empty";
  const head = src.read(0, HEAD_BYTES);
  if (isOle(head)) return oleKind(oleEntryNames(src), extensionOf(nameHint));
  if (isZip(head)) return zipKind(zipNames(src, head));
  const format = textualFormat(head, nameHint);
  if (format === "pdf") return "pdf";
  if (format === "doc") return "doc"; // RTF saved as .doc: Word and LibreOffice read it
  if (format === "html") return "html";
  if (utf16Bom(head)) return "text"; // NULs are UTF-16's high bytes, not binary data
  if (looksBinary(head)) return "unknown";
  // Whitespace-only bodies are as empty as 0 bytes for a crawler.
  if (Buffer.from(head).toString("latin1").trim() === "" && src.size <= head.length) return "empty";
  return "text";
}

/**
 * The reader a file goes to. Every zip goes to the DOCX reader and every compound file to the
 * DOC reader, which say what else it is ("an Excel workbook"); bytes that are not text go to the
 * text reader, which says so (BINARY_INPUT).
 */
export function sniffFormat(bytes: Uint8Array, nameHint = ""): SourceFormat {
  const head = bytes.subarray(0, HEAD_BYTES);
  if (isOle(head)) return "doc";
  if (isZip(head)) return "docx";
  return textualFormat(head, nameHint);
}

/** The reader for text decoded already (a page the crawler fetched): HTML when it looks like markup, else text. */
export function sniffTextFormat(text: string, nameHint = ""): "html" | "text" {
  return textualFormat(Buffer.from(text.slice(0, 1024), "utf8"), nameHint) === "html" ? "html" : "text";
}

export function wordContainer(bytes: Uint8Array): WordContainer {
  if (isZip(bytes)) return "zip";
  if (!isOle(bytes)) return "other";
  const names = oleEntryNames(bufferSource(bytes));
  return names.some((n) => ENCRYPTION_STREAMS.includes(n)) ? "ole-encrypted" : "ole";
}

/** A compound file with a WordDocument stream (MS-DOC §2.1.1): a Word 97–2003 document (or WPS). */
export function hasWordStream(bytes: Uint8Array): boolean {
  return isOle(bytes) && oleEntryNames(bufferSource(bytes)).includes("WordDocument");
}

export function isRtf(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.subarray(0, 5)).toString("latin1") === "{\\rtf";
}

export { isOle } from "./container/ole.js";
export { isZip } from "./container/zip.js";

/** The lower-cased extension of a URL path or file name ("pdf"), or "". */
export function extensionOf(nameOrUrl: string): string {
  let path = nameOrUrl;
  try {
    path = new URL(nameOrUrl).pathname;
  } catch {
    /* a bare file name */
  }
  const m = /\.([a-z0-9]{1,5})$/i.exec(path);
  return m?.[1]?.toLowerCase() ?? "";
}

/** The UTF-16 byte-order mark a file starts with (Notepad's "Unicode", Word's "Unicode text"), if any. */
function utf16Bom(head: Uint8Array): "utf16le" | "utf16be" | null {
  if (head[0] === 0xff && head[1] === 0xfe) return "utf16le";
  if (head[0] === 0xfe && head[1] === 0xff) return "utf16be";
  return null;
}

/** The first KiB as characters: UTF-16 after its byte-order mark, else byte for byte (every ASCII marker reads the same). */
function headText(head: Buffer): string {
  const bom = utf16Bom(head);
  if (bom === "utf16le") return head.subarray(2, head.length & ~1).toString("utf16le");
  if (bom === "utf16be") return Buffer.from(head.subarray(2, head.length & ~1)).swap16().toString("utf16le");
  return head.toString("latin1");
}

/** PDF, RTF (as "doc"), HTML or text, from the first KiB. */
function textualFormat(bytes: Uint8Array, nameHint: string): SourceFormat {
  const head = Buffer.from(bytes.subarray(0, 1024));
  if (head.toString("latin1").includes("%PDF-")) return "pdf";
  if (isRtf(head)) return "doc";
  // Text: HTML when it looks like markup, whatever the extension says.
  const start = headText(head).replace(/^\uFEFF|^\xEF\xBB\xBF/, "").trimStart().slice(0, 512).toLowerCase();
  if (/^(<!doctype html|<html|<head|<meta|<body|<\?xml[^>]*>\s*<html|<!--)/.test(start) || /<(table|div|p)[\s>]/.test(start)) return "html";
  if (/\.(s?html?|htm)$/i.test(nameHint) && start.startsWith("<")) return "html";
  return "text";
}

function zipNames(src: ByteSource, head: Uint8Array): string[] {
  try {
    return [...zipDirectory(src, SNIFF_ZIP_LIMITS).keys()];
  } catch {
    return localHeaderNames(head);
  }
}

/** Which zip: the part that names the format. */
function zipKind(names: string[]): FileKind {
  for (const n of names) {
    if (n.startsWith("word/")) return "docx";
    if (n.startsWith("xl/")) return "xlsx";
    if (n.toLowerCase() === "ofd.xml") return "ofd";
  }
  return "zip";
}

/**
 * Which compound file: "WordDocument" → doc (Kingsoft WPS files hold one too, so a .wps name
 * says wps), "Workbook" or "Book" → xls; without either, the name decides.
 */
function oleKind(names: string[], ext: string): FileKind {
  if (names.includes("Workbook") || names.includes("Book")) return "xls";
  if (names.includes("WordDocument")) return ext === "wps" ? "wps" : "doc";
  if (ext === "wps") return "wps";
  if (ext === "xls" || ext === "et") return "xls";
  if (ext === "doc") return "doc";
  return "unknown";
}
