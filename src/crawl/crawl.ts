/**
 * `nianbao crawl`: sites file → polite walk of every column → documents → the same parse, checks
 * and output folder as `nianbao parse`. State (SQLite) and the file store live under
 * <out>/crawl/, so a second run sends conditional requests and a killed run resumes.
 */
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Logger } from "pino";
import { emitAll, type Failure, type InputRecord, type RunResult } from "../emit/index.js";
import { writeAtomic } from "../emit/atomic.js";
import { NianbaoError } from "../model/errors.js";
import type { AnnualReport } from "../model/report.js";
import { parseInput, sha256Hex, type ParseOptions } from "../pipeline.js";
import { crossCheck } from "../validate/across/index.js";
import { createFetcher, type FetcherOptions } from "./http/index.js";
import { openState, requestKey } from "./state/index.js";
import type { CrawlState } from "./state/index.js";
import type { SitesFile } from "./types.js";
import { walkSite, type FoundDocument, type SiteWalk } from "./walk.js";

export interface CrawlOptions extends ParseOptions {
  out: string;
  /** Download only; do not parse. */
  parse?: boolean;
  logger?: Logger;
  /** Fetcher settings (timeouts, caps, retry…); the state, store and allow-list are set here. */
  fetcher?: Omit<FetcherOptions, "state" | "runId" | "resumeSince" | "storeDir" | "allowHost" | "siteId" | "logger">;
  /** SQLite state file (default <out>/crawl/state.sqlite). */
  statePath?: string;
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

export async function runCrawl(file: SitesFile, options: CrawlOptions): Promise<{ run: RunResult; summary: CrawlSummary }> {
  const t0 = performance.now();
  const log = options.logger;
  const dir = join(options.out, "crawl");
  mkdirSync(dir, { recursive: true });
  const state: CrawlState = openState(options.statePath ?? join(dir, "state.sqlite"));
  const previous = state.unfinishedRun();
  const run = state.beginRun();
  if (previous) log?.info({ since: previous.startedAt }, "resuming an unfinished crawl: finished work is not fetched again");

  const allowed = hostsOf(file);
  const minInterval = Math.max(...file.sites.map((s) => s.minIntervalMs ?? 1500));
  const fetcher = createFetcher({
    minIntervalMs: minInterval,
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

  const reports: AnnualReport[] = [];
  const failures: Failure[] = [];
  const inputs: InputRecord[] = [];
  for (const w of walks) {
    for (const f of w.failures) {
      if (f.label === "listing" && !w.deadSeeds.some((d) => d.url === f.url)) continue; // listing trouble is in the summary
      failures.push({ uri: f.url, stage: "fetch", code: `FETCH_${f.classification.toUpperCase().replace(/-/g, "_")}`, error: `${f.url}: ${f.error}` });
    }
    for (const d of w.deadSeeds) {
      if (!failures.some((f) => f.uri === d.url)) failures.push({ uri: d.url, stage: "fetch", code: "DEAD_SEED", error: `${d.url}: the column's start page could not be read (${d.classification}${d.error ? ": " + d.error : ""})` });
    }
  }

  // One document per content: the same file under two URLs is parsed once, under its first URL.
  const documents = new Map<string, FoundDocument>();
  for (const d of walks.flatMap((w) => w.documents).sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0))) {
    const bytes = documentBytes(d, state);
    const sha = sha256Hex(bytes);
    if (!documents.has(sha)) documents.set(sha, d);
  }

  if (options.parse !== false) {
    for (const [sha, d] of documents) {
      const bytes = documentBytes(d, state);
      const record = state.get(requestKey({ url: d.requestUrl }));
      // When the content was first seen: stable across runs that only get 304s.
      const retrievedAt = record?.changedAt ?? d.retrievedAt;
      try {
        const { report, reader } = await parseInput(bytes, { uri: d.url, retrievedAt, contentType: d.kind === "html" ? "text/html; charset=utf-8" : null }, options);
        const published = d.dates.meta ?? d.dates.listing;
        if (!report.source.publishedAt && published) report.source.publishedAt = published;
        if (d.kind === "html" && d.attachments.length > 0) report.source.attachments = [...d.attachments];
        reports.push(report);
        inputs.push({ uri: d.url, sha256: sha, bytes: bytes.length, status: "parsed", reportId: report.id, ...(reader ? { reader: reader.method } : {}) });
      } catch (e) {
        const err = e instanceof NianbaoError ? e : new NianbaoError("PARSE_FAILED", "parse", `internal error: ${(e as Error).message}`);
        failures.push({ uri: d.url, stage: err.stage, code: err.code, error: `${d.url}: ${err.message}` });
        inputs.push({ uri: d.url, sha256: sha, bytes: bytes.length, status: "failed", reportId: null });
      }
    }
  }

  const total = (k: string) => Object.values(hosts).reduce((n, h) => n + (h[k] ?? 0), 0);
  const summary: CrawlSummary = {
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
      found: documents.size,
      new: total("ok"),
      unchanged: total("notModified"),
      failed: failures.length,
      blocked: Object.values(hosts).filter((h) => (h.blocked ?? 0) > 0).length,
      robotsDenied: total("robotsDenied"),
    },
    resumed: previous !== null,
  };

  crossCheck(reports, options.rules);
  const result: RunResult = { reports, failures, inputs, timings: { crawlMs: Math.round(performance.now() - t0) }, ...(options.rules ? { rules: options.rules } : {}) };
  await emitAll(options.out, result);
  await writeAtomic(join(dir, "summary.json"), JSON.stringify(summary, null, 2) + "\n");
  state.finishRun(run.id);
  state.close();
  return { run: result, summary };
}

/** The bytes of a found document: the stored file, or the page text as UTF-8 behind a BOM (so the BOM outranks the page's own <meta charset>). */
function documentBytes(d: FoundDocument, state: CrawlState): Uint8Array {
  if (d.path) return readFileSync(d.path);
  void state;
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(d.text ?? "", "utf8")]);
}
