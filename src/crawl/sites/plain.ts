/**
 * Lists that do not declare their length (crawling.md §2.5): `?page=N`, `N.html`,
 * `index_N.html`/`column-index-N.shtml` links with no TRS script. The pattern is read from the
 * pager links the page holds; `pageAfter(n)` builds page n (1-based) from it, and the walk stops
 * by the rules of §2.5 (declared total, empty page, two pages in a row of already-seen URLs, cap).
 */
import type { CheerioAPI } from "cheerio";
import type { ListingResult, PageRequest } from "../types.js";
import { attr, select } from "./dom.js";
import { isArticleUrl, itemsFromDom } from "./items.js";
import { resolveUrl } from "./urls.js";

/** Query parameters that number list pages on the sites seen (InfoPublic.aspx?cid=..&page=N, ?pageNum=N). */
const PAGE_PARAMS: ReadonlySet<string> = new Set([
  "page", "pageno", "pagenum", "pageindex", "pagenumber", "page_no", "curpage", "currentpage", "currpage", "cpage", "p", "pn",
]);
/** Extensions of list pages. */
const LIST_EXT = String.raw`(s?html?|jsp|aspx?|php)`;
/** At most four digits: longer numbers in a list's directory are article ids (snowflake names), not pages. */
const NUMBERED_FILE = new RegExp(String.raw`^(\d{1,4})\.${LIST_EXT}$`, "i");
const SUFFIXED_FILE = new RegExp(String.raw`^(.+?)([_-])(\d+)\.${LIST_EXT}$`, "i");
const PLAIN_FILE = new RegExp(String.raw`^(.+)\.${LIST_EXT}$`, "i");
/** "共 12 页" printed by the pager. */
const TOTAL_PAGES = /共\s*(\d{1,4})\s*页/;

export interface PagePattern {
  kind: "query" | "numbered-file" | "suffix";
  /** e.g. "?page=N", "N.html", "index_{N-1}.html". */
  describe: string;
  /** URL of page n (1-based), or null when n is out of range. */
  build(n: number): string | null;
  /** Whether a link is one of this list's pages (a pager link, not an item). */
  matches(url: string): boolean;
}

interface Parts {
  url: URL;
  dir: string;
  name: string;
}

function parts(u: string): Parts | null {
  try {
    const url = new URL(u);
    const i = url.pathname.lastIndexOf("/");
    return { url, dir: url.origin + url.pathname.slice(0, i + 1), name: url.pathname.slice(i + 1) };
  } catch {
    return null;
  }
}

