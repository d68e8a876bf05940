/**
 * Site adapters: pure functions over fetched pages (no network, no disk). The walk
 * (src/crawl/crawl.ts) fetches; these say which CMS made a page, what it lists, which pages come
 * next, what an article holds, and whether it is an annual report.
 *
 * Explicit exports: the modules' other names are internal and may change.
 */
export { detectAdapter, readListing, type FetchedPage } from "./listing.js";
export { readHanwebProxy } from "./hanweb.js";
export { readArticle, articleHtml, isContentPage, contentProblem, MIN_BODY_CHARS, type ArticleHints } from "./article.js";
export { classifyReport, type ReportVerdict } from "./report.js";
export { canonicalUrl, resolveUrl } from "./urls.js";
export { normaliseDate, urlDate } from "./dates.js";
export { parseSitesFile, type SitesFileResult } from "./sites-file.js";
export { dedupeItems } from "./dedupe.js";
