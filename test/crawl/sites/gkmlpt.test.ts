import { describe, expect, it } from "vitest";
import { dedupeItems, detectAdapter, readListing } from "../../../src/crawl/sites/index.js";
import { fixture, hasReference, reference } from "./support.js";

const EXCERPT = "gkmlpt_api_all_response_excerpt.json";
const json = (url: string, text: string) => ({ url, text, contentType: "application/json; charset=utf-8" });

describe.skipIf(!hasReference(EXCERPT))("gkmlpt JSON list of zhaoqing.gov.cn (real excerpt)", () => {
  const URL0 = "https://www.zhaoqing.gov.cn/zqhjj/gkmlpt/api/all/21023?page=0&sid=758019";

  it("is detected by its API path and read as items with unix-second dates in China time", () => {
    expect(detectAdapter(URL0, reference(EXCERPT), "application/json")).toBe("gkmlpt");
    const r = readListing(json(URL0, reference(EXCERPT)));
    expect(r.items).toEqual([
      {
        url: "https://www.zhaoqing.gov.cn/zqhjj/gkmlpt/content/3/3255/post_3255421.html",
        title: "金宸农牧科技（四会）有限公司四会富硒蛋鸡产业园项目受理公告",
        listingDate: "2026-07-07", // 1783353600 = 2026-07-06T16:00Z = midnight of 7 July in UTC+8
      },
    ]);
  });

  it("takes the total from the JSON (classify.post_count) and declares pages from 2, keeping sid: page 0 is page 1", () => {
    const r = readListing(json(URL0, reference(EXCERPT)));
    expect(r.totalRecords).toBe(203);
    expect(r.pages![0]).toEqual({ url: "https://www.zhaoqing.gov.cn/zqhjj/gkmlpt/api/all/21023?page=2&sid=758019" });
    expect(r.pages!.some((p) => /page=[01]&/.test(p.url))).toBe(false);
  });
});

describe("gkmlpt columns (fixtures)", () => {
  const API = "https://www.example.gov.cn/zqhjj/gkmlpt/api/all/21023";

  it("page 0 and page 1 answer the same articles: merged by URL they are two items, and both declare page 2 only", () => {
    const p0 = readListing(json(`${API}?page=0&sid=758019`, fixture("gkmlpt-page0.json")));
    const p1 = readListing(json(`${API}?page=1&sid=758019`, fixture("gkmlpt-page0.json")));
    expect(dedupeItems([...p0.items, ...p1.items]).map((i) => i.title)).toEqual([
      "某市生态环境局2022年政府信息公开工作年度报告",
      "某市生态环境局2021年政府信息公开工作年度报告",
    ]);
    expect(p0.pages).toEqual([{ url: `${API}?page=2&sid=758019` }]);
    expect(p1.pages).toEqual([{ url: `${API}?page=2&sid=758019` }]);
    expect(p0.totalPages).toBe(2);
  });

  it("drops an article repeated within one answer by its id", () => {
    const text = JSON.stringify({
      total: 2,
      articles: [
        { id: 7, title: "甲2022年政府信息公开工作年度报告", date: 1674576000, url: "/gkmlpt/content/0/7/post_7.html" },
        { id: 7, title: "甲2022年政府信息公开工作年度报告", date: 1674576000, url: "/gkmlpt/content/0/7/post_7.html?from=top" },
      ],
    });
    const r = readListing(json(`${API}?page=1&sid=1`, text));
    expect(r.items).toEqual([{ url: "https://www.example.gov.cn/gkmlpt/content/0/7/post_7.html", title: "甲2022年政府信息公开工作年度报告", listingDate: "2023-01-25" }]);
  });

  it("a later page declares nothing it cannot know and offers pageAfter; an empty page declares nothing", () => {
    const r = readListing(json(`${API}?page=2&sid=758019`, fixture("gkmlpt-page0.json")));
    expect(r.pages).toBeNull();
    expect(r.pageAfter!(3)).toEqual({ url: `${API}?page=3&sid=758019` });
    const empty = readListing(json(`${API}?page=3&sid=758019`, JSON.stringify({ total: 3, articles: [] })));
    expect(empty.items).toEqual([]);
    expect(empty.pages).toEqual([]);
  });

  it("the SPA shell leads to the API for the column named in the fragment, with the shell's SID", () => {
    const shell = fixture("gkmlpt-shell.html");
    const url = "http://www.example.gov.cn/zqhjj/gkmlpt/index#21023";
    expect(detectAdapter(url, shell, "text/html")).toBe("gkmlpt");
    const r = readListing({ url, text: shell, contentType: "text/html" });
    expect(r.items).toEqual([]);
    expect(r.pages).toEqual([{ url: "http://www.example.gov.cn/zqhjj/gkmlpt/api/all/21023?page=1&sid=758019" }]);
  });

  it("an answer that is not JSON gives no items instead of throwing", () => {
    const r = readListing(json(`${API}?page=1`, "{ not json"));
    expect(r).toMatchObject({ adapter: "gkmlpt", items: [], pages: [] });
  });
});
