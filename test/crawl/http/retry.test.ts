import { describe, expect, it } from "vitest";
import { DEFAULT_RETRY, backoffDelay, isRetryableStatus, parseRetryAfter } from "../../../src/crawl/http/retry.js";

describe("retry policy", () => {
  it("retries 408, 429 and 5xx, but not 404, 410, 412, 501 or 521", () => {
    for (const s of [408, 429, 500, 502, 503, 504]) expect(isRetryableStatus(s)).toBe(true);
    for (const s of [200, 301, 400, 403, 404, 410, 412, 501, 505, 521]) expect(isRetryableStatus(s)).toBe(false);
  });

  it("waits 1 s, 3 s, 9 s by default, capped at 30 s, with jitter only upwards", () => {
    const none = () => 0;
    expect([0, 1, 2, 3, 4].map((a) => backoffDelay(a, DEFAULT_RETRY, none, null))).toEqual([1000, 3000, 9000, 27000, 30000]);
    const most = () => 0.999;
    expect(backoffDelay(0, DEFAULT_RETRY, most, null)).toBe(1200);
    expect(backoffDelay(4, DEFAULT_RETRY, most, null)).toBe(30000);
  });

  it("reads Retry-After as seconds or an HTTP date, and caps it", () => {
    const now = Date.parse("Mon, 30 Jan 2023 08:00:00 GMT");
    expect(parseRetryAfter("120", now)).toBe(120_000);
    expect(parseRetryAfter("Mon, 30 Jan 2023 08:00:30 GMT", now)).toBe(30_000);
    expect(parseRetryAfter("Mon, 30 Jan 2023 07:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon", now)).toBeNull();
    expect(backoffDelay(0, DEFAULT_RETRY, () => 0, 120_000)).toBe(60_000);
    expect(backoffDelay(0, DEFAULT_RETRY, () => 0, 5_000)).toBe(5_000);
  });
});
