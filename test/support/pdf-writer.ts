/**
 * Minimal PDFs written at test time (PDF 32000-1 §7.5: header, objects, cross-reference table,
 * trailer), and deflate bombs made without deflating what they inflate to.
 */
import zlib from "node:zlib";

/** One page whose content stream is `content` (its raw bytes), with the dictionary entries given. */
export function onePagePdf(content: Buffer, dictionary: string): Buffer {
  const objects = [
    Buffer.from("<< /Type /Catalog /Pages 2 0 R >>"),
    Buffer.from("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
    Buffer.from("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>"),
    Buffer.concat([Buffer.from(`<< /Length ${content.length} ${dictionary} >>\nstream\n`), content, Buffer.from("\nendstream")]),
  ];
  const parts: Buffer[] = [Buffer.from("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "latin1")];
  let at = parts[0]!.length;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    const obj = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), body, Buffer.from("\nendobj\n")]);
    offsets.push(at);
    parts.push(obj);
    at += obj.length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n`, "0000000000 65535 f \n", ...offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`)].join("");
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${at}\n%%EOF\n`));
  return Buffer.concat(parts);
}

/** A content stream that prints `text` (Latin-1) in Helvetica. */
export function textContent(text: string): Buffer {
  return Buffer.from(`BT /F1 12 Tf 72 720 Td (${text.replace(/[()\\]/g, "\\$&")}) Tj ET`, "latin1");
}

const CHUNK = 16 * 1024 * 1024;

/**
 * A zlib stream that inflates to `bytes` zeros (rounded up to 16 MiB), about 1/1000 of that on
 * disk: 16 MiB of zeros deflated once into non-final blocks ending on a byte boundary (a sync
 * flush), repeated, then an empty final block and the Adler-32 of the zeros (RFC 1950: a = 1,
 * b = n mod 65521), so nothing ever holds what it inflates to.
 */
export function zlibBomb(bytes: number): Buffer {
  const repeats = Math.max(1, Math.ceil(bytes / CHUNK));
  const block = zlib.deflateRawSync(Buffer.alloc(CHUNK), { level: 9, finishFlush: zlib.constants.Z_SYNC_FLUSH });
  const n = repeats * CHUNK;
  const adler = Buffer.alloc(4);
  adler.writeUInt32BE((((n % 65521) << 16) | 1) >>> 0);
  return Buffer.concat([Buffer.from([0x78, 0xda]), ...Array.from({ length: repeats }, () => block), Buffer.from([0x03, 0x00]), adler]);
}
