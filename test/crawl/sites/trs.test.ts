import { describe, expect, it } from "vitest";
import { detectAdapter, readListing } from "../../../src/crawl/sites/index.js";
import { readTrsPager, trsPageName } from "../../../src/crawl/sites/trs.js";
import { fixture, hasReference, html, reference } from "./support.js";

const ORDOS = "trs_listing_ordos_enggebei_xxgknb.html";
const SNIPPETS = "trs_pager_snippets.js";
/** The sample's host was not recorded (SOURCES.md); any URL of the column directory will do. */
const ORDOS_URL = "http://www.ordos.gov.cn/egb/xxgk/xxgknb/index.html";

describe.skipIf(!hasReference(ORDOS))("TRS A on the real Ordos 信息公开年报 column", () => {
  it("is detected as TRS from the pager script", () => {
    expect(detectAdapter(ORDOS_URL, reference(ORDOS), "text/html")).toBe("trs");
  });

  it("reads countPage 2 from the script without running it: index_1.html is the only further page", () => {
    const r = readListing(html(ORDOS_URL, reference(ORDOS)));
    expect(r.adapter).toBe("trs");
    expect(r.totalPages).toBe(2);
    expect(r.pages).toEqual([{ url: "http://www.ordos.gov.cn/egb/xxgk/xxgknb/index_1.html" }]);
  });

  it("takes the pager's .html from the script, not the weather widget's index.htm elsewhere on the page", () => {
    const pager = readTrsPager(reference(ORDOS), ORDOS_URL);
    expect(pager).toMatchObject({ variant: "A", countPage: 2, currentPage: 1, prefix: "index", ext: "html" });
  });

  it("lists all ten entries, reports and news alike, with their listing dates; the browser-rendered pager links and the navigation are not items", () => {
    const r = readListing(html(ORDOS_URL, reference(ORDOS)));
    expect(r.items.map((i) => [i.url.replace("http://www.ordos.gov.cn/egb/xxgk/xxgknb/", ""), i.title, i.listingDate])).toEqual([
      ["202009/t20200903_2748784.html", "鄂尔多斯市2019年政府信息公开工作年度报告", "2020-09-03"],
      ["202005/t20200506_2633371.html", "恩格贝生态示范区召开2020年度工作会暨党风廉政建设会议", "2020-05-06"],
      ["202003/t20200311_2593126.html", "鄂尔多斯市人民政府办公室2019年政府信息公开工作年度报告", "2020-03-11"],
      ["201906/t20190614_2389850.html", "恩格贝生态示范区召开目标责任制考核表彰大会", "2019-06-14"],
      ["201905/t20190530_2380968.html", "鄂尔多斯市2018年政府信息公开年度报告", "2019-05-30"],
      ["201905/t20190530_2380967.html", "内蒙古自治区2018年政府信息公开工作年度报告", "2019-05-30"],
      ["201811/t20181102_2290635.html", "恩格贝生态示范区召开2018年度工作会议暨党风廉政建设会议", "2018-03-26"],
      ["201811/t20181102_2290607.html", "恩格贝生态示范区：栽下梧桐引凤来", "2018-01-05"],
      ["201805/t20180525_2166460.html", "一图读懂示范区2017年重点工作", "2017-03-22"],
      ["201802/t20180205_2082017.html", "2016，恩格贝，精彩继续！", "2017-01-07"],
    ]);
    expect(r.items.some((i) => /index(_\d+)?\.html$/.test(i.url))).toBe(false);
  });

  it("keeps the listing date apart from the date in the URL (t20181102 listed as 2018-03-26)", () => {
    const r = readListing(html(ORDOS_URL, reference(ORDOS)));
    const item = r.items.find((i) => i.url.endsWith("t20181102_2290635.html"));
    expect(item?.listingDate).toBe("2018-03-26");
  });

  it("gives the same further pages when the column is addressed by its directory", () => {
    const r = readListing(html("http://www.ordos.gov.cn/egb/xxgk/xxgknb/", reference(ORDOS)));
    expect(r.pages).toEqual([{ url: "http://www.ordos.gov.cn/egb/xxgk/xxgknb/index_1.html" }]);
  });

  it("read from index_1.html, declares page 1 (index.html) and never index_2", () => {
    const r = readListing(html("http://www.ordos.gov.cn/egb/xxgk/xxgknb/index_1.html", reference(ORDOS)));
    expect(r.pages).toEqual([{ url: "http://www.ordos.gov.cn/egb/xxgk/xxgknb/index.html" }]);
  });
});

