import { describe, expect, it } from "vitest";
import { detectAdapter, readListing } from "../../../src/crawl/sites/index.js";
import { fixture, html } from "./support.js";

describe("lists paged by ?page=N", () => {
  const URL1 = "https://hrss.example.gov.cn/InfoPublic.aspx?cid=1019&pid=971&page=1&kw=";

  it("is detected as plain and declares no pages, but builds page n from the pattern", () => {
    const text = fixture("plain-query.html");
    expect(detectAdapter(URL1, text, "text/html")).toBe("plain");
    const r = readListing(html(URL1, text));
    expect(r.pages).toBeNull();
    expect(r.pageAfter!(2)).toEqual({ url: "https://hrss.example.gov.cn/InfoPublic.aspx?cid=1019&pid=971&page=2&kw=" });
    expect(r.pageAfter!(1)).toEqual({ url: URL1 });
    expect(r.pageAfter!(0)).toBeNull();
  });

  it("reads the printed total (共 3 页) for the walk's stop rule", () => {
    expect(readListing(html(URL1, fixture("plain-query.html"))).totalPages).toBe(3);
  });

  it("lists the entries, the pinned one included, and none of the pager links", () => {
    const r = readListing(html(URL1, fixture("plain-query.html")));
    expect(r.items.map((i) => [i.url.replace("https://hrss.example.gov.cn/", ""), i.listingDate])).toEqual([
      ["InfoDetail.aspx?id=1001", "2020-03-20"],
      ["InfoDetail.aspx?id=3003", "2023-01-31"],
      ["InfoDetail.aspx?id=2002", "2022-01-28"],
    ]);
  });

  it("a zero-based page parameter gives page n as n-1", () => {
    const text = `<ul><li><a href="d?id=1">甲2022年政府信息公开工作年度报告</a> 2023-01-02</li></ul><a href="list.jsp?pageNo=0">1</a><a href="list.jsp?pageNo=1">2</a>`;
    const r = readListing(html("http://x.example.gov.cn/gk/list.jsp?pageNo=0", text));
    expect(r.adapter).toBe("plain");
    expect(r.pageAfter!(3)).toEqual({ url: "http://x.example.gov.cn/gk/list.jsp?pageNo=2" });
  });
});

describe("lists of numbered pages N.html", () => {
  const URL1 = "https://jyj.example.gov.cn/zfxxgk/zfxxgknb/1.html";

  it("builds N.html in the list's directory, not from the snowflake article ids beside it", () => {
    const r = readListing(html(URL1, fixture("plain-numbered.html")));
    expect(r.adapter).toBe("plain");
    expect([1, 2, 7].map((n) => r.pageAfter!(n)?.url)).toEqual([
      "https://jyj.example.gov.cn/zfxxgk/zfxxgknb/1.html",
      "https://jyj.example.gov.cn/zfxxgk/zfxxgknb/2.html",
      "https://jyj.example.gov.cn/zfxxgk/zfxxgknb/7.html",
    ]);
  });

  it("lists the dated entries in brackets and not the footer links", () => {
    const r = readListing(html(URL1, fixture("plain-numbered.html")));
    expect(r.items).toEqual([
      { url: "https://jyj.example.gov.cn/zfxxgk/zfxxgknb/1619593655548706818.html", title: "某市教育局2022年政府信息公开工作年度报告", listingDate: "2023-01-29" },
      { url: "https://jyj.example.gov.cn/zfxxgk/zfxxgknb/1487654321098765432.html", title: "某市教育局2021年政府信息公开工作年度报告", listingDate: "2022-01-27" },
    ]);
  });
});

describe("lists of prefix-N pages", () => {
  it("column-index-N.shtml: this page is column-index-1, so page n is column-index-n; the date inside the anchor is not in the title", () => {
    const url = "http://www.example.gov.cn/zfxxgk/c100228/column-index-1.shtml";
    const r = readListing(html(url, fixture("plain-column-index.html")));
    expect(r.adapter).toBe("plain");
    expect(r.pageAfter!(3)).toEqual({ url: "http://www.example.gov.cn/zfxxgk/c100228/column-index-3.shtml" });
    expect(r.items).toEqual([
      { url: "http://www.example.gov.cn/zfxxgk/c100228/2023-01/18/content_77aa.shtml", title: "某区2022年政府信息公开工作年度报告", listingDate: "2023-01-18" },
      { url: "http://www.example.gov.cn/zfxxgk/c100228/2022-01/20/content_66bb.shtml", title: "某区2021年政府信息公开工作年度报告", listingDate: "2022-01-20" },
    ]);
  });

  it("server-rendered index_N links with no TRS script: an index_1 link means page n is index_{n-1}, and index_1 is never skipped", () => {
    const text = `<ul><li><a href="./202301/t20230118_1.html">甲</a><span>2023-01-18</span></li></ul><div class="page"><a href="index_1.html">2</a><a href="index_2.html">3</a><a href="index_1.html">下一页</a></div>`;
    const r = readListing(html("http://x.example.gov.cn/nb/", text));
    expect(r.adapter).toBe("plain");
    expect([1, 2, 3].map((n) => r.pageAfter!(n)?.url)).toEqual(["http://x.example.gov.cn/nb/index.html", "http://x.example.gov.cn/nb/index_1.html", "http://x.example.gov.cn/nb/index_2.html"]);
  });

  it("list_2 as the first numbered link means page n is list_n", () => {
    const text = `<ul><li><a href="./a.html">甲</a><span>2023-01-18</span></li></ul><a href="list_2.shtml">2</a><a href="list_3.shtml">3</a>`;
    const r = readListing(html("http://x.example.gov.cn/nb/list.shtml", text));
    expect([1, 2, 3].map((n) => r.pageAfter!(n)?.url)).toEqual(["http://x.example.gov.cn/nb/list.shtml", "http://x.example.gov.cn/nb/list_2.shtml", "http://x.example.gov.cn/nb/list_3.shtml"]);
  });
});

describe("the generic fallback", () => {
  it("lists only links whose text names a report of some year, with no pagination", () => {
    const url = "http://www.example.gov.cn/xxgk/";
    const text = fixture("generic-links.html");
    expect(detectAdapter(url, text, "text/html")).toBe("generic");
    const r = readListing(html(url, text));
    expect(r).toEqual({
      adapter: "generic",
      items: [
        { url: "http://www.example.gov.cn/upload/2023/nb2022.pdf", title: "2022年政府信息公开工作年度报告", listingDate: null },
        { url: "http://www.example.gov.cn/upload/2022/nb2021.pdf", title: "2021年度政府信息公开工作年报", listingDate: null },
      ],
      pages: [],
    });
  });
});
