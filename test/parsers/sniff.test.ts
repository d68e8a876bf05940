import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { bufferSource, extensionOf, sniffFormat, sniffKind, wordContainer, hasWordStream } from "../../parsers/sniff.js";
import { sniffFile } from "../../src/crawl/http/file-kind.js";
import { docx, ofd, ole, pdf, xlsx } from "../crawl/http/files.js";
import { encryptedOoxml } from "../support/docx-fixture.js";

const kind = (b: Uint8Array, hint = "") => sniffKind(bufferSource(b), hint);

/**
 * A compound file whose directory runs over two sectors chained through the FAT (MS-CFB §2.6):
 * sector 1 holds the root and three other entries, sector 2 the WordDocument stream.
 */
function twoSectorDirectory(): Buffer {
  const S = 512;
  const b = Buffer.alloc(S * 4);
  Buffer.from("d0cf11e0a1b11ae1", "hex").copy(b, 0);
  b.writeUInt16LE(3, 0x1a);
  b.writeUInt16LE(0xfffe, 0x1c);
  b.writeUInt16LE(9, 0x1e);
  b.writeUInt32LE(1, 0x2c); // one FAT sector
  b.writeUInt32LE(1, 0x30); // the directory starts at sector 1
  b.writeUInt32LE(0xfffffffe, 0x44); // no DIFAT sectors
  b.fill(0xff, 0x4c, S);
  b.writeUInt32LE(0, 0x4c); // the FAT is sector 0
  const sector = (n: number) => (n + 1) * S;
  b.fill(0xff, sector(0), sector(0) + S);
  b.writeUInt32LE(0xfffffffd, sector(0)); // sector 0: FAT
  b.writeUInt32LE(2, sector(0) + 4); // sector 1 → 2
  b.writeUInt32LE(0xfffffffe, sector(0) + 8); // sector 2: end of chain
  const entry = (at: number, name: string) => {
    b.write(name, at, "utf16le");
    b.writeUInt16LE((name.length + 1) * 2, at + 0x40);
  };
  ["Root Entry", "\u0001CompObj", "\u0005SummaryInformation", "1Table"].forEach((n, i) => entry(sector(1) + i * 128, n));
  entry(sector(2), "WordDocument");
  return b;
}

describe("file kinds from bytes", () => {
  it("tells the document families apart whatever the name says", () => {
    expect(kind(pdf(), "x.doc")).toBe("pdf");
    expect(kind(docx(), "x.doc")).toBe("docx");
    expect(kind(xlsx())).toBe("xlsx");
    expect(kind(ofd())).toBe("ofd");
    expect(kind(ole("WordDocument"))).toBe("doc");
    expect(kind(ole("WordDocument"), "年报.wps")).toBe("wps");
    expect(kind(ole("Workbook"))).toBe("xls");
    expect(kind(ole("PowerPoint Document"))).toBe("unknown");
  });

  it("follows an OLE directory past its first sector through the FAT", () => {
    expect(kind(twoSectorDirectory())).toBe("doc");
    expect(hasWordStream(twoSectorDirectory())).toBe(true);
  });

  it("finds a PDF header after leading junk, and RTF as doc", () => {
    expect(kind(Buffer.concat([Buffer.from("\r\n\r\n"), pdf()]))).toBe("pdf");
    expect(kind(Buffer.from("{\\rtf1\\ansi 年报}"))).toBe("doc");
  });

  it("reads HTML, text, empty and unknown binaries", () => {
    expect(kind(Buffer.from("<!DOCTYPE html><html><body>错误</body></html>"), "x.pdf")).toBe("html");
    expect(kind(Buffer.from("  \n "))).toBe("empty");
    expect(kind(Buffer.alloc(0))).toBe("empty");
    expect(kind(Buffer.from("纯文本的年报"))).toBe("text");
    expect(kind(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]))).toBe("unknown");
  });

  it("reads UTF-16 with a byte-order mark as what it says: HTML or text, not binary", () => {
    const html = "<!DOCTYPE html><html><body><p>年度报告</p></body></html>";
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(html, "utf16le")]);
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(html, "utf16le").swap16()]);
    for (const b of [le, be]) {
      expect(kind(b)).toBe("html");
      expect(sniffFormat(b)).toBe("html");
    }
    const text = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("某局2023年政府信息公开工作年度报告\n", "utf16le")]);
    expect(kind(text)).toBe("text");
    expect(sniffFormat(text)).toBe("text");
  });

  it("lists a zip without a central directory (truncated) by its local headers", () => {
    const full = docx();
    expect(kind(full.subarray(0, full.length - 30))).toBe("docx");
  });

  it("reads extensions from URLs and names", () => {
    expect(extensionOf("http://a.test/P020230131.PDF?x=1")).toBe("pdf");
    expect(extensionOf("年报.docx")).toBe("docx");
    expect(extensionOf("http://a.test/art/")).toBe("");
  });
});

describe("the reader a file goes to, by the same rules", () => {
  it("sends every zip to the DOCX reader and every compound file to the DOC reader", () => {
    expect(sniffFormat(docx(), "x.doc")).toBe("docx");
    expect(sniffFormat(xlsx())).toBe("docx");
    expect(sniffFormat(ole("WordDocument"), "x.docx")).toBe("doc");
    expect(sniffFormat(encryptedOoxml(), "x.docx")).toBe("doc");
    expect(sniffFormat(pdf(), "x.html")).toBe("pdf");
    expect(sniffFormat(Buffer.from("{\\rtf1 x}"))).toBe("doc");
    expect(sniffFormat(Buffer.from("<html><body>x</body></html>"), "x.txt")).toBe("html");
    expect(sniffFormat(Buffer.from("纯文本"))).toBe("text");
  });

  it("tells a Word package, a compound file and a password-protected OOXML package apart", () => {
    expect(wordContainer(docx())).toBe("zip");
    expect(wordContainer(ole("WordDocument"))).toBe("ole");
    expect(wordContainer(encryptedOoxml())).toBe("ole-encrypted");
    expect(wordContainer(Buffer.from("<html/>"))).toBe("other");
  });
});

describe("sniffFile (the crawler's view of a file on disk)", () => {
  it("reads a file's kind from its head and its zip directory without reading it whole", () => {
    const dir = mkdtempSync(join(tmpdir(), "nianbao-sniff-"));
    try {
      const path = join(dir, "download");
      writeFileSync(path, docx());
      expect(sniffFile(path, "年报.pdf")).toBe("docx");
      writeFileSync(path, twoSectorDirectory());
      expect(sniffFile(path, "年报.wps")).toBe("wps");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
