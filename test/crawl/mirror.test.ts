/**
 * Self-tests of the crawl mirror (test/crawl/mirror/): that it serves what crawling.md §2 asks
 * for and what `expected` claims, answers conditional requests with 304, logs every request with
 * per-host in-flight counters, and frees its ports on close(). Plain fetch only, no crawler.
 */
import { createHash } from "node:crypto";
import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMirror, type HostName, type Mirror } from "./mirror/index.js";

const sha = (b: Uint8Array): string => createHash("sha256").update(b).digest("hex");
const UA = "nianbao-mirror-selftest/1";

let m: Mirror;
beforeAll(async () => {
  m = await startMirror({ slowMs: 300, stallMs: 600 });
});
afterAll(async () => {
  await m?.close();
});

const get = async (url: string, init: RequestInit = {}): Promise<{ status: number; headers: Headers; bytes: Buffer }> => {
  const res = await fetch(url, { redirect: "manual", ...init, headers: { "User-Agent": UA, ...(init.headers ?? {}) } });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
};
const u = (host: HostName, path: string): string => m.hosts[host] + path;
const text = async (url: string): Promise<string> => (await get(url)).bytes.toString("utf8");

describe("hosts and sites file", () => {
  it("runs one server per host on 127.0.0.1, each on its own port", () => {
    const origins = Object.values(m.hosts);
    expect(origins.length).toBe(25);
    expect(new Set(origins).size).toBe(origins.length);
    for (const o of origins) expect(o).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(m.hostOf(`${m.hosts.misc}/xxgk/nb/`)).toBe("misc");
    expect(m.hostOf("http://example.com/")).toBeUndefined();
  });

  it("gives a sites file in the data-contract form, with overrides and allowHosts as host:port", () => {
    const sf = m.sitesFile({ minIntervalMs: 20 });
    expect(sf.sites.length).toBeGreaterThanOrEqual(20);
    for (const s of sf.sites) {
      expect(s.id).toMatch(/^[a-z0-9-]+$/);
      expect(s.agency.length).toBeGreaterThan(0);
      expect(s.start.length).toBeGreaterThan(0);
      expect(s.minIntervalMs).toBe(20);
    }
    expect(new Set(sf.sites.map((s) => s.id)).size).toBe(sf.sites.length);
    const hanweb = sf.sites.find((s) => s.id === "hanweb")!;
    expect(hanweb.allowHosts).toEqual([new URL(m.hosts["hanweb-zwgk"]).host]);
    expect(sf.sites.find((s) => s.id === "gkmlpt")!.start[0]).toBe(u("gkmlpt", "/sthjj/gkmlpt/index#2001"));
  });

  it("serves every start URL (or its redirect, challenge or robots-denied page) on the right host", async () => {
    for (const s of m.sitesFile().sites) {
      const { status } = await get(s.start[0]!.replace(/#.*/, ""));
      expect([200, 301, 302, 404, 412, 202, 521], s.id).toContain(status);
    }
  });
});

describe("robots.txt", () => {
  it("allows all by default, Disallow: / on robots-all, a sub-path and Crawl-delay on robots-sub, 404 on gkmlpt, 503 on robots-503", async () => {
    expect(await text(u("trs-a", "/robots.txt"))).toBe("User-agent: *\nDisallow:\n");
    expect(await text(u("robots-all", "/robots.txt"))).toBe("User-agent: *\nDisallow: /\n");
    expect(await text(u("robots-sub", "/robots.txt"))).toBe("User-agent: *\nCrawl-delay: 1\nDisallow: /xxgk/nb/cg/\n");
    expect((await get(u("gkmlpt", "/robots.txt"))).status).toBe(404);
    expect((await get(u("robots-503", "/robots.txt"))).status).toBe(503);
    expect((await get(u("rs412", "/robots.txt"))).status).toBe(200);
  });
});

describe("TRS listings", () => {
  it("TRS A .html: index, index_1, index_2 and a 404 index_3; the pager only in the script", async () => {
    const col = "/zwgk/zfxxgknb/";
    const p1 = await text(u("trs-a", `${col}index.html`));
    expect(p1).toContain('createPageHTML(3, 0, "index", "html");');
    expect(p1).toContain("function createPageHTML(_nPageCount, _nCurrIndex, _sPageName, _sPageExt)");
    expect(p1).not.toMatch(/href="index_\d/);
    expect(await text(u("trs-a", col))).toBe(p1);
    expect(await text(u("trs-a", `${col}index_1.html`))).toContain('createPageHTML(3, 1, "index", "html");');
    expect(await text(u("trs-a", `${col}index_2.html`))).toContain('createPageHTML(3, 2, "index", "html");');
    const p4 = await get(u("trs-a", `${col}index_3.html`));
    expect(p4.status).toBe(404);
    expect(p4.headers.get("content-type")).toBe("text/html; charset=iso-8859-1");
    expect(new TextDecoder("gbk").decode(p4.bytes)).toContain("页面不存在");
    expect(p1).toContain('href="./202302/t20230201_1000105.html"');
    expect(await text(u("trs-a", `${col}index_2.html`))).toContain('href="./201811/t20181102_1000112.html"');
  });

  it("TRS A .shtml: GBK pages, charset only in <meta>, Ordos inline var countPage = 2", async () => {
    const r = await get(u("trs-a-shtml", "/xxgk/xxgknb/index.shtml"));
    expect(r.headers.get("content-type")).toBe("text/html");
    const html = new TextDecoder("gbk").decode(r.bytes);
    expect(html).toContain('content="text/html; charset=gb2312"');
    expect(html).toContain("var countPage = 2//共多少页");
    expect(html).toContain("堃镕区统计局2023年政府信息公开工作年度报告");
    expect(r.bytes.includes(Buffer.from("堃镕区", "utf8"))).toBe(false);
    expect((await get(u("trs-a-shtml", "/xxgk/xxgknb/index_1.shtml"))).status).toBe(200);
    expect((await get(u("trs-a-shtml", "/xxgk/xxgknb/index_2.shtml"))).status).toBe(404);
  });

  it("TRS A .htm: the seed 301s to the directory; UTF-8 with a BOM under a gb2312 meta; single-quoted call", async () => {
    const r = await get(u("trs-a-htm", "/zwgk/nb"));
    expect(r.status).toBe(301);
    expect(r.headers.get("location")).toBe(u("trs-a-htm", "/zwgk/nb/"));
    const p1 = await get(u("trs-a-htm", "/zwgk/nb/"));
    expect([...p1.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(p1.headers.get("content-type")).toBe("text/html");
    const html = p1.bytes.subarray(3).toString("utf8");
    expect(html).toContain("createPageHTML(2, 0, 'index', 'htm')</script>");
    expect(html).toContain("charset=gb2312");
    expect((await get(u("trs-a-htm", "/zwgk/nb/index_1.htm"))).status).toBe(200);
    expect((await get(u("trs-a-htm", "/zwgk/nb/index_2.htm"))).status).toBe(404);
  });

  it("TRS B: list.shtml and list_2.shtml; list_1 and list_3 are 404", async () => {
    const p1 = await text(u("trs-b", "/xxgk/zfxxgknb/list.shtml"));
    expect(p1).toContain("createPageHTML('page_div',2, 1,'list','shtml',7);");
    expect(await text(u("trs-b", "/xxgk/zfxxgknb/list_2.shtml"))).toContain("createPageHTML('page_div',2, 2,'list','shtml',7);");
    expect((await get(u("trs-b", "/xxgk/zfxxgknb/list_1.shtml"))).status).toBe(404);
    expect((await get(u("trs-b", "/xxgk/zfxxgknb/list_3.shtml"))).status).toBe(404);
  });

  it("rs-deep: index and index_1 answer 200, index_2 a 瑞数 412", async () => {
    expect((await get(u("rs-deep", "/zwgk/zfxxgknb/index_1.shtml"))).status).toBe(200);
    const r = await get(u("rs-deep", "/zwgk/zfxxgknb/index_2.shtml"));
    expect(r.status).toBe(412);
    expect(r.bytes.toString()).toContain("$_ts");
  });
});

describe("Hanweb", () => {
  const records = (xml: string): string[] => [...xml.matchAll(/<record><!\[CDATA\[[\s\S]*?href="([^"]+)"/g)].map((x) => x[1]!);
  const proxy = "/module/web/jpage/dataproxy.jsp";

  it("embeds 15 records in <script type=\"text/xml\"> with the jpage() call", async () => {
    const html = await text(u("hanweb", "/col/col12377/index.html"));
    expect(html).toContain('<script type="text/xml"><datastore>');
    expect(records(html)).toHaveLength(15);
    expect(html).toContain("totalRecord:47");
    expect(html).toMatch(/title="示例市市场监督管理局2023年政府信息公开工作年度报告">示例市市场监督管理局2023年政府信息公开工作年\.\.\.</);
    expect(html).toContain(`href="${u("hanweb-zwgk", "/art/2024/3/19/art_12480_14480002.html")}"`);
  });

  it("GET page=N and POST startrecord give groups of 45 overlapping by one record; totalrecord 47", async () => {
    const g1 = await text(u("hanweb", `${proxy}?page=1&appid=1&webid=110&path=/&columnid=12377&unitid=38486&permissiontype=0`));
    expect(g1.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(g1).toContain("<totalrecord>47</totalrecord>");
    const r1 = records(g1);
    expect(r1).toHaveLength(45);
    const g2 = await text(u("hanweb", `${proxy}?page=2&appid=1&webid=110&path=/&columnid=12377&unitid=38486&permissiontype=0`));
    const r2 = records(g2);
    expect(r2).toHaveLength(3);
    expect(r2[0]).toBe(r1[44]);
    const post = await get(u("hanweb", `${proxy}?startrecord=46&endrecord=90&perpage=15`), {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "col=1&appid=1&webid=110&path=%2F&columnid=12377&sourceContentType=1&unitid=38486&webname=x&permissiontype=0",
    });
    expect(post.status).toBe(200);
    expect(post.bytes.toString().startsWith("<datastore>")).toBe(true);
    expect(records(post.bytes.toString())).toEqual(r2);
    expect(m.requested({ host: "hanweb", method: "POST", pathname: proxy, params: { startrecord: "46", columnid: "12377" } })).toHaveLength(1);
    const none = await text(u("hanweb", `${proxy}?page=1`));
    expect(records(none)).toHaveLength(0);
  });

  it("column 12480 on hanweb-zwgk: group 1 fine, group 2 a persistent 500", async () => {
    expect(records(await text(u("hanweb-zwgk", `${proxy}?page=1&columnid=12480`)))).toHaveLength(45);
    expect((await get(u("hanweb-zwgk", `${proxy}?page=2&columnid=12480`))).status).toBe(500);
    const post = await get(u("hanweb-zwgk", `${proxy}?startrecord=46&endrecord=90&perpage=15`), { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: "columnid=12480&unitid=38490" });
    expect(post.status).toBe(500);
  });
});

describe("gkmlpt, plain lists", () => {
  const api = "/sthjj/gkmlpt/api/all/2001";
  it("gkmlpt: page 0 ≡ page 1, page 2 holds 2, page 3 is 404; details carry window._CONFIG.DETAIL", async () => {
    const p0 = await text(u("gkmlpt", `${api}?page=0&sid=755001`));
    const p1 = JSON.parse(await text(u("gkmlpt", `${api}?page=1&sid=755001`))) as { classify: { post_count: number }; articles: { id: number; url: string; date: number }[] };
    expect(JSON.parse(p0)).toEqual(p1);
    expect(p1.classify.post_count).toBe(12);
    expect(p1.articles).toHaveLength(10);
    const p2 = JSON.parse(await text(u("gkmlpt", `${api}?page=2&sid=755001`))) as { articles: unknown[] };
    expect(p2.articles).toHaveLength(2);
    expect((await get(u("gkmlpt", `${api}?page=3&sid=755001`))).status).toBe(404);
    expect(await text(p1.articles[0]!.url)).toContain("window._CONFIG.DETAIL = {");
    expect(await text(u("gkmlpt", "/sthjj/gkmlpt/index"))).toContain('window._CONFIG.SID = "755001"');
  });

  it("?page=N: page 3 and beyond are empty (暂无数据)", async () => {
    const p = (n: number): Promise<string> => text(u("plain-query", `/InfoPublic.aspx?cid=1019&page=${n}`));
    expect(await p(1)).toContain("InfoDetail.aspx?id=5012");
    expect(await p(2)).toContain("InfoDetail.aspx?id=5009");
    for (const n of [3, 4]) {
      const html = await p(n);
      expect(html).toContain("暂无数据");
      expect(html).not.toContain("InfoDetail.aspx");
    }
  });

  it("N.html: the pinned 2019 report on every page, pages past 3 hold only it", async () => {
    const p = (n: number): Promise<string> => text(u("plain-num", `/zfxxgk/zfxxgknb/${n}.html`));
    for (const n of [1, 2, 3, 4, 5, 99]) expect(await p(n)).toContain("[置顶]</span><a href=\"/zfxxgk/zfxxgknb/2020/0120/c1001.html\"");
    expect(await p(3)).toContain("c1101.html?utm_source=zfxxgk#content");
    const hrefs = (html: string): number => [...html.matchAll(/<li[^>]*>.*?<a href=/g)].length;
    expect(hrefs(await p(1))).toBe(4);
    expect(hrefs(await p(4))).toBe(1);
  });
});

describe("expected reports and attachments", () => {
  it("lists distinct reports: unique keys, unique (agency, year), one sha256 per report except the known duplicates", () => {
    const r = m.expected.reports;
    expect(r.length).toBeGreaterThanOrEqual(30);
    expect(new Set(r.map((x) => x.key)).size).toBe(r.length);
    expect(new Set(r.map((x) => `${x.agency}|${x.year}`)).size).toBe(r.length);
    expect(new Set(r.map((x) => x.documentSha256)).size).toBe(r.length);
    const shas = r.flatMap((x) => [...new Set(x.attachments.map((a) => a.sha256))]);
    expect(new Set(shas).size).toBe(shas.length);
    for (const x of r) {
      expect(x.title).toContain(String(x.year));
      expect(x.siteIds).toContain(x.siteId);
      if (x.format === "html") expect(x.attachments).toEqual([]);
      else expect(x.attachments[0]!.kind).toBe(x.format);
    }
    const formats = new Set(r.map((x) => x.format));
    for (const f of ["html", "pdf", "docx", "doc"]) expect(formats).toContain(f);
    const kinds = new Set(r.flatMap((x) => x.attachments.map((a) => a.kind)));
    for (const k of ["pdf", "docx", "doc", "wps", "xls", "ofd"]) expect(kinds).toContain(k);
  });

  it("never forbids what it expects: no report, attachment or must-request URL is in neverRequest or a prefix rule", () => {
    const forbidden = (url: string): boolean => {
      if (m.expected.neverRequest.some((n) => n.url === url)) return true;
      const host = m.hostOf(url);
      const path = new URL(url).pathname;
      return m.expected.neverRequestPrefixes.some((r) => r.host === host && path.startsWith(r.pathPrefix) && !r.except.includes(path));
    };
    const urls = [
      ...m.expected.reports.flatMap((r) => [r.articleUrl, ...r.alsoAt, ...r.attachments.map((a) => a.url)]),
      ...m.expected.mustRequest.flatMap((x) => x.anyOf.map((p) => m.hosts[p.host] + p.pathname)),
      ...m.sitesFile().sites.filter((s) => !["robots-all", "robots-503"].includes(s.id)).map((s) => s.start[0]!),
    ];
    expect(urls.filter(forbidden)).toEqual([]);
    expect(m.expected.robotsDeniedUrls.every((r) => forbidden(r.url))).toBe(true);
  });

  it("serves every report article (html ones byte-identical to documentSha256) and no expected URL is forbidden", async () => {
    const never = new Set(m.expected.neverRequest.map((n) => n.url));
    for (const r of m.expected.reports) {
      expect(never.has(r.articleUrl)).toBe(false);
      let res = await get(r.articleUrl);
      if (r.articleUrl === m.expected.retryOnce.url && res.status === 503) res = await get(r.articleUrl);
      expect(res.status, r.articleUrl).toBe(200);
      if (r.format === "html") expect(sha(res.bytes), r.key).toBe(r.documentSha256);
    }
  });

  it("serves every attachment as application/octet-stream with its sha256, magic bytes and suggested name", async () => {
    const magic: Record<string, string> = { pdf: "25504446", doc: "d0cf11e0", wps: "d0cf11e0", xls: "d0cf11e0", docx: "504b0304", ofd: "504b0304" };
    for (const a of m.expected.reports.flatMap((r) => r.attachments)) {
      const res = await get(a.url);
      expect(res.status, a.url).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/octet-stream");
      expect(sha(res.bytes)).toBe(a.sha256);
      expect(res.bytes.length).toBe(a.bytes);
      expect(res.bytes.subarray(0, 4).toString("hex")).toBe(magic[a.kind]);
      expect(a.bytes).toBeLessThan(m.expected.limits.maxAttachmentBytes);
      const cd = res.headers.get("content-disposition");
      if (a.suggestedName === null) expect(cd).toBeNull();
      else {
        expect(cd).not.toBeNull();
        const star = /filename\*=UTF-8''([^;]+)/.exec(cd!);
        const plain = /filename="([^"]*)"/.exec(cd!)!;
        const name = star ? decodeURIComponent(star[1]!) : new TextDecoder("gbk").decode(Buffer.from(plain[1]!, "latin1"));
        expect(name).toBe(a.suggestedName);
      }
    }
  });

  it("the two same-named PDFs differ; the cross-host duplicate shares one sha256", () => {
    const same = m.expected.duplicateGroups.find((g) => g.kind === "same-name-different-files")!;
    const atts = m.expected.reports.flatMap((r) => r.attachments).filter((a) => same.urls.includes(a.url));
    expect(atts.map((a) => a.suggestedName)).toEqual(["2022年政府信息公开工作年度报告.pdf", "2022年政府信息公开工作年度报告.pdf"]);
    expect(atts[0]!.sha256).not.toBe(atts[1]!.sha256);
    const edu = m.expected.reports.find((r) => r.key === "hanweb/edu-2023")!;
    expect(edu.attachments).toHaveLength(2);
    expect(edu.attachments[0]!.sha256).toBe(edu.attachments[1]!.sha256);
    expect(edu.siteIds).toEqual(["hanweb", "hanweb-zwgk"]);
  });

  it("article variants: OLDSRC next to href, file_appendix, pdf.js viewer, iframe, embed, 年月日 PubDate and the URL date trap", async () => {
    const byKey = (k: string): string => m.expected.reports.find((r) => r.key === k)!.articleUrl;
    const edu = await text(byKey("trs-a/edu-2022"));
    expect(edu).toMatch(/<a appendix="true"[\s\S]*href="\.\/P0\d+\.pdf"[\s\S]*OLDSRC="\/protect\/P0\d{6}\/P0\d{8}\/P0\d+\.pdf"/);
    expect((await get(m.expected.neverRequest.find((n) => n.url.includes("/protect/"))!.url)).status).toBe(404);
    const hrss = await text(byKey("trs-a/hrss-2022"));
    expect(hrss).toMatch(/var file_appendix='<a href="\.\/P0\d+\.doc">/);
    expect(hrss.replace(/<script[\s\S]*?<\/script>/g, "")).not.toMatch(/\.doc"/);
    expect(await text(byKey("trs-a/transport-2022"))).toMatch(/viewer\.html\?file=%2Fzwgk%2Fzfxxgknb%2F202302%2FP0\d+\.pdf/);
    expect(await text(byKey("trs-a/civil-2022"))).toMatch(/<iframe src="\.\/P0\d+\.pdf"/);
    expect(await text(byKey("trs-a/water-2022"))).toMatch(/<embed src="\.\/P0\d+\.pdf"/);
    const fin2017 = m.expected.reports.find((r) => r.key === "trs-a/fin-2017")!;
    expect(fin2017.dates).toEqual({ listing: "2018-03-26", meta: "2018-03-26", url: "2018-11-02" });
    expect(m.expected.reports.find((r) => r.key === "hanweb/audit-2023")!.dates.url).toBe("2024-03-26");
    expect(m.expected.reports.find((r) => r.key === "plain-query/edu-2022")!.dates.url).toBeNull();
    expect(await text(fin2017.articleUrl)).toContain('<meta name="PubDate" content="2018年03月26日" />');
    const fin = await text(byKey("trs-a/fin-2022"));
    expect(fin).toContain("class=MsoNormal");
    expect(fin).toMatch(/colspan=\d/);
  });

  it("encodings: gb2312 header with GBK-only 喆镕堃, GBK meta only, header/meta conflict", async () => {
    const get1 = async (k: string): Promise<{ ct: string | null; html: string }> => {
      const r = await get(m.expected.reports.find((x) => x.key === k)!.articleUrl);
      return { ct: r.headers.get("content-type"), html: new TextDecoder("gbk").decode(r.bytes) };
    };
    const stats = await get1("trs-a-shtml/stats-2023");
    expect(stats.ct).toBe("text/html; charset=gb2312");
    expect(stats.html).toContain("王喆");
    expect(stats.html).toContain("堃镕区统计局");
    expect((await get1("trs-a-shtml/audit-2023")).ct).toBe("text/html");
    const forestry = await get1("trs-a-shtml/forestry-2023");
    expect(forestry.ct).toBe("text/html; charset=GBK");
    expect(forestry.html).toContain("charset=utf-8");
  });
});

describe("traps", () => {
  it("broken links: 404 article and attachment, soft 404, truncated page, HTML-as-PDF, 0 bytes, oversize", async () => {
    const fails = m.expected.failures.filter((f) => f.siteId === "misc");
    const by = (s: string): string => fails.find((f) => f.why.includes(s))!.url;
    expect((await get(by("answers 404"))).status).toBe(404);
    expect((await get(by("404 attachment"))).status).toBe(404);
    expect(await text(by("页面不存在"))).toContain("页面不存在");
    const cut = await text(by("truncated"));
    expect(cut).not.toContain("</html>");
    const asPdf = await get(by("HTML error page"));
    expect(asPdf.status).toBe(200);
    expect(asPdf.headers.get("content-type")).toBe("application/pdf");
    expect(asPdf.bytes.toString().startsWith("<html")).toBe(true);
    expect((await get(by("0-byte"))).bytes.length).toBe(0);
    const big = await get(by("-byte PDF"));
    expect(big.bytes.length).toBe(m.expected.limits.oversizeBytes);
    expect(big.bytes.length).toBeGreaterThan(m.expected.limits.maxAttachmentBytes);
    expect(big.headers.get("content-length")).toBe(String(m.expected.limits.oversizeBytes));
  });

  it("redirects: cross-host 301, 301 → 404, 302 to the homepage, a loop, meta refresh", async () => {
    for (const r of m.expected.redirects) {
      const res = await get(r.from);
      if (r.status === "meta-refresh") {
        expect(res.status).toBe(200);
        expect(res.bytes.toString()).toContain(`<meta http-equiv="refresh" content="0; url=${new URL(r.to).pathname}">`);
      } else {
        expect(res.status, r.from).toBe(r.status);
        expect(res.headers.get("location")).toBe(r.to);
      }
    }
    const moved = m.expected.deadSeeds.find((d) => d.siteId === "moved-seed")!;
    expect((await get(moved.finalUrl!)).status).toBe(404);
    const removed = m.expected.deadSeeds.find((d) => d.siteId === "removed-column")!;
    expect(removed.finalUrl).toBe(`${m.hosts.old}/`);
    expect((await get(removed.finalUrl!)).status).toBe(200);
    const loop = await fetch(u("old", "/loop/a.html"), { redirect: "follow" }).then(
      () => "followed",
      (e: unknown) => String(e),
    );
    expect(loop).not.toBe("followed");
  });

  it("anti-bot: 412 and 202 瑞数, 521 加速乐, 200 访问异常 — on every page but robots.txt", async () => {
    m.log.clear();
    const r412 = await get(u("rs412", "/zwgk/zfxxgknb/index.html"));
    expect(r412.status).toBe(412);
    expect(r412.headers.getSetCookie().some((c) => /^NfBCSins2OywS=/.test(c))).toBe(true);
    expect(r412.bytes.toString()).toMatch(/\$_ts=window\['\$_ts'\]/);
    expect((await get(u("rs202", "/any/page.html"))).status).toBe(202);
    const jsl = await get(u("jsl521", "/zwgk/zfxxgknb/index.html"));
    expect(jsl.status).toBe(521);
    expect(jsl.headers.getSetCookie()[0]).toMatch(/^__jsluid_s=/);
    const blk = await get(u("block200", "/zwgk/zfxxgknb/index.html"));
    expect(blk.status).toBe(200);
    expect(blk.bytes.toString()).toContain("访问异常");
    const ts = m.expected.reports.find((r) => r.key === "misc/audit-2023")!;
    const tsHtml = await text(ts.articleUrl);
    expect(tsHtml).toContain("$_ts");
    expect(tsHtml.length).toBeGreaterThan(50_000);
    const after = m.requestsAfterFirstBlock("rs412");
    expect(after).toEqual([]);
    await get(u("rs412", "/again.html"));
    expect(m.requestsAfterFirstBlock("rs412")).toHaveLength(1);
    expect(m.expected.blockedHosts.map((b) => b.host).sort()).toEqual(["block200", "jsl521", "rs-deep", "rs202", "rs412"]);
  });

  it("503 with Retry-After once, then 200 (on a fresh mirror with a fixed port); persistent 500; connection reset", async () => {
    const free = await new Promise<number>((resolve) => {
      const s = createServer();
      s.listen(0, "127.0.0.1", () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const fresh = await startMirror({ retryAfterSeconds: 2, ports: { "plain-query": free } });
    try {
      expect(fresh.hosts["plain-query"]).toBe(`http://127.0.0.1:${free}`);
      const first = await get(fresh.expected.retryOnce.url);
      expect(first.status).toBe(503);
      expect(first.headers.get("retry-after")).toBe("2");
      expect((await get(fresh.expected.retryOnce.url)).status).toBe(200);
    } finally {
      await fresh.close();
    }
    const flaky = m.expected.failures.filter((f) => f.siteId === "flaky");
    expect((await get(flaky.find((f) => f.why.includes("persistent 500"))!.url)).status).toBe(500);
    expect((await get(flaky.find((f) => f.why.includes("persistent 500"))!.url)).status).toBe(500);
    const reset = await get(flaky.find((f) => f.why.includes("reset"))!.url).then(
      () => "ok",
      (e: unknown) => String(e),
    );
    expect(reset).not.toBe("ok");
    const entry = m.log.entries.filter((e) => e.trap === "reset").at(-1)!;
    expect(entry.reset).toBe(true);
  });

  it("the slow page answers after slowMs; a client timeout shows as an aborted entry", async () => {
    const t0 = Date.now();
    expect((await get(m.expected.slow.url)).status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(280);
    const timedOut = await get(m.expected.slow.url, { signal: AbortSignal.timeout(100) }).then(
      () => "ok",
      (e: unknown) => (e as Error).name,
    );
    expect(timedOut).toBe("TimeoutError");
    await expect.poll(() => m.log.entries.filter((e) => e.trap === "slow").at(-1)!.end, { timeout: 2000 }).not.toBeNull();
    const last = m.log.entries.filter((e) => e.trap === "slow").at(-1)!;
    expect(last.aborted).toBe(true);
    expect(last.status).toBeNull();
  });

  it("violations() reports requests to forbidden URLs and prefixes", async () => {
    const before = m.violations().length;
    await get(u("trs-a", "/zwgk/zfxxgknb/index_3.html"));
    await get(u("robots-all", "/zfxxgk/nb/index.html"));
    await get(u("robots-all", "/robots.txt"));
    const v = m.violations().slice(before);
    expect(v.map((e) => e.path)).toEqual(["/zwgk/zfxxgknb/index_3.html", "/zfxxgk/nb/index.html"]);
  });
});

describe("conditional requests", () => {
  it("every 200 answer carries a stable ETag and Last-Modified, and a conditional request gets 304", async () => {
    const urls = [
      ...m.expected.reports.flatMap((r) => [r.articleUrl, ...r.attachments.map((a) => a.url)]),
      ...m.expected.nonReports.slice(0, 10).map((n) => n.url),
      u("trs-a", "/zwgk/zfxxgknb/index_1.html"),
      u("trs-a", "/robots.txt"),
      u("hanweb", "/module/web/jpage/dataproxy.jsp?page=2&columnid=12377"),
      u("gkmlpt", "/sthjj/gkmlpt/api/all/2001?page=2&sid=755001"),
      u("plain-query", "/InfoPublic.aspx?cid=1019&page=3"),
      u("plain-num", "/zfxxgk/zfxxgknb/5.html"),
    ];
    for (const url of urls) {
      const a = await get(url);
      expect(a.status, url).toBe(200);
      const etag = a.headers.get("etag")!;
      const lm = a.headers.get("last-modified")!;
      expect(etag).toMatch(/^"[0-9a-f]{16}-[0-9a-f]+"$/);
      expect(Number.isNaN(Date.parse(lm))).toBe(false);
      const b = await get(url);
      expect(b.headers.get("etag")).toBe(etag);
      const c = await get(url, { headers: { "If-None-Match": etag } });
      expect(c.status, url).toBe(304);
      expect(c.bytes.length).toBe(0);
      expect((await get(url, { headers: { "If-Modified-Since": lm } })).status).toBe(304);
      expect((await get(url, { headers: { "If-None-Match": '"other"', "If-Modified-Since": lm } })).status).toBe(200);
    }
    const post = await get(u("hanweb", "/module/web/jpage/dataproxy.jsp?startrecord=1&endrecord=45&perpage=15"), { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: "columnid=12377&unitid=38486" });
    const again = await get(u("hanweb", "/module/web/jpage/dataproxy.jsp?startrecord=1&endrecord=45&perpage=15"), { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", "If-None-Match": post.headers.get("etag")! }, body: "columnid=12377&unitid=38486" });
    expect(again.status).toBe(304);
  });

  it("hops that carry validators answer 304 (a 301 with ETag + Last-Modified, an attachment 301 with only an ETag, a stub with only Last-Modified)", async () => {
    const withValidators = m.expected.redirects.filter((r) => r.validators);
    expect(withValidators.map((r) => r.validators).sort()).toEqual(["both", "etag", "last-modified"]);
    for (const r of withValidators) {
      const a = await get(r.from);
      const etag = a.headers.get("etag");
      const lm = a.headers.get("last-modified");
      expect(etag !== null, r.from).toBe(r.validators !== "last-modified");
      expect(lm !== null, r.from).toBe(r.validators !== "etag");
      const again = await get(r.from, { headers: etag ? { "If-None-Match": etag } : { "If-Modified-Since": lm! } });
      expect(again.status, r.from).toBe(304);
    }
  });

  it("the gkmlpt-gd JSON list carries only a weak ETag, matched weakly; asked without its sid it lists nothing", async () => {
    const url = u("gkmlpt-gd", "/zqhjj/gkmlpt/api/all/21023?page=1&sid=758019");
    const a = await get(url);
    expect(a.headers.get("etag")).toMatch(/^W\/"[0-9a-f]{16}-[0-9a-f]+"$/);
    expect(a.headers.get("last-modified")).toBeNull();
    expect(JSON.parse(a.bytes.toString()).articles).toHaveLength(3);
    expect((await get(url, { headers: { "If-None-Match": a.headers.get("etag")! } })).status).toBe(304);
    expect((await get(url, { headers: { "If-None-Match": a.headers.get("etag")!.slice(2) } })).status).toBe(304);
    const bare = await get(u("gkmlpt-gd", "/zqhjj/gkmlpt/api/all/21023?page=1"));
    expect(JSON.parse(bare.bytes.toString())).toEqual({ classify: null, articles: [], total: 0 });
    expect(await text(u("gkmlpt-gd", "/zqhjj/gkmlpt/index"))).toContain('window._CONFIG = {"SID":"758019",');
  });

  it("the stall article sends its headers at once and its body a slice at a time over stallMs", async () => {
    const t0 = Date.now();
    const res = await fetch(m.expected.stall.url);
    const headersAfter = Date.now() - t0;
    const body = Buffer.from(await res.arrayBuffer());
    expect(res.status).toBe(200);
    expect(headersAfter).toBeLessThan(m.expected.stall.trickleMs / 2);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(m.expected.stall.trickleMs * 0.9);
    expect(body.toString()).toContain(m.expected.stall.title);
  });

  it("errors, redirects and challenges are never 304", async () => {
    for (const url of [u("trs-a", "/zwgk/zfxxgknb/index_3.html"), u("rs412", "/x.html"), u("old", "/loop/a.html")]) {
      const r = await get(url, { headers: { "If-None-Match": "*", "If-Modified-Since": new Date().toUTCString() } });
      expect(r.status).not.toBe(304);
      expect(r.headers.get("etag")).toBeNull();
    }
  });
});

describe("request log", () => {
  it("records host, method, path, headers, timings, status and bytes", async () => {
    m.log.clear();
    await get(u("trs-b", "/xxgk/zfxxgknb/list.shtml"), { headers: { "If-None-Match": '"nope"' } });
    const [e] = m.log.entries;
    expect(e).toMatchObject({ host: "trs-b", method: "GET", path: "/xxgk/zfxxgknb/list.shtml", status: 200, aborted: false, inFlightAtStart: 1 });
    expect(e!.url).toBe(u("trs-b", "/xxgk/zfxxgknb/list.shtml"));
    expect(e!.headers["user-agent"]).toBe(UA);
    expect(e!.headers["if-none-match"]).toBe('"nope"');
    expect(e!.bytes).toBeGreaterThan(1000);
    expect(e!.end!).toBeGreaterThanOrEqual(e!.start);
    expect(m.log.countByHost()).toEqual({ "trs-b": 1 });
    expect(m.log.maxInFlight["trs-b"]).toBe(1);
  });

  it("counts requests in flight per host: sequential = 1, parallel to one host = 2, other hosts apart", async () => {
    m.log.clear();
    await get(u("trs-a", "/zwgk/zfxxgknb/index.html"));
    await get(u("trs-a", "/zwgk/zfxxgknb/index_1.html"));
    expect(m.log.maxInFlight["trs-a"]).toBe(1);
    await Promise.all([get(m.expected.slow.url), get(u("misc", "/xxgk/nb/"))]);
    expect(m.log.maxInFlight.flaky).toBe(1);
    expect(m.log.maxInFlight.misc).toBe(1);
    await Promise.all([get(m.expected.slow.url), get(m.expected.slow.url)]);
    expect(m.log.maxInFlight.flaky).toBe(2);
    expect(m.log.inFlight.flaky).toBe(0);
  });
});

describe("determinism and close()", () => {
  it("serves the same bytes on every start (origins aside) and frees its ports on close", async () => {
    const other = await startMirror({ slowMs: 10 });
    const norm = (b: Buffer, mm: Mirror): string => {
      let s = b.toString("latin1");
      for (const [name, origin] of Object.entries(mm.hosts)) s = s.split(origin).join(`{${name}}`);
      return s;
    };
    const paths = (mm: Mirror): string[] =>
      [
        ...mm.expected.reports.flatMap((r) => [r.articleUrl, ...r.attachments.map((a) => a.url)]),
        ...mm.expected.nonReports.map((n) => n.url),
        ...mm.sitesFile().sites.map((s) => s.start[0]!.replace(/#.*/, "")),
      ].map((x) => x.replace(/^http:\/\/127\.0\.0\.1:\d+/, (o) => `{${mm.hostOf(x) ?? o}}`));
    expect(paths(other)).toEqual(paths(m));
    for (const p of paths(m)) {
      const host = /^\{([^}]+)\}/.exec(p)![1] as HostName;
      if (host === "plain-query" && p.includes("5012")) continue; // the 503-once article
      const [a, b] = await Promise.all([get(p.replace(`{${host}}`, m.hosts[host])), get(p.replace(`{${host}}`, other.hosts[host]))]);
      expect(norm(b.bytes, other), p).toBe(norm(a.bytes, m));
      expect(b.status).toBe(a.status);
    }
    const ports = Object.values(other.hosts).map((o) => Number(new URL(o).port));
    await other.close();
    for (const port of ports.slice(0, 5)) {
      await new Promise<void>((resolve, reject) => {
        const s = createServer();
        s.once("error", reject);
        s.listen(port, "127.0.0.1", () => s.close(() => resolve()));
      });
    }
    await expect(fetch(other.hosts["trs-a"] + "/robots.txt")).rejects.toThrow();
  });
});
