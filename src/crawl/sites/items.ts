/**
 * Listing items out of HTML: which anchors are entries of the list, their full titles, and the
 * date the list prints next to each. Shared by the TRS, plain and generic adapters, and by
 * Hanweb for its CDATA records.
 */
import type { CheerioAPI } from "cheerio";
import type { ListingItem } from "../types.js";
import { normaliseDate } from "./dates.js";
import { attr, cleanText, closest, loadHtml, select, tagName, textOf, type DomNode } from "./dom.js";
import { looksLikeReportTitle } from "./report.js";
import { canonicalUrl, pathExtension, resolveUrl } from "./urls.js";

/** Extensions of files an article or a listing may link directly (crawling.md §2.7). */
export const FILE_EXTENSIONS: ReadonlySet<string> = new Set(["pdf", "doc", "docx", "wps", "ofd", "xls", "xlsx", "et", "zip"]);

/** URL shapes of article pages on the CMSes of crawling.md §1 and reference/sites/real_url_patterns.txt. */
const ARTICLE_URLS: readonly { re: RegExp; cms: string }[] = [
  { re: /\/t\d{8}_\w+\.s?html?$/i, cms: "TRS (./202009/t20200903_2748784.html)" },
  { re: /\/art\/\d{4}\/\d{1,2}\/\d{1,2}\/art_\d+_\d+\.html$/i, cms: "Hanweb (/art/2022/1/20/art_12377_1486865.html)" },
  { re: /\/art\/\d+\/\w+\.html$/i, cms: "淮安 col/art variant" },
  { re: /\/post_\d+\.html$/i, cms: "gkmlpt / NFCMS (post_3255421.html)" },
  { re: /\/content_\d+\.html?$/i, cms: "www.gov.cn (content_5737.htm)" },
  { re: /\/info\/\d+\/\d+\.htm$/i, cms: "博达 VSB (/info/3589/67670.htm)" },
  { re: /\/Pages_\d+_\d+\.aspx$/i, cms: "ASP.NET Pages_183_59307.aspx" },
  { re: /\/[0-9a-f]{32}\.html$/i, cms: "GUID article names (shanghai.gov.cn)" },
  { re: /\/[0-9a-f]{24}\.html$/i, cms: "ObjectId article names (Anhui 政务公开 platform)" },
  { re: /\/\d{16,20}\.html$/i, cms: "snowflake / timestamp ids" },
];

/** Text of links that move through a list rather than into it. */
const PAGER_TEXT = /^(?:首页|上一页|下一页|尾页|末页|前一页|后一页|上页|下页|第一页|最后一页|\d{1,4}|go|跳转|转到|确定|»|«|>|<|>>|<<|‹|›|\.\.\.|…)$/i;

/** Elements that are one entry of a list. */
const ROW_TAGS: ReadonlySet<string> = new Set(["li", "tr", "dd", "dt"]);
/** Containers a row never extends into. */
const LIST_TAGS: ReadonlySet<string> = new Set(["ul", "ol", "table", "tbody", "thead", "dl", "body", "html"]);
const MAX_ROW_DEPTH = 6;

/** Inline elements that may hold the date inside an anchor (`<a>title<span>2023-01-18</span></a>`). */
const DATE_HOLDERS: ReadonlySet<string> = new Set(["span", "em", "i", "b", "font", "time", "small", "strong", "label", "div", "p"]);

/** Ellipses that mark an anchor text cut short by the template. */
const TRUNCATED = /(?:…|\.{3}|。。。|．．．)\s*$/;

export function isArticleUrl(url: string): boolean {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return false;
  }
  return ARTICLE_URLS.some(({ re }) => re.test(path));
}

export function isFileUrl(url: string): boolean {
  return FILE_EXTENSIONS.has(pathExtension(url));
}

export function isPagerText(text: string): boolean {
  return PAGER_TEXT.test(text.replace(/\s+/g, ""));
}

export interface ItemRules {
  /**
   * "list": an anchor is an item when its row prints a date, or it links an article-shaped URL
   * or a file, or its title reads as a report of some year (stray links without a date).
   * "reports": only anchors whose title reads as a report of some year (the generic adapter).
   * "record": every linking anchor (a Hanweb record is one entry by construction).
   */
  mode: "list" | "reports" | "record";
  /** Links the adapter knows are not items: the pager's, the page itself. */
  skip?: (url: string, text: string) => boolean;
}

