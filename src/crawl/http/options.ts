/**
 * What a fetcher can be told, its defaults, and the settings every part of it reads once they are
 * resolved. The parts (turn, retry, robots, redirects, interpret, conditional) never see the raw
 * options: they get `Settings`, so a default is written in one place.
 */
import { VERSION } from "../../version.js";
import type { CrawlState } from "../state/state.js";
import type { FetchRequest } from "../types.js";
import { DEFAULT_RETRY, type ResolvedRetry, type RetryOptions } from "./retry.js";
import type { SendInit, Sent } from "./transport.js";

/**
 * One HTTP exchange, as transport.ts `send` makes it; another transport may make it elsewhere
 * (src/queue: on a worker, through the host's BullMQ queue), given the host it is for and the
 * interval that host is owed. It must answer as `send` does: a `Sent`, or a `NetworkError`.
 */
export type Transport = (url: string, init: SendInit, host: { key: string; intervalMs: number }) => Promise<Sent>;

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
  /**
   * Milliseconds one exchange may take in all, headers and body, however steadily the bytes
   * come (a 50 MiB file at 170 KB/s fits). Over it the request is an "error" (reason
   * "deadline"), not retried. @default 300000
   */
  deadlineMs?: number;
  /**
   * A body must arrive at least this fast, measured over each `rateWindowMs`: a server that
   * trickles is an "error" (reason "too-slow"), not retried. 0 turns the check off. @default 1024
   */
  minBytesPerSecond?: number;
  /** @default 20000 */
  rateWindowMs?: number;
  /**
   * Milliseconds of exchanges one host may take in a run (robots.txt, hops and retries included;
   * the politeness waits between them not). When they are spent, the request in flight is
   * stopped and every further request to the host is an "error" (reason "host-time") at once,
   * so its queue moves on. null: no cap. @default 1800000
   */
  hostTimeMs?: number | null;
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
  /** Who makes each exchange. @default transport.ts `send`, in this process */
  transport?: Transport | null;
  /** Injected clock and sleep (tests). */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Random numbers in [0, 1) for jitter. */
  random?: () => number;
}

export const DEFAULT_USER_AGENT = `nianbao/${VERSION} (research crawler; government information-disclosure annual reports)`;
export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;
/** robots.txt bodies over this are not read (RFC 9309 §2.5 asks parsers to read at least 500 KiB). */
export const ROBOTS_MAX_BYTES = 512 * 1024;

/** The options with every default filled in. */
export interface Settings {
  userAgent: string;
  minIntervalMs: number;
  maxCrawlDelayMs: number;
  timeoutMs: number;
  deadlineMs: number;
  minBytesPerSecond: number;
  rateWindowMs: number;
  /** Infinity: no cap. */
  hostTimeMs: number;
  maxRedirects: number;
  retry: ResolvedRetry;
  circuitBreakerThreshold: number;
  /** Epoch milliseconds after which no new request is sent (Infinity: no budget). */
  runDeadline: number;
  maxBytes: number;
  state: CrawlState | null;
  runId: number | null;
  siteId: ((req: FetchRequest) => string | null) | null;
  allowHost: ((url: URL, req: FetchRequest) => boolean) | null;
  resumeSince: string | null;
  logger: FetchLogger | null;
  /** null: transport.ts `send`. */
  transport: Transport | null;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
}

const sleepReal = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export function resolveOptions(options: FetcherOptions): Settings {
  const now = options.now ?? Date.now;
  return {
    userAgent: options.userAgent ?? DEFAULT_USER_AGENT,
    minIntervalMs: options.minIntervalMs ?? 1500,
    maxCrawlDelayMs: options.maxCrawlDelayMs ?? 60_000,
    timeoutMs: options.timeoutMs ?? 20_000,
    deadlineMs: options.deadlineMs ?? 300_000,
    minBytesPerSecond: options.minBytesPerSecond ?? 1024,
    rateWindowMs: options.rateWindowMs ?? 20_000,
    hostTimeMs: options.hostTimeMs === null ? Infinity : (options.hostTimeMs ?? 1_800_000),
    maxRedirects: options.maxRedirects ?? 5,
    retry: { ...DEFAULT_RETRY, ...options.retry },
    circuitBreakerThreshold: options.circuitBreakerThreshold ?? 3,
    runDeadline: options.budgetMs != null ? now() + options.budgetMs : Infinity,
    maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES,
    state: options.state ?? null,
    runId: options.runId ?? null,
    siteId: options.siteId ?? null,
    allowHost: options.allowHost ?? null,
    resumeSince: options.resumeSince ?? null,
    logger: options.logger ?? null,
    transport: options.transport ?? null,
    now,
    sleep: options.sleep ?? sleepReal,
    random: options.random ?? Math.random,
  };
}
