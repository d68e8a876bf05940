/**
 * Listing pages: which CMS made them (by signature, crawling.md §1), and what they list.
 *
 *   detectAdapter(url, text, contentType)  → "trs" | "hanweb" | "gkmlpt" | "plain" | "generic"
 *   readListing({ url, text, contentType }, adapter?) → items and further pages
 *
 * Pure: the page is given as decoded text with its final URL; nothing is fetched here.
 */
import type { CheerioAPI } from "cheerio";
import type { AdapterName, ListingResult } from "../types.js";
import { attr, loadHtml, select } from "./dom.js";
import { readGkmlpt } from "./gkmlpt.js";
import { readHanwebListing } from "./hanweb.js";
import { itemsFromDom } from "./items.js";
import { detectPagePattern, readPlainListing } from "./plain.js";
import { readTrsListing, readTrsPager } from "./trs.js";
import { pathOf, resolveUrl } from "./urls.js";

export interface FetchedPage {
  /** The page's URL after redirects. For a gkmlpt shell, keep the `#{column}` fragment of the start URL. */
  url: string;
  /** Decoded text. */
  text: string;
  contentType: string | null;
}

/** The page, parsed at most once however many signatures and adapters look at it. */
interface Seen extends FetchedPage {
  dom(): CheerioAPI;
}

interface Signature {
  adapter: AdapterName;
  name: string;
  test: (page: Seen) => boolean;
  seenOn: string;
}

/** Signatures in the order they are tried: the most specific first. */
const SIGNATURES: readonly Signature[] = [
  {
    adapter: "gkmlpt",
    name: "gkmlpt API or SPA path",
    test: (p) => /\/gkmlpt\/(?:api\/all\/|index\b|policy\b)/.test(pathOf(p.url)),
    seenOn: "Guangdong /gkmlpt/index#{col}, /gkmlpt/api/all/{col}?page=N&sid=… (reference/sites/gkmlpt_*)",
  },
  {
    adapter: "gkmlpt",
    name: "JSON list with articles[]",
    test: (p) => isJson(p) && /"articles"\s*:\s*\[/.test(p.text),
    seenOn: "gkmlpt API answers served from another path",
  },
  {
    adapter: "hanweb",
    name: "<datastore> records or the jpage dataproxy",
    test: (p) => /<datastore>/i.test(p.text) || /\/module\/(?:web\/)?jpage\/(?:more(?:column)?)?dataproxy\.jsp/i.test(p.text) || /\.jpage\(\s*\{/.test(p.text),
    seenOn: "大汉 /col/col{ID}/index.html and dataproxy.jsp answers (reference/sites/hanweb_*)",
  },
  {
    adapter: "trs",
    name: "createPageHTML(...) call or inline var countPage",
    test: (p) => readTrsPager(p.text, p.url) !== null,
    seenOn: "TRS WCM A and B pagers (reference/sites/trs_pager_snippets.js, trs_listing_ordos_*)",
  },
  {
    adapter: "plain",
    name: "?page=N, N.html or prefix_N links",
    test: (p) => !isJson(p) && detectPagePattern(linksOf(p.dom(), p.url), p.url) !== null,
    seenOn: "InfoPublic.aspx?cid=..&page=N, jyj.yanan.gov.cn 1.html, column-index-N.shtml (reference/sites/real_url_patterns.txt)",
  },
];

/** Which listing adapter fits the page. "generic" when no signature matches. */
export function detectAdapter(url: string, text: string, contentType: string | null): AdapterName {
  return detect(seen({ url, text, contentType }));
}

function detect(page: Seen): AdapterName {
  for (const s of SIGNATURES) if (s.test(page)) return s.adapter;
  return "generic";
}

function seen(page: FetchedPage): Seen {
  let $: CheerioAPI | null = null;
  return { ...page, dom: () => ($ ??= loadHtml(page.text)) };
}

/**
 * What a listing page lists, and the further pages it declares (all of the column's pages but
 * this one, in order) — or `pages: null` and `pageAfter(n)` when it does not declare them.
 * `adapter` forces one (the sites file's `adapter`); otherwise it is detected.
 */
export function readListing(page: FetchedPage, adapter?: AdapterName): ListingResult {
  const p = seen(page);
  const which = adapter ?? detect(p);
  switch (which) {
    case "hanweb":
      return readHanwebListing(p.text, p.url);
    case "gkmlpt":
      return readGkmlpt(p.text, p.url);
    case "trs":
      // No pager script (a one-page column, or links rendered by the server): read the links.
      return readTrsPager(p.text, p.url) ? readTrsListing(p.dom(), p.text, p.url) : readPlainListing(p.dom(), p.text, p.url, "trs");
    case "plain":
      return readPlainListing(p.dom(), p.text, p.url);
    case "generic":
      return readGenericListing(p);
  }
}

/** Links whose title reads as a report of some year; no pagination. */
function readGenericListing(page: Seen): ListingResult {
  if (isJson(page)) return { adapter: "generic", items: [], pages: [] };
  return { adapter: "generic", items: itemsFromDom(page.dom(), page.url, { mode: "reports" }), pages: [] };
}

function linksOf($: CheerioAPI, url: string): string[] {
  return select($, "a[href]")
    .map((a) => resolveUrl(attr(a, "href"), url))
    .filter((u): u is string => u !== null);
}

function isJson(page: FetchedPage): boolean {
  if (page.contentType && /[/+]json\b/i.test(page.contentType)) return true;
  const head = page.text.trimStart();
  return head.startsWith("{") || (head.startsWith("[") && !head.startsWith("[if"));
}
