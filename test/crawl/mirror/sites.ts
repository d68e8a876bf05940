/**
 * The mirrored world: which host serves what, built once the hosts listen (pages hold absolute
 * cross-host URLs, so they depend on the ports). Every report, non-report and trap is declared
 * here next to the pages that carry it, and recorded in `expected` as it is built, so the ground
 * truth cannot drift from what is served. crawling.md §2 item numbers are given as (§2.n).
 */
import iconv from "iconv-lite";
import { reportBody } from "../../../scripts/samples/mengjin-page.js";
import { readTabText } from "../../../scripts/samples/tab-text.js";
import type { FileKind, SiteConfig } from "../../../src/crawl/types.js";
import type { HostSet, MirrorRequest, Reply, VirtualHost } from "./server.js";
import * as P from "./pages.js";
import { ofdFile, oleFile, oversizePdf, pdfVariant, sha256, zipVariant, type Samples } from "./files.js";
import type { Expected, ExpectedAttachment, ExpectedReport, HostName, RequestPattern, Trap } from "./types.js";

export interface WorldOptions {
  slowMs: number;
  stallMs: number;
  crawlDelaySeconds: number;
  retryAfterSeconds: number;
  oversizeBytes: number;
}

export interface World {
  sites: SiteConfig[];
  expected: Expected;
}

type Enc = "utf-8" | "gbk" | "utf-8-bom";

const MAX_ATTACHMENT_BYTES = 2 * 1024 * 1024;

