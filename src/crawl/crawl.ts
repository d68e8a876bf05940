/**
 * `nianbao crawl`: sites file → polite walk of every column → documents → the run loop that
 * `nianbao parse` runs (src/run/loop.ts), into the same output folder. State (SQLite) and the file store live under
 * <out>/crawl/, so a second run sends conditional requests and a killed run resumes.
 */
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Logger } from "pino";
import { writeAtomic } from "../emit/atomic.js";
import type { Failure, FetchFailureCode } from "../model/failure.js";
import { crawlNote } from "../model/notes.js";
import { bytesFile, runLoop, sha256Hex, type ReportFile, type RunSummary, type StepOptions, type WorkItem } from "../run/index.js";
import { runWith, splitControls, type RunControls } from "../run/controls.js";
import type { RemoteSteps } from "../queue/coordinator.js";
import { createFetcher, type FetcherOptions } from "./http/index.js";
import { openState, requestKey } from "./state/index.js";
import type { CrawlState } from "./state/index.js";
import type { Classification, SitesFile } from "./types.js";
import { walkSite, type FoundDocument, type SiteWalk } from "./walk.js";

/** A fetch that ended without a document, as a failure code (failures.jsonl). */
const FETCH_FAILURE: Record<Exclude<Classification, "ok" | "not-modified">, FetchFailureCode> = {
  "not-found": "FETCH_NOT_FOUND",
  blocked: "FETCH_BLOCKED",
  "robots-denied": "FETCH_ROBOTS_DENIED",
  "too-large": "FETCH_TOO_LARGE",
  "wrong-type": "FETCH_WRONG_TYPE",
  error: "FETCH_ERROR",
};

export interface CrawlOptions extends StepOptions, RunControls {
  out: string;
  /** Download only; do not parse. */
  parse?: boolean;
  logger?: Logger;
  /** Fetcher settings (timeouts, caps, retry…); the state, store and allow-list are set here. */
  fetcher?: Omit<FetcherOptions, "state" | "runId" | "resumeSince" | "storeDir" | "allowHost" | "siteId" | "logger">;
  /** SQLite state file (default <out>/crawl/state.sqlite). */
  statePath?: string;
  /** Run the per-document step — and, with its `transport`, every HTTP exchange — elsewhere: on queue workers (src/queue). */
  remote?: RemoteSteps;
}

export interface CrawlSummary {
  sites: {
    id: string;
    agency: string;
    listingPages: number;
    catalogComplete: boolean;
    deadSeeds: SiteWalk["deadSeeds"];
    articles: number;
    reports: number;
    /** Article (or file) URLs judged annual reports, final URLs, sorted. */
    reportUrls: string[];
    /** Each document found for a report, with the three dates kept apart (crawling.md §2.9). */
    documents: { url: string; articleUrl: string; title: string | null; kind: string; dates: FoundDocument["dates"] }[];
    nonReports: number;
    failures: number;
  }[];
  hosts: Record<string, Record<string, number>>;
  totals: { found: number; new: number; unchanged: number; failed: number; blocked: number; robotsDenied: number };
  resumed: boolean;
}

/** The allow-list of one site: its start hosts and the extra hosts it declares. */
function hostsOf(file: SitesFile): Map<string, Set<string>> {
  const m = new Map<string, Set<string>>();
  for (const s of file.sites) m.set(s.id, new Set([...s.start.map((u) => new URL(u).host), ...(s.allowHosts ?? [])]));
  return m;
}

/** A finished walk of every site: the distinct documents as work for the run loop, and what failed. */
export interface Crawled {
  /** One document per content hash, its `urls` every URL any copy was reached at. */
  documents: FoundDocument[];
  /** Fetch failures and dead seeds (failures.jsonl lines before any document). */
  failures: Failure[];
  /** The documents as work items (their stored bytes are read as the loop asks). */
  work(): Generator<WorkItem>;
  /** crawl/summary.json, once the loop's failures are known. */
  summary(failed: number): CrawlSummary;
  crawlMs: number;
}

/**
 * Walk every site of the file into `<out>/crawl/` (state and the file store), under the output
 * folder's lock held by the caller. The crawl's state run is finished when the walk is: the
 * documents' facts are read from it here, so the state is closed before the loop and the folder's
 * commit (which moves crawl/ with it).
 */
