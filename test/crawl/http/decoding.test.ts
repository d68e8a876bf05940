import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { decodeBody } from "../../../src/crawl/http/decode-body.js";
import { createFetcher } from "../../../src/crawl/http/fetcher.js";
import { reply, startServer, type TestServer, serversClosedAfterEach } from "../../support/http-server.js";
import { fast, realPage } from "./fast.js";

const server = serversClosedAfterEach();

const gbk = (s: string) => iconv.encode(s, "gbk");
const page = (title: string, meta = "") =>
  `<html><head>${meta}<title>${title}</title></head><body><p>${"政府信息公开工作年度报告。".repeat(20)}</p></body></html>`;

describe("decoding page bodies from bytes", () => {
  it("reads a GBK page whose charset is only in <meta>", async () => {
    const s = await server({ "/robots.txt": reply(404), "/p": reply(200, gbk(page("鄂尔多斯市年报", '<meta http-equiv="Content-Type" content="text/html; charset=gbk">')), { "content-type": "text/html" }) });
    const r = await createFetcher(fast()).fetch({ url: s.url("/p"), label: "article" });
    expect(r.classification).toBe("ok");
    expect(r.text).toContain("鄂尔多斯市年报");
    expect(r.charset).toBe("gb18030");
  });

  it("reads GBK-only characters (喆 镕 堃) under a gb2312 header", async () => {
    const s = await server({ "/robots.txt": reply(404), "/p": reply(200, gbk(page("张喆 朱镕基 王堃")), { "content-type": "text/html; charset=gb2312" }) });
    const r = await createFetcher(fast()).fetch({ url: s.url("/p"), label: "article" });
    expect(r.text).toContain("张喆 朱镕基 王堃");
    expect(r.text).not.toContain("\uFFFD");
  });

  it("puts the header before <meta> when they disagree", () => {
    const bytes = Buffer.from(page("公开", '<meta charset="gbk">'), "utf8");
    expect(decodeBody(bytes, "text/html; charset=utf-8")).toMatchObject({ charset: "utf-8", evidence: "header" });
    const gbkBytes = gbk(page("公开", '<meta charset="utf-8">'));
    expect(decodeBody(gbkBytes, "text/html; charset=gbk")).toMatchObject({ charset: "gb18030", evidence: "header" });
    expect(decodeBody(gbkBytes, "text/html; charset=gbk").text).toContain("公开");
  });

  it("trusts bytes that are valid UTF-8 over a server-wide GBK header", () => {
    const d = decodeBody(Buffer.from(page("年度报告", '<meta charset="utf-8">'), "utf8"), "text/html; charset=GBK");
    expect(d.charset).toBe("utf-8");
    expect(d.text).toContain("年度报告");
    expect(d.messages.map((m) => m.ruleId)).toContain("CHARSET_MISMATCH");
  });

  it("reads a UTF-8 BOM before any declaration", () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(page("报告", '<meta charset="gbk">'), "utf8")]);
    expect(decodeBody(bytes, "text/html; charset=gbk")).toMatchObject({ charset: "utf-8", evidence: "bom" });
  });

  it("ignores a default iso-8859-1 label and reads the page's own declaration", () => {
    const d = decodeBody(gbk(page("页面", '<meta charset="gb2312">')), "text/html; charset=ISO-8859-1");
    expect(d).toMatchObject({ charset: "gb18030", evidence: "meta" });
    expect(d.text).toContain("页面");
  });

  it("falls back to GB18030 when nothing is declared and the bytes are not UTF-8", () => {
    const d = decodeBody(gbk(page("无声明")), null);
    expect(d).toMatchObject({ charset: "gb18030", evidence: "guess" });
    expect(d.text).toContain("无声明");
  });

  it("reads dataproxy XML by its <?xml encoding>, and as UTF-8 without one", () => {
    const xml = (enc: string) => `<?xml version="1.0" encoding="${enc}"?><datastore><record><![CDATA[<li>年报</li>]]></record></datastore>`;
    expect(decodeBody(gbk(xml("GBK")), "text/xml")).toMatchObject({ charset: "gb18030" });
    expect(decodeBody(gbk(xml("GBK")), "text/xml").text).toContain("年报");
    const plain = Buffer.from("<datastore><totalrecord>47</totalrecord><record>年报</record></datastore>", "utf8");
    expect(decodeBody(plain, "text/xml")).toMatchObject({ charset: "utf-8", evidence: "utf8-valid" });
  });

  it("never lets fetch decode: a page labelled utf-8 over GBK bytes is still read right", async () => {
    const s = await server({ "/robots.txt": reply(404), "/p": reply(200, gbk(realPage("标错的编码").replace('<meta charset="utf-8">', "")), { "content-type": "text/html; charset=utf-8" }) });
    const r = await createFetcher(fast()).fetch({ url: s.url("/p"), label: "article" });
    expect(r.text).toContain("标错的编码");
    expect(r.charset).toBe("gb18030");
  });
});