const ymd = (date: string): string => date.replace(/-/g, "");
const ym = (date: string): string => ymd(date).slice(0, 6);
/** 2024-03-05 → 2024/3/5 (Hanweb paths have no zero padding). */
const ymdSlash = (date: string): string => date.split("-").map((x, i) => (i === 0 ? x : String(Number(x)))).join("/");
const unix = (date: string): number => Math.floor(Date.parse(`${date}T08:00:00+08:00`) / 1000);
/** Date `n` days before `date`. */
const daysBefore = (date: string, n: number): string => new Date(Date.parse(`${date}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
/** A TRS attachment name: P0 + yyyymmdd + 12 digits. */
const p0 = (date: string, n: number, ext: string): string => `P0${ymd(date)}${String((n * 7_919_777 + 104_729) % 1_000_000_000_000).padStart(12, "0")}.${ext}`;

function encode(html: string, enc: Enc): Buffer {
  if (enc === "gbk") {
    const b = iconv.encode(html, "gbk");
    if (iconv.decode(b, "gbk") !== html) throw new Error("mirror: page holds characters GBK cannot encode");
    return b;
  }
  const b = Buffer.from(html, "utf8");
  return enc === "utf-8-bom" ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), b]) : b;
}

export function buildWorld(set: HostSet, samples: Samples, opts: WorldOptions): World {
  const H = (name: HostName): VirtualHost => {
    const h = set.hosts.get(name);
    if (!h) throw new Error(`mirror: no host ${name}`);
    return h;
  };
  const O = (name: HostName): string => H(name).origin;
  const U = (name: HostName, path: string): string => O(name) + path;
  const hostPort = (name: HostName): string => new URL(O(name)).host;
  /** Absolute path of `href` seen from `basePath`. */
  const resolve = (basePath: string, href: string): string => {
    const u = new URL(href, `http://x${basePath}`);
    return u.pathname + u.search;
  };

  // ------------------------------------------------------------ registries (the ground truth)
  const reports: ExpectedReport[] = [];
  const ex: Omit<Expected, "reports" | "limits" | "slow" | "stall" | "retryOnce"> = {
    nonReports: [],
    unreachable: [],
    neverRequest: [],
    neverRequestPrefixes: [],
    shouldNotRequest: [],
    mustRequest: [],
    blockedHosts: [],
    robotsDeniedHosts: [],
    robotsDeniedUrls: [],
    duplicateGroups: [],
    failures: [],
    deadSeeds: [],
    incompleteCatalogs: [],
    redirects: [],
    traps: [],
  };
  const sites: SiteConfig[] = [];
  const trap = (t: Trap): void => void ex.traps.push(t);
  const never = (url: string, why: string): void => void ex.neverRequest.push({ url, why });
  const must = (siteId: string, why: string, ...anyOf: RequestPattern[]): void => void ex.mustRequest.push({ siteId, anyOf, why });
  const nonReport = (siteId: string, url: string, title: string, why = "not an annual report"): void => void ex.nonReports.push({ siteId, url, title, why });
  const site = (s: SiteConfig): void => void sites.push(s);

  // ------------------------------------------------------------ serving helpers
  const page = (host: HostName, path: string, html: string, o: { enc?: Enc; contentType?: string; date?: string; trap?: string } = {}): Buffer => {
    const body = encode(html, o.enc ?? "utf-8");
    H(host).files.set(path, {
      status: 200,
      headers: { "Content-Type": o.contentType ?? "text/html; charset=utf-8" },
      body,
      lastModified: o.date,
      ...(o.trap ? { trap: o.trap } : {}),
    });
    return body;
  };
  const reply = (host: HostName, path: string, r: Reply): void => void H(host).files.set(path, r);
  const redirect = (host: HostName, path: string, status: 301 | 302, to: string, why: string): void => {
    reply(host, path, { status, headers: { Location: to, "Content-Type": "text/html" }, body: `<html><body>${status === 301 ? "Moved Permanently" : "Found"}</body></html>`, conditional: false, trap: "redirect" });
    ex.redirects.push({ from: U(host, path), to: to.startsWith("http") ? to : U(host, to), status, why });
  };

  type Disposition = "none" | "rfc5987" | "gbk" | "inline";
  const attachment = (
    host: HostName,
    path: string,
    bytes: Buffer,
    kind: FileKind,
    o: { name: string; disposition?: Disposition; date?: string; linkedFrom: string[] },
  ): ExpectedAttachment => {
    const headers: Record<string, string> = { "Content-Type": "application/octet-stream" };
    const d = o.disposition ?? "none";
    let suggestedName: string | null = o.name;
    if (d === "rfc5987") headers["Content-Disposition"] = `attachment; filename="${path.split("/").pop()}"; filename*=UTF-8''${encodeURIComponent(o.name)}`;
    else if (d === "gbk") headers["Content-Disposition"] = `attachment; filename="${iconv.encode(o.name, "gbk").toString("latin1")}"`;
    else if (d === "inline") headers["Content-Disposition"] = `inline; filename="${path.split("/").pop()}"`;
    else suggestedName = null;
    if (d === "inline") suggestedName = path.split("/").pop() ?? null;
    reply(host, path, { status: 200, headers, body: bytes, lastModified: o.date });
    return { url: U(host, path), sha256: sha256(bytes), bytes: bytes.length, kind, suggestedName, linkedFrom: o.linkedFrom };
  };

  // ------------------------------------------------------------ report bodies
  const mengjinBody = ((): string => {
    const html = samples.mengjinHtml;
    const start = html.indexOf('<div class="TRS_Editor">');
    const end = html.indexOf('\n    <div class="share">');
    if (start < 0 || end < start) throw new Error("mirror: samples/mengjin-czj-2022.html has no TRS_Editor body");
    return html.slice(start, end);
  })();
  /** The fictional county report (samples/sample-county-2023.txt) rewritten for another agency and year, as Word HTML. */
  const countyBody = (agency: string, year: number): string =>
    reportBody(readTabText(samples.countyTxt.replaceAll("示例县示例局", agency).replaceAll("2023年", `${year}年`)));
  const countyEditor = (agency: string, year: number): string => `    <div class="TRS_Editor">${countyBody(agency, year)}</div>`;
  const preface = (agency: string, year: number): string[] => [
    `根据《中华人民共和国政府信息公开条例》（以下简称《条例》）规定，现公布${agency}${year}年政府信息公开工作年度报告。`,
    `本报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项等六部分组成。本报告中所列数据的统计期限自${year}年1月1日起至${year}年12月31日止。本报告全文见附件，如对本报告有任何疑问，请与${agency}办公室联系（地址：示例路1号，邮编：000000）。`,
  ];
  const pdfM = (tag: string): Buffer => pdfVariant(samples.mengjinPdf, tag);
  const pdfC = (tag: string): Buffer => pdfVariant(samples.countyPdf, tag);
  const docxM = (tag: string): Buffer => zipVariant(samples.mengjinDocx, tag);
  const docxC = (tag: string): Buffer => zipVariant(samples.countyDocx, tag);

  const reportTitle = (agency: string, year: number): string => `${agency}${year}年政府信息公开工作年度报告`;
  /** The date a URL carries: TRS ./YYYYMM/tYYYYMMDD_id, Hanweb /art/YYYY/M/D/art_…; null otherwise. */
  const urlDate = (url: string): string | null => {
    const t = /\/t(\d{4})(\d{2})(\d{2})_/.exec(url);
    if (t) return `${t[1]}-${t[2]}-${t[3]}`;
    const a = /\/art\/(\d{4})\/(\d{1,2})\/(\d{1,2})\/art_/.exec(url);
    return a ? `${a[1]}-${a[2]!.padStart(2, "0")}-${a[3]!.padStart(2, "0")}` : null;
  };
  const addReport = (r: Omit<ExpectedReport, "siteIds" | "alsoAt" | "traps" | "dates"> & Partial<Pick<ExpectedReport, "siteIds" | "alsoAt" | "traps">> & { listing: string; meta: string | null }): ExpectedReport => {
    const { listing, meta, ...rest } = r;
    const full: ExpectedReport = {
      siteIds: [r.siteId],
      alsoAt: [],
      traps: [],
      ...rest,
      dates: { listing, meta, url: urlDate(r.articleUrl) },
    };
    reports.push(full);
    return full;
  };

  // ------------------------------------------------------------ robots.txt
  const robots = (host: HostName, text: string | null, status = 200): void => {
    if (text === null) reply(host, "/robots.txt", { status, headers: { "Content-Type": "text/html" }, body: status === 404 ? P.softNotFoundPage("") : "<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>", conditional: false, trap: "robots" });
    else reply(host, "/robots.txt", { status: 200, headers: { "Content-Type": "text/plain" }, body: text, trap: "robots" });
  };
  const ALLOW_ALL = "User-agent: *\nDisallow:\n";

  // ============================================================ TRS A, .html (§2.1, §2.6, §2.9, §2.10)
  {
    const host: HostName = "trs-a";
    const siteId = "trs-a";
    const col = "/zwgk/zfxxgknb/";
    const siteName = "洛阳市孟津区人民政府";
    const siteCode = "4103220001";
    const columnName = "政府信息公开年报";
    robots(host, ALLOW_ALL);
    // A 404 page labelled iso-8859-1 whose text is GBK (§2.8).
    H(host).notFound = {
      status: 404,
      headers: { "Content-Type": "text/html; charset=iso-8859-1" },
      body: iconv.encode("<html><head><title>404</title></head><body><h2>您访问的页面不存在！</h2></body></html>", "gbk"),
      conditional: false,
    };
    site({ id: siteId, agency: siteName, start: [U(host, `${col}index.html`)] });

    const meta = (title: string, source: string, pubDate: string, infoDate: string, n: number): P.ArticleMeta => ({
      charset: "utf-8",
      siteName,
      siteCode,
      columnName,
      title,
      pubDate,
      infoDate,
      source,
      index: `11410322MB00000${String(n).padStart(2, "0")}X/${infoDate.slice(0, 4)}-000${n}`,
    });
    const art = (date: string, id: number): { href: string; path: string } => ({ href: `./${ym(date)}/t${ymd(date)}_${id}.html`, path: `${col}${ym(date)}/t${ymd(date)}_${id}.html` });
    const items: P.ListItem[] = [];

    // 1. meeting news
    {
      const d = "2023-03-10";
      const a = art(d, 1000101);
      const title = "孟津区召开2023年政务公开工作推进会";
      page(host, a.path, P.trsArticle(meta(title, "孟津区人民政府办公室", `${d} 10:30`, d, 1), P.trsEditor(P.newsParagraphs("孟津区召开2023年政务公开工作推进会", "3月10日"))), { date: d });
      items.push({ href: a.href, title, date: d });
      nonReport(siteId, U(host, a.path), title, "meeting news");
    }
    // R2 (edu) is needed by the repost (item 2), so build R2's attachment first.
    const eduDate = "2023-01-31";
    const edu = art(eduDate, 1000106);
    const eduTitle = reportTitle("孟津区教育局", 2022);
    const eduPdfName = p0(eduDate, 6, "pdf");
    const eduPdfPath = `${col}${ym(eduDate)}/${eduPdfName}`;
    const eduOldsrc = `/protect/P0${ym(eduDate)}/P0${ymd(eduDate)}/${eduPdfName}`;
    const repost = art("2023-02-06", 1000102);
    const eduPdf = attachment(host, eduPdfPath, pdfM("trs-a/edu-2022"), "pdf", {
      name: `${eduTitle}.pdf`,
      disposition: "rfc5987",
      date: eduDate,
      linkedFrom: [U(host, edu.path), U(host, repost.path)],
    });
    // 2. repost of the edu report, same PDF URL (§2.10 same PDF from two articles)
    {
      const d = "2023-02-06";
      const rel = `../${ym(eduDate)}/${eduPdfName}`;
      page(host, repost.path, P.trsArticle(meta(eduTitle, "孟津区教育局", `${d} 09:00`, d, 2), P.ueditorBody(preface("孟津区教育局", 2022), [{ href: rel, name: `${eduTitle}.pdf` }])), { date: d });
      items.push({ href: repost.href, title: eduTitle, date: d });
    }
    // 3. R37 water: <embed> PDF
    {
      const d = "2023-02-03";
      const a = art(d, 1000103);
      const agency = "孟津区水利局";
      const title = reportTitle(agency, 2022);
      const name = p0(d, 3, "pdf");
      const att = attachment(host, `${col}${ym(d)}/${name}`, pdfM("trs-a/water-2022"), "pdf", { name, date: d, linkedFrom: [U(host, a.path)] });
      const body = P.trsEditor([...preface(agency, 2022), `<embed src="./${name}" type="application/pdf" width="100%" height="900" />`]);
      page(host, a.path, P.trsArticle(meta(title, agency, `${d} 15:00`, d, 3), body), { date: d });
      items.push({ href: a.href, title, date: d });
      addReport({ key: "trs-a/water-2022", siteId, agency, year: 2022, title, format: "pdf", articleUrl: U(host, a.path), attachments: [att], documentSha256: att.sha256, listing: d, meta: d, traps: ["embed-pdf"] });
    }
    // 4. R7 civil affairs: <iframe> PDF
    {
      const d = "2023-02-02";
      const a = art(d, 1000104);
      const agency = "孟津区民政局";
      const title = reportTitle(agency, 2022);
      const name = p0(d, 4, "pdf");
      const att = attachment(host, `${col}${ym(d)}/${name}`, pdfM("trs-a/civil-2022"), "pdf", { name, date: d, linkedFrom: [U(host, a.path)] });
      const body = P.trsEditor([...preface(agency, 2022), `<iframe src="./${name}" width="100%" height="900" frameborder="0"></iframe>`]);
      page(host, a.path, P.trsArticle(meta(title, agency, `${d} 11:20`, d, 4), body), { date: d });
      items.push({ href: a.href, title, date: d });
      addReport({ key: "trs-a/civil-2022", siteId, agency, year: 2022, title, format: "pdf", articleUrl: U(host, a.path), attachments: [att], documentSha256: att.sha256, listing: d, meta: d, traps: ["iframe-pdf"] });
    }
    // 5. R6 transport: pdf.js viewer.html?file=
    {
      const d = "2023-02-01";
      const a = art(d, 1000105);
      const agency = "孟津区交通运输局";
      const title = reportTitle(agency, 2022);
      const name = p0(d, 5, "pdf");
      const filePath = `${col}${ym(d)}/${name}`;
      const att = attachment(host, filePath, pdfM("trs-a/transport-2022"), "pdf", { name, date: d, linkedFrom: [U(host, a.path)] });
      const viewer = `/pdfjs/web/viewer.html?file=${encodeURIComponent(filePath)}`;
      const body = P.trsEditor([...preface(agency, 2022), `<iframe src="${P.esc(viewer)}" width="100%" height="900" frameborder="0"></iframe>`, `<a href="${P.esc(viewer)}" target="_blank">点击在线阅读</a>`]);
      page(host, a.path, P.trsArticle(meta(title, agency, `${d} 16:45`, d, 5), body), { date: d });
      items.push({ href: a.href, title, date: d });
      addReport({ key: "trs-a/transport-2022", siteId, agency, year: 2022, title, format: "pdf", articleUrl: U(host, a.path), attachments: [att], documentSha256: att.sha256, listing: d, meta: d, traps: ["pdfjs-viewer"] });
      page(host, "/pdfjs/web/viewer.html", `<!DOCTYPE html><html><head><meta charset="utf-8"><title>PDF.js viewer</title><script src="pdf.js"></script><script src="viewer.js"></script></head><body tabindex="1"><div id="outerContainer"><div id="viewerContainer"><div id="viewer" class="pdfViewer"></div></div></div></body></html>\n`);
    }
    // 6. R2 edu: UEditor block, OLDSRC dead path next to the live href, RFC 5987 Content-Disposition
    {
      const d = eduDate;
      const body = P.ueditorBody(preface("孟津区教育局", 2022), [{ href: `./${eduPdfName}`, name: `${eduTitle}.pdf`, oldsrc: eduOldsrc }]);
      page(host, edu.path, P.trsArticle(meta(eduTitle, "孟津区教育局", `${d} 17:05`, d, 6), body), { date: d });
      items.push({ href: edu.href, title: eduTitle, date: d });
      addReport({
        key: "trs-a/edu-2022",
        siteId,
        agency: "孟津区教育局",
        year: 2022,
        title: eduTitle,
        format: "pdf",
        articleUrl: U(host, edu.path),
        alsoAt: [U(host, repost.path)],
        attachments: [eduPdf],
        documentSha256: eduPdf.sha256,
        listing: d,
        meta: d,
        traps: ["oldsrc", "content-disposition-rfc5987", "same-pdf-two-articles"],
      });
      never(U(host, eduOldsrc), "OLDSRC path of a UEditor attachment: dead (/protect/), never a link");
      ex.duplicateGroups.push({ id: "trs-a/edu-repost", kind: "same-file", urls: [U(host, edu.path), U(host, repost.path), eduPdf.url], reportKeys: ["trs-a/edu-2022"], why: "the same PDF URL linked from two articles with the same title: one report, both article URLs kept" });
    }
    // 7. R1 fin 2022: HTML-only report with the big tables (samples/mengjin-czj-2022.html's body)
    {
      const d = "2023-01-30";
      const a = art(d, 1000107);
      const agency = "孟津区财政局";
      const title = reportTitle(agency, 2022);
      const bytes = page(host, a.path, P.trsArticle({ ...meta(title, agency, "2023-01-30 16:20", d, 7), index: "11410322MB0000000X/2023-00012" }, `    ${mengjinBody}`), { date: d });
      items.push({ href: a.href, title, date: d });
      addReport({ key: "trs-a/fin-2022", siteId, agency, year: 2022, title, format: "html", articleUrl: U(host, a.path), attachments: [], documentSha256: sha256(bytes), listing: d, meta: d, traps: ["html-only-report", "trs-index_1"] });
    }
    // 8. R3 health: attachment only, "详见附件" (.docx)
    {
      const d = "2023-01-29";
      const a = art(d, 1000108);
      const agency = "孟津区卫生健康委员会";
      const title = reportTitle(agency, 2022);
      const name = p0(d, 8, "docx");
      const att = attachment(host, `${col}${ym(d)}/${name}`, docxM("trs-a/health-2022"), "docx", { name: `${title}.docx`, date: d, linkedFrom: [U(host, a.path)] });
      const body = P.trsEditor([`${title}详见附件。`]) + "\n" + P.attachmentList([{ href: `./${name}`, name: `${title}.docx` }]);
      page(host, a.path, P.trsArticle(meta(title, agency, `${d} 10:00`, d, 8), body), { date: d });
      items.push({ href: a.href, title, date: d });
      addReport({ key: "trs-a/health-2022", siteId, agency, year: 2022, title, format: "docx", articleUrl: U(host, a.path), attachments: [att], documentSha256: att.sha256, listing: d, meta: d, traps: ["attachment-only"] });
    }
    // 9. R4 hrss: attachment only inside var file_appendix (.doc)
    {
      const d = "2023-01-28";
      const a = art(d, 1000109);
      const agency = "孟津区人力资源和社会保障局";
      const title = reportTitle(agency, 2022);
      const name = p0(d, 9, "doc");
      const att = attachment(host, `${col}${ym(d)}/${name}`, samples.mengjinDoc, "doc", { name: `${title}.doc`, date: d, linkedFrom: [U(host, a.path)] });
      const fa = P.fileAppendixBody("1674868800000", [`${title}，具体见附件。`], `./${name}`, `${title}.doc`);
      page(host, a.path, P.trsArticle(meta(title, agency, `${d} 08:40`, d, 9), fa.body, fa.after), { date: d });
      items.push({ href: a.href, title, date: d });
      addReport({ key: "trs-a/hrss-2022", siteId, agency, year: 2022, title, format: "doc", articleUrl: U(host, a.path), attachments: [att], documentSha256: att.sha256, listing: d, meta: d, traps: ["file-appendix"] });
    }
    // 10. the notice about compiling the reports
    {
      const d = "2022-12-15";
      const a = art(d, 1000110);
      const title = "关于做好2022年度政府信息公开工作年度报告编制发布工作的通知";
      page(host, a.path, P.trsArticle(meta(title, "孟津区人民政府办公室", `${d} 09:30`, d, 10), P.trsEditor(P.compileNoticeParagraphs("区政府办公室", 2022))), { date: d });
      items.push({ href: a.href, title, date: d });
      nonReport(siteId, U(host, a.path), title, "a notice about compiling the reports, full of 年度报告");
    }
    // 11. 信息公开指南
    {
      const d = "2022-06-01";
      const a = art(d, 1000111);
      const title = "孟津区人民政府政府信息公开指南";
      page(host, a.path, P.trsArticle(meta(title, "孟津区人民政府办公室", `${d} 09:00`, d, 11), P.trsEditor(P.newsParagraphs("孟津区人民政府办公室修订发布政府信息公开指南", "6月1日"))), { date: d });
      items.push({ href: a.href, title, date: d });
      nonReport(siteId, U(host, a.path), title, "a guide, not a report");
    }
    // 12. R5 fin 2017: URL t20181102, listed 2018-03-26, PubDate in 年月日 (§2.9)
    {
      const listed = "2018-03-26";
      const path = `${col}201811/t20181102_1000112.html`;
      const agency = "孟津区财政局";
      const title = reportTitle(agency, 2017);
      const bytes = page(host, path, P.trsArticle(meta(title, agency, "2018年03月26日", "2018年03月26日", 12), countyEditor(agency, 2017)), { date: "2018-11-02" });
      items.push({ href: "./201811/t20181102_1000112.html", title, date: listed });
      addReport({ key: "trs-a/fin-2017", siteId, agency, year: 2017, title, format: "html", articleUrl: U(host, path), attachments: [], documentSha256: sha256(bytes), listing: listed, meta: "2018-03-26", traps: ["url-date-not-publish-date"] });
    }
    // 13. Ordos-like meeting news with a t20181102 URL listed in March
    {
      const listed = "2018-03-20";
      const path = `${col}201811/t20181102_1000113.html`;
      const title = "孟津区召开2018年度工作会议暨党风廉政建设会议";
      page(host, path, P.trsArticle(meta(title, "孟津区人民政府办公室", "2018年03月20日", "2018年03月20日", 13), P.trsEditor(P.newsParagraphs(title, "3月20日"))), { date: "2018-11-02" });
      items.push({ href: "./201811/t20181102_1000113.html", title, date: listed });
      nonReport(siteId, U(host, path), title, "meeting news");
    }

    // Listing: 3 pages (5 + 4 + 4), pager only in JS: createPageHTML(3, k, "index", "html").
    const pages = [items.slice(0, 5), items.slice(5, 9), items.slice(9)];
    pages.forEach((its, k) => {
      const html = P.trsListing({ charset: "utf-8", siteName, siteCode, columnName, items: its, pager: P.trsPagerA(3, k, "html"), head: P.TRS_A_FUNCTION });
      const path = `${col}${k === 0 ? "index.html" : `index_${k}.html`}`;
      page(host, path, html, { date: its[0]!.date });
      if (k === 0) page(host, col, html, { date: its[0]!.date }); // the directory URL serves index.html (§2.10 alias)
    });
    never(U(host, `${col}index_3.html`), "TRS A: countPage is 3, index_3.html is past the end (404)");
    must(siteId, "TRS A page 2 is index_1.html (never skip it)", { host, pathname: `${col}index_1.html` });
    must(siteId, "TRS A last page is index_2.html (countPage 3)", { host, pathname: `${col}index_2.html` });
    ex.duplicateGroups.push({ id: "trs-a/listing-alias", kind: "same-listing", urls: [U(host, col), U(host, `${col}index.html`)], reportKeys: [], why: "a column's directory URL and its index.html are one page (the breadcrumb links ./)" });
    trap({
      id: "trs-a",
      description: "TRS A column in .html: 3 pages, pager only in a createPageHTML(3, k, \"index\", \"html\") call after an inline definition of the function; index_3.html → 404 (with a 404 page labelled iso-8859-1 holding GBK text)",
      urls: [U(host, `${col}index.html`), U(host, `${col}index_1.html`), U(host, `${col}index_2.html`)],
      correct: "read countPage=3 from the call (not from the function definition), fetch index, index_1, index_2; never index_3",
    });
  }

  // ============================================================ TRS A, .shtml, GBK (§2.1, §2.8)
  {
    const host: HostName = "trs-a-shtml";
    const siteId = "trs-a-shtml";
    const col = "/xxgk/xxgknb/";
    const siteName = "示例市堃镕区人民政府";
    const siteCode = "1599000002";
    const columnName = "信息公开年报";
    robots(host, ALLOW_ALL);
    site({ id: siteId, agency: siteName, start: [U(host, `${col}index.shtml`)] });
    const art = (date: string, id: number): { href: string; path: string } => ({ href: `./${ym(date)}/t${ymd(date)}_${id}.shtml`, path: `${col}${ym(date)}/t${ymd(date)}_${id}.shtml` });
    const meta = (title: string, source: string, d: string, n: number, charset = "gb2312"): P.ArticleMeta => ({
      charset,
      siteName,
      siteCode,
      columnName,
      title,
      pubDate: `${d} 09:00`,
      infoDate: d,
      source,
      index: `115990000002/${d.slice(0, 4)}-0${n}`,
    });
    const items: P.ListItem[] = [];
    const gbkReport = (key: string, n: number, d: string, agency: string, header: string, metaCharset: string, traps: string[], extra = ""): void => {
      const a = art(d, 2000100 + n);
      const title = reportTitle(agency, 2023);
      const html = P.trsArticle({ ...meta(title, agency, d, n, metaCharset) }, countyEditor(agency, 2023) + extra);
      const bytes = page(host, a.path, html, { enc: "gbk", contentType: header, date: d });
      items.push({ href: a.href, title, date: d });
      addReport({ key, siteId, agency, year: 2023, title, format: "html", articleUrl: U(host, a.path), attachments: [], documentSha256: sha256(bytes), listing: d, meta: d, traps });
    };
    // R9: header says gb2312, text holds GBK-only 喆 镕 堃
    gbkReport("trs-a-shtml/stats-2023", 1, "2024-02-05", "堃镕区统计局", "text/html; charset=gb2312", "gb2312", ["gb2312-header-gbk-chars"], `\n    <p class="editor">责任编辑：王喆　审核：李镕堃</p>`);
    // R8: charset only in <meta> (no charset in the header)
    gbkReport("trs-a-shtml/audit-2023", 2, "2024-01-31", "堃镕区审计局", "text/html", "gbk", ["charset-only-in-meta"]);
    {
      const d = "2024-01-20";
      const a = art(d, 2000103);
      const title = "堃镕区召开政务公开工作会议";
      page(host, a.path, P.trsArticle(meta(title, "堃镕区人民政府办公室", d, 3), P.trsEditor(P.newsParagraphs(title, "1月20日"))), { enc: "gbk", contentType: "text/html", date: d });
      items.push({ href: a.href, title, date: d });
      nonReport(siteId, U(host, a.path), title, "meeting news");
    }
    // R10: header GBK, meta utf-8, bytes GBK: the header wins
    gbkReport("trs-a-shtml/forestry-2023", 4, "2024-01-18", "堃镕区林业局", "text/html; charset=GBK", "utf-8", ["header-meta-conflict"]);
    {
      const d = "2023-12-20";
      const a = art(d, 2000105);
      const title = "堃镕区人民政府关于调整政务公开工作领导小组成员的通知";
      page(host, a.path, P.trsArticle(meta(title, "堃镕区人民政府办公室", d, 5), P.trsEditor(P.newsParagraphs("堃镕区人民政府调整政务公开工作领导小组成员", "12月20日"))), { enc: "gbk", contentType: "text/html", date: d });
      items.push({ href: a.href, title, date: d });
      nonReport(siteId, U(host, a.path), title, "a notice");
    }
    const pages = [items.slice(0, 3), items.slice(3)];
    pages.forEach((its, k) => {
      const html = P.trsListing({ charset: "gb2312", siteName, siteCode, columnName, items: its, pager: P.trsPagerOrdos(2, k, "shtml") });
      page(host, `${col}${k === 0 ? "index.shtml" : `index_${k}.shtml`}`, html, { enc: "gbk", contentType: "text/html", date: its[0]!.date });
    });
    never(U(host, `${col}index_2.shtml`), "TRS A (Ordos inline var countPage = 2): index_2.shtml is past the end");
    must(siteId, "TRS A .shtml page 2 is index_1.shtml", { host, pathname: `${col}index_1.shtml` });
    trap({
      id: "trs-a-shtml",
      description: "TRS A column in .shtml, GBK: Ordos-style inline pager (var countPage = 2, document.write loops, no function call); listing pages declare gb2312 only in <meta> (header text/html without charset)",
      urls: [U(host, `${col}index.shtml`), U(host, `${col}index_1.shtml`)],
      correct: "read countPage from the inline var; decode GBK from the meta; never index_2.shtml",
    });
    trap({
      id: "encodings",
      description: "GBK article with charset only in <meta>; article with header charset=gb2312 holding GBK-only 喆 镕 堃; article with header GBK and meta utf-8 (bytes GBK)",
      urls: reports.filter((r) => r.siteId === siteId).map((r) => r.articleUrl),
      correct: "decode from bytes: BOM → header → meta → detection; gb2312 read as GBK/GB18030; titles come out with 堃镕 intact",
    });
  }

  // ============================================================ TRS A, .htm, UTF-8 BOM, seed without a trailing slash
  let sameNameA: ExpectedAttachment;
  {
    const host: HostName = "trs-a-htm";
    const siteId = "trs-a-htm";
    const col = "/zwgk/nb/";
    const siteName = "示例市演示区人民政府";
    const siteCode = "1599000003";
    const columnName = "政府信息公开年报";
    robots(host, ALLOW_ALL);
    site({ id: siteId, agency: siteName, start: [U(host, "/zwgk/nb")] });
    redirect(host, "/zwgk/nb", 301, U(host, col), "a column URL without its trailing slash: 301 to the directory (resolve relative links against the final URL)");
    const art = (date: string, id: number): { href: string; path: string } => ({ href: `./${ym(date)}/t${ymd(date)}_${id}.htm`, path: `${col}${ym(date)}/t${ymd(date)}_${id}.htm` });
    const meta = (title: string, source: string, d: string, n: number): P.ArticleMeta => ({ charset: "gb2312", siteName, siteCode, columnName, title, pubDate: `${d} 10:00`, infoDate: d, source, index: `115990000003/${d.slice(0, 4)}-0${n}` });
    const opts = { enc: "utf-8-bom" as const, contentType: "text/html" };
    const items: P.ListItem[] = [];
    // R12 司法局: title variant 年度报告（2023年）, body + .docx
    {
      const d = "2024-01-20";
      const a = art(d, 3000101);
      const agency = "演示区司法局";
      const title = `${agency}政府信息公开工作年度报告（2023年）`;
      const name = p0(d, 31, "docx");
      const att = attachment(host, `${col}${ym(d)}/${name}`, docxC("trs-a-htm/justice-2023"), "docx", { name: `${title}.docx`, date: d, linkedFrom: [U(host, a.path)] });
      page(host, a.path, P.trsArticle(meta(title, agency, d, 1), P.trsEditor(preface(agency, 2023)) + "\n" + P.attachmentList([{ href: `./${name}`, name: `${title}.docx` }])), { ...opts, date: d });
      items.push({ href: a.href, title, date: d });
      addReport({ key: "trs-a-htm/justice-2023", siteId, agency, year: 2023, title, format: "docx", articleUrl: U(host, a.path), attachments: [att], documentSha256: att.sha256, listing: d, meta: d, traps: ["utf8-bom", "title-variant"] });
    }
    // R11 发改委: PDF named 2022年政府信息公开工作年度报告.pdf (GBK Content-Disposition), lowercase oldsrc
    {
      const d = "2023-02-10";
      const a = art(d, 3000102);
      const agency = "演示区发展和改革委员会";
      const title = reportTitle(agency, 2022);
      const name = p0(d, 32, "pdf");
      const oldsrc = `/protect/P0${ym(d)}/P0${ymd(d)}/${name}`;
      sameNameA = attachment(host, `${col}${ym(d)}/${name}`, pdfM("trs-a-htm/ndrc-2022"), "pdf", { name: "2022年政府信息公开工作年度报告.pdf", disposition: "gbk", date: d, linkedFrom: [U(host, a.path)] });
      page(host, a.path, P.trsArticle(meta(title, agency, d, 2), P.ueditorBody(preface(agency, 2022), [{ href: `./${name}`, name: "2022年政府信息公开工作年度报告.pdf", oldsrc, lowercase: true }])), { ...opts, date: d });
      items.push({ href: a.href, title, date: d });
      addReport({ key: "trs-a-htm/ndrc-2022", siteId, agency, year: 2022, title, format: "pdf", articleUrl: U(host, a.path), attachments: [sameNameA], documentSha256: sameNameA.sha256, listing: d, meta: d, traps: ["utf8-bom", "same-name-different-files", "content-disposition-gbk", "oldsrc"] });
      never(U(host, oldsrc), "lowercase oldsrc path of a UEditor attachment: dead");
    }
    {
      const d = "2023-01-15";
      const a = art(d, 3000103);
      const title = "演示区召开政务公开业务培训会";
      page(host, a.path, P.trsArticle(meta(title, "演示区人民政府办公室", d, 3), P.trsEditor(P.newsParagraphs(title, "1月15日"))), { ...opts, date: d });
      items.push({ href: a.href, title, date: d });
      nonReport(siteId, U(host, a.path), title, "meeting news");
    }
    {
      const d = "2023-01-12";
      const a = art(d, 3000104);
      const title = "演示区司法局2022年法治政府建设年度报告";
      page(host, a.path, P.trsArticle(meta(title, "演示区司法局", d, 4), P.trsEditor(P.newsParagraphs("演示区司法局总结2022年法治政府建设工作", "1月12日"))), { ...opts, date: d });
      items.push({ href: a.href, title, date: d });
      nonReport(siteId, U(host, a.path), title, "a 年度报告 of another kind (法治政府建设), not a 政府信息公开 report");
    }
    const pages = [items.slice(0, 2), items.slice(2)];
    pages.forEach((its, k) => {
      const html = P.trsListing({ charset: "gb2312", siteName, siteCode, columnName, items: its, pager: P.trsPagerAQuoted(2, k, "htm"), head: '<script type="text/javascript" src="/js/page.js"></script>\n' });
      page(host, `${col}${k === 0 ? "index.htm" : `index_${k}.htm`}`, html, { ...opts, date: its[0]!.date });
      if (k === 0) page(host, col, html, { ...opts, date: its[0]!.date });
    });
    never(U(host, `${col}index_2.htm`), "TRS A (createPageHTML(2, 0, 'index', 'htm')): index_2.htm is past the end");
    must(siteId, "TRS A .htm page 2 is index_1.htm, resolved against the redirected /zwgk/nb/", { host, pathname: `${col}index_1.htm` });
    trap({
      id: "trs-a-htm",
      description: "TRS A column in .htm: seed /zwgk/nb → 301 /zwgk/nb/; single-quoted call without semicolon createPageHTML(2, 0, 'index', 'htm') (function in an external script); every page UTF-8 with a BOM while <meta> claims gb2312 and the header has no charset",
      urls: [U(host, "/zwgk/nb"), U(host, col), U(host, `${col}index_1.htm`)],
      correct: "follow the 301, resolve index_1.htm against the final URL; the BOM wins over the meta",
    });
  }

  // ============================================================ TRS B (§2.2)
  let sameNameB: ExpectedAttachment;
  {
    const host: HostName = "trs-b";
    const siteId = "trs-b";
    const col = "/xxgk/zfxxgknb/";
    const siteName = "示例省人民政府";
    const siteCode = "1500000004";
    const columnName = "政府信息公开年报";
    robots(host, ALLOW_ALL);
    site({ id: siteId, agency: siteName, start: [U(host, `${col}list.shtml`)] });
    const art = (date: string, id: number): { href: string; path: string } => ({ href: `./${ym(date)}/t${ymd(date)}_${id}.shtml`, path: `${col}${ym(date)}/t${ymd(date)}_${id}.shtml` });
    const meta = (title: string, source: string, d: string, n: number): P.ArticleMeta => ({ charset: "utf-8", siteName, siteCode, columnName, title, pubDate: `${d} 15:30:00`, infoDate: d, source, index: `000014349/${d.slice(0, 4)}-0${n}` });
    const items: P.ListItem[] = [];
    // R15 交通运输厅: "…年报" title variant, HTML body
    {
      const d = "2024-01-25";
      const a = art(d, 4000101);
      const agency = "示例省交通运输厅";
      const title = `${agency}2023年政府信息公开年报`;
      const bytes = page(host, a.path, P.trsArticle(meta(title, agency, d, 1), countyEditor(agency, 2023)), { date: d });
      items.push({ href: a.href, title, date: d });
      addReport({ key: "trs-b/transport-2023", siteId, agency, year: 2023, title, format: "html", articleUrl: U(host, a.path), attachments: [], documentSha256: sha256(bytes), listing: d, meta: d, traps: ["title-variant"] });
    }
    // R14 水利厅: "2023年度…" variant, .doc attachment
    {
      const d = "2024-01-22";
      const a = art(d, 4000102);
      const agency = "示例省水利厅";
      const title = `${agency}2023年度政府信息公开工作年度报告`;
      const name = p0(d, 42, "doc");
      const att = attachment(host, `${col}${ym(d)}/${name}`, samples.countyDoc, "doc", { name: `${title}.doc`, date: d, linkedFrom: [U(host, a.path)] });
      page(host, a.path, P.trsArticle(meta(title, agency, d, 2), P.trsEditor(preface(agency, 2023)) + "\n" + P.attachmentList([{ href: `./${name}`, name: `${title}.doc` }])), { date: d });
      items.push({ href: a.href, title, date: d });
      addReport({ key: "trs-b/water-2023", siteId, agency, year: 2023, title, format: "doc", articleUrl: U(host, a.path), attachments: [att], documentSha256: att.sha256, listing: d, meta: d, traps: ["title-variant"] });
    }
    {
      const d = "2023-06-01";
      const a = art(d, 4000103);
      const title = "示例省人民政府办公厅关于印发2023年政务公开工作要点的通知";
      page(host, a.path, P.trsArticle(meta(title, "示例省人民政府办公厅", d, 3), P.trsEditor(P.newsParagraphs("示例省印发2023年政务公开工作要点", "6月1日"))), { date: d });
      items.push({ href: a.href, title, date: d });
      nonReport(siteId, U(host, a.path), title, "a notice");
    }
    // R13 住建厅: PDF named 2022年政府信息公开工作年度报告.pdf like R11's, different bytes
    {
      const d = "2023-01-30";
      const a = art(d, 4000104);
      const agency = "示例省住房和城乡建设厅";
      const title = reportTitle(agency, 2022);
      const name = p0(d, 44, "pdf");
      sameNameB = attachment(host, `${col}${ym(d)}/${name}`, pdfM("trs-b/housing-2022"), "pdf", { name: "2022年政府信息公开工作年度报告.pdf", disposition: "gbk", date: d, linkedFrom: [U(host, a.path)] });
      page(host, a.path, P.trsArticle(meta(title, agency, d, 4), P.trsEditor(preface(agency, 2022)) + "\n" + P.attachmentList([{ href: `./${name}`, name: "2022年政府信息公开工作年度报告.pdf" }])), { date: d });
      items.push({ href: a.href, title, date: d });
      addReport({ key: "trs-b/housing-2022", siteId, agency, year: 2022, title, format: "pdf", articleUrl: U(host, a.path), attachments: [sameNameB], documentSha256: sameNameB.sha256, listing: d, meta: d, traps: ["same-name-different-files", "content-disposition-gbk"] });
    }
    {
      const d = "2023-01-10";
      const a = art(d, 4000105);
      const title = "示例省召开全省政务公开工作电视电话会议";
      page(host, a.path, P.trsArticle(meta(title, "示例省人民政府办公厅", d, 5), P.trsEditor(P.newsParagraphs(title, "1月10日"))), { date: d });
      items.push({ href: a.href, title, date: d });
      nonReport(siteId, U(host, a.path), title, "meeting news");
    }
    {
      const d = "2022-12-20";
      const a = art(d, 4000106);
      const title = "关于做好2022年度政府信息公开工作年度报告编制发布工作的通知";
      page(host, a.path, P.trsArticle(meta(title, "示例省人民政府办公厅", d, 6), P.trsEditor(P.compileNoticeParagraphs("省政府办公厅", 2022))), { date: d });
      items.push({ href: a.href, title, date: d });
      nonReport(siteId, U(host, a.path), title, "a notice about compiling the reports (same title as one on trs-a: titles are not identities)");
    }
    // R-2021 省政府: only on list_2
    {
      const d = "2022-03-31";
      const a = art(d, 4000107);
      const agency = "示例省人民政府";
      const title = reportTitle(agency, 2021);
      const bytes = page(host, a.path, P.trsArticle(meta(title, "示例省人民政府办公厅", d, 7), countyEditor(agency, 2021)), { date: d });
      items.push({ href: a.href, title, date: d });
      addReport({ key: "trs-b/province-2021", siteId, agency, year: 2021, title, format: "html", articleUrl: U(host, a.path), attachments: [], documentSha256: sha256(bytes), listing: d, meta: d, traps: ["trs-b-list_2"] });
    }
    const pages = [items.slice(0, 4), items.slice(4)];
    pages.forEach((its, k) => {
      const html = P.trsListing({ charset: "utf-8", siteName, siteCode, columnName, items: its, pager: P.trsPagerB(2, k + 1, "list", "shtml", items.length), head: '<script type="text/javascript" src="/common/js/createPageHTML.js"></script>\n' });
      page(host, `${col}${k === 0 ? "list.shtml" : `list_${k + 1}.shtml`}`, html, { date: its[0]!.date });
    });
    never(U(host, `${col}list_3.shtml`), "TRS B: 2 pages declared, list_3.shtml is past the end");
    ex.shouldNotRequest.push({ url: U(host, `${col}list_1.shtml`), why: "TRS B is 1-based: page 2 is list_2.shtml; list_1.shtml (404) is the A-style off-by-one" });
    must(siteId, "TRS B page 2 is list_2.shtml", { host, pathname: `${col}list_2.shtml` });
    ex.duplicateGroups.push({ id: "same-name-2022-pdf", kind: "same-name-different-files", urls: [sameNameA.url, sameNameB.url], reportKeys: ["trs-a-htm/ndrc-2022", "trs-b/housing-2022"], why: "two agencies' different PDFs both served as 2022年政府信息公开工作年度报告.pdf: never dedupe by file name" });
    trap({
      id: "trs-b",
      description: "TRS B column: createPageHTML('page_div',2, k,'list','shtml',7) — 1-based, page 2 = list_2.shtml; list_1 and list_3 → 404",
      urls: [U(host, `${col}list.shtml`), U(host, `${col}list_2.shtml`)],
      correct: "tell B from A by its signature; fetch list.shtml and list_2.shtml only",
    });
  }

  // ============================================================ Hanweb (§2.3)
  const HANWEB_DEPTS = ["发展和改革委员会", "工业和信息化局", "自然资源局", "住房和城乡建设局", "农业农村局", "文化和旅游局", "应急管理局", "市场监督管理局", "人力资源和社会保障局", "生态环境局"];
  const HANWEB_TOPICS = [
    "开展2024年度安全生产大检查",
    "做好春节期间有关工作",
    "公布行政执法人员名单",
    "印发优化营商环境若干措施",
    "开展政务服务满意度调查",
    "调整部分行政许可事项",
    "公布2024年度随机抽查事项清单",
    "征集2024年度民生实事项目",
    "开展安全生产月活动",
    "做好防汛抗旱工作",
  ];
  const filler = (city: string, i: number): string => `${city}${HANWEB_DEPTS[i % HANWEB_DEPTS.length]}关于${HANWEB_TOPICS[Math.floor(i / HANWEB_DEPTS.length) % HANWEB_TOPICS.length]}的通知`;
  const truncate = (title: string): string | undefined => (title.length > 24 ? `${title.slice(0, 24)}...` : undefined);

  interface HanwebRec {
    item: P.ListItem;
    /** Served on this host at this path (records with absolute cross-host URLs are served elsewhere). */
    local: boolean;
  }
  const hanwebColumn = (
    host: HostName,
    siteId: string,
    siteName: string,
    columnName: string,
    c: P.HanwebColumn,
    brokenGroups: number[],
    build: (i: number, date: string, path: string) => { item: P.ListItem; local: boolean; html: string | null },
  ): HanwebRec[] => {
    const recs: HanwebRec[] = [];
    for (let i = 1; i <= c.total; i++) {
      const date = daysBefore(host === "hanweb" ? "2024-03-28" : "2024-03-20", i - 1);
      const id = c.columnid * 1000 + 2000000 + i;
      const path = `/art/${ymdSlash(date)}/art_${c.columnid}_${id}.html`;
      const r = build(i, date, path);
      if (r.html !== null) page(host, path, r.html, { date });
      recs.push({ item: r.item, local: r.local });
    }
    page(host, `/col/col${c.columnid}/index.html`, P.hanwebColumnPage({ siteName, columnName, column: c, embedded: recs.slice(0, c.perPage).map((r) => r.item) }), { date: recs[0]!.item.date });
    const groupLen = c.perPage * c.groupSize;
    const groups = Math.ceil(c.total / groupLen);
    /** Group g (1-based): records (g-1)*45+1 … g*45, plus the previous group's last record as a look-ahead (nhsa). */
    const groupRecords = (g: number): P.ListItem[] => recs.slice(Math.max(0, (g - 1) * groupLen - 1), g * groupLen).map((r) => r.item);
    const xml = (g: number, decl: boolean): Reply => {
      if (brokenGroups.includes(g)) {
        return { status: 500, headers: { "Content-Type": "text/html" }, body: "<html><body><h1>HTTP Status 500 - Internal Server Error</h1><p>java.lang.NullPointerException</p></body></html>", conditional: false, trap: "broken-group" };
      }
      const records = g >= 1 && g <= groups ? groupRecords(g) : [];
      return { status: 200, headers: { "Content-Type": "text/xml;charset=UTF-8" }, body: P.hanwebGroup(c, records, g < groups ? g + 1 : null, decl), trap: "dataproxy" };
    };
    H(host).handlers.push((req: MirrorRequest) => {
      if (req.pathname !== "/module/web/jpage/dataproxy.jsp") return undefined;
      const param = (k: string): string | null => req.form.get(k) ?? req.query.get(k);
      if (param("columnid") !== String(c.columnid)) return undefined; // another column of this host, or none
      if (req.method === "POST" || req.query.has("startrecord")) {
        const start = Number(req.query.get("startrecord") ?? param("startrecord") ?? "1");
        const g = Math.floor((Math.max(1, start) - 1) / groupLen) + 1;
        return xml(g, false);
      }
      return xml(Number(req.query.get("page") ?? "1"), true);
    });
    must(siteId, "Hanweb group 1 (records 1–45) via dataproxy.jsp, GET page=1 or POST startrecord=1", { host, method: "GET", pathname: "/module/web/jpage/dataproxy.jsp", params: { page: "1", columnid: String(c.columnid) } }, { host, method: "POST", pathname: "/module/web/jpage/dataproxy.jsp", params: { startrecord: "1", columnid: String(c.columnid) } });
    must(siteId, "Hanweb group 2 (records 46–, with record 45 repeated) via dataproxy.jsp, GET page=2 or POST startrecord=46", { host, method: "GET", pathname: "/module/web/jpage/dataproxy.jsp", params: { page: "2", columnid: String(c.columnid) } }, { host, method: "POST", pathname: "/module/web/jpage/dataproxy.jsp", params: { startrecord: "46", columnid: String(c.columnid) } });
    return recs;
  };

  // hanweb-zwgk first: hanweb's column links one of its articles by absolute URL.
  const zwgkEduPath = `/art/2024/3/19/art_12480_14480002.html`;
  let zwgkEduAtt = null as ExpectedAttachment | null;
  const eduBytes = pdfC("hanweb/edu-2023");
  {
    const host: HostName = "hanweb-zwgk";
    const siteId = "hanweb-zwgk";
    const siteName = "示例市政府信息公开平台";
    const columnName = "法定主动公开内容";
    robots(host, ALLOW_ALL);
    site({ id: siteId, agency: "示例市人民政府办公室", start: [U(host, "/col/col12480/index.html")] });
    const c: P.HanwebColumn = { columnid: 12480, unitid: 38490, webid: 111, webname: siteName, perPage: 15, groupSize: 3, total: 60 };
    hanwebColumn(host, siteId, siteName, columnName, c, [2], (i, date, path) => {
      const url = U(host, path);
      if (i === 2) {
        if (path !== zwgkEduPath) throw new Error(`mirror: zwgk edu path drifted: ${path}`);
        const agency = "示例市教育局";
        const title = reportTitle(agency, 2023);
        zwgkEduAtt = attachment(host, `/attach/0/${ymd(date)}edu.pdf`, eduBytes, "pdf", { name: `${title}.pdf`, date, linkedFrom: [url] });
        const body = preface(agency, 2023).map((p) => `<p>${p}</p>`).join("\n") + `\n<p>附件：<a href="/attach/0/${ymd(date)}edu.pdf" target="_blank">${title}.pdf</a></p>`;
        return { item: { href: path, title, text: truncate(title), date }, local: true, html: P.hanwebArticle({ siteName, columnName, title, maketime: `${date} 09:12:00`, source: agency, body }) };
      }
      if (i === 20 || i === 50) {
        const agency = i === 20 ? "示例市应急管理局" : "示例市统计局";
        const title = reportTitle(agency, 2023);
        const attPath = `/attach/0/${ymd(date)}${i}.pdf`;
        const att = attachment(host, attPath, pdfC(`hanweb-zwgk/${i}`), "pdf", { name: `${title}.pdf`, date, linkedFrom: [url] });
        const body = preface(agency, 2023).map((p) => `<p>${p}</p>`).join("\n") + `\n<p>附件：<a href="${attPath}" target="_blank">${title}.pdf</a></p>`;
        if (i === 20) addReport({ key: "hanweb-zwgk/emergency-2023", siteId, agency, year: 2023, title, format: "pdf", articleUrl: url, attachments: [att], documentSha256: att.sha256, listing: date, meta: date, traps: ["hanweb-dataproxy"] });
        else ex.unreachable.push({ siteId, url, title, why: "record 50 is only in group 2 of column 12480, and that group answers 500" });
        return { item: { href: path, title, text: truncate(title), date }, local: true, html: P.hanwebArticle({ siteName, columnName, title, maketime: `${date} 10:00:00`, source: agency, body }) };
      }
      const title = filler("示例市", i + 3);
      if (i <= 45) nonReport(siteId, url, title, "a notice");
      return { item: { href: path, title, text: truncate(title), date }, local: true, html: P.hanwebArticle({ siteName, columnName, title, maketime: `${date} 08:30:00`, source: "示例市人民政府办公室", body: P.newsParagraphs(title, date).map((p) => `<p>${p}</p>`).join("\n") }) };
    });
    ex.incompleteCatalogs.push({ siteId, url: U(host, "/col/col12480/index.html"), why: "group 2 of column 12480 (records 46–60) answers 500 on GET page=2 and on POST startrecord=46: catalog_complete=false, not a silent stop" });
    ex.failures.push({ siteId, url: U(host, `/module/web/jpage/dataproxy.jsp?page=2&columnid=12480`), classification: "error", why: "persistent 500 on the second Hanweb group (any GET page=2 / POST startrecord=46 of column 12480)" });
  }
  {
    const host: HostName = "hanweb";
    const siteId = "hanweb";
    const siteName = "示例市人民政府";
    const columnName = "政府信息公开";
    robots(host, ALLOW_ALL);
    site({ id: siteId, agency: siteName, start: [U(host, "/col/col12377/index.html")], allowHosts: [hostPort("hanweb-zwgk")] });
    const c: P.HanwebColumn = { columnid: 12377, unitid: 38486, webid: 110, webname: siteName, perPage: 15, groupSize: 3, total: 47 };
    let eduLocal = "";
    let eduLocalAtt = null as ExpectedAttachment | null;
    hanwebColumn(host, siteId, siteName, columnName, c, [], (i, date, path) => {
      const url = U(host, path);
      const htmlReport = (agency: string, key: string, traps: string[]): { item: P.ListItem; local: boolean; html: string } => {
        const title = reportTitle(agency, 2023);
        const html = P.hanwebArticle({ siteName, columnName, title, maketime: `${date} 16:00:00`, source: agency, body: countyBody(agency, 2023) });
        addReport({ key, siteId, agency, year: 2023, title, format: "html", articleUrl: url, attachments: [], documentSha256: sha256(Buffer.from(html, "utf8")), listing: date, meta: date, traps });
        return { item: { href: path, title, text: truncate(title), date }, local: true, html };
      };
      const fileReport = (agency: string, key: string, bytes: Buffer, kind: FileKind, ext: string, traps: string[]): { item: P.ListItem; local: boolean; html: string } => {
        const title = reportTitle(agency, 2023);
        const attPath = `/attach/0/${ymd(date)}${i}.${ext}`;
        const att = attachment(host, attPath, bytes, kind, { name: `${title}.${ext}`, date, linkedFrom: [url] });
        const body = preface(agency, 2023).map((p) => `<p>${p}</p>`).join("\n") + `\n<p>附件：<a href="${attPath}" target="_blank">${title}.${ext}</a></p>`;
        addReport({ key, siteId, agency, year: 2023, title, format: kind, articleUrl: url, attachments: [att], documentSha256: att.sha256, listing: date, meta: date, traps });
        return { item: { href: path, title, text: truncate(title), date }, local: true, html: P.hanwebArticle({ siteName, columnName, title, maketime: `${date} 16:00:00`, source: agency, body }) };
      };
      switch (i) {
        case 3:
          return htmlReport("示例市审计局", "hanweb/audit-2023", ["hanweb-embedded"]);
        case 8:
          return fileReport("示例市市场监督管理局", "hanweb/market-2023", pdfC("hanweb/market-2023"), "pdf", "pdf", ["hanweb-embedded", "truncated-anchor-title"]);
        case 10: {
          // absolute cross-host URL to the same report on hanweb-zwgk (dingxi art_12480 vs art_12377)
          const title = reportTitle("示例市教育局", 2023);
          return { item: { href: U("hanweb-zwgk", zwgkEduPath), title, text: truncate(title), date }, local: false, html: null };
        }
        case 11: {
          const agency = "示例市教育局";
          const title = reportTitle(agency, 2023);
          eduLocal = url;
          eduLocalAtt = attachment(host, `/attach/0/${ymd(date)}edu.pdf`, eduBytes, "pdf", { name: `${title}.pdf`, date, linkedFrom: [url] });
          const body = preface(agency, 2023).map((p) => `<p>${p}</p>`).join("\n") + `\n<p>附件：<a href="/attach/0/${ymd(date)}edu.pdf" target="_blank">${title}.pdf</a></p>`;
          return { item: { href: path, title, text: truncate(title), date }, local: true, html: P.hanwebArticle({ siteName, columnName, title, maketime: `${date} 11:00:00`, source: agency, body }) };
        }
        case 13:
        case 14: {
          const title = "示例市防汛抗旱指挥部办公室通告";
          nonReport(siteId, url, title, "one of two different notices with the same title (titles are not identities)");
          return { item: { href: path, title, date }, local: true, html: P.hanwebArticle({ siteName, columnName, title, maketime: `${date} 18:00:00`, source: "示例市防汛抗旱指挥部办公室", body: P.newsParagraphs(`示例市防汛抗旱指挥部办公室发布第${i - 12}号通告`, date).map((p) => `<p>${p}</p>`).join("\n") }) };
        }
        case 20: {
          const title = "关于做好2023年度政府信息公开工作年度报告编制发布工作的通知";
          nonReport(siteId, url, title, "a notice about compiling the reports");
          return { item: { href: path, title, text: truncate(title), date }, local: true, html: P.hanwebArticle({ siteName, columnName, title, maketime: `${date} 09:00:00`, source: "示例市人民政府办公室", body: P.compileNoticeParagraphs("市政府办公室", 2023).map((p) => `<p>${p}</p>`).join("\n") }) };
        }
        case 30:
          return htmlReport("示例市民政局", "hanweb/civil-2023", ["hanweb-dataproxy"]);
        case 45:
          return fileReport("示例市财政局", "hanweb/finance-2023", docxC("hanweb/finance-2023"), "docx", "docx", ["hanweb-dataproxy", "hanweb-boundary-record"]);
        case 47:
          return htmlReport("示例市卫生健康委员会", "hanweb/health-2023", ["hanweb-dataproxy", "hanweb-group-2"]);
        default: {
          const title = filler("示例市", i);
          nonReport(siteId, url, title, "a notice");
          return { item: { href: path, title, text: truncate(title), date }, local: true, html: P.hanwebArticle({ siteName, columnName, title, maketime: `${date} 08:30:00`, source: "示例市人民政府办公室", body: P.newsParagraphs(title, date).map((p) => `<p>${p}</p>`).join("\n") }) };
        }
      }
    });
    const eduTitle = reportTitle("示例市教育局", 2023);
    const zwgkEduUrl = U("hanweb-zwgk", zwgkEduPath);
    addReport({
      key: "hanweb/edu-2023",
      siteId,
      siteIds: [siteId, "hanweb-zwgk"],
      agency: "示例市教育局",
      year: 2023,
      title: eduTitle,
      format: "pdf",
      articleUrl: eduLocal,
      alsoAt: [zwgkEduUrl],
      attachments: [eduLocalAtt!, zwgkEduAtt!],
      documentSha256: zwgkEduAtt!.sha256,
      listing: "2024-03-18",
      meta: "2024-03-18",
      traps: ["same-report-two-hosts", "hanweb-cross-host-record"],
    });
    ex.duplicateGroups.push({ id: "hanweb/edu-two-hosts", kind: "same-report", urls: [eduLocal, zwgkEduUrl, eduLocalAtt!.url, zwgkEduAtt!.url], reportKeys: ["hanweb/edu-2023"], why: "one report published in two columns on two hosts (col12377 links the hanweb-zwgk copy by absolute URL and lists its own copy): two article URLs, two attachment URLs, one sha256" });
    trap({
      id: "hanweb",
      description: "Hanweb column 12377: 15 records embedded in <script type=\"text/xml\"><datastore>, jpage({perPage:15,totalRecord:47,groupSize:3}); dataproxy.jsp GET page=N or POST startrecord/endrecord/perpage (form columnid, unitid, webid…) gives groups of 45 with the previous group's last record repeated (record 45 is in both groups); anchors truncated with ... and the full @title; dates in <b>; one absolute cross-host record; two different notices with one title",
      urls: [U(host, "/col/col12377/index.html"), U(host, "/module/web/jpage/dataproxy.jsp?page=1&columnid=12377"), U(host, "/module/web/jpage/dataproxy.jsp?page=2&columnid=12377")],
      correct: "read the CDATA records, prefer @title, fetch both groups, dedupe record 45 by URL; a request without columnid=12377 gets no records",
    });
    trap({
      id: "hanweb-broken-group",
      description: "Hanweb column 12480 on hanweb-zwgk: totalrecord 60, group 2 answers 500 (GET page=2 / POST startrecord=46)",
      urls: [U("hanweb-zwgk", "/col/col12480/index.html")],
      correct: "keep what groups 1 gave, record catalog_complete=false; the report at record 50 is not found",
    });
  }

  for (const h of ["hanweb", "hanweb-zwgk"] as const) {
    H(h).handlers.push((req) =>
      req.pathname === "/module/web/jpage/dataproxy.jsp"
        ? { status: 200, headers: { "Content-Type": "text/xml;charset=UTF-8" }, body: "<datastore><totalrecord>0</totalrecord><totalpage>0</totalpage><recordset></recordset></datastore>\n", conditional: false, trap: "dataproxy-unknown-column" }
        : undefined,
    );
  }

  // ============================================================ gkmlpt JSON (§2.4)
  {
    const host: HostName = "gkmlpt";
    const siteId = "gkmlpt";
    const prefix = "/sthjj/gkmlpt/";
    const sid = "755001";
    const colId = 2001;
    const siteName = "模拟市生态环境局";
    const publisher = "模拟市生态环境局";
    robots(host, null, 404);
    site({ id: siteId, agency: siteName, start: [U(host, `${prefix}index#${colId}`)] });
    page(host, `${prefix}index`, P.gkmlptShell({ prefix, sid, siteName, tree: [{ id: 2000, name: "法定主动公开内容", parent: 0, children: [{ id: colId, name: "政府信息公开年报", parent: 2000 }] }] }));
    interface GArt {
      id: number;
      title: string;
      date: string;
    }
    const arts: GArt[] = [];
    const projects = ["示例化工园区污水处理厂提标改造项目", "示例新材料有限公司年产5万吨锂电池正极材料项目", "示例港区疏港公路工程", "示例垃圾焚烧发电厂扩建项目", "示例水泥有限公司技改项目", "示例光伏电站升压站项目", "示例养殖场改扩建项目", "示例变电站新建工程"];
    const add = (id: number, title: string, date: string, content: string): void => {
      arts.push({ id, title, date });
      const url = `${prefix}content/2/${colId}/post_${id}.html`;
      page(host, url, P.gkmlptDetail({ prefix, sid, title, detail: { id, title, date: unix(date), publisher, classify_main_name: "政府信息公开年报", identifier: `11441200MB2C9000X/${date.slice(0, 4)}-${String(id).slice(-5)}`, url: U(host, url), content } }), { date });
    };
    const artUrl = (id: number): string => U(host, `${prefix}content/2/${colId}/post_${id}.html`);
    const attPath = (id: number, ext: string): string => `/attachment/0/${colId}/${id}/${id}.${ext}`;
    const attLink = (id: number, ext: string, name: string): string => `<p><a class="nfw-cms-attachment" href="${attPath(id, ext)}">${P.esc(name)}</a></p>`;
    // page 1 (≡ page 0): 10 articles; page 2: 2
    {
      const id = 2001001;
      const d = "2024-01-25";
      const title = reportTitle(siteName, 2023);
      const att = attachment(host, attPath(id, "docx"), docxC("gkmlpt/2023"), "docx", { name: `${title}.docx`, date: d, linkedFrom: [artUrl(id)] });
      add(id, title, d, preface(siteName, 2023).map((p) => `<p>${p}</p>`).join("") + attLink(id, "docx", `${title}.docx`));
      addReport({ key: "gkmlpt/2023", siteId, agency: siteName, year: 2023, title, format: "docx", articleUrl: artUrl(id), attachments: [att], documentSha256: att.sha256, listing: d, meta: d, traps: ["gkmlpt-json"] });
    }
    for (let k = 0; k < 4; k++) {
      const id = 2001002 + k;
      const d = daysBefore("2023-12-01", k * 20);
      const title = `${siteName}关于${projects[k]}环境影响报告表的受理公告`;
      add(id, title, d, P.newsParagraphs(`${siteName}受理${projects[k]}环境影响报告表`, d).map((p) => `<p>${p}</p>`).join(""));
      nonReport(siteId, artUrl(id), title, "受理公告 of an 环境影响报告表: 报告 in the title, not an annual report");
    }
    {
      const id = 2001006;
      const d = "2023-01-20";
      const title = reportTitle(siteName, 2022);
      const att = attachment(host, attPath(id, "pdf"), pdfM("gkmlpt/2022"), "pdf", { name: `${title}.pdf`, date: d, linkedFrom: [artUrl(id)] });
      add(id, title, d, preface(siteName, 2022).map((p) => `<p>${p}</p>`).join("") + attLink(id, "pdf", `${title}.pdf`));
      addReport({ key: "gkmlpt/2022", siteId, agency: siteName, year: 2022, title, format: "pdf", articleUrl: artUrl(id), attachments: [att], documentSha256: att.sha256, listing: d, meta: d, traps: ["gkmlpt-json"] });
    }
    for (let k = 0; k < 4; k++) {
      const id = 2001007 + k;
      const d = daysBefore("2022-11-01", k * 25);
      const title = `${siteName}关于${projects[k + 4]}环境影响报告表的受理公告`;
      add(id, title, d, P.newsParagraphs(`${siteName}受理${projects[k + 4]}环境影响报告表`, d).map((p) => `<p>${p}</p>`).join(""));
      nonReport(siteId, artUrl(id), title, "受理公告 of an 环境影响报告表");
    }
    {
      const id = 2001011;
      const d = "2022-01-25";
      const title = reportTitle(siteName, 2021);
      const content = countyBody(siteName, 2021);
      add(id, title, d, content);
      const bytes = H(host).files.get(`${prefix}content/2/${colId}/post_${id}.html`)!.body as Buffer;
      addReport({ key: "gkmlpt/2021", siteId, agency: siteName, year: 2021, title, format: "html", articleUrl: artUrl(id), attachments: [], documentSha256: sha256(bytes), listing: d, meta: d, traps: ["gkmlpt-json", "gkmlpt-page-2"] });
    }
    {
      const id = 2001012;
      const d = "2021-12-01";
      const title = `${siteName}2021年第四季度环境质量状况`;
      add(id, title, d, P.newsParagraphs(`${siteName}发布2021年第四季度环境质量状况`, d).map((p) => `<p>${p}</p>`).join(""));
      nonReport(siteId, artUrl(id), title, "an environment bulletin");
    }
    const perPage = 10;
    const apiPage = (n: number): Buffer | null => {
      const p = n <= 1 ? 1 : n;
      const slice = arts.slice((p - 1) * perPage, p * perPage);
      if (slice.length === 0) return null;
      const body = {
        classify: { id: colId, name: "政府信息公开年报", parent: 2000, post_count: arts.length, theme_count: arts.length },
        articles: slice.map((a) => ({ id: a.id, title: a.title, date: unix(a.date), publisher, classify_main_name: "政府信息公开年报", url: artUrl(a.id), identifier: `11441200MB2C9000X/${a.date.slice(0, 4)}-${String(a.id).slice(-5)}` })),
      };
      return Buffer.from(JSON.stringify(body), "utf8");
    };
    H(host).handlers.push((req) => {
      if (req.pathname !== `${prefix}api/all/${colId}`) return undefined;
      const s = req.query.get("sid");
      if (s !== null && s !== sid) return { status: 404, headers: { "Content-Type": "application/json" }, body: '{"error":"site not found"}', conditional: false };
      const body = apiPage(Number(req.query.get("page") ?? "1"));
      if (!body) return { status: 404, headers: { "Content-Type": "text/html" }, body: "<html><body>404 Not Found</body></html>", conditional: false };
      return { status: 200, headers: { "Content-Type": "application/json;charset=UTF-8" }, body, trap: "gkmlpt-api" };
    });
    must(siteId, "gkmlpt API page 1 (page 0 is the same)", { host, pathname: `${prefix}api/all/${colId}`, params: { page: "1" } }, { host, pathname: `${prefix}api/all/${colId}`, params: { page: "0" } });
    must(siteId, "gkmlpt API page 2 (post_count 12, 10 a page)", { host, pathname: `${prefix}api/all/${colId}`, params: { page: "2" } });
    ex.shouldNotRequest.push({ url: U(host, `${prefix}api/all/${colId}?page=3&sid=${sid}`), why: "post_count 12 at 10 a page is 2 pages (page 3 → 404)" });
    trap({
      id: "gkmlpt",
      description: "gkmlpt SPA: seed /sthjj/gkmlpt/index#2001 (column in the fragment, SID in window._CONFIG); JSON /sthjj/gkmlpt/api/all/2001?page=N&sid=755001, page 0 ≡ page 1, post_count 12, 10 a page, page ≥3 → 404; article bodies only in window._CONFIG.DETAIL; robots.txt → 404",
      urls: [U(host, `${prefix}index`), U(host, `${prefix}api/all/${colId}?page=1&sid=${sid}`), U(host, `${prefix}api/all/${colId}?page=2&sid=${sid}`)],
      correct: "read the column from the fragment, dedupe page 0/1 by article id, stop at post_count; robots 404 → allowed",
    });
  }

  // ============================================================ gkmlpt as Guangdong serves it (§2.4, issue 10)
  // One `window._CONFIG = {"SID":"758019", …}` literal with quoted keys in the shell (the form a
  // reader of `SID: '…'` misses), an API that lists nothing without its sid, article pages whose
  // `_CONFIG` is hand-written JS (bare keys, single quotes), JSON answers with only a weak ETag.
  {
    const host: HostName = "gkmlpt-gd";
    const siteId = "gkmlpt-gd";
    const prefix = "/zqhjj/gkmlpt/";
    const sid = "758019";
    const colId = 21023;
    const siteName = "模拟市自然资源局";
    robots(host, ALLOW_ALL);
    site({ id: siteId, agency: siteName, start: [U(host, `${prefix}index#${colId}`)] });
    page(host, `${prefix}index`, P.gkmlptShellLiteral({ prefix, sid, siteName, tree: [{ id: 21022, name: "法定主动公开内容", parent: 0, children: [{ id: colId, name: "政府信息公开年报", parent: 21022 }] }] }));
    const arts: { id: number; title: string; date: string }[] = [];
    const artPath = (id: number): string => `${prefix}content/3/${colId}/post_${id}.html`;
    const add = (id: number, title: string, date: string, content: string): Buffer => {
      arts.push({ id, title, date });
      return page(host, artPath(id), P.gkmlptDetailJs({ prefix, sid, title, detail: { id, title, date: unix(date), publisher: siteName, classify_main_name: "政府信息公开年报", url: U(host, artPath(id)), content } }), { date });
    };
    {
      const id = 3100001;
      const d = "2024-01-26";
      const title = reportTitle(siteName, 2023);
      const bytes = add(id, title, d, countyBody(siteName, 2023));
      addReport({ key: "gkmlpt-gd/2023", siteId, agency: siteName, year: 2023, title, format: "html", articleUrl: U(host, artPath(id)), attachments: [], documentSha256: sha256(bytes), listing: d, meta: d, traps: ["gkmlpt-config-literal"] });
    }
    {
      const id = 3100002;
      const d = "2023-12-20";
      const title = `${siteName}关于示例地块土地征收的公告`;
      add(id, title, d, P.newsParagraphs(`${siteName}发布示例地块土地征收公告`, d).map((x) => `<p>${x}</p>`).join(""));
      nonReport(siteId, U(host, artPath(id)), title, "a land notice");
    }
    {
      const id = 3100003;
      const d = "2023-01-18";
      const title = reportTitle(siteName, 2022);
      const attPath = `/attachment/0/${colId}/${id}/${id}.pdf`;
      const att = attachment(host, attPath, pdfC("gkmlpt-gd/2022"), "pdf", { name: `${title}.pdf`, date: d, linkedFrom: [U(host, artPath(id))] });
      add(id, title, d, preface(siteName, 2022).map((x) => `<p>${x}</p>`).join("") + `<p><a class="nfw-cms-attachment" href="${attPath}">${P.esc(title)}.pdf</a></p>`);
      addReport({ key: "gkmlpt-gd/2022", siteId, agency: siteName, year: 2022, title, format: "pdf", articleUrl: U(host, artPath(id)), attachments: [att], documentSha256: att.sha256, listing: d, meta: d, traps: ["gkmlpt-config-literal", "json-weak-etag"] });
    }
    const api = `${prefix}api/all/${colId}`;
    const json = (o: unknown): Buffer => Buffer.from(JSON.stringify(o), "utf8");
    H(host).handlers.push((req) => {
      if (req.pathname !== api) return undefined;
      if (req.query.get("sid") !== sid) {
        // What the platform answers a client that did not read the shell's SID: an empty column.
        return { status: 200, headers: { "Content-Type": "application/json;charset=UTF-8" }, body: json({ classify: null, articles: [], total: 0 }), conditional: false, trap: "gkmlpt-no-sid" };
      }
      if (Number(req.query.get("page") ?? "1") > 1) return { status: 404, headers: { "Content-Type": "text/html" }, body: "<html><body>404 Not Found</body></html>", conditional: false };
      const body = json({
        classify: { id: colId, name: "政府信息公开年报", parent: 21022, post_count: arts.length, theme_count: arts.length },
        articles: arts.map((a) => ({ id: a.id, title: a.title, date: unix(a.date), publisher: siteName, url: U(host, artPath(a.id)) })),
      });
      return { status: 200, headers: { "Content-Type": "application/json;charset=UTF-8" }, body, validators: "weak-etag", trap: "gkmlpt-api" };
    });
    must(siteId, "the API asked with the SID the shell states in its quoted-key _CONFIG literal", { host, pathname: api, params: { sid } });
    ex.shouldNotRequest.push({ url: U(host, `${api}?page=1`), why: "the shell states its SID: an API request without it lists nothing" });
    trap({
      id: "gkmlpt-config-literal",
      description: `gkmlpt shell with one window._CONFIG = {"SID":"${sid}",…} literal (keys quoted); the API without sid answers an empty list; articles carry window._CONFIG = { SID: '…', DETAIL: {…} } with bare keys and single-quoted strings; the JSON list carries only a weak ETag`,
      urls: [U(host, `${prefix}index`), U(host, `${api}?page=1&sid=${sid}`)],
      correct: "read JS configuration as object literals (quoted or bare keys); send the sid; read DETAIL's content and date; ask the JSON API with If-None-Match W/… on the next run",
    });
  }

  // ============================================================ plain ?page=N (§2.5) and the 503-then-200 article (§2.14)
  const retryPath = "/InfoDetail.aspx?id=5012";
  {
    const host: HostName = "plain-query";
    const siteId = "plain-query";
    const siteName = "模拟县人民政府";
    const cid = 1019;
    robots(host, ALLOW_ALL);
    site({ id: siteId, agency: siteName, start: [U(host, `/InfoPublic.aspx?cid=${cid}&page=1`)] });
    const details = new Map<string, Reply>();
    const detail = (id: number, title: string, date: string, source: string, body: string): Buffer => {
      const html = P.simpleArticle({ siteName, title, date, source, body });
      const bytes = Buffer.from(html, "utf8");
      details.set(String(id), { status: 200, headers: { "Content-Type": "text/html; charset=utf-8" }, body: bytes, lastModified: date });
      return bytes;
    };
    const aurl = (id: number): string => U(host, `/InfoDetail.aspx?id=${id}`);
    const pages: P.ListItem[][] = [[], []];
    {
      const agency = "模拟县财政局";
      const d = "2024-01-30";
      const title = reportTitle(agency, 2023);
      const bytes = detail(5012, title, d, agency, countyBody(agency, 2023));
      pages[0]!.push({ href: "InfoDetail.aspx?id=5012", title, date: d });
      addReport({ key: "plain-query/finance-2023", siteId, agency, year: 2023, title, format: "html", articleUrl: aurl(5012), attachments: [], documentSha256: sha256(bytes), listing: d, meta: d, traps: ["503-retry-after"] });
    }
    {
      const d = "2024-01-10";
      const title = "模拟县召开政务公开工作领导小组会议";
      detail(5011, title, d, "模拟县人民政府办公室", P.newsParagraphs(title, "1月10日").map((p) => `<p>${p}</p>`).join("\n"));
      pages[0]!.push({ href: "InfoDetail.aspx?id=5011", title, date: d });
      nonReport(siteId, aurl(5011), title, "meeting news");
    }
    {
      const agency = "模拟县教育局";
      const d = "2023-01-20";
      const title = reportTitle(agency, 2022);
      const attPath = "/UploadFiles/202301/20230120153012345.pdf";
      const att = attachment(host, attPath, pdfM("plain-query/edu-2022"), "pdf", { name: `${title}.pdf`, disposition: "inline", date: d, linkedFrom: [aurl(5010)] });
      detail(5010, title, d, agency, preface(agency, 2022).map((p) => `<p>${p}</p>`).join("\n") + `\n<p>附件：<a href="${attPath}">${title}.pdf</a></p>`);
      pages[0]!.push({ href: "InfoDetail.aspx?id=5010", title, date: d });
      addReport({ key: "plain-query/edu-2022", siteId, agency, year: 2022, title, format: "pdf", articleUrl: aurl(5010), attachments: [att], documentSha256: att.sha256, listing: d, meta: d, traps: ["plain-page-n"] });
    }
    {
      const agency = "模拟县农业农村局";
      const d = "2023-01-18";
      const title = reportTitle(agency, 2022);
      const bytes = detail(5009, title, d, agency, countyBody(agency, 2022));
      pages[1]!.push({ href: "InfoDetail.aspx?id=5009", title, date: d });
      addReport({ key: "plain-query/agri-2022", siteId, agency, year: 2022, title, format: "html", articleUrl: aurl(5009), attachments: [], documentSha256: sha256(bytes), listing: d, meta: d, traps: ["plain-page-n"] });
    }
    {
      const d = "2023-01-19";
      const title = "《模拟县2022年政府信息公开工作年度报告》解读";
      detail(5008, title, d, "模拟县人民政府办公室", "<p>为便于公众理解，现对《模拟县2022年政府信息公开工作年度报告》作简要解读。报告共分六个部分，全面反映了2022年度我县政府信息公开工作情况。</p>" + P.newsParagraphs("模拟县解读2022年政府信息公开工作年度报告", "1月19日").map((p) => `<p>${p}</p>`).join("\n"));
      pages[1]!.push({ href: "InfoDetail.aspx?id=5008", title, date: d });
      nonReport(siteId, aurl(5008), title, "a 解读 (explanation) of a report, not the report");
    }
    let firstRetryDone = false;
    H(host).handlers.push((req) => {
      if (req.pathname === "/InfoPublic.aspx") {
        if (req.query.get("cid") !== String(cid)) return { status: 200, headers: { "Content-Type": "text/html; charset=utf-8" }, body: P.aspxList({ siteName, cid: Number(req.query.get("cid") ?? 0), page: 1, items: [] }), conditional: false };
        const n = Math.max(1, Number(req.query.get("page") ?? "1") || 1);
        return { status: 200, headers: { "Content-Type": "text/html; charset=utf-8" }, body: P.aspxList({ siteName, cid, page: n, items: pages[n - 1] ?? [] }), lastModified: "2024-01-30", trap: n > pages.length ? "empty-page" : "listing" };
      }
      if (req.pathname === "/InfoDetail.aspx") {
        const id = req.query.get("id") ?? "";
        if (id === "5012" && !firstRetryDone) {
          firstRetryDone = true;
          return { status: 503, headers: { "Content-Type": "text/html", "Retry-After": String(opts.retryAfterSeconds) }, body: "<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>", conditional: false, trap: "retry-once" };
        }
        return details.get(id) ?? P_NOT_FOUND();
      }
      return undefined;
    });
    must(siteId, "?page=2 holds a report", { host, pathname: "/InfoPublic.aspx", params: { page: "2" } });
    must(siteId, "?page=3 is the first empty page: the stop signal", { host, pathname: "/InfoPublic.aspx", params: { page: "3" } });
    ex.shouldNotRequest.push({ url: U(host, `/InfoPublic.aspx?cid=${cid}&page=4`), why: "page 3 is empty (暂无数据): the walk stops there" });
    trap({
      id: "plain-query",
      description: "ASP.NET list InfoPublic.aspx?cid=1019&page=N without a declared total (下一页 link always present); page 3 and beyond answer 200 with 暂无数据; articles InfoDetail.aspx?id=N; a 解读 of a report",
      urls: [U(host, `/InfoPublic.aspx?cid=${cid}&page=1`), U(host, `/InfoPublic.aspx?cid=${cid}&page=2`), U(host, `/InfoPublic.aspx?cid=${cid}&page=3`)],
      correct: "walk ?page=N until the empty page; the 解读 is not a report",
    });
    trap({
      id: "503-retry-after",
      description: `InfoDetail.aspx?id=5012 answers 503 with Retry-After: ${opts.retryAfterSeconds} to the first request since the mirror started, then 200`,
      urls: [U(host, retryPath)],
      correct: "wait Retry-After, retry once, find the report",
    });
  }

  // ============================================================ plain N.html with a pinned old item (§2.5, §2.10 tracking alias)
  {
    const host: HostName = "plain-num";
    const siteId = "plain-num";
    const siteName = "测试镇人民政府";
    const col = "/zfxxgk/zfxxgknb/";
    robots(host, ALLOW_ALL);
    site({ id: siteId, agency: siteName, start: [U(host, `${col}1.html`)] });
    const art = (date: string, n: number): string => `${col}${date.slice(0, 4)}/${date.slice(5, 7)}${date.slice(8, 10)}/c${n}.html`;
    const simple = (path: string, title: string, date: string, source: string, body: string): Buffer => page(host, path, P.simpleArticle({ siteName, title, date, source, body }), { date });
    let pinned: P.ListItem;
    {
      const d = "2020-01-20";
      const agency = siteName;
      const title = "测试镇2019年政府信息公开工作年度报告";
      const path = art(d, 1001);
      const bytes = simple(path, title, d, agency, countyBody("测试镇", 2019));
      pinned = { href: path, title, date: d };
      addReport({ key: "plain-num/town-2019", siteId, agency: "测试镇", year: 2019, title, format: "html", articleUrl: U(host, path), attachments: [], documentSha256: sha256(bytes), listing: d, meta: d, traps: ["pinned-item"] });
    }
    const news = (n: number, d: string, subject: string): P.ListItem => {
      const path = art(d, n);
      simple(path, subject, d, siteName, P.newsParagraphs(subject, d).map((p) => `<p>${p}</p>`).join("\n"));
      nonReport(siteId, U(host, path), subject, "town news");
      return { href: path, title: subject, date: d };
    };
    const r2022Path = art("2023-01-16", 1101);
    {
      const d = "2023-01-16";
      const title = "测试镇2022年政府信息公开工作年度报告";
      const attPath = "/uploadfile/2023/0116/20230116093015123.pdf";
      const att = attachment(host, attPath, pdfM("plain-num/town-2022"), "pdf", { name: `${title}.pdf`, date: d, linkedFrom: [U(host, r2022Path)] });
      simple(r2022Path, title, d, siteName, preface("测试镇", 2022).map((p) => `<p>${p}</p>`).join("\n") + `\n<p><a href="${attPath}">${title}.pdf</a></p>`);
      addReport({ key: "plain-num/town-2022", siteId, agency: "测试镇", year: 2022, title, format: "pdf", articleUrl: U(host, r2022Path), alsoAt: [U(host, `${r2022Path}?utm_source=zfxxgk`)], attachments: [att], documentSha256: att.sha256, listing: d, meta: d, traps: ["tracking-param-alias"] });
    }
    const r2021Path = art("2022-01-18", 1201);
    {
      const d = "2022-01-18";
      const title = "测试镇2021年政府信息公开工作年度报告";
      const bytes = simple(r2021Path, title, d, siteName, countyBody("测试镇", 2021));
      addReport({ key: "plain-num/town-2021", siteId, agency: "测试镇", year: 2021, title, format: "html", articleUrl: U(host, r2021Path), attachments: [], documentSha256: sha256(bytes), listing: d, meta: d, traps: ["plain-n-html"] });
    }
    const lists: P.ListItem[][] = [
      [{ href: r2022Path, title: "测试镇2022年政府信息公开工作年度报告", date: "2023-01-16" }, news(1102, "2023-01-05", "测试镇召开2023年政务公开工作部署会"), news(1103, "2022-12-01", "测试镇开展政务公开进村入户宣传活动")],
      [{ href: r2021Path, title: "测试镇2021年政府信息公开工作年度报告", date: "2022-01-18" }, news(1202, "2021-12-10", "测试镇召开政务公开培训会"), news(1203, "2021-11-02", "测试镇便民服务中心启用")],
      [news(1301, "2021-06-15", "测试镇开展“政府开放日”活动"), { href: `${r2022Path}?utm_source=zfxxgk#content`, title: "测试镇2022年政府信息公开工作年度报告", date: "2023-01-16" }, news(1302, "2021-03-01", "测试镇公布2021年度重点工作任务")],
    ];
    H(host).handlers.push((req) => {
      const m = new RegExp(`^${col.replace(/\//g, "\\/")}(\\d+)\\.html$`).exec(req.pathname);
      if (!m) return undefined;
      const n = Number(m[1]);
      if (n < 1) return undefined;
      const items = lists[n - 1] ?? [];
      return { status: 200, headers: { "Content-Type": "text/html; charset=utf-8" }, body: P.numberedList({ siteName, page: n, pinned, items }), lastModified: "2023-01-16", trap: n > lists.length ? "pinned-only-page" : "listing" };
    });
    for (const n of [2, 3, 4, 5]) must(siteId, n <= 3 ? `${n}.html holds new items` : `${n}.html holds only the pinned item: the ${n === 4 ? "first" : "second"} all-known page in a row`, { host, pathname: `${col}${n}.html` });
    ex.shouldNotRequest.push({ url: U(host, `${col}6.html`), why: "4.html and 5.html yield only already-seen URLs (the pinned item): two in a row, the walk stops" });
    ex.duplicateGroups.push({ id: "plain-num/tracking-alias", kind: "same-report", urls: [U(host, r2022Path), U(host, `${r2022Path}?utm_source=zfxxgk`)], reportKeys: ["plain-num/town-2022"], why: "3.html links the 2022 report again with ?utm_source=zfxxgk#content: canonicalise (drop tracking params and fragment)" });
    trap({
      id: "plain-num",
      description: "N.html list (1.html, 2.html, 3.html) without a declared total; every page starts with a pinned [置顶] 2019 report; 4.html, 5.html, … answer 200 with only the pinned item; 3.html links a known article with ?utm_source=…#content",
      urls: [U(host, `${col}1.html`), U(host, `${col}4.html`), U(host, `${col}5.html`)],
      correct: "stop after two pages in a row that yield only known URLs (5.html); the pinned report counts once",
    });
  }

  // ============================================================ misc: a hand-made list of traps (§2.6, §2.7, §2.11, §2.12, §2.15)
  {
    const host: HostName = "misc";
    const siteId = "misc";
    const siteName = "样例县人民政府";
    const col = "/xxgk/nb/";
    robots(host, ALLOW_ALL);
    site({ id: siteId, agency: siteName, start: [U(host, col)], allowHosts: [hostPort("old"), hostPort("robots-all")] });
    const items: P.ListItem[] = [];
    const path = (d: string, n: number): string => `${col}${ym(d)}/t${ymd(d)}_${n}.html`;
    const simple = (p: string, title: string, d: string, source: string, body: string, head = ""): Buffer => page(host, p, P.simpleArticle({ siteName, title, date: d, source, body, head }), { date: d });
    // R32: a normal page that embeds $_ts (瑞数 runtime) AND real content
    {
      const d = "2024-02-01";
      const agency = "样例县审计局";
      const title = reportTitle(agency, 2023);
      const p = path(d, 4001);
      const bytes = simple(p, title, d, agency, countyBody(agency, 2023), P.TS_RUNTIME_SCRIPT + "\n");
      items.push({ href: p, title, date: d });
      addReport({ key: "misc/audit-2023", siteId, agency, year: 2023, title, format: "html", articleUrl: U(host, p), attachments: [], documentSha256: sha256(bytes), listing: d, meta: d, traps: ["ts-with-real-content"] });
    }
    // R33: body + PDF + OFD + WPS + XLS stand-ins
    {
      const d = "2023-01-31";
      const agency = "样例县住房和城乡建设局";
      const title = reportTitle(agency, 2022);
      const p = path(d, 4002);
      const dir = `${col}${ym(d)}/`;
      const url = U(host, p);
      const files = [
        { name: p0(d, 4002, "pdf"), label: `${title}.pdf`, bytes: pdfM("misc/housing-2022"), kind: "pdf" as FileKind },
        { name: p0(d, 4003, "ofd"), label: `${title}.ofd`, bytes: ofdFile(title), kind: "ofd" as FileKind },
        { name: p0(d, 4004, "wps"), label: `${title}.wps`, bytes: oleFile("WordDocument", `${title}（WPS 格式，镜像占位文件）`), kind: "wps" as FileKind },
        { name: p0(d, 4005, "xls"), label: `${agency}2022年政府信息公开统计表.xls`, bytes: oleFile("Workbook", `${agency}2022年政府信息公开统计表（镜像占位文件）`), kind: "xls" as FileKind },
      ];
      const atts = files.map((f) => attachment(host, dir + f.name, f.bytes, f.kind, { name: f.label, date: d, linkedFrom: [url] }));
      simple(p, title, d, agency, preface(agency, 2022).map((x) => `<p>${x}</p>`).join("\n") + "\n" + P.attachmentList(files.map((f) => ({ href: `./${f.name}`, name: f.label }))));
      items.push({ href: p, title, date: d });
      addReport({ key: "misc/housing-2022", siteId, agency, year: 2022, title, format: "pdf", articleUrl: url, attachments: atts, documentSha256: atts[0]!.sha256, listing: d, meta: d, traps: ["attachment-types"] });
    }
    // R34: linked through old (301 to this host)
    {
      const d = "2024-03-05";
      const agency = "样例县水务局";
      const title = reportTitle(agency, 2023);
      const p = path(d, 4003);
      const bytes = simple(p, title, d, agency, countyBody(agency, 2023));
      const from = U("old", "/art/2024/3/5/art_moved_4003.html");
      redirect("old", "/art/2024/3/5/art_moved_4003.html", 301, U(host, p), "an old-domain article URL moved permanently to another host");
      items.push({ href: from, title, date: d });
      addReport({ key: "misc/water-2023", siteId, agency, year: 2023, title, format: "html", articleUrl: U(host, p), alsoAt: [from], attachments: [], documentSha256: sha256(bytes), listing: d, meta: d, traps: ["redirect-301-cross-host"] });
    }
    // R35: meta refresh
    {
      const d = "2024-03-06";
      const agency = "样例县商务局";
      const title = reportTitle(agency, 2023);
      const p = path(d, 4004);
      const target = `${col}wz/4004.html`;
      page(host, p, `<!DOCTYPE html>\n<html><head><meta charset="utf-8"><meta http-equiv="refresh" content="0; url=${target}"><title>${title}</title></head><body>页面已迁移，正在跳转……<a href="${target}">如未跳转请点击</a></body></html>\n`, { date: d, trap: "meta-refresh" });
      const bytes = simple(target, title, d, agency, countyBody(agency, 2023));
      items.push({ href: p, title, date: d });
      ex.redirects.push({ from: U(host, p), to: U(host, target), status: "meta-refresh", why: "the listed URL is a stub page with <meta http-equiv=refresh>" });
      addReport({ key: "misc/commerce-2023", siteId, agency, year: 2023, title, format: "html", articleUrl: U(host, target), alsoAt: [U(host, p)], attachments: [], documentSha256: sha256(bytes), listing: d, meta: d, traps: ["meta-refresh"] });
    }
    const fail = (n: number, agency: string, classification: Expected["failures"][number]["classification"], why: string, build: (p: string, title: string, d: string) => string | null): void => {
      const d = `2024-02-${String(n - 3995).padStart(2, "0")}`;
      const title = reportTitle(agency, 2023);
      const p = path(d, n);
      const href = build(p, title, d) ?? p;
      items.push({ href, title, date: d });
      ex.failures.push({ siteId, url: href.startsWith("http") ? href : U(host, href), classification, why });
    };
    fail(4005, "样例县体育局", "not-found", "the listed article answers 404", () => null);
    fail(4007, "样例县科学技术局", "not-found", "200 with a 页面不存在 page (soft 404)", (p) => {
      reply(host, p, { status: 200, headers: { "Content-Type": "text/html; charset=utf-8" }, body: P.softNotFoundPage(siteName), trap: "soft-404" });
      return null;
    });
    fail(4008, "样例县气象局", "not-found", "truncated HTML: the page stops inside the body, under 200 characters of text (positive content check fails)", (p, title, d) => {
      const full = P.simpleArticle({ siteName, title, date: d, source: "样例县气象局", body: `<p>${preface("样例县气象局", 2023)[0]}</p>` });
      const cut = full.slice(0, full.indexOf("<div id=\"zoom\"") + 80);
      reply(host, p, { status: 200, headers: { "Content-Type": "text/html; charset=utf-8" }, body: cut, lastModified: d, trap: "truncated" });
      return null;
    });
    /** An attachment-only article (fetched fine) whose one attachment fails: no report. */
    const attFail = (n: number, agency: string, ext: string, classification: Expected["failures"][number]["classification"], why: string, r: Reply): void => {
      const d = `2024-02-${String(n - 3995).padStart(2, "0")}`;
      const title = reportTitle(agency, 2023);
      const p = path(d, n);
      const name = p0(d, n, ext);
      simple(p, title, d, agency, `<p>${title}详见附件。</p>` + P.attachmentList([{ href: `./${name}`, name: `${title}.${ext}` }]));
      reply(host, `${col}${ym(d)}/${name}`, r);
      items.push({ href: p, title, date: d });
      ex.failures.push({ siteId, url: U(host, `${col}${ym(d)}/${name}`), classification, why: `the only attachment of ${U(host, p)}: ${why}` });
    };
    attFail(4006, "样例县档案馆", "pdf", "not-found", "404 attachment", { ...P_NOT_FOUND(), trap: "missing-attachment" });
    attFail(4009, "样例县人民防空办公室", "pdf", "wrong-type", "an HTML error page (200, Content-Type application/pdf) at a .pdf URL", { status: 200, headers: { "Content-Type": "application/pdf" }, body: P.htmlErrorAsFile, trap: "html-as-pdf" });
    attFail(4010, "样例县地方志办公室", "doc", "wrong-type", "a 0-byte .doc", { status: 200, headers: { "Content-Type": "application/octet-stream" }, body: Buffer.alloc(0), trap: "zero-bytes" });
    const big = oversizePdf(opts.oversizeBytes);
    attFail(4011, "样例县医疗保障局", "pdf", "too-large", `a ${opts.oversizeBytes}-byte PDF, above the ${MAX_ATTACHMENT_BYTES}-byte cap`, { status: 200, headers: { "Content-Type": "application/octet-stream" }, body: big, trap: "oversize" });
    fail(4012, "样例县信访局", "error", "a redirect loop (old /loop/a.html ⇄ /loop/b.html)", () => U("old", "/loop/a.html"));
    fail(4013, "样例县退役军人事务局", "robots-denied", "301 to robots-all, whose robots.txt disallows everything: robots is rechecked after the hop, the target is never requested", () => U("old", "/art/shunyi.html"));
    fail(4014, "样例县乡村振兴局", "not-followed", "301 to a republisher host that is not in the site's allowHosts: never requested", () => U("old", "/art/copy.html"));
    {
      const d = "2024-01-08";
      const p = path(d, 4015);
      const title = "样例县召开政务公开工作会议";
      simple(p, title, d, "样例县人民政府办公室", P.newsParagraphs(title, "1月8日").map((x) => `<p>${x}</p>`).join("\n"));
      items.push({ href: p, title, date: d });
      nonReport(siteId, U(host, p), title, "meeting news");
    }
    const listHtml = P.simpleList({ siteName, columnName: "政府信息公开年报", items });
    page(host, col, listHtml, { date: "2024-03-06" });
    page(host, `${col}index.html`, listHtml, { date: "2024-03-06" });
    trap({ id: "ts-with-real-content", description: "a 200 article that embeds a $_ts runtime script and a full report", urls: reports.filter((r) => r.key === "misc/audit-2023").map((r) => r.articleUrl), correct: "not blocked: real body present; the report is found" });
    trap({ id: "attachment-types", description: "one report with .pdf, .ofd (zip with OFD.xml), .wps (OLE, WordDocument stream) and .xls (OLE, Workbook stream) stand-ins, all application/octet-stream", urls: reports.filter((r) => r.key === "misc/housing-2022").flatMap((r) => r.attachments.map((a) => a.url)), correct: "store all four by sha256, kinds sniffed from bytes" });
    trap({ id: "broken", description: "404 article, 404 attachment, 200 页面不存在, truncated HTML, HTML-as-PDF (200, application/pdf), 0-byte .doc, oversize PDF", urls: ex.failures.filter((f) => f.siteId === siteId).map((f) => f.url), correct: "no report from any of them; classifications as in expected.failures" });
  }

  // ============================================================ old: redirects and dead seeds (§2.11, §3 drifting entry points)
  {
    const host: HostName = "old";
    robots(host, ALLOW_ALL);
    page(host, "/", `<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>示例区人民政府门户网站</title></head><body><div class="nav"><a href="/zwgk/">政务公开</a> <a href="/zwfw/">政务服务</a> <a href="/hdjl/">互动交流</a></div><div class="banner">欢迎访问示例区人民政府门户网站</div><div class="news"><ul><li><a href="/zwdt/1.html">示例区召开常务会议</a></li></ul></div></body></html>\n`, { date: "2024-01-01", trap: "homepage" });
    site({ id: "removed-column", agency: "示例区人民政府", start: [U(host, "/xxgk/nb/index.html")] });
    redirect(host, "/xxgk/nb/index.html", 302, U(host, "/"), "a removed column redirected to the homepage: a soft 404");
    ex.deadSeeds.push({ siteId: "removed-column", url: U(host, "/xxgk/nb/index.html"), finalUrl: U(host, "/"), why: "302 to the site root: treat as not-found, report the seed as dead" });
    site({ id: "moved-seed", agency: "示例区人民政府", start: [U(host, "/zfxxgknb/")], allowHosts: [hostPort("zyk")] });
    redirect(host, "/zfxxgknb/", 301, U("zyk", "/zfxxgknb/"), "海淀-like: the column moved to another host, where it is 404");
    ex.deadSeeds.push({ siteId: "moved-seed", url: U(host, "/zfxxgknb/"), finalUrl: U("zyk", "/zfxxgknb/"), why: "301 to another host that answers 404" });
    redirect(host, "/loop/a.html", 302, U(host, "/loop/b.html"), "redirect loop, half 1");
    redirect(host, "/loop/b.html", 302, U(host, "/loop/a.html"), "redirect loop, half 2");
    redirect(host, "/art/shunyi.html", 301, U("robots-all", "/zfxxgk/nb/202401/t20240120_1.html"), "to a host whose robots.txt says Disallow: /");
    redirect(host, "/art/copy.html", 301, U("spam", "/article-138902-1.html"), "to a republisher that is not a government host");
    never(U("robots-all", "/zfxxgk/nb/202401/t20240120_1.html"), "redirect target on a host with Disallow: / (robots rechecked after each hop)");
    never(U("spam", "/article-138902-1.html"), "redirect target on a host outside the site's allowHosts");
    trap({
      id: "redirects",
      description: "old host: 301 to another host's live article; seed 301 → zyk → 404; removed column 302 → homepage; loop a ⇄ b; 301 into robots-all; 301 to a republisher; (misc) meta refresh; (trs-a-htm) seed without trailing slash",
      urls: ex.redirects.map((r) => r.from),
      correct: "follow ≤5 hops, record the final URL, recheck allow-list and robots after each hop; redirect to the site root = not found",
    });
  }
  {
    const host: HostName = "zyk";
    robots(host, ALLOW_ALL);
    site({ id: "dead-seed", agency: "示例区资源库", start: [U(host, "/xxgk/zfxxgknb/")] });
    ex.deadSeeds.push({ siteId: "dead-seed", url: U(host, "/xxgk/zfxxgknb/"), finalUrl: null, why: "the seed answers 404" });
  }
  {
    const host: HostName = "spam";
    robots(host, ALLOW_ALL);
    page(host, "/article-138902-1.html", P.simpleArticle({ siteName: "某某资讯网", title: "样例县乡村振兴局2023年政府信息公开工作年度报告", date: "2024-02-20", source: "网络转载", body: countyBody("样例县乡村振兴局", 2023) }), { trap: "republisher" });
    ex.neverRequestPrefixes.push({ host, origin: O(host), pathPrefix: "/", except: [], why: "a republisher (not a government host), reachable only by a redirect from old; not in any allowHosts" });
  }

  // ============================================================ flaky: slow page, persistent 500, connection reset (§2.14)
  let slowUrl = "";
  let slowTitle = "";
  {
    const host: HostName = "flaky";
    const siteId = "flaky";
    const siteName = "慢速县人民政府";
    robots(host, ALLOW_ALL);
    site({ id: siteId, agency: siteName, start: [U(host, "/xxgk/nb/index.html")] });
    const items: P.ListItem[] = [];
    {
      const d = "2024-01-15";
      const agency = "慢速县统计局";
      slowTitle = reportTitle(agency, 2023);
      const p = `/xxgk/nb/202401/t20240115_5001.html`;
      slowUrl = U(host, p);
      reply(host, p, { status: 200, headers: { "Content-Type": "text/html; charset=utf-8" }, body: P.simpleArticle({ siteName, title: slowTitle, date: d, source: agency, body: countyBody(agency, 2023) }), lastModified: d, delayMs: opts.slowMs, trap: "slow" });
      items.push({ href: p, title: slowTitle, date: d });
      ex.failures.push({ siteId, url: slowUrl, classification: "error", why: `answers after ${opts.slowMs} ms: a timeout with limits.requestTimeoutMs (may be skipped once the host's circuit breaker opens)` });
    }
    {
      const p = `/xxgk/nb/202401/t20240116_5002.html`;
      reply(host, p, { status: 500, headers: { "Content-Type": "text/html" }, body: "<html><body><h1>500 Internal Server Error</h1></body></html>", conditional: false, trap: "persistent-500" });
      items.push({ href: p, title: reportTitle("慢速县审计局", 2023), date: "2024-01-16" });
      ex.failures.push({ siteId, url: U(host, p), classification: "error", why: "persistent 500: capped retries, then error (may be skipped by the circuit breaker)" });
    }
    {
      const p = `/xxgk/nb/202401/t20240117_5003.html`;
      reply(host, p, { status: 200, headers: { "Content-Type": "text/html; charset=utf-8" }, body: P.simpleArticle({ siteName, title: reportTitle("慢速县财政局", 2023), date: "2024-01-17", source: "慢速县财政局", body: countyBody("慢速县财政局", 2023) }), conditional: false, resetAfterBytes: 100, trap: "reset" });
      items.push({ href: p, title: reportTitle("慢速县财政局", 2023), date: "2024-01-17" });
      ex.failures.push({ siteId, url: U(host, p), classification: "error", why: "connection reset after 100 bytes of a longer body (may be skipped by the circuit breaker)" });
    }
    page(host, "/xxgk/nb/index.html", P.simpleList({ siteName, columnName: "政府信息公开年报", items }), { date: "2024-01-17" });
    trap({ id: "flaky", description: `slow article (${opts.slowMs} ms), persistent 500 article, connection reset mid-body`, urls: items.map((i) => U(host, i.href)), correct: "per-request timeout, capped backoff with jitter, circuit breaker; none of the three is a report found" });
  }

  // ============================================================ stall: a server that trickles (issue 13)
  let stallUrl = "";
  let stallTitle = "";
  {
    const host: HostName = "stall";
    const siteId = "stall";
    const siteName = "滴漏县人民政府";
    robots(host, ALLOW_ALL);
    site({ id: siteId, agency: siteName, start: [U(host, "/xxgk/nb/index.html")] });
    const items: P.ListItem[] = [];
    {
      const d = "2024-01-25";
      const agency = "滴漏县统计局";
      stallTitle = reportTitle(agency, 2023);
      const p = "/xxgk/nb/202401/t20240125_8001.html";
      stallUrl = U(host, p);
      reply(host, p, { status: 200, headers: { "Content-Type": "text/html; charset=utf-8" }, body: P.simpleArticle({ siteName, title: stallTitle, date: d, source: agency, body: countyBody(agency, 2023) }), lastModified: d, trickleMs: opts.stallMs, trap: "stall" });
      items.push({ href: p, title: stallTitle, date: d });
      ex.failures.push({ siteId, url: stallUrl, classification: "error", why: `sends its body in 20 slices over ${opts.stallMs} ms (no pause long enough for an idle timeout): over limits.requestDeadlineMs, an error` });
    }
    {
      const d = "2024-01-24";
      const agency = "滴漏县财政局";
      const title = reportTitle(agency, 2023);
      const p = "/xxgk/nb/202401/t20240124_8002.html";
      const bytes = page(host, p, P.simpleArticle({ siteName, title, date: d, source: agency, body: countyBody(agency, 2023) }), { date: d });
      items.push({ href: p, title, date: d });
      addReport({ key: "stall/finance-2023", siteId, agency, year: 2023, title, format: "html", articleUrl: U(host, p), attachments: [], documentSha256: sha256(bytes), listing: d, meta: d, traps: ["stall"] });
    }
    page(host, "/xxgk/nb/index.html", P.simpleList({ siteName, columnName: "政府信息公开年报", items }), { date: "2024-01-25" });
    trap({ id: "stall", description: `the first article of the list sends its body over ${opts.stallMs} ms, a slice at a time; the second is a normal report on the same host`, urls: items.map((i) => U(host, i.href)), correct: "an overall deadline per request: the trickling article is an error and the host's queue moves on to the next article, which is found" });
  }

  // ============================================================ hops: every URL of a chain with its own validators (issue 10)
  {
    const host: HostName = "hops";
    const siteId = "hops";
    const siteName = "跳转县人民政府";
    const col = "/xxgk/nb/";
    robots(host, ALLOW_ALL);
    site({ id: siteId, agency: siteName, start: [U(host, `${col}index.html`)] });
    const items: P.ListItem[] = [];
    const simple = (p: string, title: string, d: string, source: string, body: string): Buffer => page(host, p, P.simpleArticle({ siteName, title, date: d, source, body }), { date: d });
    const moved = (from: string, status: 301 | 302, to: string, why: string, validators?: "both" | "etag" | "last-modified", date = "2024-01-20"): void => {
      reply(host, from, { status, headers: { Location: U(host, to), "Content-Type": "text/html" }, body: `<html><body>${status === 301 ? "Moved Permanently" : "Found"}</body></html>`, conditional: validators !== undefined, ...(validators ? { validators, lastModified: date } : {}), trap: validators ? "redirect-validators" : "redirect" });
      ex.redirects.push({ from: U(host, from), to: U(host, to), status, why, ...(validators ? { validators } : {}) });
    };
    const stub = (p: string, to: string, title: string, d: string, validators: "both" | "etag" | "last-modified"): void => {
      reply(host, p, { status: 200, headers: { "Content-Type": "text/html; charset=utf-8" }, body: `<!DOCTYPE html>\n<html><head><meta charset="utf-8"><meta http-equiv="refresh" content="0; url=${to}"><title>${title}</title></head><body>正在跳转……</body></html>\n`, lastModified: d, validators, trap: "meta-refresh" });
      ex.redirects.push({ from: U(host, p), to: U(host, to), status: "meta-refresh", why: "a <meta refresh> stub that carries validators", validators });
    };
    // 1. A 301 that carries an ETag and a Last-Modified (cacheable) to the report page.
    {
      const d = "2024-01-22";
      const agency = "跳转县财政局";
      const title = reportTitle(agency, 2023);
      const from = `${col}cz.html`;
      const target = `${col}2024/cz-2023.html`;
      moved(from, 301, target, "a 301 with ETag and Last-Modified: asked conditionally on the next run, its 304 leads to the same Location", "both", d);
      const bytes = simple(target, title, d, agency, countyBody(agency, 2023));
      items.push({ href: from, title, date: d });
      addReport({ key: "hops/finance-2023", siteId, agency, year: 2023, title, format: "html", articleUrl: U(host, target), alsoAt: [U(host, from)], attachments: [], documentSha256: sha256(bytes), listing: d, meta: d, traps: ["hop-validators"] });
    }
    // 2. A 302 without validators → a <meta refresh> stub with only Last-Modified → the article,
    //    whose PDF link answers a 301 with only an ETag to the file.
    {
      const d = "2024-01-23";
      const agency = "跳转县教育局";
      const title = reportTitle(agency, 2023);
      const go = `${col}jy.html`;
      const stubPath = `${col}wz/jy.html`;
      const target = `${col}2024/jy-2023.html`;
      moved(go, 302, stubPath, "a 302 without validators: asked in full on every run");
      stub(stubPath, target, title, d, "last-modified");
      const linked = "/files/old/jy-2023.pdf";
      const file = "/files/2024/jy-2023.pdf";
      moved(linked, 301, file, "an attachment link that answers a 301 with only an ETag", "etag", d);
      const att = attachment(host, file, pdfC("hops/edu-2023"), "pdf", { name: `${title}.pdf`, date: d, linkedFrom: [U(host, target)] });
      simple(target, title, d, agency, preface(agency, 2023).map((x) => `<p>${x}</p>`).join("\n") + `\n<p>附件：<a href="${linked}">${P.esc(title)}.pdf</a></p>`);
      items.push({ href: go, title, date: d });
      // The article links the redirecting URL: that is the attachment a reader of the page finds.
      addReport({ key: "hops/edu-2023", siteId, agency, year: 2023, title, format: "pdf", articleUrl: U(host, target), alsoAt: [U(host, go), U(host, stubPath)], attachments: [{ ...att, linkedAs: U(host, linked) }], documentSha256: att.sha256, listing: d, meta: d, traps: ["hop-validators", "meta-refresh"] });
    }
    page(host, `${col}index.html`, P.simpleList({ siteName, columnName: "政府信息公开年报", items }), { date: "2024-01-23" });
    trap({
      id: "hop-validators",
      description: "redirect chains whose hops carry their own validators: a 301 with ETag + Last-Modified, a 302 without, a <meta refresh> stub with only Last-Modified, an attachment link that is a 301 with only an ETag",
      urls: ex.redirects.filter((r) => r.from.startsWith(O(host))).map((r) => r.from),
      correct: "remember each hop's validators; on the next run every hop that carried one is a 304 (and leads on to the same next hop); the 302 without validators is asked in full",
    });
  }

  // ============================================================ robots.txt (§2.13)
  {
    const host: HostName = "robots-all";
    robots(host, "User-agent: *\nDisallow: /\n");
    site({ id: "robots-all", agency: "禁止县人民政府", start: [U(host, "/zfxxgk/nb/index.html")] });
    page(host, "/zfxxgk/nb/index.html", P.simpleList({ siteName: "禁止县人民政府", columnName: "政府信息公开年报", items: [{ href: "/zfxxgk/nb/202401/t20240120_1.html", title: reportTitle("禁止县财政局", 2023), date: "2024-01-20" }] }), { trap: "robots-violation" });
    page(host, "/zfxxgk/nb/202401/t20240120_1.html", P.simpleArticle({ siteName: "禁止县人民政府", title: reportTitle("禁止县财政局", 2023), date: "2024-01-20", source: "禁止县财政局", body: countyBody("禁止县财政局", 2023) }), { trap: "robots-violation" });
    ex.robotsDeniedHosts.push({ host, origin: O(host), siteId: "robots-all", why: "robots.txt: User-agent: * / Disallow: /" });
    ex.neverRequestPrefixes.push({ host, origin: O(host), pathPrefix: "/", except: ["/robots.txt"], why: "Disallow: / (顺义-like)" });
  }
  {
    const host: HostName = "robots-sub";
    const siteId = "robots-sub";
    const siteName = "范例区人民政府";
    robots(host, `User-agent: *\nCrawl-delay: ${opts.crawlDelaySeconds}\nDisallow: /xxgk/nb/cg/\n`);
    site({ id: siteId, agency: siteName, start: [U(host, "/xxgk/nb/index.html")] });
    const d = "2024-01-18";
    const agency = "范例区文化和旅游局";
    const title = reportTitle(agency, 2023);
    const p = "/xxgk/nb/202401/t20240118_6001.html";
    const bytes = page(host, p, P.simpleArticle({ siteName, title, date: d, source: agency, body: countyBody(agency, 2023) }), { date: d });
    addReport({ key: "robots-sub/culture-2023", siteId, agency, year: 2023, title, format: "html", articleUrl: U(host, p), attachments: [], documentSha256: sha256(bytes), listing: d, meta: d, traps: ["crawl-delay"] });
    const draft = "/xxgk/nb/cg/t20240110_6002.html";
    page(host, draft, P.simpleArticle({ siteName, title: `${reportTitle("范例区体育局", 2023)}（征求意见稿）`, date: "2024-01-10", source: "范例区体育局", body: countyBody("范例区体育局", 2023) }), { trap: "robots-violation" });
    page(host, "/xxgk/nb/index.html", P.simpleList({ siteName, columnName: "政府信息公开年报", items: [{ href: p, title, date: d }, { href: draft, title: `${reportTitle("范例区体育局", 2023)}（征求意见稿）`, date: "2024-01-10" }] }), { date: d });
    ex.robotsDeniedUrls.push({ url: U(host, draft), why: "Disallow: /xxgk/nb/cg/" });
    ex.neverRequestPrefixes.push({ host, origin: O(host), pathPrefix: "/xxgk/nb/cg/", except: [], why: "Disallow: /xxgk/nb/cg/" });
    trap({ id: "robots-sub", description: `robots.txt with Crawl-delay: ${opts.crawlDelaySeconds} and Disallow: /xxgk/nb/cg/; the list links one allowed report and one draft under /cg/`, urls: [U(host, "/robots.txt"), U(host, "/xxgk/nb/index.html")], correct: `space requests to this host ≥ ${opts.crawlDelaySeconds} s (robots wins over a smaller minIntervalMs); never request /xxgk/nb/cg/` });
  }
  {
    const host: HostName = "robots-503";
    robots(host, null, 503);
    site({ id: "robots-503", agency: "暂停县人民政府", start: [U(host, "/xxgk/nb/index.html")] });
    page(host, "/xxgk/nb/index.html", P.simpleList({ siteName: "暂停县人民政府", columnName: "政府信息公开年报", items: [{ href: "/xxgk/nb/202401/t20240122_1.html", title: reportTitle("暂停县财政局", 2023), date: "2024-01-22" }] }), { trap: "robots-violation" });
    page(host, "/xxgk/nb/202401/t20240122_1.html", P.simpleArticle({ siteName: "暂停县人民政府", title: reportTitle("暂停县财政局", 2023), date: "2024-01-22", source: "暂停县财政局", body: countyBody("暂停县财政局", 2023) }), { trap: "robots-violation" });
    ex.robotsDeniedHosts.push({ host, origin: O(host), siteId: "robots-503", why: "robots.txt answers 503: the host is treated as disallowed this run" });
    ex.neverRequestPrefixes.push({ host, origin: O(host), pathPrefix: "/", except: ["/robots.txt"], why: "robots.txt 503 → host skipped this run" });
    trap({ id: "robots-404-503", description: "gkmlpt's robots.txt answers 404 (→ allowed); robots-503's answers 503 (→ host skipped)", urls: [U("gkmlpt", "/robots.txt"), U(host, "/robots.txt")], correct: "404 → allow everything; 5xx → temporarily disallowed, report robots-denied" });
  }

  // ============================================================ anti-bot (§2.15)
  const challenge = (host: HostName, status: number, headers: Record<string, string | string[]>, body: string): void => {
    H(host).handlers.push((req) => (req.pathname === "/robots.txt" ? undefined : { status, headers, body, conditional: false, trap: "challenge" }));
  };
  const blocked = (host: HostName, siteName: string, status: number, why: string): void => {
    robots(host, ALLOW_ALL);
    const start = U(host, "/zwgk/zfxxgknb/index.html");
    site({ id: host, agency: siteName, start: [start] });
    ex.blockedHosts.push({ host, origin: O(host), siteId: host, status, firstBlockedUrl: start, maxRequestsAfterBlock: 2, why });
  };
  challenge("rs412", 412, RUISHU_HEADERS(), P.RUISHU_BODY);
  blocked("rs412", "瑞数县人民政府", 412, "瑞数 412 challenge on every page (Set-Cookie …S, $_ts, r='m')");
  challenge("rs202", 202, RUISHU_HEADERS(), P.RUISHU_BODY);
  blocked("rs202", "瑞数市人民政府", 202, "瑞数 challenge, 202 variant");
  challenge("jsl521", 521, { ...P.JSL_HEADERS }, P.JSL_BODY);
  blocked("jsl521", "加速乐县人民政府", 521, "加速乐 521: Set-Cookie __jsluid_s + a script setting __jsl_clearance_s");
  challenge("block200", 200, { "Content-Type": "text/html; charset=utf-8" }, P.BLOCK_200_BODY);
  blocked("block200", "拦截县人民政府", 200, "200 访问异常 block page: no real body, a __jsluid cookie script");
  {
    const host: HostName = "rs-deep";
    const siteId = "rs-deep";
    const col = "/zwgk/zfxxgknb/";
    const siteName = "深页县人民政府";
    robots(host, ALLOW_ALL);
    site({ id: siteId, agency: siteName, start: [U(host, `${col}index.shtml`)] });
    const pagesItems: P.ListItem[][] = [[], []];
    for (let k = 0; k < 6; k++) {
      const d = daysBefore("2023-12-20", k * 15);
      const p = `${col}${ym(d)}/t${ymd(d)}_${7000100 + k}.shtml`;
      const title = filler("深页县", k * 11);
      page(host, p, P.trsArticle({ charset: "utf-8", siteName, siteCode: "1599000009", columnName: "政府信息公开年报", title, pubDate: d, infoDate: d, source: siteName, index: `rs-deep/${k}` }, P.trsEditor(P.newsParagraphs(title, d))), { date: d });
      pagesItems[k < 3 ? 0 : 1]!.push({ href: `./${ym(d)}/t${ymd(d)}_${7000100 + k}.shtml`, title, date: d });
      nonReport(siteId, U(host, p), title, "a notice");
    }
    pagesItems.forEach((its, k) => {
      page(host, `${col}${k === 0 ? "index.shtml" : `index_${k}.shtml`}`, P.trsListing({ charset: "utf-8", siteName, siteCode: "1599000009", columnName: "政府信息公开年报", items: its, pager: P.trsPagerA(5, k, "shtml"), head: P.TRS_A_FUNCTION }), { date: its[0]!.date });
    });
    for (let k = 2; k < 5; k++) reply(host, `${col}index_${k}.shtml`, { status: 412, headers: RUISHU_HEADERS(), body: P.RUISHU_BODY, conditional: false, trap: "challenge" });
    ex.blockedHosts.push({ host, origin: O(host), siteId, status: 412, firstBlockedUrl: U(host, `${col}index_2.shtml`), maxRequestsAfterBlock: 2, why: "wlt.hubei-like: the deep list page index_2.shtml (countPage 5) flips to a 瑞数 412" });
    ex.incompleteCatalogs.push({ siteId, url: U(host, `${col}index.shtml`), why: "index_2..index_4 are 412 challenges: the column is blocked part-way" });
    trap({ id: "anti-bot", description: "rs412 (412 瑞数), rs202 (202 瑞数), jsl521 (521 加速乐), block200 (200 访问异常 with a __jsluid script) on every page but robots.txt; rs-deep answers 412 from index_2.shtml on", urls: ex.blockedHosts.map((b) => b.firstBlockedUrl), correct: "classify blocked, do not parse or store, stop the host for the run (≤ 2 requests after the first block), report it; no challenge solving" });
  }

  const expected: Omit<Expected, "limits"> = {
    reports,
    ...ex,
    slow: { siteId: "flaky", url: slowUrl, delayMs: opts.slowMs, title: slowTitle },
    stall: { siteId: "stall", url: stallUrl, trickleMs: opts.stallMs, title: stallTitle },
    retryOnce: { url: U("plain-query", retryPath), retryAfterSeconds: opts.retryAfterSeconds },
  };
  const largest = Math.max(...reports.flatMap((r) => r.attachments.map((a) => a.bytes)));
  if (largest >= MAX_ATTACHMENT_BYTES || opts.oversizeBytes <= MAX_ATTACHMENT_BYTES) throw new Error("mirror: size cap no longer separates the attachments");
  return {
    sites,
    expected: {
      ...expected,
      limits: {
        maxAttachmentBytes: MAX_ATTACHMENT_BYTES,
        largestAttachmentBytes: largest,
        oversizeBytes: opts.oversizeBytes,
        slowMs: opts.slowMs,
        requestTimeoutMs: 2000,
        stallMs: opts.stallMs,
        requestDeadlineMs: 3000,
        crawlDelaySeconds: opts.crawlDelaySeconds,
        retryAfterSeconds: opts.retryAfterSeconds,
        minIntervalMs: 20,
      },
    },
  };
}

const RUISHU_HEADERS = (): Record<string, string | string[]> => ({ ...P.RUISHU_HEADERS, "Set-Cookie": [...P.RUISHU_HEADERS["Set-Cookie"]] });
const P_NOT_FOUND = (): Reply => ({ status: 404, headers: { "Content-Type": "text/html" }, body: "<html><body><h1>404 Not Found</h1></body></html>", conditional: false });
