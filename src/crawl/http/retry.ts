/**
 * When to try again and how long to wait (crawling.md §2.14): capped exponential backoff with
 * jitter, and the server's own `Retry-After` when it gives one.
 */

export interface RetryOptions {
  /** Further attempts after the first. @default 3 */
  retries?: number;
  /** Wait before the first retry. @default 1000 */
  baseDelayMs?: number;
  /** Each further wait is this many times the previous one (1 s, 3 s, 9 s). @default 3 */
  factor?: number;
  /** No wait is longer than this. @default 30000 */
  maxDelayMs?: number;
  /** Waits are stretched by a random share of up to this (0.2 = up to +20 %). @default 0.2 */
  jitter?: number;
  /** A `Retry-After` longer than this is cut to it. @default 60000 */
  maxRetryAfterMs?: number;
}

export type ResolvedRetry = Required<RetryOptions>;

export const DEFAULT_RETRY: ResolvedRetry = {
  retries: 3,
  baseDelayMs: 1000,
  factor: 3,
  maxDelayMs: 30_000,
  jitter: 0.2,
  maxRetryAfterMs: 60_000,
};

/**
 * Statuses worth another try: 408 and 429 (the server asks us to come back) and the 5xx family,
 * except 501/505 (the server will never do it) and 521 (加速乐's challenge, an anti-bot answer).
 * Never 404, 410, 412.
 */
export function isRetryableStatus(status: number): boolean {
  if (status === 408 || status === 429) return true;
  return status >= 500 && status <= 599 && status !== 501 && status !== 505 && status !== 521;
}

/** `Retry-After` as milliseconds from `now`: delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null | undefined, now: number): number | null {
  if (!value) return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const t = Date.parse(v);
  if (Number.isNaN(t)) return null;
  return Math.max(0, t - now);
}

/**
 * The wait before retry number `attempt` (0 for the first retry): base·factor^attempt, capped,
 * stretched by jitter; never shorter than the server's Retry-After (itself capped).
 */
export function backoffDelay(attempt: number, opts: ResolvedRetry, random: () => number, retryAfterMs: number | null): number {
  const exp = Math.min(opts.maxDelayMs, opts.baseDelayMs * Math.pow(opts.factor, attempt));
  const jittered = Math.min(opts.maxDelayMs, exp * (1 + opts.jitter * random()));
  const server = retryAfterMs === null ? 0 : Math.min(retryAfterMs, opts.maxRetryAfterMs);
  return Math.round(Math.max(jittered, server));
}

/**
 * Whether an answer gets another try, and after how long: only a retryable one, only while
 * retries are left, never on a host an anti-bot gateway has blocked, and never past the run's
 * deadline. Null: no retry.
 */
export function retryDelayFor(
  answer: { retryable: boolean; attempt: number; retryAfterMs: number | null; blocked: boolean },
  opts: ResolvedRetry,
  random: () => number,
  now: number,
  runDeadline: number,
): number | null {
  if (!answer.retryable || answer.attempt >= opts.retries || answer.blocked) return null;
  const delay = backoffDelay(answer.attempt, opts, random, answer.retryAfterMs);
  return now + delay < runDeadline ? delay : null;
}

/**
 * Attempts of one exchange, from 0, until one comes back without a `retryDelay` (the queue turn
 * that made it has already pushed the host's `notBefore` past the wait). Retries go to the front
 * of the host's queue (priority 1), so a retried page is not overtaken by the rest of a column.
 */
export async function withRetries<A extends { retryDelay?: number }>(
  attempt: (n: number, priority: number) => Promise<A>,
  priority: number,
  onRetry: (a: A, n: number) => void,
): Promise<A> {
  for (let n = 0; ; n++) {
    const a = await attempt(n, priority);
    if (a.retryDelay === undefined) return a;
    onRetry(a, n);
    priority = 1;
  }
}
