/**
 * The per-host queue turn: the one piece every part of the fetcher shares. Robots, redirects and
 * retries all send their requests through `Hosts.turn`, which
 *   - waits in the host's queue (one request in flight per host),
 *   - then waits out the interval the host is owed (minimum interval or Crawl-delay, backoff,
 *     Retry-After),
 *   - refuses when the host is out for the run (blocked, circuit open, its time used up, the
 *     run's budget spent, closed),
 *   - sends one exchange under the request's deadline — or what is left of the host's time when
 *     that is shorter, so a stalled host cannot hold its queue past its cap (issue 13) — and the
 *     minimum transfer rate,
 *   - and settles what the answer means for the host — a challenge (blocked), a Retry-After or a
 *     backoff (`notBefore`), the time it took — before the next request to the host may start.
 * Everything else about a host (counters, the breaker's count) lives on its `Host`.
 */
import type { Classification, FetchErrorReason } from "../types.js";
import { Host } from "./host.js";
import { challengeIn } from "./interpret.js";
import type { Settings } from "./options.js";
import { isRetryableStatus, parseRetryAfter, retryDelayFor } from "./retry.js";
import { NetworkError, send, type SendInit, type Sent } from "./transport.js";

/** What one queued exchange gave. */
export type Attempt =
  | { kind: "response"; sent: Sent; retryDelay?: number }
  | { kind: "network"; error: NetworkError; retryDelay?: number }
  | { kind: "skipped"; classification: Classification; error: string; reason: FetchErrorReason | null; retryDelay?: undefined };

/** Why a host gets no request now. */
export interface Refusal {
  classification: Classification;
  error: string;
  reason: FetchErrorReason | null;
}

export class Hosts {
  private readonly map = new Map<string, Host>();
  private closed = false;

  constructor(private readonly s: Settings) {}

  hostFor(u: URL): Host {
    let h = this.map.get(u.host);
    if (!h) {
      h = new Host(u.host, this.s.minIntervalMs);
      this.map.set(u.host, h);
    }
    return h;
  }

  all(): Host[] {
    return [...this.map.values()];
  }

  /** Why a host gets no request now, or null. */
  refusal(h: Host): Refusal | null {
    if (h.blocked) return { classification: "blocked", error: `host ${h.key} blocked this run: ${h.blocked}`, reason: null };
    if (h.circuitOpen) return { classification: "error", error: `circuit open for ${h.key}: ${h.circuitOpen}`, reason: "circuit-open" };
    if (h.busyMs >= this.s.hostTimeMs) return { classification: "error", error: `host ${h.key} used up its ${this.s.hostTimeMs} ms for this run`, reason: "host-time" };
    if (this.s.now() >= this.s.runDeadline) return { classification: "error", error: "run budget exhausted", reason: "run-budget" };
    if (this.closed) return { classification: "error", error: "fetcher closed", reason: "closed" };
    return null;
  }

  /** The first anti-bot answer leaves the host alone for the rest of the run. */
  markBlocked(h: Host, reason: string): void {
    if (!h.blocked) {
      h.blocked = reason;
      this.s.logger?.warn({ host: h.key, reason }, "host blocked: no further requests this run");
    }
  }

  /** A fetch of the host failed; enough in a row open its circuit. */
  noteFailure(h: Host, error: string): void {
    h.consecutiveFailures++;
    if (h.consecutiveFailures >= this.s.circuitBreakerThreshold && !h.circuitOpen) {
      h.circuitOpen = `${h.consecutiveFailures} consecutive failures, last: ${error}`;
      this.s.logger?.warn({ host: h.key, reason: h.circuitOpen }, "circuit open");
    }
  }

  noteSuccess(h: Host): void {
    h.consecutiveFailures = 0;
  }

  /** Wait until every queue is idle, then refuse further requests. */
  async close(): Promise<void> {
    await Promise.all(this.all().map((h) => h.queue.onIdle()));
    this.closed = true;
  }

  /** One exchange through the host's queue: attempt `attempt` (0 = first) of a request. */
  turn(h: Host, url: string, init: SendInit, priority: number, attempt: number): Promise<Attempt> {
    const { now, sleep } = this.s;
    return h.queue.add(
      async (): Promise<Attempt> => {
        const before = this.refusal(h);
        if (before) return { kind: "skipped", ...before };
        const wait = h.waitMs(now());
        if (wait > 0) await sleep(wait);
        const after = this.refusal(h);
        if (after) return { kind: "skipped", ...after };
        h.stats.requests++;
        let a: Attempt;
        // The request's own deadline, or what is left of the host's time when that is shorter.
        const left = this.s.hostTimeMs - h.busyMs;
        const limits: Partial<SendInit> = {
          deadlineMs: Math.min(this.s.deadlineMs, left),
          deadlineReason: left < this.s.deadlineMs ? "host-time" : "deadline",
          minBytesPerSecond: this.s.minBytesPerSecond,
          rateWindowMs: this.s.rateWindowMs,
        };
        const t0 = now();
        try {
          // The exchange is made here, or by the transport given (a queue worker: src/queue).
          const exchange: SendInit = { ...init, ...limits };
          const sent = this.s.transport ? await this.s.transport(url, exchange, { key: h.key, intervalMs: h.intervalMs }) : await send(url, exchange);
          h.stats.bytes += sent.bytes;
          const block = challengeIn(sent);
          if (block) this.markBlocked(h, block);
          a = { kind: "response", sent };
        } catch (e) {
          a = { kind: "network", error: e instanceof NetworkError ? e : new NetworkError(String(e), "network", null) };
        }
        h.lastEnd = now();
        h.busyMs += h.lastEnd - t0;
        const retryAfter = a.kind === "response" ? parseRetryAfter(a.sent.headers.get("retry-after"), now()) : null;
        if (retryAfter !== null) h.notBefore = Math.max(h.notBefore, now() + Math.min(retryAfter, this.s.retry.maxRetryAfterMs));
        const retryable = (a.kind === "network" && a.error.retryable) || (a.kind === "response" && isRetryableStatus(a.sent.status));
        const delay = retryDelayFor({ retryable, attempt, retryAfterMs: retryAfter, blocked: h.blocked !== null }, this.s.retry, this.s.random, now(), this.s.runDeadline);
        if (delay !== null) {
          h.notBefore = Math.max(h.notBefore, now() + delay);
          a.retryDelay = delay;
        }
        return a;
      },
      { priority },
    ) as Promise<Attempt>;
  }
}
