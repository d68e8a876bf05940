import { describe, expect, it } from "vitest";
import { createFetcher } from "../../../src/crawl/http/fetcher.js";
import { delayed, html, reply, reset, sequence, startServer, type TestServer, serversClosedAfterEach } from "../../support/http-server.js";
import { fast, realPage } from "./fast.js";

const server = serversClosedAfterEach();

describe("retries, timeouts, circuit breaker, budget", () => {
  it("waits out a 503's Retry-After (seconds), then gets the 200", async () => {
    const s = await server({
      "/robots.txt": reply(404),
      "/busy": sequence(reply(503, "稍后再试", { "retry-after": "1" }), html(realPage("好了"))),
    });
    const f = createFetcher(fast());
    const r = await f.fetch({ url: s.url("/busy"), label: "listing" });
    expect(r.classification).toBe("ok");
    const [first, second] = s.requests("/busy");
    expect(second!.start - first!.end!).toBeGreaterThanOrEqual(990);
    expect(f.hostStats()[s.host]).toMatchObject({ retries: 1, ok: 1, errors: 0 });
  });

  it("applies Retry-After to every request to the host, not only the one retried", async () => {
    const s = await server({
      "/robots.txt": reply(404),
      "/busy": sequence(delayed(30, reply(429, "", { "retry-after": "1" })), html(realPage("a"))),
      "/other": html(realPage("b")),
    });
    const f = createFetcher(fast());
    // /other is queued while /busy is in flight: it must still wait out /busy's Retry-After.
    await Promise.all([f.fetch({ url: s.url("/busy"), label: "listing" }), f.fetch({ url: s.url("/other"), label: "listing" })]);
    const first = s.requests("/busy")[0]!;
    expect(s.requests("/other")[0]!.start - first.end!).toBeGreaterThanOrEqual(990);
  });

  it("gives a persistent 500 up after the capped retries, then opens the host's circuit", async () => {
    const s = await server({ "/robots.txt": reply(404), "/down": reply(500, "Internal Server Error") });
    const f = createFetcher(fast({ retry: { retries: 2 }, circuitBreakerThreshold: 2 }));
    const first = await f.fetch({ url: s.url("/down?1"), label: "article" });
    expect(first).toMatchObject({ classification: "error", status: 500, error: "HTTP 500" });
    expect(s.requests("/down")).toHaveLength(3); // 1 + 2 retries
    const second = await f.fetch({ url: s.url("/down?2"), label: "article" });
    expect(second.classification).toBe("error");
    expect(s.requests("/down")).toHaveLength(6);
    // Two failed fetches in a row: the host is skipped for the rest of the run.
    const third = await f.fetch({ url: s.url("/down?3"), label: "article" });
    expect(third.classification).toBe("error");
    expect(third.error).toMatch(/circuit open/);
    expect(s.requests("/down")).toHaveLength(6);
    expect(f.hostStats()[s.host]).toMatchObject({ errors: 3, retries: 4, requests: 7 });
  });

  it("backs off exponentially between retries", async () => {
    const s = await server({ "/robots.txt": reply(404), "/down": reply(502) });
    const f = createFetcher(fast({ retry: { retries: 3, baseDelayMs: 30, factor: 2, maxDelayMs: 1000 } }));
    await f.fetch({ url: s.url("/down"), label: "article" });
    const log = s.requests("/down");
    const waits = log.slice(1).map((r, i) => r.start - log[i]!.end!);
    expect(waits[0]).toBeGreaterThanOrEqual(29);
    expect(waits[1]).toBeGreaterThanOrEqual(59);
    expect(waits[2]).toBeGreaterThanOrEqual(119);
  });

  it("does not retry a 404 (one request) and a success resets the breaker", async () => {
    const s = await server({ "/robots.txt": reply(404), "/ok": html(realPage("x")), "/down": reply(500) });
    const f = createFetcher(fast({ retry: { retries: 0 }, circuitBreakerThreshold: 2 }));
    expect((await f.fetch({ url: s.url("/gone"), label: "article" })).classification).toBe("not-found");
    expect(s.requests("/gone")).toHaveLength(1);
    await f.fetch({ url: s.url("/down"), label: "article" });
    await f.fetch({ url: s.url("/ok"), label: "article" });
    await f.fetch({ url: s.url("/down"), label: "article" });
    // error, ok, error: never two in a row, so the circuit is still closed.
    expect((await f.fetch({ url: s.url("/ok"), label: "article" })).classification).toBe("ok");
  });

  it("times a slow response out (a 35 s page, scaled down) and counts it as an error", async () => {
    const s = await server({ "/robots.txt": reply(404), "/slow": delayed(600, html(realPage("慢"))) });
    const f = createFetcher(fast({ timeoutMs: 100, retry: { retries: 1 } }));
    const t0 = performance.now();
    const r = await f.fetch({ url: s.url("/slow"), label: "article" });
    expect(r.classification).toBe("error");
    expect(r.error).toMatch(/timeout after 100 ms/);
    expect(s.requests("/slow")).toHaveLength(2);
    expect(performance.now() - t0).toBeLessThan(1000); // two 100 ms timeouts, not two 600 ms waits
  });

  it("times out a body that stalls after its headers", async () => {
    const s = await server({
      "/robots.txt": reply(404),
      "/stall": (_req, res) => {
        res.writeHead(200, { "content-type": "text/html" });
        res.write("<html><body>开始");
        // …and nothing more.
      },
    });
    const f = createFetcher(fast({ timeoutMs: 100, retry: { retries: 0 } }));
    const r = await f.fetch({ url: s.url("/stall"), label: "article" });
    expect(r.classification).toBe("error");
    expect(r.error).toMatch(/timeout/);
  });

  it("retries after a connection reset", async () => {
    const s = await server({ "/robots.txt": reply(404), "/flaky": sequence(reset(), html(realPage("恢复"))) });
    const f = createFetcher(fast());
    const r = await f.fetch({ url: s.url("/flaky"), label: "article" });
    expect(r.classification).toBe("ok");
    expect(s.requests("/flaky")).toHaveLength(2);
  });

  it("sends nothing once the run's time budget is spent", async () => {
    const s = await server({ "/robots.txt": reply(404), "/p": html(realPage("p")) });
    const f = createFetcher(fast({ budgetMs: 1000 }));
    expect((await f.fetch({ url: s.url("/p?1"), label: "listing" })).classification).toBe("ok");
    await new Promise((r) => setTimeout(r, 1050));
    const late = await f.fetch({ url: s.url("/p?2"), label: "listing" });
    expect(late).toMatchObject({ classification: "error", error: "run budget exhausted" });
    expect(s.requests("/p")).toHaveLength(1);
  });

  it("uses the injected clock and sleep for its waits", async () => {
    const s = await server({ "/robots.txt": reply(404), "/p": html(realPage("p")) });
    const slept: number[] = [];
    let clock = 1_000_000;
    const f = createFetcher(
      fast({
        minIntervalMs: 5000,
        now: () => clock,
        sleep: async (ms) => {
          slept.push(ms);
          clock += ms;
        },
      }),
    );
    await f.fetch({ url: s.url("/p?1"), label: "listing" });
    await f.fetch({ url: s.url("/p?2"), label: "listing" });
    // robots.txt, then two pages: each after a 5 s interval on the fake clock, none in real time.
    expect(slept).toEqual([5000, 5000]);
  });
});
