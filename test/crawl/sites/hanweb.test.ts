import { describe, expect, it } from "vitest";
import { dedupeItems, detectAdapter, readHanwebProxy, readListing } from "../../../src/crawl/sites/index.js";
import { fixture, hasReference, html, reference } from "./support.js";

const DINGXI = "hanweb_dataproxy_dingxi_2022_excerpt.xml";
const JPAGE = "hanweb_jpage_fixture_excerpts.txt";
const DINGXI_PROXY = "http://zwgk.dingxi.gov.cn/module/web/jpage/dataproxy.jsp?startrecord=1&endrecord=45&perpage=15";

/** Section A (the column page) and section B (a dataproxy answer) of the excerpts file. */
const section = (text: string, name: "A" | "B"): string => {
  const a = text.indexOf("## A.");
  const b = text.indexOf("## B.");
  const c = text.indexOf("## C.");
  return name === "A" ? text.slice(a, b) : text.slice(b, c);
};

describe.skipIf(!hasReference(DINGXI))("Hanweb dataproxy answer of zwgk.dingxi.gov.cn (real excerpt)", () => {
  it("reads all eight CDATA records in order", () => {
    const r = readHanwebProxy(reference(DINGXI), DINGXI_PROXY);
    expect(r.adapter).toBe("hanweb");
    expect(r.items).toHaveLength(8);
    expect(r.items[0]).toEqual({ url: "http://zwgk.dingxi.gov.cn/art/2022/1/20/art_12377_1486865.html", title: "定西市“春节”文明祭祀倡议书", listingDate: "2022-01-20" });
  });

  it("prefers the full @title to the anchor text cut with '...'", () => {
    const r = readHanwebProxy(reference(DINGXI), DINGXI_PROXY);
    expect(r.items[1]!.title).toBe("定西市工信局关于对省级第二轮环保督察反馈第四项第十三项问题整改完成情况的公示");
    expect(r.items.some((i) => i.title.endsWith("..."))).toBe(false);
  });

  it("reads the dates printed in <b>, and keeps the absolute link to another column as it is", () => {
    const r = readHanwebProxy(reference(DINGXI), DINGXI_PROXY);
    expect(r.items.map((i) => i.listingDate)).toEqual(["2022-01-20", "2022-01-19", "2022-01-14", "2022-01-14", "2022-01-04", "2021-11-04", "2021-11-01", "2021-10-14"]);
    expect(r.items[5]!.url).toBe("http://zwgk.dingxi.gov.cn/art/2021/11/4/art_12480_1461862.html");
  });

  it("keeps two notices with one title as two items (never dedupe by title), and the same notice under two URLs as two", () => {
    const r = readHanwebProxy(reference(DINGXI), DINGXI_PROXY);
    expect(r.items.filter((i) => i.title === "定西市新冠肺炎疫情联防联控领导小组办公室通告")).toHaveLength(2);
    expect(r.items.filter((i) => i.title.startsWith("甘肃省人民政府教育督导委员会办公室")).map((i) => i.url)).toHaveLength(2);
  });

  it("resolves records against a proxy on another host when the column was served from there", () => {
    const r = readHanwebProxy(reference(DINGXI), "https://zwgk.dingxi.gov.cn/module/web/jpage/dataproxy.jsp");
    expect(r.items[0]!.url).toBe("https://zwgk.dingxi.gov.cn/art/2022/1/20/art_12377_1486865.html");
    expect(r.items[5]!.url).toBe("http://zwgk.dingxi.gov.cn/art/2021/11/4/art_12480_1461862.html");
  });

  it("is detected as Hanweb by its datastore", () => {
    expect(detectAdapter(DINGXI_PROXY, reference(DINGXI), "text/xml")).toBe("hanweb");
    expect(readListing({ url: DINGXI_PROXY, text: reference(DINGXI), contentType: "text/xml" }).items).toHaveLength(8);
  });
});

