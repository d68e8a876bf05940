import { describe, expect, it } from "vitest";
import { canonicalUrl, normaliseDate, resolveUrl, urlDate } from "../../../src/crawl/sites/index.js";

describe("canonicalUrl", () => {
  it("lower-cases the host, drops the default port and the fragment", () => {
    expect(canonicalUrl("HTTP://WWW.Example.GOV.CN:80/Zwgk/A.html#top")).toBe("http://www.example.gov.cn/Zwgk/A.html");
  });

  it("folds index.html, index.htm and index.shtml to the directory", () => {
    expect(canonicalUrl("http://x.gov.cn/zfxxgknb/index.html")).toBe("http://x.gov.cn/zfxxgknb/");
    expect(canonicalUrl("http://x.gov.cn/zfxxgknb/index.htm")).toBe("http://x.gov.cn/zfxxgknb/");
    expect(canonicalUrl("http://x.gov.cn/zfxxgknb/index.shtml?page=2")).toBe("http://x.gov.cn/zfxxgknb/?page=2");
    expect(canonicalUrl("http://x.gov.cn/zfxxgknb/")).toBe("http://x.gov.cn/zfxxgknb/");
  });

  it("leaves other paths alone: index_1.html, myindex.html, case and a missing trailing slash", () => {
    expect(canonicalUrl("http://x.gov.cn/nb/index_1.html")).toBe("http://x.gov.cn/nb/index_1.html");
    expect(canonicalUrl("http://x.gov.cn/nb/myindex.html")).toBe("http://x.gov.cn/nb/myindex.html");
    expect(canonicalUrl("http://x.gov.cn/Col/col12377")).toBe("http://x.gov.cn/Col/col12377");
  });

  it("drops utm_*, spm and from, keeping the other parameters in their order and encoding", () => {
    expect(canonicalUrl("http://x.gov.cn/a.aspx?cid=1&utm_source=wx&page=2&spm=a.b&from=timeline&kw=%E5%B9%B4")).toBe("http://x.gov.cn/a.aspx?cid=1&page=2&kw=%E5%B9%B4");
    expect(canonicalUrl("http://x.gov.cn/a.html?utm_medium=x&UTM_Campaign=y")).toBe("http://x.gov.cn/a.html");
    expect(canonicalUrl("http://x.gov.cn/a.html?fromdate=2022")).toBe("http://x.gov.cn/a.html?fromdate=2022");
  });

  it("folds schemes and hosts through the alias table passed in", () => {
    const aliases = { "http://www.example.gov.cn": "https://www.example.gov.cn", "example.gov.cn": "www.example.gov.cn" };
    expect(canonicalUrl("http://www.example.gov.cn/nb/index.html", aliases)).toBe("https://www.example.gov.cn/nb/");
    expect(canonicalUrl("https://example.gov.cn/nb/a.html", aliases)).toBe("https://www.example.gov.cn/nb/a.html");
    expect(canonicalUrl("http://other.gov.cn/nb/", aliases)).toBe("http://other.gov.cn/nb/");
  });

  it("makes the two URLs of one page one key (crawling.md §2.10)", () => {
    const aliases = { "http://zwgk.example.gov.cn": "https://zwgk.example.gov.cn" };
    expect(canonicalUrl("http://zwgk.example.gov.cn/nb/index.html#x", aliases)).toBe(canonicalUrl("https://ZWGK.example.gov.cn/nb/", aliases));
  });

  it("returns what it cannot parse, trimmed", () => {
    expect(canonicalUrl("  not a url ")).toBe("not a url");
  });
});

describe("resolveUrl", () => {
  it("resolves relative links and drops fragments", () => {
    expect(resolveUrl("./202009/t20200903_2748784.html#a", "http://x.gov.cn/xxgk/xxgknb/index.html")).toBe("http://x.gov.cn/xxgk/xxgknb/202009/t20200903_2748784.html");
    expect(resolveUrl("../../", "http://x.gov.cn/a/b/c/")).toBe("http://x.gov.cn/a/");
  });

  it("refuses javascript:, mailto:, bare fragments and empty links", () => {
    for (const h of ["javascript:void(0)", "mailto:a@b.cn", "#", "#top", "", "   "]) expect(resolveUrl(h, "http://x.gov.cn/")).toBeNull();
  });
});

describe("dates", () => {
  it.each([
    ["2023-01-18", "2023-01-18"],
    ["2026-07-16 16:09:00", "2026-07-16"],
    ["2020年08月02日", "2020-08-02"],
    ["2020年8月2日", "2020-08-02"],
    ["2026/06/25", "2026-06-25"],
    ["[2022.1.5]", "2022-01-05"],
    ["发布日期：2022-01-20 来源：本站", "2022-01-20"],
  ])("normaliseDate(%s) = %s", (text, date) => {
    expect(normaliseDate(text)).toBe(date);
  });

  it("reads unix seconds and milliseconds in China time", () => {
    expect(normaliseDate(1783353600)).toBe("2026-07-07");
    expect(normaliseDate("1674576000")).toBe("2023-01-25");
    expect(normaliseDate(1674576000000)).toBe("2023-01-25");
  });

  it("refuses impossible days, ids and numbers that only look like dates", () => {
    for (const s of ["2023-02-30", "2023-13-01", "000014348/2020-35147", "t20181102_2290635", "0477-2258659", "", "2023年"]) expect(normaliseDate(s)).toBeNull();
  });

  it.each([
    ["http://x.gov.cn/xxgknb/201811/t20181102_2290635.html", "2018-11-02"],
    ["http://x.gov.cn/art/2022/1/20/art_12377_1486865.html", "2022-01-20"],
    ["https://shanghai.gov.cn/nw12344/20230331/4a03b5fa47ae4c73b7ec42801de6be66.html", "2023-03-31"],
    ["https://www.gov.cn/zhengce/content/2023-01/18/content_5737.htm", "2023-01-18"],
    ["https://yangling.gov.cn/zwgk/gknb/bmnb/1619593655548706818.html", null],
    ["http://x.gov.cn/gkmlpt/content/3/3255/post_3255421.html", null],
  ])("urlDate(%s) = %s", (url, date) => {
    expect(urlDate(url)).toBe(date);
  });
});
