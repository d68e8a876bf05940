/**
 * Article pages (crawling.md §2.6, §2.9, §2.12): the title, the page's date and the URL's date
 * kept apart, the body, every attachment link, and whether this is an annual report at all.
 *
 * The body is found by parsers/html.ts (the report reader's container table and text density),
 * so the crawler and the parser agree on what the body of a page is.
 */
import type { CheerioAPI } from "cheerio";
import { readHtml } from "../../../parsers/html.js";
import type { ArticleResult } from "../types.js";
import { normaliseDate, urlDate } from "./dates.js";
import { attr, cleanText, loadHtml, select, tagName, textOf, type DomNode } from "./dom.js";
import { FILE_EXTENSIONS, isFileUrl } from "./items.js";
import type { FetchedPage } from "./listing.js";
import { classifyReport } from "./report.js";
import { asText, isObject, scriptConfig, type JsObject } from "./js-config.js";
import { jsStrings, readString } from "./scan.js";
import { canonicalUrl, pathExtension, pathOf, resolveUrl } from "./urls.js";

/** Where a page states its title, strongest first. */
const TITLE_META = ["articletitle", "og:title"] as const;
const TITLE_ELEMENTS = "h1";

/** Meta tags of the publication date (national 政府网站 tags, Hanweb's Maketime, OpenGraph). */
const DATE_META: ReadonlySet<string> = new Set([
  "pubdate", "publishdate", "firstpublishedtime", "maketime", "article:published_time", "dc.date.issued", "dcterms.issued",
]);
/** Labels of the date in the info box / byline, strongest first. 成文日期 is when it was written, not published. */
const DATE_LABELS: readonly RegExp[] = [
  /(?:发布日期|发布时间|公开日期|发文日期|发布于)\s*[:：]?\s*(\d{4}\s*[-年/.]\s*\d{1,2}\s*[-月/.]\s*\d{1,2})/,
  /(?:^|\s)(?:日期|时间)\s*[:：]\s*(\d{4}\s*[-年/.]\s*\d{1,2}\s*[-月/.]\s*\d{1,2})/,
];

/** Anchors a TRS UEditor marks as attachments whatever their href looks like. */
const APPENDIX_ANCHOR = (a: DomNode): boolean => (attr(a, "appendix") ?? attr(a, "data-appendix") ?? "").toLowerCase() === "true";
/** Site chrome: a help PDF in every page's footer is not the article's attachment. */
const PAGE_CHROME = "header, footer, nav, #header, .header, #footer, .footer, .foot, #nav, .nav, .menu";
/** Stale TRS paths (the `OLDSRC="/protect/P0…"` of UEditor blocks): always 404. */
const DEAD_PATH = /\/protect\//i;
/** pdf.js viewers: `…/web/viewer.html?file=<encoded url>`. */
const PDFJS_VIEWER = /\/(?:viewer|pdfviewer)\.html?$/i;
/** Download servlets name the file in a parameter (Hanweb downfile.jsp?filename=…pdf). */
const FILE_PARAMS = ["filename", "fileName", "file", "name", "path"] as const;
/** `var file_appendix='<a href="./P0….docx">…'` (reference/sites/trs_article_csrc_*): up to the opening quote. */
const FILE_APPENDIX = /\bfile_appendix\s*=\s*(?=['"])/g;
/** href= / src= inside markup held in a string; never oldsrc= (crawling.md §4). */
const LINK_IN_MARKUP = /(?<![\w-])(?:href|src|data)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))/gi;

/** Soft-404 pages (crawling.md §2.12): a 200 that says the page is gone. */
const SOFT_404: readonly RegExp[] = [
  /页面不存在/, /访问的页面不存在/, /页面未找到/, /找不到(?:该|您要的)?页面/, /页面已(?:被)?删除/, /信息已(?:被)?(?:删除|撤销|撤回)/,
  /\b404\s*(?:not\s*found|错误|页面)/i, /not\s+found/i, /该信息不存在|文章不存在|内容不存在/,
];
/** A soft-404 marker in a page with more than this much body text is a report quoting the phrase. */
const SOFT_404_MAX_BODY = 600;
/** The positive content check: a title and at least this many characters of body (crawling.md §2.12). */
export const MIN_BODY_CHARS = 200;

export interface ArticleHints {
  /**
   * The title the listing gave the link (ListingItem.title). Used only to decide isReport when
   * the page's own title does not name a report (pages titled with the site's name).
   */
  listingTitle?: string | null;
}

/** What an article page holds. Never throws: a page with no body gives bodyText "". */
export function readArticle(page: FetchedPage, hints: ArticleHints = {}): ArticleResult {
  const $ = loadHtml(page.text);
  const title = articleTitle($);
  const bodyText = articleBody(page.text, page.contentType);
  const verdict = classifyReport(title, bodyText, hints.listingTitle);
  const result: ArticleResult = {
    title,
    metaDate: metaDate($) ?? embeddedDetailDate(page.text),
    urlDate: urlDate(page.url),
    bodyText,
    attachments: attachments($, page.url),
    isReport: verdict.isReport,
  };
  if (verdict.reason) result.reason = verdict.reason;
  return result;
}