describe.skipIf(!hasReference(SNIPPETS))("TRS pager signatures of trs_pager_snippets.js", () => {
  /** The call strings quoted in the snippet file's comments. */
  const calls = (): string[] => [...reference(SNIPPETS).matchAll(/createPageHTML\([^)]*\d[^)]*\)/g)].map((m) => m[0]);

  it("reads every A call of the file as (count, 0-based current, prefix, extension)", () => {
    const a = calls().filter((c) => !c.startsWith("createPageHTML('page_div'"));
    expect(a.map((c) => readTrsPager(c, "http://x.gov.cn/l/"))).toEqual([
      expect.objectContaining({ variant: "A", countPage: 21, currentPage: 1, prefix: "index", ext: "html" }),
      expect.objectContaining({ variant: "A", countPage: 21, currentPage: 1, prefix: "index", ext: "htm" }),
      expect.objectContaining({ variant: "A", countPage: 25, currentPage: 1, prefix: "index", ext: "shtml" }),
      expect.objectContaining({ variant: "A", countPage: 3, currentPage: 2, prefix: "index", ext: "shtml" }),
      expect.objectContaining({ variant: "A", countPage: 28, currentPage: 1, prefix: "index", ext: "html" }),
    ]);
  });

  it("reads every B call of the file as (pages, 1-based current, prefix, extension, records)", () => {
    const b = calls().filter((c) => c.startsWith("createPageHTML('page_div'"));
    expect(b.map((c) => readTrsPager(c, "http://x.gov.cn/l/"))).toEqual([
      expect.objectContaining({ variant: "B", countPage: 8, currentPage: 1, prefix: "list", ext: "shtml", records: 118 }),
      expect.objectContaining({ variant: "B", countPage: 10, currentPage: 1, prefix: "dezlist", ext: "shtml", records: 149 }),
      expect.objectContaining({ variant: "B", countPage: 10, currentPage: 1, prefix: "xlist", ext: "shtml", records: 189 }),
      expect.objectContaining({ variant: "B", countPage: 5, currentPage: 1, prefix: "fg", ext: "shtml", records: 89 }),
    ]);
  });

  it("maps page 2 to index_1 in A and to list_2 in B (the off-by-one of crawling.md §4)", () => {
    const a = readTrsPager('createPageHTML(21, 0, "index", "html");', "http://x.gov.cn/l/")!;
    const b = readTrsPager("createPageHTML('page_div',10, 1,'dezlist','shtml',149);", "http://x.gov.cn/l/")!;
    expect([1, 2, 3, 21].map((k) => trsPageName(a, k))).toEqual(["index.html", "index_1.html", "index_2.html", "index_20.html"]);
    expect([1, 2, 3, 10].map((k) => trsPageName(b, k))).toEqual(["dezlist.shtml", "dezlist_2.shtml", "dezlist_3.shtml", "dezlist_10.shtml"]);
  });
});

describe("TRS columns of other shapes (fixtures)", () => {
  it("A with a .shtml call: index_1.shtml and index_2.shtml, never index_3", () => {
    const r = readListing(html("https://rsj.example.gov.cn/zfxxgk/zfxxgknb/index.shtml", fixture("trs-a-call-shtml.html")));
    expect(r.adapter).toBe("trs");
    expect(r.pages!.map((p) => p.url)).toEqual([
      "https://rsj.example.gov.cn/zfxxgk/zfxxgknb/index_1.shtml",
      "https://rsj.example.gov.cn/zfxxgk/zfxxgknb/index_2.shtml",
    ]);
    expect(r.totalPages).toBe(3);
  });

  it("prefers the full @title over a truncated anchor text and reads 2022/01/25 and 2021年01月05日 as dates", () => {
    const r = readListing(html("https://rsj.example.gov.cn/zfxxgk/zfxxgknb/index.shtml", fixture("trs-a-call-shtml.html")));
    expect(r.items).toEqual([
      { url: "https://rsj.example.gov.cn/zfxxgk/zfxxgknb/202301/t20230118_983843.shtml", title: "某市人力资源和社会保障局2022年政府信息公开工作年度报告", listingDate: "2023-01-18" },
      { url: "https://rsj.example.gov.cn/zfxxgk/zfxxgknb/202201/t20220125_774411.shtml", title: "某市人力资源和社会保障局2021年政府信息公开工作年度报告", listingDate: "2022-01-25" },
      { url: "https://rsj.example.gov.cn/zfxxgk/zfxxgknb/202101/t20210129_556677.shtml", title: "关于做好2020年政府信息公开工作年度报告编制工作的通知", listingDate: "2021-01-05" },
    ]);
  });

  it("A with inline variables on page 2 of an .htm column: the extension comes from the script's joined strings", () => {
    const r = readListing(html("http://www.example.gov.cn/gk/nb/index_1.htm", fixture("trs-a-inline-htm.html")));
    expect(r.pages!.map((p) => p.url)).toEqual(["http://www.example.gov.cn/gk/nb/index.htm", "http://www.example.gov.cn/gk/nb/index_2.htm"]);
    expect(r.items.map((i) => i.listingDate)).toEqual(["2019-01-25", "2018-01-30"]);
  });

  it("A called with variables takes count and current from the var lines, name and extension from the call", () => {
    const text = `<script>var countPage = 4;var currentPage = 0;createPageHTML(countPage, currentPage, "index", "shtml");</script>`;
    const r = readListing(html("https://www.example.gov.cn/zwgk/nb/", text));
    expect(r.pages!.map((p) => p.url.split("/").pop())).toEqual(["index_1.shtml", "index_2.shtml", "index_3.shtml"]);
  });

  it("B: list_2.shtml … list_4.shtml, 1-based, with the declared record count", () => {
    const r = readListing(html("http://zfxxgk.example.gov.cn/110016/zfxxgknb/list.shtml", fixture("trs-b-list.html")));
    expect(detectAdapter("http://zfxxgk.example.gov.cn/110016/zfxxgknb/list.shtml", fixture("trs-b-list.html"), null)).toBe("trs");
    expect(r.pages!.map((p) => p.url.replace("http://zfxxgk.example.gov.cn/110016/zfxxgknb/", ""))).toEqual(["list_2.shtml", "list_3.shtml", "list_4.shtml"]);
    expect(r.totalPages).toBe(4);
    expect(r.totalRecords).toBe(38);
    expect(r.items.map((i) => i.listingDate)).toEqual(["2023-03-31", "2022-03-30"]);
  });

  it("a forced TRS adapter on a page without a pager script falls back to reading the pager links", () => {
    const r = readListing(html("https://jyj.example.gov.cn/zfxxgk/zfxxgknb/1.html", fixture("plain-numbered.html")), "trs");
    expect(r.adapter).toBe("trs");
    expect(r.pages).toBeNull();
    expect(r.pageAfter?.(2)).toEqual({ url: "https://jyj.example.gov.cn/zfxxgk/zfxxgknb/2.html" });
  });
});
