/**
 * TRS WCM columns: the pager is a script, read here as text, never executed
 * (crawling.md §2.1–2.2, reference/sites/trs_pager_snippets.js).
 *
 *   A  createPageHTML(countPage, current0, "index", "html")  or inline `var countPage = N`:
 *      page 1 = index.html, page k ≥ 2 = index_{k-1}.html; index_{countPage} is a 404.
 *   B  createPageHTML('page_div', total, current1, 'list', 'shtml', records):
 *      page 1 = list.shtml, page k ≥ 2 = list_k.shtml.
 *
 * The off-by-one between them is the classic bug (crawling.md §4): A's second page is index_1.
 */
import type { CheerioAPI } from "cheerio";
import type { ListingResult, PageRequest } from "../types.js";
import { itemsFromDom } from "./items.js";
import { scriptBodies } from "./scan.js";
import { canonicalUrl, resolveUrl } from "./urls.js";

export interface TrsPager {
  variant: "A" | "B";
  /** Number of pages of the column. */
  countPage: number;
  /** The page this is, 1-based, when the script says. */
  currentPage: number | null;
  prefix: string;
  ext: string;
  /** B only: the record count it declares. */
  records: number | null;
  /** Which signature was read, for logs. */
  signature: string;
}

const Q = String.raw`["']`;
const NAME = String.raw`([\w-]+)`;
/** B: container id first (quoted), 1-based current page, total records last. */
const CALL_B = new RegExp(
  String.raw`createPageHTML\(\s*${Q}[\w-]+${Q}\s*,\s*(\d+)\s*,\s*(\d+)\s*,\s*${Q}${NAME}${Q}\s*,\s*${Q}(\w+)${Q}\s*,\s*(\d+)\s*\)`,
);
/** A: page count first (a number), 0-based current page. */
const CALL_A = new RegExp(String.raw`createPageHTML\(\s*(\d+)\s*,\s*(\d+)\s*,\s*${Q}${NAME}${Q}\s*,\s*${Q}(\w+)${Q}\s*\)`);
/** A called with variables (`createPageHTML(countPage, currentPage, "index", "shtml")`): name and extension only. */
const CALL_A_VARS = new RegExp(String.raw`createPageHTML\(\s*[A-Za-z_$][\w$]*\s*,\s*[A-Za-z_$][\w$]*\s*,\s*${Q}${NAME}${Q}\s*,\s*${Q}(\w+)${Q}\s*\)`);
/** A, inline: the Ordos template declares the variables and writes the links itself. */
const VAR_COUNT = /\bvar\s+countPage\s*=\s*(\d+)/;
const VAR_CURRENT = /\bvar\s+currentPage\s*=\s*(\d+)/;
/** The extension the inline script writes into its links, once `"."+"html"` concatenations are joined. */
const SCRIPT_EXT = /\bindex(?:_\d+)?\.(shtml|html|htm)\b/i;
/** The extension of the page itself when it is an index page. */
const URL_EXT = /\/index(?:_\d+)?\.(shtml|html|htm)$/i;

/** The TRS pager the page's scripts declare, or null. */
export function readTrsPager(text: string, pageUrl: string): TrsPager | null {
  const b = CALL_B.exec(text);
  if (b) {
    return {
      variant: "B",
      countPage: Number(b[1]),
      currentPage: Number(b[2]),
      prefix: b[3]!,
      ext: b[4]!.toLowerCase(),
      records: Number(b[5]),
      signature: b[0],
    };
  }
  const a = CALL_A.exec(text);
  if (a) {
    return { variant: "A", countPage: Number(a[1]), currentPage: Number(a[2]) + 1, prefix: a[3]!, ext: a[4]!.toLowerCase(), records: null, signature: a[0] };
  }
  const count = VAR_COUNT.exec(text);
  if (count) {
    const current = VAR_CURRENT.exec(text);
    const call = CALL_A_VARS.exec(text);
    return {
      variant: "A",
      countPage: Number(count[1]),
      currentPage: current ? Number(current[1]) + 1 : null,
      prefix: call?.[1] ?? "index",
      ext: call?.[2]?.toLowerCase() ?? inlineExtension(text, pageUrl),
      records: null,
      signature: count[0],
    };
  }
  return null;
}

function inlineExtension(text: string, pageUrl: string): string {
  // Only the pager's own script: the rest of the page links other sites' index.htm (a weather widget on Ordos).
  const script = scriptBodies(text).find((s) => VAR_COUNT.test(s)) ?? "";
  const joined = script.replace(/["']\s*\+\s*["']/g, "");
  const fromScript = SCRIPT_EXT.exec(joined)?.[1];
  if (fromScript) return fromScript.toLowerCase();
  let path = "";
  try {
    path = new URL(pageUrl).pathname;
  } catch {
    /* keep "" */
  }
  return URL_EXT.exec(path)?.[1]?.toLowerCase() ?? "html";
}

/** Relative name of page k (1-based) of the column. */
export function trsPageName(pager: TrsPager, k: number): string {
  if (k <= 1) return `${pager.prefix}.${pager.ext}`;
  return pager.variant === "A" ? `${pager.prefix}_${k - 1}.${pager.ext}` : `${pager.prefix}_${k}.${pager.ext}`;
}

/** Every page of the column, page 1 first, resolved against the page read. */
export function trsPageUrls(pager: TrsPager, pageUrl: string): string[] {
  const urls: string[] = [];
  for (let k = 1; k <= Math.max(1, pager.countPage); k++) {
    const u = resolveUrl(trsPageName(pager, k), pageUrl);
    if (u) urls.push(u);
  }
  return urls;
}

export function readTrsListing($: CheerioAPI, text: string, url: string): ListingResult {
  const pager = readTrsPager(text, url);
  const all = pager ? trsPageUrls(pager, url) : [];
  const own = canonicalUrl(url);
  const column = new Set(all.map((u) => canonicalUrl(u)));
  // The browser-saved Ordos copy holds the links the script wrote (index_1.html …); they are
  // the pager, not items — as is any index_N / list_N page of this directory.
  const pagerName = pager ? new RegExp(String.raw`^${escapeRe(pager.prefix)}(?:_\d+)?\.${escapeRe(pager.ext)}$`, "i") : /^$/;
  const items = itemsFromDom($, url, {
    mode: "list",
    skip: (u) => column.has(canonicalUrl(u)) || (sameDirectory(u, url) && pagerName.test(lastSegment(u))),
  });
  const pages: PageRequest[] = all.filter((u) => canonicalUrl(u) !== own).map((u) => ({ url: u }));
  const result: ListingResult = { adapter: "trs", items, pages };
  if (pager) result.totalPages = pager.countPage;
  if (pager?.records !== null && pager?.records !== undefined) result.totalRecords = pager.records;
  return result;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function lastSegment(url: string): string {
  const p = new URL(url).pathname;
  return p.slice(p.lastIndexOf("/") + 1);
}

function sameDirectory(a: string, b: string): boolean {
  const dir = (u: string): string => {
    const x = new URL(u);
    return x.origin + x.pathname.slice(0, x.pathname.lastIndexOf("/") + 1);
  };
  return dir(a) === dir(b);
}
