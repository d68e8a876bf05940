/**
 * The walk of one site: its listing pages (declared pages, or page after page until the stop
 * rules of crawling.md §2.5 say enough), then each listed article, then the article's documents.
 * Network goes through the Fetcher (politeness, robots, retries, state), page reading through the
 * pure site adapters; this module only decides what to fetch next and what was found.
 */
import { SECTION_DEFS, TABLE3_MARKER, TEMPLATE_HINTS, mentionsSection } from "../templates/index.js";
import { foldLabel } from "../extract/normalise.js";
import type { Classification, FileKind, FetchRequest, FetchResult, Fetcher, ListingItem, ListingResult, PageRequest, SiteConfig } from "./types.js";
import { articleHtml, canonicalUrl, classifyReport, contentProblem, dedupeItems, readArticle, readHanwebProxy, readListing, urlDate } from "./sites/index.js";

/** A document the walk found for a report article: the article page itself, or a file it links. */
export interface FoundDocument {
  siteId: string;
  agency: string;
  /** The article page (final URL), or the file URL for a report listed as a bare file. */
  articleUrl: string;
  title: string | null;
  dates: { listing: string | null; meta: string | null; url: string | null };
  /** The document's own URL (final), the URL it was asked for (the state's key), and how it is held. */
  url: string;
  requestUrl: string;
  /**
   * Every URL this document was reached at in this walk, sorted: as listed or linked, as asked,
   * each redirect hop, the final URL; and, when the same document (by content hash) turns up under
   * another URL of the walk, those too. For the run loop's "one report published at two URLs"
   * (crawling.md §2.10: keep both source URLs).
   */
  urls: string[];
  kind: FileKind | "html";
  /** Stored file path (attachments), or the page text as the fetcher decoded it (HTML article bodies). */
  path: string | null;
  text: string | null;
  /** The charset the page text was decoded by, and the Content-Type it came with. */
  charset: string | null;
  contentType: string | null;
  /** True when `text` is not the page but the body it keeps in script (gkmlpt window._CONFIG.DETAIL). */
  embeddedBody: boolean;
  /** The stored file's sha256; null for pages (the state holds the hash of their bytes). */
  sha256: string | null;
  /** Attachment URLs of the article (for source.attachments of an HTML report). */
  attachments: string[];
  retrievedAt: string;
}

export interface WalkFailure {
  siteId: string;
  url: string;
  label: FetchRequest["label"];
  classification: Classification;
  error: string;
}

export interface SiteWalk {
  siteId: string;
  listingPages: number;
  /** False when a listing page the column declares could not be read (crawling.md §2.3). */
  catalogComplete: boolean;
  /** Seeds that were dead (a reported error, not an empty result). */
  deadSeeds: { url: string; classification: Classification; error: string | null }[];
  articles: number;
  reportArticles: string[];
  nonReports: { url: string; title: string; reason: string }[];
  documents: FoundDocument[];
  failures: WalkFailure[];
}

