/**
 * Fetcher options for tests: the production politeness (1.5 s between requests, 1/3/9 s
 * backoff, 20 s timeouts) scaled down to milliseconds, with no jitter so waits are predictable.
 */
import type { FetcherOptions } from "../../../src/crawl/http/fetcher.js";

export function fast(extra: FetcherOptions = {}): FetcherOptions {
  return {
    minIntervalMs: 0,
    timeoutMs: 2000,
    ...extra,
    retry: { retries: 2, baseDelayMs: 5, factor: 2, maxDelayMs: 40, jitter: 0, maxRetryAfterMs: 5000, ...extra.retry },
  };
}

/** A page with enough visible text to count as a real body (≥ 200 characters). */
export function realPage(title: string, extraHead = ""): string {
  const para = "本机关依照《中华人民共和国政府信息公开条例》规定，编制本年度政府信息公开工作年度报告。".repeat(6);
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}</title>${extraHead}</head><body><h1>${title}</h1><p>${para}</p></body></html>`;
}

/** Gaps between consecutive requests of a log: next start minus previous end (ms). */
export function gaps(log: { start: number; end: number | null }[]): number[] {
  const sorted = [...log].sort((a, b) => a.start - b.start);
  const out: number[] = [];
  for (let i = 1; i < sorted.length; i++) out.push(sorted[i]!.start - (sorted[i - 1]!.end ?? sorted[i - 1]!.start));
  return out;
}
