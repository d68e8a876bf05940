/**
 * The mirror's public shapes: options, the ground truth (`expected`) and request patterns.
 * See README.md next to this file for the hosts, the traps and what a correct crawler does.
 */
import type { Classification, FileKind, SiteConfig, SitesFile } from "../../../src/crawl/types.js";
import type { LogEntry, RequestLog } from "./server.js";

export const HOST_NAMES = [
  "trs-a",
  "trs-a-shtml",
  "trs-a-htm",
  "trs-b",
  "hanweb",
  "hanweb-zwgk",
  "gkmlpt",
  "gkmlpt-gd",
  "plain-query",
  "plain-num",
  "misc",
  "old",
  "zyk",
  "spam",
  "flaky",
  "stall",
  "hops",
  "robots-all",
  "robots-sub",
  "robots-503",
  "rs412",
  "rs202",
  "jsl521",
  "block200",
  "rs-deep",
] as const;

export type HostName = (typeof HOST_NAMES)[number];

export interface MirrorOptions {
  /** Delay of the slow page (flaky host) in ms. Default 8000: a crawl with the 2 s timeout of limits sees a timeout. */
  slowMs?: number;
  /** How long the trickling article (stall host) takes to send its body, in ms. Default 12000: over the 3 s deadline of limits. */
  stallMs?: number;
  /** Crawl-delay written in robots-sub's robots.txt, in seconds. Default 1. */
  crawlDelaySeconds?: number;
  /** Retry-After of the 503-then-200 article, in seconds. Default 1. */
  retryAfterSeconds?: number;
  /** Size of the oversize attachment. Default 3 MiB (3_145_728): above the 2 MiB cap tests should set. */
  oversizeBytes?: number;
  /** Fixed ports per host (default: ephemeral, 0). Lets a test restart the mirror on the same origins. */
  ports?: Partial<Record<HostName, number>>;
  /** Where the samples are read from (default: the repository's samples/). */
  samplesDir?: string;
}

/** What a correct crawl should use to get the mirror's ground truth. */
export interface CrawlLimits {
  /** Attachment size cap a test should set (bytes): every real attachment is far below it, the oversize file above. */
  maxAttachmentBytes: number;
  /** The biggest attachment a correct crawl stores. */
  largestAttachmentBytes: number;
  oversizeBytes: number;
  /** Delay of the slow page, and the request timeout a test should set (below slowMs). */
  slowMs: number;
  requestTimeoutMs: number;
  /** How long the stall host's article takes, and the overall request deadline a test should set (below stallMs). */
  stallMs: number;
  requestDeadlineMs: number;
  /** robots-sub's Crawl-delay: the only host where the crawler must space requests ≥ this many seconds. */
  crawlDelaySeconds: number;
  retryAfterSeconds: number;
  /** A per-host minimum interval tests may set (the mirror accepts fast crawls; it never throttles). */
  minIntervalMs: number;
}

export interface ExpectedAttachment {
  url: string;
  sha256: string;
  bytes: number;
  /** What the bytes are (magic + structure): pdf, doc, docx, wps (OLE), xls (OLE), ofd (zip). */
  kind: FileKind;
  /** The file name the server suggests (Content-Disposition, decoded), or null when it sends none. */
  suggestedName: string | null;
  /** Article pages that link it. */
  linkedFrom: string[];
  /** The URL those pages link when it is not `url` itself but a redirect to it (hops host). */
  linkedAs?: string;
}

export interface ExpectedReport {
  /** Stable id inside the mirror, e.g. "trs-a/edu-2022". */
  key: string;
  /** Site (of sitesFile()) whose crawl finds it; `siteIds` lists every site that reaches it. */
  siteId: string;
  siteIds: string[];
  agency: string;
  /** Reported year (not the publication year). */
  year: number;
  /** Full title as the listing's @title / the article page gives it. */
  title: string;
  /** Format of the document that holds the report: "html" = the article body itself; else the first attachment's kind. */
  format: FileKind | "html";
  /** The article page (final URL, after redirects). */
  articleUrl: string;
  /** Other URLs under which the same report is reached: duplicates, aliases, redirecting URLs. */
  alsoAt: string[];
  attachments: ExpectedAttachment[];
  /** sha256 of the document: the article page's bytes (html) or the primary attachment's. */
  documentSha256: string;
  /** The three dates kept apart (YYYY-MM-DD): listing, the page's meta/info box, the URL's tYYYYMMDD. */
  dates: { listing: string | null; meta: string | null; url: string | null };
  /** Trap ids (see Expected.traps) this report exercises. */
  traps: string[];
}

/** A request as a test can look for it in the log: query or form must hold `params`. */
export interface RequestPattern {
  host: HostName;
  method?: "GET" | "POST";
  pathname: string;
  params?: Record<string, string>;
}

