/**
 * The polite fetcher (issue 5, crawling.md §2.7–2.15 and §3): one call per request, and inside it
 * everything a government web server deserves from a research crawler —
 *   - one request at a time per host (p-queue, concurrency 1), a minimum interval between two,
 *     robots.txt `Crawl-delay` when larger;
 *   - robots.txt fetched once per origin per run, obeyed at every redirect hop;
 *   - redirects followed by hand (≤ 5 hops), the host allow-list and robots re-checked per hop,
 *     a redirect or meta refresh to the site root from a deep URL read as a soft 404;
 *   - retries only on 408/429/5xx/timeouts/resets, with capped exponential backoff and jitter,
 *     `Retry-After` honoured for the whole host; a circuit breaker per host; a run-time budget;
 *   - anti-bot answers (412/202/521, challenge pages) classified `blocked`, never retried, and
 *     the host left alone for the rest of the run;
 *   - bodies decoded from bytes (BOM → header → meta → UTF-8 → GB18030), files streamed to the
 *     content-addressed store, sniffed, size-capped;
 *   - conditional requests from the state, and every outcome written to it as it completes.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { VERSION } from "../../version.js";
import { requestKey } from "../state/keys.js";
import type { CrawlState } from "../state/state.js";
import type { Classification, FetchRequest, FetchResult, Fetcher, FileKind, StoredFile } from "../types.js";
import { BLOCK_STATUSES, antiBotReason, isSiteRoot, metaRefreshTarget, softNotFoundReason, visibleText, REAL_BODY_CHARS } from "./classify.js";
import { filenameFromContentDisposition } from "./content-disposition.js";
import { decodeBody } from "./decode-body.js";
import { bufferSource, extensionOf, sniffFile, sniffKind } from "./file-kind.js";
import { Host, OUTCOME_COUNTER, type HostCounters } from "./host.js";
import { DEFAULT_RETRY, backoffDelay, isRetryableStatus, parseRetryAfter, type RetryOptions } from "./retry.js";
import { allowAll, denyAll, parseRobots, type RobotsRules } from "./robots.js";
import { ContentStore } from "./store.js";
import { NetworkError, send, type Sent } from "./transport.js";

/** The subset of a pino logger the fetcher writes to. */
export interface FetchLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

export interface FetcherOptions {
  /** Sent with every request, robots.txt groups matched by its first token. @default `nianbao/<version> (research crawler; …)` */
  userAgent?: string;
  /** Minimum milliseconds between the end of one request to a host and the start of the next. @default 1500 */
  minIntervalMs?: number;
  /** A robots.txt Crawl-delay above this is cut to it. @default 60000 */
  maxCrawlDelayMs?: number;
  /** Milliseconds to wait for response headers, and for each pause in a body. @default 20000 */
  timeoutMs?: number;
  /** @default 5 */
  maxRedirects?: number;
  /** Backoff: 3 retries after 1 s, 3 s, 9 s (+ up to 20 % jitter), capped at 30 s; Retry-After capped at 60 s. */
  retry?: RetryOptions;
  /** Consecutive fetches ending in "error" after which a host is skipped for the rest of the run. @default 3 */
  circuitBreakerThreshold?: number;
  /** Milliseconds after creation after which no new request is sent ("error": budget). @default none */
  budgetMs?: number | null;
  /** Bodies over this many bytes are "too-large" (pages and files). @default 50 MiB */
  maxBytes?: number;
  /** Content-addressed store for files (`toStore` requests, and pages that turn out to be files). */
  storeDir?: string | null;
  /** Where outcomes are recorded and validators/stored copies come from. */
  state?: CrawlState | null;
  /** The run id recorded with each outcome (`state.beginRun().id`). */
  runId?: number | null;
  /** The site a request belongs to, recorded in the state. */
  siteId?: (req: FetchRequest) => string | null;
  /** Whether a redirect may lead to this URL's host (checked at every hop). @default any host */
  allowHost?: (url: URL, req: FetchRequest) => boolean;
  /**
   * Resume window (ISO 8601): a request the state has as finished at or after this time is
   * answered from the state, without any request. Set it to the killed run's start.
   */
  resumeSince?: string | null;
  logger?: FetchLogger | null;
  /** Injected clock and sleep (tests). */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Random numbers in [0, 1) for jitter. */
  random?: () => number;
}