describe.skipIf(!hasReference(JPAGE))("Hanweb column page and dataproxy of the jpage fixture excerpts", () => {
  it("reads the records embedded in <script type=\"text/xml\"> that an HTML parser leaves as script text", () => {
    const r = readListing(html("https://www.jiangsu.gov.cn/col/col33718/index.html", section(reference(JPAGE), "A")));
    expect(r.adapter).toBe("hanweb");
    expect(r.items).toEqual([
      { url: "https://www.jiangsu.gov.cn/art/2026/9/11/art_33718_11828204.html", title: "连云港跨里海班列运输提质提速", listingDate: "2026-09-11" },
      { url: "https://www.jiangsu.gov.cn/art/2025/12/15/art_33718_11693505.html", title: "徐州以产业集群培育赋能中小企业高质量发展", listingDate: "2025-12-15" },
    ]);
  });

  it("asks for the rest in POST groups of perPage × 3 from totalRecord, with the form read from param_ and nextgroup", () => {
    const r = readListing(html("https://www.jiangsu.gov.cn/col/col33718/index.html", section(reference(JPAGE), "A")));
    expect(r.totalRecords).toBe(4895);
    expect(r.totalPages).toBe(Math.ceil(4895 / 19));
    expect(r.pages).toHaveLength(Math.ceil(4895 / 57));
    expect(r.pages![0]).toEqual({
      url: "https://www.jiangsu.gov.cn/module/web/jpage/dataproxy.jsp?startrecord=1&endrecord=57&perpage=19",
      method: "POST",
      form: {
        col: "1", appid: "1", webid: "1", path: "/", columnid: "33718", sourceContentType: "1", unitid: "212860",
        webname: "江苏省人民政府", permissiontype: "0", startrecord: "1", endrecord: "57", perpage: "19",
      },
    });
    expect(r.pages!.at(-1)!.form).toMatchObject({ startrecord: "4846", endrecord: "4895" });
  });

  it("reads totalrecord and totalpage of a dataproxy answer, and leaves out the record without a link", () => {
    const r = readHanwebProxy(section(reference(JPAGE), "B"), "http://jiangsu.example.gov.cn/module/web/jpage/dataproxy.jsp");
    expect(r.totalRecords).toBe(940);
    expect(r.totalPages).toBe(63);
    expect(r.items).toEqual([
      { url: "http://jiangsu.example.gov.cn/art/2026/6/10/art_6278_11783480.html", title: "关于印发江苏省“人工智能+制造”实施方案的通知", listingDate: "2026-06-10" },
    ]);
  });
});

describe("Hanweb column of 47 records in groups of 45 (fixtures)", () => {
  const COLUMN = "https://www.ybj.example.gov.cn/col/col12377/index.html";

  it("reads the embedded records, the cross-host one included, and skips the record without a link", () => {
    const r = readListing(html(COLUMN, fixture("hanweb-column-47.html")));
    expect(r.items.map((i) => i.url)).toEqual([
      "https://www.ybj.example.gov.cn/art/2023/1/18/art_12377_1600001.html",
      "https://www.ybj.example.gov.cn/art/2022/1/20/art_12377_1486865.html",
      "http://zwgk.other.gov.cn/art/2022/1/14/art_12480_1461862.html",
    ]);
    expect(r.items[1]!.title).toBe("某市医疗保障局关于做好2021年政府信息公开工作年度报告编制发布工作的通知");
  });

  it("declares the groups 1–45 and 46–47, and keeps the double-encoded webname as the server sent it", () => {
    const r = readListing(html(COLUMN, fixture("hanweb-column-47.html")));
    expect(r.totalRecords).toBe(47);
    expect(r.totalPages).toBe(4);
    expect(r.pages!.map((p) => [p.form!.startrecord, p.form!.endrecord, p.method])).toEqual([
      ["1", "45", "POST"],
      ["46", "47", "POST"],
    ]);
    expect(r.pages![0]!.form).toMatchObject({ webid: "110", appid: "1", columnid: "12377", unitid: "38486", webname: "%E6%9F%90%E5%B8%82" });
    expect(new URLSearchParams(r.pages![0]!.form).toString()).toContain("webname=%25E6%259F%2590%25E5%25B8%2582");
  });

  it("drops the boundary record the next group repeats (nhsa.gov.cn) when the walk passes the URLs it has", () => {
    const group1Last = "https://www.ybj.example.gov.cn/art/2019/3/1/art_12377_900045.html";
    const r = readHanwebProxy(fixture("hanweb-proxy-group2.xml"), "https://www.ybj.example.gov.cn/module/web/jpage/dataproxy.jsp?startrecord=46&endrecord=47&perpage=15", [group1Last]);
    expect(r.items.map((i) => i.url.split("/").pop())).toEqual(["art_12377_900046.html", "art_12377_900047.html"]);
    expect(r.totalRecords).toBe(47);
  });

  it("merges groups into one list by URL, keeping order (dedupeItems)", () => {
    const base = "https://www.ybj.example.gov.cn/module/web/jpage/dataproxy.jsp";
    const g2 = readHanwebProxy(fixture("hanweb-proxy-group2.xml"), base).items;
    const g1 = [{ url: "https://www.ybj.example.gov.cn/art/2019/3/1/art_12377_900045.html", title: "某市医疗保障局2018年政府信息公开工作年度报告", listingDate: null }];
    const merged = dedupeItems([...g1, ...g2]);
    expect(merged).toHaveLength(3);
    expect(merged[0]!.listingDate).toBe("2019-03-01");
  });
});
