import { describe, expect, it } from "vitest";
import { bufferSource, extensionOf, sniffKind } from "../../../src/crawl/http/file-kind.js";
import { docx, ofd, ole, pdf, xlsx } from "./files.js";

const kind = (b: Uint8Array, hint = "") => sniffKind(bufferSource(b), hint);

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