/** Documents nianbao can read; other kinds (ofd, wps, xls) are stored but not parsed. */
const READABLE: ReadonlySet<FileKind> = new Set(["pdf", "doc", "docx"]);
const FILE_LINK = /\.(pdf|docx?|wps|ofd|xlsx?|zip)(?:$|[?#])/i;
/** Stop a list that does not declare its length after two pages in a row with nothing new. */
const KNOWN_PAGES_TO_STOP = 2;
const DEFAULT_MAX_PAGES = 50;

const good = (r: FetchResult) => r.classification === "ok" || r.classification === "not-modified";

function requestKey(p: PageRequest): string {
  const form = p.form ? JSON.stringify(Object.entries(p.form).sort()) : "";
  return `${p.method ?? (p.form ? "POST" : "GET")} ${canonicalUrl(p.url)} ${form}`;
}

export async function walkSite(site: SiteConfig, fetcher: Fetcher, log?: (msg: string, data?: object) => void): Promise<SiteWalk> {
  const out: SiteWalk = { siteId: site.id, listingPages: 0, catalogComplete: true, deadSeeds: [], articles: 0, reportArticles: [], nonReports: [], documents: [], failures: [] };
  const fail = (r: FetchResult) =>
    out.failures.push({ siteId: site.id, url: r.request.url, label: r.request.label, classification: r.classification, error: r.error ?? r.classification });
  const items: ListingItem[] = [];
  const seenPages = new Set<string>();
  const seenItems = new Set<string>();
  const maxPages = site.maxPages ?? DEFAULT_MAX_PAGES;

  const readPage = (req: PageRequest, r: FetchResult, adapter: ListingResult["adapter"] | undefined): ListingResult | null => {
    if (!r.text) return null;
    const isProxy = /dataproxy\.jsp/i.test(req.url) || req.form !== undefined;
    if (isProxy) return readHanwebProxy(r.text, r.finalUrl, seenItems);
    // A gkmlpt shell page names its column only in the start URL's fragment.
    const hash = new URL(req.url).hash;
    const url = hash && !new URL(r.finalUrl).hash ? r.finalUrl + hash : r.finalUrl;
    return readListing({ url, text: r.text, contentType: r.contentType }, adapter ?? site.adapter);
  };
  const take = (l: ListingResult): number => {
    let fresh = 0;
    for (const it of l.items) {
      const k = canonicalUrl(it.url);
      if (seenItems.has(k)) continue;
      seenItems.add(k);
      items.push(it);
      fresh++;
    }
    return fresh;
  };

  for (const start of site.start) {
    seenPages.add(requestKey({ url: start }));
    const first = await fetcher.fetch({ url: start, label: "listing" });
    if (!good(first) || !first.text) {
      out.deadSeeds.push({ url: start, classification: first.classification, error: first.error });
      fail(first);
      continue;
    }
    out.listingPages++;
    seenPages.add(requestKey({ url: first.finalUrl }));
    const listing = readPage({ url: start }, first, undefined);
    if (!listing) continue;
    take(listing);
    log?.("listing", { site: site.id, url: start, adapter: listing.adapter, items: listing.items.length, pages: listing.pages?.length ?? null });

    if (listing.pages) {
      // Declared pages, and the pages they declare in turn (a gkmlpt shell names only the first
      // JSON page; that page gives the total): each fetched once, up to the cap.
      const queue = [...listing.pages];
      let walked = 0;
      while (queue.length > 0 && walked < maxPages) {
        const p = queue.shift()!;
        const k = requestKey(p);
        if (seenPages.has(k)) continue;
        seenPages.add(k);
        walked++;
        const r = await fetcher.fetch({ ...p, label: "listing" });
        if (!good(r)) {
          out.catalogComplete = false;
          fail(r);
          if (r.classification === "blocked" || r.classification === "robots-denied") break;
          continue;
        }
        out.listingPages++;
        const l = readPage(p, r, listing.adapter);
        if (!l) continue;
        take(l);
        for (const next of l.pages ?? []) if (!seenPages.has(requestKey(next))) queue.push(next);
      }
    } else if (listing.pageAfter) {
      let known = 0;
      for (let n = 1; n <= maxPages; n++) {
        const p = listing.pageAfter(n);
        if (!p) break;
        const k = requestKey(p);
        if (seenPages.has(k)) continue;
        seenPages.add(k);
        const r = await fetcher.fetch({ ...p, label: "listing" });
        if (!good(r)) {
          // The end of an undeclared list is its first missing page; anything else is worth a line.
          if (r.classification !== "not-found") fail(r);
          break;
        }
        out.listingPages++;
        const l = readPage(p, r, listing.adapter);
        if (!l || l.items.length === 0) break;
        known = take(l) === 0 ? known + 1 : 0;
        if (known >= KNOWN_PAGES_TO_STOP) break;
      }
    }
  }

  for (const item of dedupeItems(items)) {
    out.articles++;
    const listingDate = item.listingDate;
    if (FILE_LINK.test(new URL(item.url).pathname)) {
      // A report listed as a bare file: the listing title is all there is to judge it by.
      const verdict = classifyReport(item.title, "", item.title);
      if (!verdict.isReport) {
        out.nonReports.push({ url: item.url, title: item.title, reason: verdict.reason ?? "not a report" });
        continue;
      }
      const r = await fetcher.fetch({ url: canonicalUrl(item.url), label: "attachment", toStore: true });
      if (!good(r) || !r.file) {
        fail(r);
        continue;
      }
      out.reportArticles.push(item.url);
      if (READABLE.has(r.file.kind)) out.documents.push(fileDocument(site, item.url, item.title, { listing: listingDate, meta: null, url: urlDate(item.url) }, r, [], item.url));
      continue;
    }
    const page = await fetcher.fetch({ url: canonicalUrl(item.url), label: "article" });
    if (!good(page)) {
      fail(page);
      continue;
    }
    if (page.file) {
      // The article link served a document itself.
      out.reportArticles.push(page.finalUrl);
      if (READABLE.has(page.file.kind)) out.documents.push(fileDocument(site, page.finalUrl, item.title, { listing: listingDate, meta: null, url: urlDate(item.url) }, page, [], item.url));
      continue;
    }
    if (!page.text) continue;
    const article = readArticle({ url: page.finalUrl, text: page.text, contentType: page.contentType }, { listingTitle: item.title });
    if (!article.isReport) {
      out.nonReports.push({ url: page.finalUrl, title: article.title ?? item.title, reason: article.reason ?? "not a report" });
      continue;
    }
    // Positive content check (crawling.md §2.12): a page with no documents must hold the report itself.
    const problem = article.attachments.length === 0 ? contentProblem(page.text) : null;
    if (problem) {
      out.failures.push({ siteId: site.id, url: page.finalUrl, label: "article", classification: "not-found", error: `content check failed: ${problem}` });
      continue;
    }
    const dates = { listing: listingDate, meta: article.metaDate, url: article.urlDate };
    const title = article.title ?? item.title;
    let readableFiles = 0;
    for (const a of article.attachments) {
      const r = await fetcher.fetch({ url: canonicalUrl(a), label: "attachment", toStore: true });
      if (!good(r) || !r.file) {
        fail(r);
        continue;
      }
      if (!READABLE.has(r.file.kind)) continue;
      readableFiles++;
      out.documents.push(fileDocument(site, page.finalUrl, title, dates, r, [], a));
    }
    // The page is the report when its body holds the report (tables or the six sections), or when
    // nothing readable is attached.
    // A report article whose documents all failed is not found: its failures say why.
    const bodyIsReport = bodyHoldsReport(article.bodyText);
    if (bodyIsReport || (readableFiles === 0 && article.attachments.length === 0)) {
      const text = articleHtml(page.text, title, page.contentType);
      out.documents.push({
        siteId: site.id,
        agency: site.agency,
        articleUrl: page.finalUrl,
        title,
        dates,
        url: page.finalUrl,
        requestUrl: page.request.url,
        urls: urlsOf(page, item.url),
        kind: "html",
        path: null,
        text,
        charset: page.charset,
        contentType: page.contentType,
        embeddedBody: text !== page.text,
        sha256: null,
        attachments: article.attachments,
        retrievedAt: page.fetchedAt,
      });
    }
    if (bodyIsReport || readableFiles > 0 || article.attachments.length === 0) out.reportArticles.push(page.finalUrl);
  }
  joinUrlsOfSameFile(out.documents);
  return out;
}

/** The URLs one fetch reached its document at: as listed or linked, as asked, each hop, the final one. */
function urlsOf(r: FetchResult, linked: string): string[] {
  return [...new Set([linked, r.request.url, ...r.redirects, r.finalUrl])].sort();
}

/** The same stored file found under several URLs of the walk (the same PDF linked twice): each document lists them all. */
function joinUrlsOfSameFile(documents: FoundDocument[]): void {
  const bySha = new Map<string, Set<string>>();
  for (const d of documents) if (d.sha256) for (const u of d.urls) (bySha.get(d.sha256) ?? bySha.set(d.sha256, new Set()).get(d.sha256)!).add(u);
  for (const d of documents) if (d.sha256) d.urls = [...bySha.get(d.sha256)!].sort();
}

/** The report's own content is in the page: its tables' marks, or most of its section headings. */
export function bodyHoldsReport(text: string): boolean {
  // The template's own marks, from the template data: table 三's header, table 二's column words.
  if (TABLE3_MARKER.test(text) || TEMPLATE_HINTS.some((h) => h.match.test(text))) return true;
  const folded = foldLabel(text);
  const headings = SECTION_DEFS.filter((d) => mentionsSection(d, folded));
  return headings.length >= 3 && text.length > 2000;
}

function fileDocument(site: SiteConfig, articleUrl: string, title: string | null, dates: FoundDocument["dates"], r: FetchResult, attachments: string[], linked: string): FoundDocument {
  return {
    siteId: site.id,
    agency: site.agency,
    articleUrl,
    title,
    dates,
    url: r.finalUrl,
    requestUrl: r.request.url,
    urls: urlsOf(r, linked),
    kind: r.file!.kind,
    path: r.file!.path,
    text: null,
    charset: null,
    contentType: r.contentType,
    embeddedBody: false,
    sha256: r.file!.sha256,
    attachments,
    retrievedAt: r.fetchedAt,
  };
}
