/**
 * What a downloaded file is, from its bytes (crawling.md §2.7): agencies serve everything as
 * application/octet-stream, DOCX named .doc, and HTML error pages named .pdf. parsers/sniff.ts
 * tells PDF, RTF, HTML and text apart; this module adds what a crawler meets besides: the ZIP
 * family (DOCX, XLSX, OFD — told apart by their part names in the central directory) and the OLE
 * compound family (DOC, XLS, WPS — by the stream names in the first directory sector).
 */
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { looksBinary } from "../../../parsers/decode.js";
import { sniffFormat } from "../../../parsers/sniff.js";
import type { FileKind } from "../types.js";

/** Random access to the bytes of a file being sniffed: a buffer, or a file on disk. */
export interface ByteSource {
  size: number;
  read(position: number, length: number): Uint8Array;
}

export function bufferSource(bytes: Uint8Array): ByteSource {
  return { size: bytes.length, read: (pos, len) => bytes.subarray(pos, Math.min(bytes.length, pos + len)) };
}

/** Sniff a file on disk without reading it whole. */
export function sniffFile(path: string, nameHint = ""): FileKind {
  const fd = openSync(path, "r");
  try {
    const size = fstatSync(fd).size;
    const src: ByteSource = {
      size,
      read(pos, len) {
        const n = Math.max(0, Math.min(len, size - pos));
        const buf = Buffer.alloc(n);
        if (n > 0) readSync(fd, buf, 0, n, pos);
        return buf;
      },
    };
    return sniffKind(src, nameHint);
  } finally {
    closeSync(fd);
  }
}

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

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

export function sniffKind(src: ByteSource, nameHint = ""): FileKind {
  if (src.size === 0) return "empty";
  const head = src.read(0, 8192);
  if (OLE_MAGIC.every((b, i) => head[i] === b)) return oleKind(src, head, extensionOf(nameHint));
  if (head[0] === 0x50 && head[1] === 0x4b && (head[2] === 0x03 || head[2] === 0x05) && (head[3] === 0x04 || head[3] === 0x06)) {
    return zipKind(src, head);
  }
  const format = sniffFormat(head, nameHint);
  if (format === "pdf") return "pdf";
  if (format === "doc") return "doc"; // RTF saved as .doc: Word and LibreOffice read it
  if (format === "html") return "html";
  if (looksBinary(head)) return "unknown";
  // Whitespace-only bodies are as empty as 0 bytes for a crawler.
  if (Buffer.from(head).toString("latin1").trim() === "" && src.size <= head.length) return "empty";
  return "text";
}

/**
 * ZIP: list the central directory (its end record sits in the last 64 KiB + 22 bytes) and look
 * for the part that names the format: word/ (DOCX), xl/ (XLSX), OFD.xml (OFD, GB/T 33190).
 * A truncated archive has no end record; fall back to the local header names in the head.
 */
function zipKind(src: ByteSource, head: Uint8Array): FileKind {
  const names = centralDirectoryNames(src) ?? localHeaderNames(head);
  const kind = (n: string): FileKind | null =>
    n.startsWith("word/") ? "docx" : n.startsWith("xl/") ? "xlsx" : n.toLowerCase() === "ofd.xml" ? "ofd" : null;
  for (const n of names) {
    const k = kind(n);
    if (k) return k;
  }
  return "zip";
}

function u16(b: Uint8Array, i: number): number {
  return b[i]! | (b[i + 1]! << 8);
}
function u32(b: Uint8Array, i: number): number {
  return (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16)) + b[i + 3]! * 0x1000000;
}

function centralDirectoryNames(src: ByteSource): string[] | null {
  const tailLen = Math.min(src.size, 65557);
  const tail = src.read(src.size - tailLen, tailLen);
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail[i] !== 0x50 || tail[i + 1] !== 0x4b || tail[i + 2] !== 0x05 || tail[i + 3] !== 0x06) continue;
    const cdSize = u32(tail, i + 12);
    const cdOffset = u32(tail, i + 16);
    if (cdOffset + cdSize > src.size || cdSize > 16 * 1024 * 1024) return null;
    const cd = src.read(cdOffset, cdSize);
    const names: string[] = [];
    let p = 0;
    while (p + 46 <= cd.length && u32(cd, p) === 0x02014b50) {
      const nameLen = u16(cd, p + 28);
      const extraLen = u16(cd, p + 30);
      const commentLen = u16(cd, p + 32);
      names.push(Buffer.from(cd.subarray(p + 46, p + 46 + nameLen)).toString("utf8"));
      p += 46 + nameLen + extraLen + commentLen;
    }
    return names;
  }
  return null;
}

function localHeaderNames(head: Uint8Array): string[] {
  const names: string[] = [];
  let p = 0;
  while (p + 30 <= head.length && u32(head, p) === 0x04034b50) {
    const compressed = u32(head, p + 18);
    const nameLen = u16(head, p + 26);
    const extraLen = u16(head, p + 28);
    names.push(Buffer.from(head.subarray(p + 30, p + 30 + nameLen)).toString("utf8"));
    p += 30 + nameLen + extraLen + compressed;
  }
  return names;
}

/**
 * OLE compound file ([MS-CFB] §2.2): the header gives the sector size (2^u16 at 0x1E) and the
 * first directory sector (u32 at 0x30); its 128-byte entries start with a UTF-16LE name.
 * "WordDocument" → doc (Kingsoft WPS files hold one too, so a .wps name says wps), "Workbook" or
 * "Book" → xls.
 */
function oleKind(src: ByteSource, head: Uint8Array, ext: string): FileKind {
  const shift = u16(head, 0x1e);
  const sectorSize = shift === 12 ? 4096 : 512;
  const dirSector = u32(head, 0x30);
  const names: string[] = [];
  if (dirSector < 0xfffffffa) {
    const dir = src.read((dirSector + 1) * sectorSize, sectorSize);
    for (let e = 0; e + 128 <= dir.length; e += 128) {
      const nameBytes = Math.min(64, u16(dir, e + 0x40));
      if (nameBytes < 2) continue;
      names.push(Buffer.from(dir.subarray(e, e + nameBytes - 2)).toString("utf16le"));
    }
  }
  if (names.includes("Workbook") || names.includes("Book")) return "xls";
  if (names.includes("WordDocument")) return ext === "wps" ? "wps" : "doc";
  if (ext === "wps") return "wps";
  if (ext === "xls" || ext === "et") return "xls";
  if (ext === "doc") return "doc";
  return "unknown";
}