/** meta ArticleTitle, og:title, the first <h1>, then <title>. */
export function articleTitle($: CheerioAPI): string | null {
  for (const key of TITLE_META) {
    for (const m of select($, "meta")) {
      const k = (attr(m, "name") ?? attr(m, "property") ?? "").toLowerCase();
      if (k !== key) continue;
      const v = cleanText(attr(m, "content") ?? "");
      if (v && v !== "...") return v;
    }
  }
  for (const h of select($, TITLE_ELEMENTS)) {
    const v = textOf(h);
    if (v) return v;
  }
  const t = cleanText($("title").first().text());
  return t || null;
}

/** The meta PubDate (or kin), else the 发布日期/发布时间 of the info box or byline. */
export function metaDate($: CheerioAPI): string | null {
  for (const m of select($, "meta")) {
    const k = (attr(m, "name") ?? attr(m, "property") ?? attr(m, "itemprop") ?? "").toLowerCase();
    if (!DATE_META.has(k)) continue;
    const d = normaliseDate(attr(m, "content") ?? "");
    if (d) return d;
  }
  const body = select($, "body")[0];
  if (!body) return null;
  const text = textOf(body);
  for (const re of DATE_LABELS) {
    const m = re.exec(text);
    const d = m?.[1] ? normaliseDate(m[1]) : null;
    if (d) return d;
  }
  return null;
}

/**
 * The body's text as the report reader finds it (parsers/html.ts): paragraphs and table rows,
 * one per line, cells separated by tabs. The text is handed over decoded, so a `<meta charset=gbk>`
 * left in the decoded page cannot make the reader decode it twice.
 * gkmlpt article pages keep the body in `window._CONFIG.DETAIL` JSON: its `content` is read
 * when the page itself has little text.
 */
export function articleBody(text: string, contentType: string | null = null): string {
  const body = bodyTextOf(text, contentType);
  if (body.length >= MIN_BODY_CHARS) return body;
  const detail = embeddedDetail(text);
  if (detail) {
    const fromDetail = bodyTextOf(detail, null);
    if (fromDetail.length > body.length) return fromDetail;
  }
  return body;
}

function bodyTextOf(text: string, contentType: string | null): string {
  try {
    const doc = readHtml({ text, encoding: "utf-8" }, { contentType }).value;
    return doc.blocks
      .map((b) =>
        b.type === "paragraph"
          ? b.text
          : b.rows.map((row) => row.filter((c, i) => c.originCol === i).map((c) => c.text.replace(/\n/g, " ")).join("\t")).join("\n"),
      )
      .join("\n");
  } catch {
    return ""; // an empty page, or no body text at all
  }
}

/**
 * The HTML that holds an article's report, for the parsers: the page itself, or — on gkmlpt
 * pages whose body lives only in `window._CONFIG.DETAIL` — that content, titled.
 */