export interface HttpFetcher extends Fetcher {
  readonly userAgent: string;
  readonly store: ContentStore | null;
}

export const DEFAULT_USER_AGENT = `nianbao/${VERSION} (research crawler; government information-disclosure annual reports)`;
export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;

/** Extensions of the documents a report link may point to. */
const DOCUMENT_EXTENSIONS = new Set(["pdf", "doc", "docx", "wps", "ofd", "xls", "xlsx", "et", "zip", "rar", "7z"]);
const ROBOTS_MAX_BYTES = 512 * 1024;
/** Bodies up to this size are read for challenge markers before the host's queue moves on. */
const CHALLENGE_SCAN_BYTES = 1024 * 1024;

/** What one queued exchange gave. */
type Attempt =
  | { kind: "response"; sent: Sent; retryDelay?: number }
  | { kind: "network"; error: NetworkError; retryDelay?: number }
  | { kind: "skipped"; classification: Classification; error: string };

/** How a chain of hops ended, before it becomes a FetchResult. */
interface Ending {
  classification: Classification;
  status: number | null;
  text?: string | null;
  charset?: string | null;
  contentType?: string | null;
  file?: StoredFile | null;
  error?: string | null;
  etag?: string | null;
  lastModified?: string | null;
  body?: { sha256: string; kind: FileKind; bytes: number } | null;
  bytes?: number;
}

const sleepReal = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Finished outcomes of a 200 answer that a 304 to a conditional request simply repeats. */
const REPEATABLE: ReadonlySet<Classification> = new Set(["not-found", "wrong-type", "too-large"]);

