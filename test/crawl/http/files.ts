/** The smallest bytes of each attachment type a 年报 column serves, built in memory. */
import { strToU8, zipSync } from "fflate";

export const pdf = (text = "2022年政府信息公开工作年度报告"): Buffer =>
  Buffer.from(`%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n% ${text}\n${"0".repeat(2000)}\n%%EOF\n`, "utf8");

export const docx = (): Buffer =>
  Buffer.from(zipSync({ "[Content_Types].xml": strToU8("<Types/>"), "_rels/.rels": strToU8("<Relationships/>"), "word/document.xml": strToU8("<w:document/>") }));
export const xlsx = (): Buffer => Buffer.from(zipSync({ "[Content_Types].xml": strToU8("<Types/>"), "xl/workbook.xml": strToU8("<workbook/>") }));
export const ofd = (): Buffer => Buffer.from(zipSync({ "OFD.xml": strToU8("<ofd:OFD/>"), "Doc_0/Document.xml": strToU8("<ofd:Document/>") }));

/**
 * An OLE compound file ([MS-CFB]) whose first directory sector names `stream`: 512-byte sectors,
 * the directory in sector 0 (file offset 512).
 */
export function ole(stream: string): Buffer {
  const b = Buffer.alloc(512 * 3);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(b, 0);
  b.writeUInt16LE(0x3e, 0x18); // minor version
  b.writeUInt16LE(3, 0x1a); // major version 3
  b.writeUInt16LE(0xfffe, 0x1c); // little-endian
  b.writeUInt16LE(9, 0x1e); // 2^9 = 512-byte sectors
  b.writeUInt32LE(0, 0x30); // first directory sector
  const entry = (i: number, name: string) => {
    const at = 512 + i * 128;
    b.write(name, at, "utf16le");
    b.writeUInt16LE((name.length + 1) * 2, at + 0x40);
  };
  entry(0, "Root Entry");
  entry(1, stream);
  return b;
}