export interface Trap {
  id: string;
  description: string;
  urls: string[];
  /** What a correct crawler does. */
  correct: string;
}

export interface Expected {
  /** Exactly the reports a correct crawl finds (one entry per report; duplicates folded into alsoAt). */
  reports: ExpectedReport[];
  /** Articles listed in the columns that are not annual reports (meeting news, notices, 解读…). */
  nonReports: { siteId: string; url: string; title: string; why: string }[];
  /** Reports that exist but a correct crawl cannot reach (behind a broken Hanweb group). */
  unreachable: { siteId: string; url: string; title: string; why: string }[];
  /** URLs a correct crawler never requests (robots, OLDSRC, past countPage, redirects to denied hosts). */
  neverRequest: { url: string; why: string }[];
  /** Whole path prefixes never requested (host-wide robots denial, robots sub-path, the republisher). */
  neverRequestPrefixes: { host: HostName; origin: string; pathPrefix: string; except: string[]; why: string }[];
  /** Probes a crawler following crawling.md's stop rules does not need (not errors, but wasted requests). */
  shouldNotRequest: { url: string; why: string }[];
  /** Requests a correct crawl must make (TRS index_1, both Hanweb groups…): one of anyOf. */
  mustRequest: { siteId: string; anyOf: RequestPattern[]; why: string }[];
  /** Hosts whose pages are anti-bot challenges: reported blocked, at most maxRequestsAfterBlock more requests. */
  blockedHosts: { host: HostName; origin: string; siteId: string; status: number; firstBlockedUrl: string; maxRequestsAfterBlock: number; why: string }[];
  /** Hosts a correct crawl does not walk because of robots.txt. */
  robotsDeniedHosts: { host: HostName; origin: string; siteId: string; why: string }[];
  /** Single URLs denied by robots.txt on hosts that are otherwise crawled. */
  robotsDeniedUrls: { url: string; why: string }[];
  /** The same report (or listing) under several URLs, and same-name files that are NOT the same. */
  duplicateGroups: { id: string; kind: "same-report" | "same-listing" | "same-file" | "same-name-different-files"; urls: string[]; reportKeys: string[]; why: string }[];
  /** Links a correct crawler follows and that fail, with the classification it should record. */
  failures: { siteId: string; url: string; classification: Classification | "not-followed"; why: string }[];
  /** Seeds (start URLs) that are dead: a reported error, not an empty result. */
  deadSeeds: { siteId: string; url: string; finalUrl: string | null; why: string }[];
  /** Listings a correct crawler cannot read completely (catalog_complete=false). */
  incompleteCatalogs: { siteId: string; url: string; why: string }[];
  /** `validators`: the hop carries an ETag and/or Last-Modified, so a second run asks it conditionally (304). */
  redirects: { from: string; to: string; status: number | "meta-refresh"; why: string; validators?: "both" | "etag" | "last-modified" }[];
  /** The slow page: counted as a failure with limits.requestTimeoutMs < slowMs; found when the timeout is longer. */
  slow: { siteId: string; url: string; delayMs: number; title: string };
  /** The trickling article: headers at once, its body spread over stallMs; a failure with limits.requestDeadlineMs < stallMs, found when the deadline is longer. */
  stall: { siteId: string; url: string; trickleMs: number; title: string };
  /** The 503-then-200 article: the first request gets 503 + Retry-After, the next 200. */
  retryOnce: { url: string; retryAfterSeconds: number };
  /** Every trap with its URLs and the correct behaviour, for humans and closing notes. */
  traps: Trap[];
  limits: CrawlLimits;
}

export interface Mirror {
  /** Host name → origin (http://127.0.0.1:port). */
  hosts: Record<HostName, string>;
  /** Host name of a URL's origin, or undefined when it is not a mirror host. */
  hostOf(url: string): HostName | undefined;
  /** The sites file a crawl of the mirror starts from; `overrides` are merged into every site (e.g. minIntervalMs). */
  sitesFile(overrides?: Partial<Omit<SiteConfig, "id" | "agency" | "start">>): SitesFile;
  expected: Expected;
  log: RequestLog;
  /** Log entries that match a pattern. */
  requested(p: RequestPattern): LogEntry[];
  /** Log entries that hit expected.neverRequest or expected.neverRequestPrefixes (should be []). */
  violations(): LogEntry[];
  /** Requests to `host` after the first anti-bot answer there (entries tagged "challenge"). */
  requestsAfterFirstBlock(host: HostName): LogEntry[];
  options: Required<Omit<MirrorOptions, "ports" | "samplesDir">>;
  close(): Promise<void>;
}