export function articleHtml(text: string, title: string | null, contentType: string | null = null): string {
  if (bodyTextOf(text, contentType).length >= MIN_BODY_CHARS) return text;
  const detail = embeddedDetail(text);
  if (!detail) return text;
  const esc = (title ?? "").replace(/[&<>]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;" })[c]!);
  return detail.replace("<html><body>", `<html><head><meta charset="utf-8"><title>${esc}</title></head><body>`);
}

/** The fields of gkmlpt's `DETAIL` that date the article: unix seconds (as in the list API) or a printed date. */
const DETAIL_DATES = ["date", "publish_time", "first_publish_time", "create_time", "created_at"] as const;

/**
 * gkmlpt: the article object of `window._CONFIG` (`window._CONFIG.DETAIL = {…}`, or a `DETAIL`
 * key of `window._CONFIG = {…}`), read as a literal with quoted or bare keys (js-config.ts).
 */
function detailObject(text: string): JsObject | null {
  if (!text.includes("DETAIL")) return null;
  const detail = scriptConfig(text, "_CONFIG")?.DETAIL;
  return isObject(detail) ? detail : null;
}

/** gkmlpt: the date of `window._CONFIG.DETAIL`, when the page has no meta date. */
function embeddedDetailDate(text: string): string | null {
  const detail = detailObject(text);
  if (!detail) return null;
  for (const k of DETAIL_DATES) {
    const v = detail[k];
    const d = typeof v === "number" || typeof v === "string" ? normaliseDate(v) : null;
    if (d) return d;
  }
  return null;
}

/** gkmlpt: the `content` of `window._CONFIG.DETAIL` (HTML), when present. */
function embeddedDetail(text: string): string | null {
  const html = asText(detailObject(text)?.content);
  return html && html.trim() ? `<html><body><div class="article-content">${html}</div></body></html>` : null;
}

/**
 * Attachment URLs in document order: hrefs to files (.pdf .doc .docx .wps .ofd .xls .xlsx .zip …),
 * `appendix=true` anchors, links inside `var file_appendix='…'` and other script strings,
 * `<iframe>`/`<embed>`/`<object>` sources that are files, and the `file` of pdf.js viewer URLs;
 * resolved against the article URL, deduplicated. Never OLDSRC/oldsrc, never /protect/ paths.
 */
export function attachments($: CheerioAPI, pageUrl: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (href: string | null | undefined, base: string, always: boolean): void => {
    const url = resolveUrl(decodeEntities(href), base);
    if (!url) return;
    const target = viewerFile(url) ?? url;
    if (!always && target === url && !isAttachmentUrl(url)) return;
    if (DEAD_PATH.test(pathOf(target))) return;
    const key = canonicalUrl(target);
    if (seen.has(key)) return;
    seen.add(key);
    out.push(target);
  };
  const chrome = new Set(select($, PAGE_CHROME));
  const inChrome = (n: DomNode): boolean => {
    for (let x: DomNode | null = n; x; x = x.parent) if (chrome.has(x)) return true;
    return false;
  };
  for (const el of select($, "a[href], area[href], iframe[src], frame[src], embed[src], object[data], script")) {
    if (inChrome(el)) continue;
    const name = tagName(el);
    if (name === "a" || name === "area") add(attr(el, "href"), pageUrl, APPENDIX_ANCHOR(el));
    else if (name === "iframe" || name === "frame" || name === "embed") add(attr(el, "src"), pageUrl, false);
    else if (name === "object") add(attr(el, "data"), pageUrl, false);
    else if (el.type === "script") for (const [href, always] of linksInScript($(el as never).html() ?? "")) add(href, pageUrl, always);
  }
  return out;
}

/** Links a script writes: every href of `file_appendix`, and file links in its other string literals. */
function linksInScript(code: string): [string, boolean][] {
  const found: [string, boolean][] = [];
  for (const m of code.matchAll(FILE_APPENDIX)) {
    const { value } = readString(code, m.index + m[0].length);
    if (value !== null) for (const href of linksInMarkup(value)) found.push([href, true]);
  }
  for (const s of jsStrings(code)) {
    if (!/(?:href|src|data)\s*=/i.test(s)) continue;
    for (const href of linksInMarkup(s)) found.push([href, false]);
  }
  return found;
}

function linksInMarkup(markup: string): string[] {
  return [...markup.matchAll(LINK_IN_MARKUP)].map((m) => m[1] ?? m[2] ?? m[3] ?? "").filter((h) => h !== "");
}

function decodeEntities(s: string | null | undefined): string | null {
  if (s === null || s === undefined) return null;
  return s.replace(/&amp;/gi, "&").replace(/&quot;/gi, '"').replace(/&#39;|&apos;/gi, "'");
}

/** A file by its path's extension, or a download servlet naming a file in its parameters. */
function isAttachmentUrl(url: string): boolean {
  if (isFileUrl(url)) return true;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  return FILE_PARAMS.some((p) => {
    const v = u.searchParams.get(p);
    return v !== null && FILE_EXTENSIONS.has(pathExtension(`http://x/${v.split(/[?#]/)[0] ?? ""}`));
  });
}

/** pdf.js: the document a viewer URL shows, resolved against the viewer (as pdf.js does), or null. */
function viewerFile(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (!PDFJS_VIEWER.test(u.pathname)) return null;
  const file = u.searchParams.get("file");
  return file ? resolveUrl(file, u.href) : null;
}

/**
 * Why a fetched page is not a content page, or null when it is one: it needs a title and at
 * least MIN_BODY_CHARS characters of body, and must not be a soft 404 ("页面不存在").
 * An attachment-only article ("详见附件") fails on length: its content check is the file's.
 */
export function contentProblem(text: string): string | null {
  const $ = loadHtml(text);
  const title = articleTitle($);
  const body = articleBody(text);
  const bodyChars = body.replace(/\s+/g, "").length;
  const visible = cleanText(`${title ?? ""} ${bodyChars <= SOFT_404_MAX_BODY ? textOf(select($, "body")[0] ?? ($.root().get(0) as unknown as DomNode)) : ""}`);
  const marker = SOFT_404.find((re) => re.test(title ?? "") || (bodyChars <= SOFT_404_MAX_BODY && re.test(visible)));
  if (marker) return `a "page not found" page (soft 404: ${marker.source})`;
  if (!title) return "no title";
  if (bodyChars < MIN_BODY_CHARS) return `body too short (${bodyChars} characters, at least ${MIN_BODY_CHARS} needed)`;
  return null;
}

/** The positive content check of crawling.md §2.12: a title, ≥200 characters of body, not a soft 404. */
export function isContentPage(text: string): boolean {
  return contentProblem(text) === null;
}
