import { describe, expect, it } from "vitest";
import { readArticle, readHanwebProxy, readListing } from "../../../src/crawl/sites/index.js";

/** Milliseconds a call takes. */
function timed(f: () => unknown): number {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
}

describe("pages cut short or stuffed do not make the readers quadratic", () => {
  it("a script of 100 000 escaped quotes never closed (a regex for JS strings took 18 s here)", () => {
    const text = `<html><head><title>t</title></head><body><script>var file_appendix='${"\\'".repeat(100_000)}</script></body></html>`;
    let attachments: string[] = [];
    expect(timed(() => (attachments = readArticle({ url: "http://x.example.gov.cn/a.html", text, contentType: null }).attachments))).toBeLessThan(3000);
    expect(attachments).toEqual([]);
  });

  it("20 000 Hanweb records opened and never closed", () => {
    const text = `<datastore><recordset>${"<record><![CDATA[<li><a href='/a.html'>x</a>".repeat(20_000)}`;
    expect(timed(() => readHanwebProxy(text, "http://x.example.gov.cn/module/web/jpage/dataproxy.jsp"))).toBeLessThan(3000);
  });

  it("a flat <div> of 20 000 links, none in a row of its own", () => {
    const text = `<html><body><div>${'<a href="/t20200101_1.html">甲</a> 2020-01-01 '.repeat(20_000)}</div></body></html>`;
    let n = 0;
    expect(timed(() => (n = readListing({ url: "http://x.example.gov.cn/", text, contentType: null }, "plain").items.length))).toBeLessThan(5000);
    expect(n).toBe(1); // one URL
  });

  it("100 000 nested <div>s (parse5 alone took 45 s: each tag scans the open elements)", () => {
    const text = `<html><body>${"<div>".repeat(100_000)}<a href="/t20200101_1.html">甲</a> 2020-01-01${"</div>".repeat(100_000)}</body></html>`;
    let n = 0;
    expect(timed(() => (n = readListing({ url: "http://x.example.gov.cn/", text, contentType: null }, "plain").items.length))).toBeLessThan(5000);
    expect(n).toBe(1);
    expect(timed(() => readArticle({ url: "http://x.example.gov.cn/a.html", text, contentType: null }))).toBeLessThan(5000);
  });

  it("the readers never throw on a URL they cannot parse", () => {
    const text = `<ul><li><a href="./t20200101_1.html">甲</a> 2020-01-01</li></ul><script>createPageHTML(3, 0, "index", "html")</script>`;
    expect(() => readListing({ url: "not a url", text, contentType: null })).not.toThrow();
    expect(() => readArticle({ url: "", text, contentType: null })).not.toThrow();
  });
});