/** Items of a parsed page (or of `root` within it), in document order, deduplicated by URL. */
export function itemsFromDom($: CheerioAPI, baseUrl: string, rules: ItemRules, root?: DomNode): ListingItem[] {
  const self = canonicalUrl(baseUrl);
  const out: ListingItem[] = [];
  const byUrl = new Map<string, ListingItem>();
  for (const a of select($, "a[href]", root)) {
    const url = resolveUrl(attr(a, "href"), baseUrl);
    if (!url) continue;
    const text = anchorText(a);
    if (canonicalUrl(url) === self || isPagerText(text)) continue;
    if (rules.skip?.(url, text)) continue;
    const title = anchorTitle(a, text);
    const row = rules.mode === "record" ? (root ?? rowOf(a)) : rowOf(a);
    const listingDate = dateNear(a, row);
    const accepted =
      rules.mode === "record" ||
      (rules.mode === "reports" ? looksLikeReportTitle(title) : listingDate !== null || isArticleUrl(url) || isFileUrl(url) || looksLikeReportTitle(title));
    if (!accepted || title === "") continue;
    const known = byUrl.get(url);
    if (known) {
      if (!known.listingDate && listingDate) known.listingDate = listingDate;
      if (TRUNCATED.test(known.title) && title.length > known.title.length) known.title = title;
      continue;
    }
    const item: ListingItem = { url, title, listingDate };
    byUrl.set(url, item);
    out.push(item);
  }
  return out;
}

/** Items of an HTML fragment (a Hanweb record's `<li>…</li>`). */
export function itemsFromFragment(html: string, baseUrl: string, rules: ItemRules): ListingItem[] {
  const $ = loadHtml(html);
  const body = select($, "body")[0];
  return itemsFromDom($, baseUrl, rules, body);
}

/** The anchor's text without the date some templates put inside it. */
function anchorText(a: DomNode): string {
  return textOf(a, (x) => x !== a && DATE_HOLDERS.has(tagName(x)) && isDateOnly(textOf(x)));
}

/** `@title` before the text when the text is empty, cut short ("…"), or no longer than it. */
export function anchorTitle(a: DomNode, text: string): string {
  const t = cleanText(attr(a, "title") ?? "");
  if (t && (text === "" || TRUNCATED.test(text) || t.length >= text.length)) return t;
  return text;
}

/**
 * The element standing for the anchor's entry: the closest <li>/<tr>/<dd>/<dt>, else the
 * outermost ancestor (a few levels up) that holds no other link.
 */
function rowOf(a: DomNode): DomNode {
  const row = closest(a, ROW_TAGS, MAX_ROW_DEPTH);
  if (row) return row;
  let best: DomNode = a;
  let x = a.parent;
  for (let d = 0; x && d < MAX_ROW_DEPTH; d++, x = x.parent) {
    if (LIST_TAGS.has(tagName(x)) || x.type === "root") break;
    if (countLinks(x) > 1) break;
    best = x;
  }
  return best;
}

/** Links under n, counted up to `stop` (a flat <div> of 20 000 links must not cost 20 000 per link). */
function countLinks(n: DomNode, stop = 2): number {
  let k = 0;
  const go = (x: DomNode): void => {
    if (tagName(x) === "a" && attr(x, "href") !== undefined) k++;
    for (const c of x.children ?? []) {
      if (k >= stop) return;
      go(c);
    }
  };
  go(n);
  return k;
}

/** The date printed in the row outside the anchor, else a date-only element inside it. */
function dateNear(a: DomNode, row: DomNode): string | null {
  if (row !== a) {
    const outside = normaliseDate(textOf(row, (x) => x === a));
    if (outside) return outside;
  }
  let inside: string | null = null;
  const go = (x: DomNode): void => {
    if (inside) return;
    if (x !== a && DATE_HOLDERS.has(tagName(x))) {
      const t = textOf(x);
      if (isDateOnly(t)) inside = normaliseDate(t);
      if (inside) return;
    }
    for (const c of x.children ?? []) go(c);
  };
  go(a);
  return inside;
}

/** A text that is a date and little else ("2022-01-20", "[2026/06/25]", "2026-07-16 16:09:00"). */
function isDateOnly(text: string): boolean {
  return normaliseDate(text) !== null && text.replace(/[\d\s\-/.:年月日\[\]()（）【】]/g, "") === "";
}