/** The pagination pattern the page's links show, or null. */
export function detectPagePattern(allLinks: readonly string[], pageUrl: string): PagePattern | null {
  let links = allLinks;
  const page = parts(pageUrl);
  if (!page) return null;
  // Article names that look numbered (TRS t20200101_1.html) are items, never pages.
  links = links.filter((l) => !isArticleUrl(l));
  const candidates: { pattern: PagePattern; votes: number }[] = [];

  // ?page=N on this page's path (or its directory's index).
  const byParam = new Map<string, { name: string; values: number[] }>();
  const ownParam = [...page.url.searchParams].find(([k, v]) => PAGE_PARAMS.has(k.toLowerCase()) && /^\d+$/.test(v));
  for (const link of links) {
    const l = parts(link);
    if (!l || l.dir !== page.dir || (l.name !== page.name && l.name !== "" && page.name !== "")) continue;
    for (const [k, v] of l.url.searchParams) {
      if (!PAGE_PARAMS.has(k.toLowerCase()) || !/^\d+$/.test(v)) continue;
      const e = byParam.get(k.toLowerCase()) ?? { name: k, values: [] };
      e.values.push(Number(v));
      byParam.set(k.toLowerCase(), e);
    }
  }
  for (const { name, values } of byParam.values()) {
    const zeroBased = values.includes(0) || (ownParam?.[0] === name && ownParam[1] === "0");
    const base = page.url.href;
    candidates.push({
      votes: values.length,
      pattern: {
        kind: "query",
        describe: `?${name}=${zeroBased ? "N-1" : "N"}`,
        build: (n) => {
          if (!Number.isInteger(n) || n < 1) return null;
          const u = new URL(base);
          u.searchParams.set(name, String(zeroBased ? n - 1 : n));
          return u.href;
        },
        matches: (link) => {
          const l = parts(link);
          return l !== null && l.dir === page.dir && [...l.url.searchParams.keys()].some((k) => k.toLowerCase() === name.toLowerCase());
        },
      },
    });
  }

  // N.html in this directory.
  const numbered = links.map(parts).filter((l): l is Parts => l !== null && l.dir === page.dir && NUMBERED_FILE.test(l.name));
  if (numbered.length && (page.name === "" || NUMBERED_FILE.test(page.name) || /^index\./i.test(page.name))) {
    const ext = NUMBERED_FILE.exec(numbered[0]!.name)![2]!;
    candidates.push({
      votes: numbered.length,
      pattern: {
        kind: "numbered-file",
        describe: `N.${ext}`,
        build: (n) => (Number.isInteger(n) && n >= 1 ? `${page.dir}${n}.${ext}` : null),
        matches: (link) => {
          const l = parts(link);
          return l !== null && l.dir === page.dir && NUMBERED_FILE.test(l.name);
        },
      },
    });
  }

  // prefix_N.ext / prefix-N.ext in this directory, the prefix being this page's own.
  const own = SUFFIXED_FILE.exec(page.name);
  const ownStem = own ? own[1]! : PLAIN_FILE.exec(page.name)?.[1] ?? null;
  const groups = new Map<string, { prefix: string; sep: string; ext: string; numbers: number[] }>();
  for (const link of links) {
    const l = parts(link);
    if (!l || l.dir !== page.dir) continue;
    const m = SUFFIXED_FILE.exec(l.name);
    if (!m) continue;
    const [prefix, sep, num, ext] = [m[1]!, m[2]!, Number(m[3]), m[4]!];
    if (ownStem !== null && prefix !== ownStem) continue;
    const key = `${prefix}\u0000${sep}\u0000${ext}`;
    const g = groups.get(key) ?? { prefix, sep, ext, numbers: [] };
    g.numbers.push(num);
    groups.set(key, g);
  }
  for (const g of groups.values()) {
    const min = Math.min(...g.numbers);
    // Which number page n carries: known from this page's own number (taken as page 1), else
    // from the links: an "_1" link next to an unnumbered first page means page n = _{n-1}.
    let offset: number;
    let unnumberedFirst: boolean;
    if (own && own[1] === g.prefix) {
      offset = Number(own[3]) - 1;
      unnumberedFirst = false;
    } else {
      unnumberedFirst = true;
      offset = min <= 1 ? -1 : 0;
    }
    const { prefix, sep, ext } = g;
    candidates.push({
      votes: g.numbers.length,
      pattern: {
        kind: "suffix",
        describe: `${prefix}${sep}{N${offset === 0 ? "" : offset > 0 ? `+${offset}` : `${offset}`}}.${ext}`,
        build: (n) => {
          if (!Number.isInteger(n) || n < 1) return null;
          if (n === 1 && unnumberedFirst) return `${page.dir}${prefix}.${ext}`;
          return `${page.dir}${prefix}${sep}${n + offset}.${ext}`;
        },
        matches: (link) => {
          const l = parts(link);
          if (!l || l.dir !== page.dir) return false;
          const m = SUFFIXED_FILE.exec(l.name);
          return (m !== null && m[1] === prefix && m[2] === sep) || l.name === `${prefix}.${ext}`;
        },
      },
    });
  }

  candidates.sort((a, b) => b.votes - a.votes);
  return candidates[0]?.pattern ?? null;
}

export function readPlainListing($: CheerioAPI, text: string, url: string, adapter: "plain" | "trs" = "plain"): ListingResult {
  const links = select($, "a[href]")
    .map((a) => resolveUrl(attr(a, "href"), url))
    .filter((u): u is string => u !== null);
  const pattern = detectPagePattern(links, url);
  const items = itemsFromDom($, url, { mode: "list", skip: (u) => pattern?.matches(u) ?? false });
  const result: ListingResult = {
    adapter,
    items,
    pages: null,
    pageAfter: (n): PageRequest | null => {
      const u = pattern?.build(n) ?? null;
      return u ? { url: u } : null;
    },
  };
  const total = TOTAL_PAGES.exec(text.replace(/<[^>]+>|&nbsp;/g, " "));
  if (total) result.totalPages = Number(total[1]);
  return result;
}
