/**
 * The format of a file from its bytes, not its name: agencies serve DOCX named .doc, HTML error
 * pages named .pdf, and everything as application/octet-stream.
 */
import type { SourceFormat } from "../src/model/document.js";

export function sniffFormat(bytes: Uint8Array, nameHint = ""): SourceFormat {
  const head = Buffer.from(bytes.subarray(0, 1024));
  // Readers accept a PDF header anywhere in the first KiB (some servers prepend junk).
  if (head.toString("latin1").includes("%PDF-")) return "pdf";
  // RTF saved with a .doc name is common on older sites; LibreOffice reads it as a Word file.
  if (head.subarray(0, 5).toString("latin1") === "{\\rtf") return "doc";
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return "docx";
  if (head.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) return "doc";
  // Text: HTML when it looks like markup, whatever the extension says.
  const start = head.toString("latin1").replace(/^\uFEFF|^\xEF\xBB\xBF/, "").trimStart().slice(0, 512).toLowerCase();
  if (/^(<!doctype html|<html|<head|<meta|<body|<\?xml[^>]*>\s*<html|<!--)/.test(start) || /<(table|div|p)[\s>]/.test(start)) return "html";
  if (/\.(s?html?|htm)$/i.test(nameHint) && start.startsWith("<")) return "html";
  return "text";
}
