import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { filenameFromContentDisposition as name } from "../../../src/crawl/http/content-disposition.js";

const N = "2022年政府信息公开工作年度报告.pdf";
const latin1 = (b: Buffer) => b.toString("latin1");

describe("Content-Disposition file names", () => {
  it("reads RFC 5987 filename*, preferred over filename", () => {
    expect(name(`attachment; filename="x.pdf"; filename*=UTF-8''${encodeURIComponent(N)}`)).toBe(N);
    expect(name(`attachment; filename*=utf-8'zh-CN'${encodeURIComponent(N)}`)).toBe(N);
  });

  it("reads filename* labelled GBK", () => {
    const pct = [...iconv.encode(N, "gbk")].map((b) => "%" + b.toString(16).toUpperCase().padStart(2, "0")).join("");
    expect(name(`attachment; filename*=GBK''${pct}`)).toBe(N);
  });

  it("reads raw GBK and raw UTF-8 bytes in a quoted filename", () => {
    expect(name(`attachment; filename="${latin1(iconv.encode(N, "gbk"))}"`)).toBe(N);
    expect(name(`attachment; filename="${latin1(Buffer.from(N, "utf8"))}"`)).toBe(N);
  });

  it("reads a percent-encoded filename without the star, and an unquoted one", () => {
    expect(name(`attachment; filename=${encodeURIComponent(N)}`)).toBe(N);
    expect(name("attachment; filename=report.pdf")).toBe("report.pdf");
  });

  it("reads a MIME encoded-word", () => {
    expect(name(`attachment; filename="=?UTF-8?B?${Buffer.from(N).toString("base64")}?="`)).toBe(N);
  });

  it("keeps only the last path component, and gives null when there is no name", () => {
    expect(name('attachment; filename="C:\\\\upload\\\\a.pdf"')).toBe("a.pdf");
    expect(name('attachment; filename="../../etc/passwd"')).toBe("passwd");
    expect(name("inline")).toBeNull();
    expect(name(null)).toBeNull();
  });
});