export async function crawlSites(file: SitesFile, options: Pick<CrawlOptions, "out" | "logger" | "fetcher" | "statePath" | "remote">): Promise<Crawled> {
  const t0 = performance.now();
  const log = options.logger;
  const dir = join(options.out, "crawl");
  mkdirSync(dir, { recursive: true });
  const state: CrawlState = openState(options.statePath ?? join(dir, "state.sqlite"));
  try {
    const previous = state.unfinishedRun();
    const run = state.beginRun();
    if (previous) log?.info({ since: previous.startedAt }, "resuming an unfinished crawl: finished work is not fetched again");

    const allowed = hostsOf(file);
    const minInterval = Math.max(...file.sites.map((s) => s.minIntervalMs ?? 1500));
    const fetcher = createFetcher({
      minIntervalMs: minInterval,
      // On queue workers (src/queue), unless the caller gave a transport of its own.
      ...(options.remote?.transport ? { transport: options.remote.transport } : {}),
      ...options.fetcher,
      state,
      runId: run.id,
      resumeSince: previous?.startedAt ?? null,
      storeDir: join(dir, "files"),
      // Redirects may leave a site's hosts only for hosts some site of the file declares.
      allowHost: (url) => [...allowed.values()].some((set) => set.has(url.host)),
      logger: log ?? null,
    });

    const walks = await Promise.all(
      file.sites.map(async (site) => {
        const w = await walkSite(site, fetcher, (msg, data) => log?.debug(data ?? {}, msg));
        log?.info(
          { site: site.id, listingPages: w.listingPages, reports: w.reportArticles.length, documents: w.documents.length, failures: w.failures.length, catalogComplete: w.catalogComplete },
          `${site.id}: ${w.reportArticles.length} report(s) in ${w.listingPages} listing page(s)`,
        );
        return w;
      }),
    );

    const hosts = fetcher.hostStats();
    await fetcher.close();
    for (const [host, st] of Object.entries(hosts).sort(([a], [b]) => (a < b ? -1 : 1))) {
      log?.info({ host, ...st }, `${host}: ${st.requests ?? 0} request(s), ${st.ok ?? 0} ok, ${st.notModified ?? 0} unchanged, ${st.notFound ?? 0} not found, ${st.blocked ?? 0} blocked, ${st.robotsDenied ?? 0} robots-denied, ${st.errors ?? 0} error(s)`);
    }

    const failures: Failure[] = [];
    for (const w of walks) {
      for (const f of w.failures) {
        if (f.label === "listing" && !w.deadSeeds.some((d) => d.url === f.url)) continue; // listing trouble is in the summary
        if (f.classification === "ok" || f.classification === "not-modified") continue;
        failures.push({ uri: f.url, stage: "fetch", code: FETCH_FAILURE[f.classification], error: `${f.url}: ${f.error}` });
      }
      for (const d of w.deadSeeds) {
        if (!failures.some((f) => f.uri === d.url)) failures.push({ uri: d.url, stage: "fetch", code: "DEAD_SEED", error: `${d.url}: the column's start page could not be read (${d.classification}${d.error ? ": " + d.error : ""})` });
      }
    }

    // One document per content: the same bytes under two URLs are parsed once, under the first
    // URL, and the report keeps every URL any copy was reached at (source.urls; crawling.md §2.10).
    const bySha = new Map<string, { doc: FoundDocument; urls: Set<string> }>();
    for (const d of walks.flatMap((w) => w.documents).sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0))) {
      const sha = fetchedSha256(d, state);
      const seen = bySha.get(sha);
      if (seen) for (const u of [d.url, ...d.urls]) seen.urls.add(u);
      else bySha.set(sha, { doc: d, urls: new Set([d.url, ...d.urls]) });
    }
    const documents = [...bySha.values()].map(({ doc, urls }) => ({ ...doc, urls: [...urls].sort() }));
    // What the loop needs of the state, read while it is open.
    const files = documents.map((d) => ({ d, record: state.get(requestKey({ url: d.requestUrl })), sha256: fetchedSha256(d, state) }));
    state.finishRun(run.id);
    const crawlMs = Math.round(performance.now() - t0);

    return {
      documents,
      failures,
      crawlMs,
      *work() {
        for (const f of files) yield { file: reportFile(f.d, f.record, f.sha256) };
      },
      summary(failed) {
        const total = (k: string) => Object.values(hosts).reduce((n, h) => n + (h[k] ?? 0), 0);
        return {
          sites: walks.map((w) => {
            const site = file.sites.find((s) => s.id === w.siteId)!;
            return {
              id: w.siteId,
              agency: site.agency,
              listingPages: w.listingPages,
              catalogComplete: w.catalogComplete,
              deadSeeds: w.deadSeeds,
              articles: w.articles,
              reports: w.reportArticles.length,
              reportUrls: [...new Set(w.reportArticles)].sort(),
              nonReports: w.nonReports.length,
              documents: w.documents
                .map((d) => ({ url: d.url, articleUrl: d.articleUrl, title: d.title, kind: d.kind, dates: d.dates }))
                .sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0)),
              failures: w.failures.length,
            };
          }),
          hosts: Object.fromEntries(Object.entries(hosts).sort(([a], [b]) => (a < b ? -1 : 1))),
          totals: {
            // Distinct report documents: the same file under two URLs or two sites counts once.
            found: documents.length,
            new: total("ok"),
            unchanged: total("notModified"),
            failed,
            blocked: Object.values(hosts).filter((h) => (h.blocked ?? 0) > 0).length,
            robotsDenied: total("robotsDenied"),
          },
          resumed: previous !== null,
        };
      },
    };
  } finally {
    state.close();
  }
}

