/**
 * The crawler's vocabulary (issue 5, shared/spec/crawling.md). Three rooms share these types:
 *   - src/crawl/sites/   pure functions over fetched pages: which CMS, which items, which next
 *                        pages, what an article holds (no network);
 *   - src/crawl/http/    the polite fetcher: per-host queues, robots.txt, retries, redirects,
 *                        decoding, anti-bot classification, attachments to disk; and the SQLite
 *                        state that makes runs incremental and resumable;
 *   - src/crawl/crawl.ts the walk that joins them and hands documents to the parsers.
 */
import type { FileKind } from "../../parsers/sniff.js";

/** A file kind sniffed from the bytes, never from the name or the Content-Type (parsers/sniff.ts). */
export type { FileKind };

/** One agency's annual-report column, as the sites file gives it (data-contract.md §1). */
export interface SiteConfig {
  id: string;
  agency: string;
  /** Listing pages of the 年报 column. */
  start: string[];
  /** Force a listing adapter instead of detecting it. */
  adapter?: AdapterName;
  /** Hard cap of listing pages walked per start URL (default 50). */
  maxPages?: number;
  /** Minimum milliseconds between two requests to one host (default 1500; robots Crawl-delay wins when larger). */
  minIntervalMs?: number;
  /** Extra hosts this site may link to (attachments on a file server). */
  allowHosts?: string[];
}

export interface SitesFile {
  sites: SiteConfig[];
}

export type AdapterName = "trs" | "hanweb" | "gkmlpt" | "plain" | "generic";

/** A request the walk will make. `form` makes it a POST (Hanweb dataproxy). */
export interface PageRequest {
  url: string;
  method?: "GET" | "POST";
  form?: Record<string, string>;
}

/** An entry of a listing page: a candidate article (or a direct file link). */
export interface ListingItem {
  url: string;
  /** Full title: an anchor's @title before its truncated text ("…"). */
  title: string;
  /** The date the listing shows next to the item (YYYY-MM-DD), kept apart from the others. */
  listingDate: string | null;
}

/** What an adapter read from one listing page. */
export interface ListingResult {
  adapter: AdapterName;
  items: ListingItem[];
  /**
   * Further listing pages the page itself declares (TRS countPage, Hanweb totalrecord, gkmlpt
   * total): all of them, in order. Null when the page does not say (plain ?page=N lists): the
   * walk then asks `pageAfter` and stops by the rules of crawling.md §2.5.
   */
  pages: PageRequest[] | null;
  /** For lists that do not declare their length: the request for page n (1-based), or null. */
  pageAfter?: (n: number) => PageRequest | null;
  /** Declared totals, when printed (for `catalog_complete`). */
  totalPages?: number;
  totalRecords?: number;
}

/** What an article page holds. */
export interface ArticleResult {
  title: string | null;
  /** Three dates kept apart (crawling.md §2.9): the page's meta/info-box date, and the tYYYYMMDD of the URL. */
  metaDate: string | null;
  urlDate: string | null;
  /** Body text (for the "is this an annual report" check and the ≥200-character content check). */
  bodyText: string;
  /** Absolute attachment URLs: href, file_appendix, iframe/embed, pdf.js viewer ?file=; never OLDSRC. */
  attachments: string[];
  /** Whether title and content say this is a government information-disclosure annual report. */
  isReport: boolean;
  /** Why not, when not. */
  reason?: string;
}

/** How a fetch ended, for the walk, the state and the summary. */
export type Classification =
  | "ok"
  | "not-modified" // 304 to a conditional request: nothing changed since the stored copy
  | "not-found" // 404/410, a soft 404 (redirect to the site root, "页面不存在"), a dead seed
  | "blocked" // anti-bot: 412/202/521 or challenge markers with no real body — never retried in a loop
  | "robots-denied" // robots.txt disallows it (or the host's robots.txt answered 5xx this run)
  | "too-large" // over the size cap
  | "wrong-type" // an HTML error page at a .pdf URL, a 0-byte file
  | "error"; // timeouts, resets, 5xx after retries, circuit open

/**
 * Why a fetch ended as "error", in closed terms (issue 13); `FetchResult.error` says the details.
 * The first four are the transport's; "host-time" is the per-host cap; the rest are the fetcher's.
 */
export type FetchErrorReason =
  | "timeout" // no response headers, or a pause in the body, longer than `timeoutMs`
  | "deadline" // one exchange (headers and body) longer than its overall deadline
  | "too-slow" // the body arrived below the minimum transfer rate (a trickling server)
  | "network" // reset, refused, DNS, TLS
  | "host-time" // the host used up its time for this run: its queue moves on without it
  | "http-status" // a 5xx or another error status, after the retries it was worth
  | "redirect" // a redirect loop, more hops than allowed, a 3xx without a usable Location
  | "invalid-url" // not a URL, or not http(s)
  | "circuit-open" // the host failed too often in a row this run
  | "run-budget" // the run's time budget is spent
  | "closed" // the fetcher was closed
  | "empty-body" // a 2xx with nothing in it where a page was expected
  | "internal"; // a bug or a disk error inside the fetcher

export type RequestLabel = "robots" | "listing" | "article" | "attachment";

export interface FetchRequest extends PageRequest {
  label: RequestLabel;
  /** Stream the body to the content-addressed store instead of returning it (attachments). */
  toStore?: boolean;
}


export interface StoredFile {
  sha256: string;
  bytes: number;
  kind: FileKind;
  /** Path of the stored bytes: <store>/<sha256[0:2]>/<sha256>. */
  path: string;
  /** The filename the server suggested (Content-Disposition, GBK or RFC 5987 decoded), for humans only. */
  suggestedName: string | null;
}

export interface FetchResult {
  request: FetchRequest;
  /** After redirects. */
  finalUrl: string;
  redirects: string[];
  status: number | null;
  classification: Classification;
  /** Decoded text of pages (listing/article/robots). */
  text: string | null;
  charset: string | null;
  contentType: string | null;
  /** Attachments and files: what was stored. */
  file: StoredFile | null;
  /** ISO 8601, for source.retrievedAt. */
  fetchedAt: string;
  /** One line for logs and failures: what went wrong. */
  error: string | null;
  /** For "error" outcomes: why, as a closed code. Null otherwise. */
  reason: FetchErrorReason | null;
}

/** The fetcher as the walk sees it: one call per request, politeness and state inside. */
export interface Fetcher {
  fetch(req: FetchRequest): Promise<FetchResult>;
  /** Per-host counters for the summary (requests, blocked, robots-denied, errors…). */
  hostStats(): Record<string, Record<string, number>>;
  close(): Promise<void>;
}
