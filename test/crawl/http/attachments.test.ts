import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { createFetcher } from "../../../src/crawl/http/fetcher.js";
import { html, reply, startServer, stream, type TestServer, serversClosedAfterEach } from "../../support/http-server.js";
import { tempDir } from "../tmp.js";
import { fast, realPage } from "./fast.js";
import { docx, ofd, ole, pdf, xlsx } from "./files.js";

const server = serversClosedAfterEach();

const octet = (bytes: Uint8Array, extra: Record<string, string> = {}) => reply(200, bytes, { "content-type": "application/octet-stream", ...extra });
const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");
const storeDir = () => tempDir("nianbao-store-");
/** Every file under the store except the temporary folder. */
function stored(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && !join(d.parentPath, d.name).includes(".tmp"))
    .map((d) => join(d.parentPath, d.name));
}

describe("attachments", () => {
  it("streams a file to <store>/<sha[0:2]>/<sha256>, sniffed by its bytes, with nothing partial left", async () => {
    const bytes = pdf();
    const s = await server({ "/robots.txt": reply(404), "/P020230131.pdf": octet(bytes) });
    const dir = storeDir();
    const f = createFetcher(fast({ storeDir: dir }));
    const r = await f.fetch({ url: s.url("/P020230131.pdf"), label: "attachment", toStore: true });
    const h = sha(bytes);
    expect(r).toMatchObject({ classification: "ok", status: 200, text: null });
    expect(r.file).toEqual({ sha256: h, bytes: bytes.length, kind: "pdf", path: join(dir, h.slice(0, 2), h), suggestedName: null });
    expect(readFileSync(r.file!.path).equals(bytes)).toBe(true);
    expect(f.store!.tmpFiles()).toEqual([]);
  });

  it("keeps one copy of the same bytes linked from two URLs, and two copies of two files with one name", async () => {
    const name = "attachment; filename*=UTF-8''" + encodeURIComponent("2022年政府信息公开工作年度报告.pdf");
    const s = await server({
      "/robots.txt": reply(404),
      "/a/report.pdf": octet(pdf("甲"), { "content-disposition": name }),
      "/b/report.pdf": octet(pdf("甲"), { "content-disposition": name }),
      "/c/report.pdf": octet(pdf("乙"), { "content-disposition": name }),
    });
    const dir = storeDir();
    const f = createFetcher(fast({ storeDir: dir }));
    const [a, b, c] = await Promise.all(["/a/report.pdf", "/b/report.pdf", "/c/report.pdf"].map((p) => f.fetch({ url: s.url(p), label: "attachment", toStore: true })));
    expect(a!.file!.sha256).toBe(b!.file!.sha256);
    expect(c!.file!.sha256).not.toBe(a!.file!.sha256);
    expect(a!.file!.suggestedName).toBe(c!.file!.suggestedName);
    expect(stored(dir)).toHaveLength(2);
  });

  it.each([
    ["report.docx", docx(), "docx"],
    ["report.doc", docx(), "docx"], // a DOCX named .doc
    ["report.xlsx", xlsx(), "xlsx"],
    ["report.ofd", ofd(), "ofd"],
    ["report.doc", ole("WordDocument"), "doc"],
    ["report.wps", ole("WordDocument"), "wps"],
    ["report.xls", ole("Workbook"), "xls"],
  ] as const)("sniffs %s served as octet-stream as %s", async (name, bytes, kind) => {
    const s = await server({ "/robots.txt": reply(404), [`/${name}`]: octet(bytes) });
    const f = createFetcher(fast({ storeDir: storeDir() }));
    const r = await f.fetch({ url: s.url(`/${name}`), label: "attachment", toStore: true });
    expect(r.classification).toBe("ok");
    expect(r.file!.kind).toBe(kind);
  });

  it("rejects an HTML error page served (200) at a .pdf URL as wrong-type, keeping its text and storing nothing", async () => {
    const s = await server({ "/robots.txt": reply(404), "/P0201.pdf": html("<html><head><title>系统提示</title></head><body>文件正在转换中，请稍后访问</body></html>") });
    const dir = storeDir();
    const f = createFetcher(fast({ storeDir: dir }));
    const r = await f.fetch({ url: s.url("/P0201.pdf"), label: "attachment", toStore: true });
    expect(r).toMatchObject({ classification: "wrong-type", file: null });
    expect(r.error).toMatch(/expected a document, got html/);
    expect(r.text).toContain("文件正在转换中");
    expect(stored(dir)).toEqual([]);
    expect(f.store!.tmpFiles()).toEqual([]);
  });

  it("rejects a 0-byte file as wrong-type", async () => {
    const s = await server({ "/robots.txt": reply(404), "/empty.pdf": octet(Buffer.alloc(0)) });
    const dir = storeDir();
    const f = createFetcher(fast({ storeDir: dir }));
    const r = await f.fetch({ url: s.url("/empty.pdf"), label: "attachment", toStore: true });
    expect(r).toMatchObject({ classification: "wrong-type", file: null, error: "empty body" });
    expect(stored(dir)).toEqual([]);
  });

  it("stops a streamed (chunked) file one byte past the cap: too-large, partial file deleted", async () => {
    const s = await server({ "/robots.txt": reply(404), "/big.pdf": stream(400_000) });
    const dir = storeDir();
    const f = createFetcher(fast({ storeDir: dir, maxBytes: 100_000 }));
    const r = await f.fetch({ url: s.url("/big.pdf"), label: "attachment", toStore: true });
    expect(r).toMatchObject({ classification: "too-large", file: null });
    expect(stored(dir)).toEqual([]);
    expect(f.store!.tmpFiles()).toEqual([]);
    expect(f.hostStats()[s.host]!.bytes).toBeLessThan(400_000);
  });

  it("refuses a file whose Content-Length is over the cap without reading it", async () => {
    const s = await server({ "/robots.txt": reply(404), "/big.pdf": octet(Buffer.alloc(300_000, 0x25), { "content-length": "300000" }) });
    const dir = storeDir();
    const f = createFetcher(fast({ storeDir: dir, maxBytes: 100_000 }));
    const r = await f.fetch({ url: s.url("/big.pdf"), label: "attachment", toStore: true });
    expect(r.classification).toBe("too-large");
    expect(stored(dir)).toEqual([]);
    expect(f.hostStats()[s.host]!.bytes).toBe(0);
  });

  it("decodes Content-Disposition names: RFC 5987 and raw GBK bytes", async () => {
    const name = "鄂尔多斯市2022年政府信息公开工作年度报告.pdf";
    const rawGbk = iconv.encode(name, "gbk").toString("latin1");
    const s = await server({
      "/robots.txt": reply(404),
      "/5987": octet(pdf("a"), { "content-disposition": `attachment; filename="fallback.pdf"; filename*=UTF-8''${encodeURIComponent(name)}` }),
      "/gbk": octet(pdf("b"), { "content-disposition": `attachment; filename="${rawGbk}"` }),
    });
    const f = createFetcher(fast({ storeDir: storeDir() }));
    const a = await f.fetch({ url: s.url("/5987"), label: "attachment", toStore: true });
    const b = await f.fetch({ url: s.url("/gbk"), label: "attachment", toStore: true });
    expect(a.file!.suggestedName).toBe(name);
    expect(b.file!.suggestedName).toBe(name);
    // Identity is the hash, never the name.
    expect(b.file!.path.endsWith(b.file!.sha256)).toBe(true);
  });

  it("stores a file met at a page URL (a listing item that links straight to a PDF)", async () => {
    const bytes = pdf("直链");
    const s = await server({ "/robots.txt": reply(404), "/art/2023/1/30/art_1_2.html": octet(bytes) });
    const dir = storeDir();
    const f = createFetcher(fast({ storeDir: dir }));
    const r = await f.fetch({ url: s.url("/art/2023/1/30/art_1_2.html"), label: "article" });
    expect(r).toMatchObject({ classification: "ok", text: null });
    expect(r.file).toMatchObject({ kind: "pdf", sha256: sha(bytes) });
    expect(existsSync(r.file!.path)).toBe(true);
  });

  it("keeps an HTML page fetched with toStore at a page URL as an ok page", async () => {
    const s = await server({ "/robots.txt": reply(404), "/t.html": html(realPage("正文")) });
    const f = createFetcher(fast({ storeDir: storeDir() }));
    const r = await f.fetch({ url: s.url("/t.html"), label: "article", toStore: true });
    expect(r.classification).toBe("ok");
    expect(r.text).toContain("正文");
  });
});
