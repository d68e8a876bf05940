import { describe, expect, it } from "vitest";
import * as sites from "../../../src/crawl/sites/index.js";
import { detectAdapter } from "../../../src/crawl/sites/index.js";

describe("src/crawl/sites public API", () => {
  it("exports exactly these names", () => {
    expect(Object.keys(sites).sort()).toEqual([
      "MIN_BODY_CHARS",
      "articleHtml",
      "canonicalUrl",
      "classifyReport",
      "contentProblem",
      "dedupeItems",
      "detectAdapter",
      "isContentPage",
      "normaliseDate",
      "parseSitesFile",
      "readArticle",
      "readHanwebProxy",
      "readListing",
      "resolveUrl",
      "urlDate",
    ]);
  });
});

describe("detectAdapter by signature", () => {
  const page = (body: string): string => `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>${body}</body></html>`;
  it.each([
    ["TRS A call", page(`<script>createPageHTML(21, 0, "index", "html")</script>`), "http://x.gov.cn/nb/", "trs"],
    ["TRS A inline", page(`<script>var countPage = 9; var dataCount = "180";</script>`), "http://x.gov.cn/nb/index.shtml", "trs"],
    ["TRS B", page(`<script>createPageHTML('page_div',8, 1,'list','shtml',118);</script>`), "http://x.gov.cn/nb/list.shtml", "trs"],
    ["Hanweb datastore", page(`<div id="1"><script type="text/xml"><datastore><recordset></recordset></datastore></script></div>`), "http://x.gov.cn/col/col1/index.html", "hanweb"],
    ["Hanweb jpage only", page(`<script>$('#1').jpage({proxyUrl:'/module/web/jpage/dataproxy.jsp',totalRecord:3});</script>`), "http://x.gov.cn/col/col1/index.html", "hanweb"],
    ["gkmlpt by path", page(""), "http://x.gov.cn/gkmlpt/index#21023", "gkmlpt"],
    ["gkmlpt-like JSON elsewhere", `{"total":1,"articles":[]}`, "http://x.gov.cn/api/list?page=1", "gkmlpt"],
    ["plain ?page=N", page(`<a href="list.aspx?page=2">下一页</a>`), "http://x.gov.cn/list.aspx?page=1", "plain"],
    ["plain N.html", page(`<a href="2.html">2</a>`), "http://x.gov.cn/nb/1.html", "plain"],
    ["nothing known", page(`<a href="/a.pdf">2022年政府信息公开工作年度报告</a>`), "http://x.gov.cn/nb/", "generic"],
    ["other JSON", `{"data":[]}`, "http://x.gov.cn/api", "generic"],
  ])("%s → %s", (_name, text, url, adapter) => {
    expect(detectAdapter(url, text, null)).toBe(adapter);
  });
});
