/**
 * The polite fetcher (issue 5, crawling.md §2.7–2.15 and §3): one call per request, and inside it
 * everything a government web server deserves from a research crawler. Its parts, each its own
 * module, share one piece — the per-host queue turn:
 *   - turn.ts        one request at a time per host (p-queue, concurrency 1), the minimum interval
 *                    and Crawl-delay, a host out for the run (blocked, circuit open, budget);
 *   - retry.ts       retries only on 408/429/5xx/timeouts/resets, capped exponential backoff with
 *                    jitter, `Retry-After` honoured for the whole host;
 *   - robots.ts      robots.txt fetched once per origin per run, obeyed at every redirect hop;
 *   - redirects.ts   redirects followed by hand (≤ 5 hops), allow-list and robots re-checked per
 *                    hop, a redirect or meta refresh to the site root read as a soft 404;
 *   - interpret.ts   what an answer means: anti-bot answers (412/202/521, challenge pages)
 *                    `blocked`, files streamed to the content-addressed store and sniffed, bodies
 *                    decoded from bytes, soft 404s;
 *   - conditional.ts validators from the state, and what a 304 stands for;
 *   - transport.ts   one exchange: timeouts, size cap, the body in memory or on disk.
 * This module wires them together, answers finished work from the state when a killed run
 * resumes, and writes every outcome to the state as it completes.
 */
import { existsSync } from "node:fs";
import { requestKey } from "../state/keys.js";
import type { AnswerInput } from "../state/state.js";
import type { FetchRequest, FetchResult, Fetcher } from "../types.js";
import { OUTCOME_COUNTER, type Host, type HostCounters } from "./host.js";
import { resolveOptions, ROBOTS_MAX_BYTES, type FetcherOptions, type Settings } from "./options.js";
import { followChain, type Chain, type ChainContext, type ChainEnd } from "./redirects.js";
import { RobotsBook } from "./robots.js";
import { ContentStore } from "./store.js";
import { Hosts } from "./turn.js";

export { DEFAULT_MAX_BYTES, DEFAULT_USER_AGENT } from "./options.js";
export type { FetchLogger, FetcherOptions } from "./options.js";

export interface HttpFetcher extends Fetcher {
  readonly userAgent: string;
  readonly store: ContentStore | null;
}

export function createFetcher(options: FetcherOptions = {}): HttpFetcher {
  const s = resolveOptions(options);
  const store = options.storeDir ? new ContentStore(options.storeDir) : null;
  const hosts = new Hosts(s);
  const ctx: ChainContext = { s, hosts, store, robots: null };
  const robots = new RobotsBook({
    s,
    hosts,
    fetch: async (robotsUrl) => {
      const req: FetchRequest = { url: robotsUrl, label: "robots" };
      const chain: Chain = { req, key: requestKey(req), maxBytes: ROBOTS_MAX_BYTES, priority: 2, checkHosts: false };
      const redirects: string[] = [];
      const answers: AnswerInput[] = [];
      const ending = await endOf(ctx, chain, redirects, answers);
      record(s, req, ending, redirects, answers);
      return ending;
    },
  });
  const pages: ChainContext = { ...ctx, robots: (u) => robots.rulesFor(u) };

  async function fetchOne(req: FetchRequest): Promise<FetchResult> {
    const started = s.now();
    const key = requestKey(req);
    let startHost: Host | null = null;
    try {
      startHost = hosts.hostFor(new URL(req.url));
    } catch {
      /* an invalid URL ends as "error" in the chain */
    }

    if (s.resumeSince && s.state?.done(key, s.resumeSince)) {
      const stored = s.state.storedResult(req);
      if (stored && (!stored.file || existsSync(stored.file.path))) {
        if (startHost) startHost.stats.resumed++;
        s.logger?.info({ url: req.url, finalUrl: stored.finalUrl, classification: stored.classification, label: req.label }, "fetch (resumed from state)");
        return stored;
      }
    }

    const redirects: string[] = [];
    const answers: AnswerInput[] = [];
    const ending = await endOf(pages, { req, key, maxBytes: s.maxBytes, priority: 0, checkHosts: true }, redirects, answers);
    const result = record(s, req, ending, redirects, answers);
    if (startHost) startHost.stats[OUTCOME_COUNTER[result.classification]]++;
    s.logger?.[result.classification === "ok" || result.classification === "not-modified" ? "info" : "warn"](
      {
        url: req.url,
        finalUrl: result.finalUrl,
        status: result.status,
        bytes: result.file?.bytes ?? ending.bytes ?? null,
        charset: result.charset,
        classification: result.classification,
        reason: result.reason,
        label: req.label,
        sha256: result.file?.sha256 ?? ending.body?.sha256 ?? null,
        ms: s.now() - started,
        error: result.error,
      },
      "fetch",
    );
    return result;
  }

  return {
    userAgent: s.userAgent,
    store,
    fetch: fetchOne,
    hostStats(): Record<string, Record<string, number>> {
      const out: Record<string, Record<string, number>> = {};
      for (const h of hosts.all()) out[h.key] = Object.fromEntries(Object.entries(h.stats)) as Record<keyof HostCounters, number>;
      return out;
    },
    close: () => hosts.close(),
  };
}

/** The chain's ending; a bug or a disk error is an "error" outcome, since the walk expects an answer for every request. */
async function endOf(ctx: ChainContext, chain: Chain, redirects: string[], answers: AnswerInput[]): Promise<ChainEnd> {
  try {
    return await followChain(ctx, chain, redirects, answers);
  } catch (e) {
    return { classification: "error", reason: "internal", status: null, error: `fetcher failure: ${(e as Error)?.message ?? String(e)}`, finalUrl: redirects.at(-1) ?? chain.req.url };
  }
}

/**
 * The FetchResult of an ending, written to the state with what the state keeps besides it — the
 * validators and the answers of every hop — in one transaction (one fsync per fetch).
 */
function record(s: Settings, req: FetchRequest, ending: ChainEnd, redirects: string[], answers: AnswerInput[]): FetchResult {
  const result: FetchResult = {
    request: req,
    finalUrl: ending.finalUrl,
    redirects,
    status: ending.status,
    classification: ending.classification,
    text: ending.text ?? null,
    charset: ending.charset ?? null,
    contentType: ending.contentType ?? null,
    file: ending.file ?? null,
    fetchedAt: new Date(s.now()).toISOString(),
    error: ending.error ?? null,
    reason: ending.classification === "error" ? (ending.reason ?? "internal") : null,
  };
  s.state?.record({
    result,
    etag: ending.etag ?? null,
    lastModified: ending.lastModified ?? null,
    body: ending.body ?? null,
    siteId: s.siteId?.(req) ?? null,
    runId: s.runId,
    answers,
  });
  return result;
}
