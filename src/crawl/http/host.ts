/**
 * One host (hostname:port) as the fetcher treats it: a queue that runs one request at a time,
 * the time the last one ended, the interval owed before the next (minimum interval or robots
 * Crawl-delay, whichever is larger), a `notBefore` that backoff and Retry-After push forward for
 * every request to the host, and the reasons the host is out for the rest of the run (blocked by
 * an anti-bot gateway, circuit open).
 */
import PQueue from "p-queue";
import type { Classification } from "../types.js";

export interface HostCounters {
  /** HTTP requests sent (robots.txt, redirect hops and retries included). */
  requests: number;
  /** Fetches (calls of `fetch`) by outcome, counted at the host of the requested URL. */
  ok: number;
  notModified: number;
  notFound: number;
  blocked: number;
  robotsDenied: number;
  tooLarge: number;
  wrongType: number;
  errors: number;
  /** Retries sent after a 429/5xx/timeout/reset. */
  retries: number;
  /** Fetches answered from the state without a request (resumed run). */
  resumed: number;
  /** Body bytes received. */
  bytes: number;
}

export const OUTCOME_COUNTER: Record<Classification, keyof HostCounters> = {
  ok: "ok",
  "not-modified": "notModified",
  "not-found": "notFound",
  blocked: "blocked",
  "robots-denied": "robotsDenied",
  "too-large": "tooLarge",
  "wrong-type": "wrongType",
  error: "errors",
};

export function emptyCounters(): HostCounters {
  return {
    requests: 0,
    ok: 0,
    notModified: 0,
    notFound: 0,
    blocked: 0,
    robotsDenied: 0,
    tooLarge: 0,
    wrongType: 0,
    errors: 0,
    retries: 0,
    resumed: 0,
    bytes: 0,
  };
}

export class Host {
  readonly key: string;
  /** concurrency 1: never two requests in flight to one host. */
  readonly queue = new PQueue({ concurrency: 1 });
  readonly stats: HostCounters = emptyCounters();
  intervalMs: number;
  lastEnd: number | null = null;
  notBefore = 0;
  /** Set by the first anti-bot answer: the host is not asked again this run. */
  blocked: string | null = null;
  /** Set when `consecutiveFailures` reaches the breaker's threshold. */
  circuitOpen: string | null = null;
  consecutiveFailures = 0;
  /** Milliseconds its exchanges have taken this run (for the per-host time cap). */
  busyMs = 0;

  constructor(key: string, intervalMs: number) {
    this.key = key;
    this.intervalMs = intervalMs;
  }

  /** Milliseconds to wait before the next request may start. */
  waitMs(now: number): number {
    const afterLast = this.lastEnd === null ? 0 : this.lastEnd + this.intervalMs;
    return Math.max(0, afterLast - now, this.notBefore - now);
  }
}