export function createFetcher(options: FetcherOptions = {}): HttpFetcher {
  const userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
  const minIntervalMs = options.minIntervalMs ?? 1500;
  const maxCrawlDelayMs = options.maxCrawlDelayMs ?? 60_000;
  const timeoutMs = options.timeoutMs ?? 20_000;
  const maxRedirects = options.maxRedirects ?? 5;
  const retry = { ...DEFAULT_RETRY, ...options.retry };
  const breaker = options.circuitBreakerThreshold ?? 3;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? sleepReal;
  const random = options.random ?? Math.random;
  const state = options.state ?? null;
  const logger = options.logger ?? null;
  const store = options.storeDir ? new ContentStore(options.storeDir) : null;
  const deadline = options.budgetMs != null ? now() + options.budgetMs : Infinity;

  const hosts = new Map<string, Host>();
  const robots = new Map<string, Promise<RobotsRules>>();
  let closed = false;

  function hostFor(u: URL): Host {
    let h = hosts.get(u.host);
    if (!h) {
      h = new Host(u.host, minIntervalMs);
      hosts.set(u.host, h);
    }
    return h;
  }

  /** Why a host gets no request now, or null. */
  function skipReason(h: Host): { classification: Classification; error: string } | null {
    if (h.blocked) return { classification: "blocked", error: `host ${h.key} blocked this run: ${h.blocked}` };
    if (h.circuitOpen) return { classification: "error", error: `circuit open for ${h.key}: ${h.circuitOpen}` };
    if (now() >= deadline) return { classification: "error", error: "run budget exhausted" };
    if (closed) return { classification: "error", error: "fetcher closed" };
    return null;
  }

  /**
   * One exchange through the host's queue, after the interval it owes. Whatever the response
   * means for the host — a challenge (blocked), a Retry-After or a backoff (`notBefore`) — is
   * settled inside the queue turn, before the next request to the host may start.
   */
  function exchange(h: Host, url: string, init: Parameters<typeof send>[1], priority: number, attempt: number): Promise<Attempt> {
    return h.queue.add(
      async (): Promise<Attempt> => {
        const before = skipReason(h);
        if (before) return { kind: "skipped", ...before };
        const wait = h.waitMs(now());
        if (wait > 0) await sleep(wait);
        const after = skipReason(h);
        if (after) return { kind: "skipped", ...after };
        h.stats.requests++;
        let a: Attempt;
        try {
          const sent = await send(url, init);
          h.stats.bytes += sent.bytes;
          const block = challengeIn(sent);
          if (block) markBlocked(h, block);
          a = { kind: "response", sent };
        } catch (e) {
          a = { kind: "network", error: e instanceof NetworkError ? e : new NetworkError(String(e), false, null) };
        }
        h.lastEnd = now();
        const retryAfter = a.kind === "response" ? parseRetryAfter(a.sent.headers.get("retry-after"), now()) : null;
        if (retryAfter !== null) h.notBefore = Math.max(h.notBefore, now() + Math.min(retryAfter, retry.maxRetryAfterMs));
        const retryable = (a.kind === "network" && a.error.retryable) || (a.kind === "response" && isRetryableStatus(a.sent.status));
        if (retryable && attempt < retry.retries && !h.blocked) {
          const delay = backoffDelay(attempt, retry, random, retryAfter);
          if (now() + delay < deadline) {
            h.notBefore = Math.max(h.notBefore, now() + delay);
            a.retryDelay = delay;
          }
        }
        return a;
      },
      { priority },
    ) as Promise<Attempt>;
  }

  /** An exchange retried on 408/429/5xx/timeouts/resets, as long as `exchange` grants a retry. */
  async function exchangeWithRetries(h: Host, url: string, init: Parameters<typeof send>[1], priority: number): Promise<Attempt> {
    for (let attempt = 0; ; attempt++) {
      const a = await exchange(h, url, init, priority, attempt);
      if (a.kind === "skipped" || a.retryDelay === undefined) return a;
      h.stats.retries++;
      logger?.warn(
        { url, attempt: attempt + 1, delayMs: a.retryDelay, reason: a.kind === "network" ? a.error.message : `HTTP ${a.sent.status}` },
        "retry",
      );
      priority = 1;
    }
  }

  function robotsFor(u: URL): Promise<RobotsRules> {
    let p = robots.get(u.origin);
    if (!p) {
      p = loadRobots(u);
      robots.set(u.origin, p);
    }
    return p;
  }

  async function loadRobots(u: URL): Promise<RobotsRules> {
    const robotsUrl = new URL("/robots.txt", u.origin).href;
    const home = hostFor(u);
    let current = robotsUrl;
    for (let hop = 0; hop <= maxRedirects; hop++) {
      const h = hostFor(new URL(current));
      // Asked conditionally like any page, so a second run's robots.txt is a 304 too.
      const cond = hop === 0 ? conditional(robotsUrl, robotsUrl) : null;
      const a = await exchangeWithRetries(
        h,
        current,
        { method: "GET", headers: { ...baseHeaders("robots"), ...(cond?.headers ?? {}) }, timeoutMs, maxBytes: ROBOTS_MAX_BYTES },
        2,
      );
      if (a.kind === "skipped") return denyAll(a.error);
      if (a.kind === "network") {
        noteFailure(home, a.error.message);
        return denyAll(`robots.txt unreachable: ${a.error.message}`);
      }
      const { status, headers, body } = a.sent;
      if (status === 304 && cond && typeof cond.ending.text === "string") {
        const rules = parseRobots(robotsUrl, cond.ending.text, userAgent);
        if (rules.crawlDelayMs !== null) home.intervalMs = Math.max(home.intervalMs, Math.min(rules.crawlDelayMs, maxCrawlDelayMs));
        return rules;
      }
      const text = body ? new TextDecoder("utf-8").decode(body) : null;
      const block = antiBotReason(status, text);
      if (block) {
        home.blocked ??= `robots.txt: ${block}`;
        return denyAll(`host blocked: ${block}`);
      }
      if (status >= 300 && status < 400 && headers.get("location")) {
        current = new URL(headers.get("location")!, current).href;
        continue;
      }
      if (status >= 200 && status < 300) {
        if (a.sent.tooLarge) return allowAll();
        const rules = parseRobots(robotsUrl, text ?? "", userAgent);
        if (rules.crawlDelayMs !== null) home.intervalMs = Math.max(home.intervalMs, Math.min(rules.crawlDelayMs, maxCrawlDelayMs));
        logger?.info({ url: robotsUrl, status, crawlDelayMs: rules.crawlDelayMs }, "robots");
        if (hop === 0 && body) rememberRobots(robotsUrl, status, text ?? "", body, headers);
        return rules;
      }
      if (status >= 400 && status < 500 && status !== 429) {
        logger?.info({ url: robotsUrl, status }, "robots: none, all allowed");
        return allowAll();
      }
      logger?.warn({ url: robotsUrl, status }, "robots: server error, host skipped this run");
      return denyAll(`robots.txt answered ${status}: host treated as disallowed this run`);
    }
    return denyAll("robots.txt: too many redirects");
  }

  /** Keep robots.txt in the state with its validators, for the next run's conditional request. */
  function rememberRobots(url: string, status: number, text: string, body: Uint8Array, headers: Headers): void {
    if (!state) return;
    const result: FetchResult = {
      request: { url, label: "robots" },
      finalUrl: url,
      redirects: [],
      status,
      classification: "ok",
      text,
      charset: "utf-8",
      contentType: headers.get("content-type"),
      file: null,
      fetchedAt: new Date(now()).toISOString(),
      error: null,
    };
    state.record({
      result,
      etag: headers.get("etag"),
      lastModified: headers.get("last-modified"),
      body: { sha256: createHash("sha256").update(body).digest("hex"), kind: "text", bytes: body.length },
      runId: options.runId ?? null,
    });
  }

  /** An anti-bot answer, from the status or from a small text body. */
  function challengeIn(sent: Sent): string | null {
    if (BLOCK_STATUSES.has(sent.status)) return antiBotReason(sent.status, null);
    let bytes: Uint8Array | null = null;
    if (sent.body && sent.body.length <= CHALLENGE_SCAN_BYTES) bytes = sent.body;
    else if (sent.staged && sent.staged.bytes <= CHALLENGE_SCAN_BYTES) bytes = readFileSync(sent.staged.tmpPath);
    if (!bytes || bytes.length === 0) return null;
    const kind = sniffKind(bufferSource(bytes));
    if (kind !== "html" && kind !== "text") return null;
    try {
      return antiBotReason(sent.status, decodeBody(bytes, sent.headers.get("content-type")).text);
    } catch {
      return null;
    }
  }

  function baseHeaders(label: FetchRequest["label"]): Record<string, string> {
    return {
      "user-agent": userAgent,
      accept: label === "attachment" ? "*/*" : label === "robots" ? "text/plain,*/*;q=0.5" : "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
      "accept-language": "zh-CN,zh;q=0.9,en;q=0.5",
    };
  }

  function noteFailure(h: Host, error: string): void {
    h.consecutiveFailures++;
    if (h.consecutiveFailures >= breaker && !h.circuitOpen) {
      h.circuitOpen = `${h.consecutiveFailures} consecutive failures, last: ${error}`;
      logger?.warn({ host: h.key, reason: h.circuitOpen }, "circuit open");
    }
  }

  function markBlocked(h: Host, reason: string): void {
    if (!h.blocked) {
      h.blocked = reason;
      logger?.warn({ host: h.key, reason }, "host blocked: no further requests this run");
    }
  }

  /** The stored copy a conditional request may stand on, when the state has one for this URL. */
  function conditional(key: string, url: string): { headers: Record<string, string>; ending: Ending } | null {
    if (!state) return null;
    const rec = state.get(key);
    if (!rec || (!rec.etag && !rec.lastModified) || (rec.finalUrl ?? rec.url) !== url) return null;
    const headers: Record<string, string> = {};
    if (rec.etag) headers["if-none-match"] = rec.etag;
    if (rec.lastModified) headers["if-modified-since"] = rec.lastModified;
    // A 200 that was no content (soft 404, HTML at a .pdf URL, over the cap): unchanged, it is the same outcome.
    if (REPEATABLE.has(rec.classification)) {
      return { headers, ending: { classification: rec.classification, status: 304, error: rec.error, contentType: rec.contentType } };
    }
    if (!rec.sha256 || (rec.classification !== "ok" && rec.classification !== "not-modified")) return null;
    let ending: Ending;
    const f = state.file(rec.sha256);
    if (f) {
      if (!store?.has(f.sha256) && !existsQuiet(f.path)) return null;
      ending = {
        classification: "not-modified",
        status: 304,
        file: { sha256: f.sha256, bytes: f.bytes, kind: f.kind, path: store?.has(f.sha256) ? store.pathFor(f.sha256) : f.path, suggestedName: f.suggestedName },
        contentType: rec.contentType,
        charset: rec.charset,
      };
    } else {
      const text = state.text(rec.sha256);
      if (text === null) return null;
      ending = { classification: "not-modified", status: 304, text, charset: rec.charset, contentType: rec.contentType };
    }
    return { headers, ending };
  }

  /** A 2xx body: a file in the store, a wrong-type page, a block page, a soft 404, a meta refresh, or a page. */
  async function interpret2xx(req: FetchRequest, h: Host, url: URL, sent: Sent): Promise<Ending | { hop: string }> {
    const contentType = sent.headers.get("content-type");
    const validators = { etag: sent.headers.get("etag"), lastModified: sent.headers.get("last-modified") };
    if (sent.tooLarge) {
      return { classification: "too-large", status: sent.status, contentType, error: `body over ${maxBytes} bytes`, bytes: sent.bytes, ...validators };
    }
    const suggestedName = filenameFromContentDisposition(sent.headers.get("content-disposition"));
    const hint = suggestedName ?? url.pathname;
    const expectsDocument = req.label === "attachment" || DOCUMENT_EXTENSIONS.has(extensionOf(url.href));

    let kind: FileKind;
    let bytes: Uint8Array | null = sent.body;
    if (sent.staged) {
      kind = sniffFile(sent.staged.tmpPath, hint);
      if (kind === "html" || kind === "text" || kind === "empty") {
        bytes = sent.staged.bytes <= 4 * 1024 * 1024 ? readFileSync(sent.staged.tmpPath) : null;
        await store!.discard(sent.staged);
      }
    } else {
      kind = sniffKind(bufferSource(bytes ?? new Uint8Array(0)), hint);
    }

    // A file: keep it by its hash.
    if (kind !== "html" && kind !== "text" && kind !== "empty") {
      if (!store) {
        return { classification: "ok", status: sent.status, contentType, error: "a file, but no store configured", bytes: sent.bytes, ...validators };
      }
      const staged = sent.staged ?? (await store.stage(bytes!));
      const path = await store.commit(staged);
      const file: StoredFile = { sha256: staged.sha256, bytes: staged.bytes, kind, path, suggestedName };
      return { classification: "ok", status: sent.status, contentType, file, bytes: staged.bytes, ...validators };
    }

    if (kind === "empty") {
      return { classification: expectsDocument ? "wrong-type" : "error", status: sent.status, contentType, text: "", error: "empty body", bytes: 0, ...validators };
    }
    if (!bytes) {
      return { classification: "wrong-type", status: sent.status, contentType, error: `expected a document, got ${kind} (${sent.bytes} bytes)`, ...validators };
    }
    let decoded: ReturnType<typeof decodeBody>;
    try {
      decoded = decodeBody(bytes, contentType);
    } catch (e) {
      return { classification: "wrong-type", status: sent.status, contentType, error: `undecodable body: ${(e as Error).message}`, bytes: bytes.length };
    }
    const text = decoded.text;
    const page = { status: sent.status, contentType, text, charset: decoded.charset, bytes: bytes.length };

    const block = antiBotReason(sent.status, text);
    if (block) {
      markBlocked(h, block);
      return { ...page, classification: "blocked", error: block };
    }
    const refresh = metaRefreshTarget(text, url.href);
    if (refresh && visibleText(text).length < REAL_BODY_CHARS) {
      if (isSiteRoot(new URL(refresh)) && !isSiteRoot(url)) {
        return { ...page, classification: "not-found", error: `meta refresh to the site root ${refresh}` };
      }
      return { hop: refresh };
    }
    const notFound = softNotFoundReason(text);
    if (notFound) return { ...page, classification: "not-found", error: notFound, ...validators };
    if (expectsDocument && req.toStore) {
      return { ...page, classification: "wrong-type", error: `expected a document, got ${kind} (${bytes.length} bytes)`, ...validators };
    }
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    return { ...page, classification: "ok", error: null, body: { sha256, kind, bytes: bytes.length }, ...validators };
  }

  /** A final non-2xx, non-3xx, non-304 response. */
  function interpretStatus(h: Host, sent: Sent): Ending {
    const contentType = sent.headers.get("content-type");
    let text: string | null = null;
    try {
      text = sent.body && sent.body.length > 0 ? decodeBody(sent.body, contentType).text : null;
    } catch {
      text = null;
    }
    const block = antiBotReason(sent.status, text);
    if (block) {
      markBlocked(h, block);
      return { classification: "blocked", status: sent.status, contentType, error: block };
    }
    if (sent.status === 404 || sent.status === 410) {
      return { classification: "not-found", status: sent.status, contentType, error: `HTTP ${sent.status}` };
    }
    if (isRetryableStatus(sent.status)) noteFailure(h, `HTTP ${sent.status}`);
    return { classification: "error", status: sent.status, contentType, error: `HTTP ${sent.status}` };
  }

  /** Follow one request through its redirects to an ending. */
  async function walk(req: FetchRequest, key: string, redirects: string[]): Promise<Ending & { finalUrl: string }> {
    let method: "GET" | "POST" = req.method ?? (req.form ? "POST" : "GET");
    let body = method === "POST" && req.form ? new URLSearchParams(req.form).toString() : undefined;
    let current = req.url;
    const seen = new Set([stripHash(current)]);
    for (;;) {
      const end = (e: Ending): Ending & { finalUrl: string } => ({ ...e, finalUrl: current });
      let u: URL;
      try {
        u = new URL(current);
      } catch {
        return end({ classification: "error", status: null, error: `invalid URL: ${current}` });
      }
      if (u.protocol !== "http:" && u.protocol !== "https:") {
        return end({ classification: "error", status: null, error: `unsupported scheme ${u.protocol}` });
      }
      if (redirects.length > 0 && options.allowHost && !options.allowHost(u, req)) {
        return end({ classification: "not-found", status: null, error: `redirected off the allowed hosts, to ${u.host}` });
      }
      const h = hostFor(u);
      const skip = skipReason(h);
      if (skip) return end({ classification: skip.classification, status: null, error: skip.error });
      const rules = await robotsFor(u);
      if (h.blocked) return end({ classification: "blocked", status: null, error: `host ${h.key} blocked this run: ${h.blocked}` });
      if (rules.denied) return end({ classification: "robots-denied", status: null, error: rules.denied });
      if (!rules.allows(u.href)) return end({ classification: "robots-denied", status: null, error: `robots.txt disallows ${u.pathname}${u.search}` });

      // POSTs too: a Hanweb dataproxy group is a page like any other, with its own validators.
      const cond = conditional(key, current);
      const headers: Record<string, string> = { ...baseHeaders(req.label), ...(cond?.headers ?? {}) };
      if (body !== undefined) headers["content-type"] = "application/x-www-form-urlencoded; charset=UTF-8";
      const a = await exchangeWithRetries(h, current, { method, headers, body, timeoutMs, maxBytes, store: req.toStore ? store : null }, redirects.length > 0 ? 1 : 0);
      if (a.kind === "skipped") return end({ classification: a.classification, status: null, error: a.error });
      if (a.kind === "network") {
        noteFailure(h, a.error.message);
        return end({ classification: "error", status: null, error: a.error.message });
      }
      const sent = a.sent;
      const status = sent.status;

      if (status >= 300 && status < 400 && status !== 304) {
        h.consecutiveFailures = 0;
        const location = sent.headers.get("location");
        if (!location) return end({ classification: "error", status, error: `HTTP ${status} without Location` });
        let next: string;
        try {
          next = stripHash(new URL(location, current).href);
        } catch {
          return end({ classification: "error", status, error: `bad Location: ${location}` });
        }
        const hop = followHop(u, next, status);
        if (hop) return end(hop);
        redirects.push(next);
        seen.add(next);
        current = next;
        if (method === "POST" && status !== 307 && status !== 308) {
          method = "GET";
          body = undefined;
        }
        continue;
      }
      if (status === 304 && cond) {
        h.consecutiveFailures = 0;
        return end({
          ...cond.ending,
          etag: sent.headers.get("etag"),
          lastModified: sent.headers.get("last-modified"),
        });
      }
      if (status >= 200 && status < 300 && status !== 202) {
        h.consecutiveFailures = 0;
        const out = await interpret2xx(req, h, u, sent);
        if ("hop" in out) {
          const hop = followHop(u, out.hop, status);
          if (hop) return end(hop);
          redirects.push(out.hop);
          seen.add(out.hop);
          current = out.hop;
          continue;
        }
        return end(out);
      }
      if (status < 500) h.consecutiveFailures = 0;
      return end(interpretStatus(h, sent));

      /** Why a hop from `from` to `next` ends the chain, or null to follow it. */
      function followHop(from: URL, next: string, status: number): Ending | null {
        if (seen.has(next)) return { classification: "error", status, error: `redirect loop at ${next}` };
        if (redirects.length >= maxRedirects) return { classification: "error", status, error: `more than ${maxRedirects} redirects` };
        if (isSiteRoot(new URL(next)) && !isSiteRoot(from)) {
          return { classification: "not-found", status, error: `redirected to the site root ${next} (soft 404)` };
        }
        return null;
      }
    }
  }

  async function fetchOne(req: FetchRequest): Promise<FetchResult> {
    const started = now();
    const key = requestKey(req);
    let startHost: Host | null = null;
    try {
      startHost = hostFor(new URL(req.url));
    } catch {
      /* an invalid URL ends as "error" in walk() */
    }

    if (options.resumeSince && state?.done(key, options.resumeSince)) {
      const stored = state.storedResult(req);
      if (stored && (!stored.file || existsQuiet(stored.file.path))) {
        if (startHost) startHost.stats.resumed++;
        logger?.info({ url: req.url, finalUrl: stored.finalUrl, classification: stored.classification, label: req.label }, "fetch (resumed from state)");
        return stored;
      }
    }

    const redirects: string[] = [];
    let ending: Ending & { finalUrl: string };
    try {
      ending = await walk(req, key, redirects);
    } catch (e) {
      // The walk expects an answer for every request; a bug or a disk error is an "error" outcome.
      ending = { classification: "error", status: null, error: `fetcher failure: ${(e as Error)?.message ?? String(e)}`, finalUrl: redirects.at(-1) ?? req.url };
    }
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
      fetchedAt: new Date(now()).toISOString(),
      error: ending.error ?? null,
    };
    if (startHost) startHost.stats[OUTCOME_COUNTER[result.classification]]++;
    logger?.[result.classification === "ok" || result.classification === "not-modified" ? "info" : "warn"](
      {
        url: req.url,
        finalUrl: result.finalUrl,
        status: result.status,
        bytes: result.file?.bytes ?? ending.bytes ?? null,
        charset: result.charset,
        classification: result.classification,
        label: req.label,
        sha256: result.file?.sha256 ?? ending.body?.sha256 ?? null,
        ms: now() - started,
        error: result.error,
      },
      "fetch",
    );
    state?.record({
      result,
      etag: ending.etag ?? null,
      lastModified: ending.lastModified ?? null,
      body: ending.body ?? null,
      siteId: options.siteId?.(req) ?? null,
      runId: options.runId ?? null,
    });
    return result;
  }

  return {
    userAgent,
    store,
    fetch: fetchOne,
    hostStats(): Record<string, Record<string, number>> {
      const out: Record<string, Record<string, number>> = {};
      for (const [k, h] of hosts) out[k] = Object.fromEntries(Object.entries(h.stats)) as Record<keyof HostCounters, number>;
      return out;
    },
    async close(): Promise<void> {
      await Promise.all([...hosts.values()].map((h) => h.queue.onIdle()));
      closed = true;
    },
  };
}

function stripHash(url: string): string {
  const i = url.indexOf("#");
  return i < 0 ? url : url.slice(0, i);
}

function existsQuiet(path: string): boolean {
  return existsSync(path);
}