export async function runCrawl(file: SitesFile, options: CrawlOptions): Promise<{ run: RunSummary; summary: CrawlSummary }> {
  const log = options.logger;
  const { controls } = splitControls(options);
  return runWith(options.out, "crawl", { ...stepOptions(options), ...controls }, log ?? null, async (ctx) => {
    const crawled = await crawlSites(file, { ...options, out: ctx.out });
    const parse = options.parse !== false;
    const result = await runLoop(
      parse ? ctx.feed(crawled.work()) : [],
      { ...ctx.stepOptions, total: parse ? crawled.documents.length : 0, failures: crawled.failures, timings: { crawlMs: crawled.crawlMs }, inFlight: ctx.inFlight },
      { emit: ctx.emit, store: ctx.store, logger: log ?? null, ...(ctx.step ? { step: ctx.step } : {}), signal: ctx.signal, progress: ctx.progress, readDone: ctx.readDone },
    );
    const summary = crawled.summary(result.failures.length);
    await writeAtomic(join(ctx.out, "crawl", "summary.json"), JSON.stringify(summary, null, 2) + "\n");
    return { run: result, summary };
  });
}

/** The options of the per-document step, out of the crawl's. */
function stepOptions(o: CrawlOptions): StepOptions {
  const { out: _out, parse: _parse, logger: _logger, fetcher: _fetcher, statePath: _statePath, ...rest } = o;
  return splitControls(rest).rest;
}

/**
 * sha256 of the bytes the server sent for a document: the stored file's, or — for an article
 * page, which the walk holds as decoded text — the body hash the fetcher recorded in the state
 * (every fetch is recorded, 304s keep the hash; the text's own hash is only a last resort).
 */
function fetchedSha256(d: FoundDocument, state: CrawlState): string {
  if (d.sha256) return d.sha256;
  const rec = state.get(requestKey({ url: d.requestUrl }));
  return rec?.sha256 ?? sha256Hex(new TextEncoder().encode(d.text ?? ""));
}

/** A found document as the unit of work: its bytes (a stored file) or its page text as the fetcher decoded it. */
function reportFile(d: FoundDocument, record: ReturnType<CrawlState["get"]>, sha256: string): ReportFile {
  const meta = {
    // When the content was first seen: stable across runs that only get 304s.
    retrievedAt: record?.changedAt ?? d.retrievedAt,
    publishedAt: d.dates.meta ?? d.dates.listing,
    attachments: d.kind === "html" ? d.attachments : [],
    contentType: d.contentType,
    messages: d.embeddedBody ? [crawlNote("EMBEDDED_BODY")] : [],
    // issue 12: the site names the region too, where the report's own names say nothing
    siteAgency: d.agency,
    // Every URL the document was reached at, when there is more than its own (source.urls).
    urls: d.urls.some((u) => u !== d.url) ? d.urls : [],
  };
  if (d.path) return bytesFile(d.url, readFileSync(d.path), meta);
  const text = d.text ?? "";
  return {
    uri: d.url,
    sha256,
    bytes: record?.bytes ?? new TextEncoder().encode(text).length,
    content: { text, encoding: d.charset ?? "utf-8" },
    ...meta,
  };
}
