import { describe, expect, it } from "vitest";
import { createFetcher } from "../../../src/crawl/http/fetcher.js";
import { html, reply, sequence, startServer, type TestServer, serversClosedAfterEach } from "../../support/http-server.js";
import { fast, gaps, realPage } from "./fast.js";

const server = serversClosedAfterEach();

const text = (body: string) => reply(200, body, { "content-type": "text/plain" });

describe("robots.txt", () => {
  it("obeys Disallow: zero requests to disallowed paths, the rest fetched", async () => {
    const s = await server({
      "/robots.txt": text("User-agent: *\nDisallow: /secret/\n"),
      "/secret/a.html": html(realPage("秘密")),
      "/open/b.html": html(realPage("公开")),
    });
    const f = createFetcher(fast());
    const [denied, ok] = await Promise.all([
      f.fetch({ url: s.url("/secret/a.html"), label: "article" }),
      f.fetch({ url: s.url("/open/b.html"), label: "article" }),
    ]);
    expect(denied).toMatchObject({ classification: "robots-denied", status: null });
    expect(denied.error).toMatch(/disallows \/secret\/a\.html/);
    expect(ok.classification).toBe("ok");
    expect(s.requests("/secret/a.html")).toHaveLength(0);
    expect(s.requests("/robots.txt")).toHaveLength(1);
    expect(f.hostStats()[s.host]).toMatchObject({ robotsDenied: 1, ok: 1, requests: 2 });
  });

  it("follows the group that names our product token over `*`", async () => {
    const s = await server({
      "/robots.txt": text("User-agent: *\nDisallow: /\n\nUser-agent: nianbao\nDisallow: /private/\n"),
      "/private/x": html(realPage("x")),
      "/public/y": html(realPage("y")),
    });
    const f = createFetcher(fast({ userAgent: "nianbao/9.9.9 (+https://example.org; research crawler)" }));
    expect((await f.fetch({ url: s.url("/public/y"), label: "article" })).classification).toBe("ok");
    expect((await f.fetch({ url: s.url("/private/x"), label: "article" })).classification).toBe("robots-denied");
    expect(s.requests("/private/x")).toHaveLength(0);
  });

  it("Disallow: / shuts the whole host (顺义-style)", async () => {
    const s = await server({ "/robots.txt": text("User-agent: *\nDisallow: /\n"), "/index.html": html(realPage("首页")) });
    const f = createFetcher(fast());
    const r = await f.fetch({ url: s.url("/index.html"), label: "listing" });
    expect(r.classification).toBe("robots-denied");
    expect(s.log.map((l) => l.path)).toEqual(["/robots.txt"]);
  });

  it("treats a 404 robots.txt as allowing everything", async () => {
    const s = await server({ "/robots.txt": reply(404, "not here"), "/a": html(realPage("a")) });
    const f = createFetcher(fast());
    expect((await f.fetch({ url: s.url("/a"), label: "article" })).classification).toBe("ok");
  });

  it("treats a 503 robots.txt as the host disallowed for the run, asking robots.txt only once per run", async () => {
    const s = await server({ "/robots.txt": reply(503, "busy"), "/a": html(realPage("a")), "/b": html(realPage("b")) });
    const f = createFetcher(fast({ retry: { retries: 1 } }));
    const a = await f.fetch({ url: s.url("/a"), label: "listing" });
    const b = await f.fetch({ url: s.url("/b"), label: "listing" });
    expect(a.classification).toBe("robots-denied");
    expect(a.error).toMatch(/robots\.txt answered 503/);
    expect(b.classification).toBe("robots-denied");
    // One robots.txt fetch for the run (with its one retry), no page request at all.
    expect(s.log.map((l) => l.path)).toEqual(["/robots.txt", "/robots.txt"]);
    expect(f.hostStats()[s.host]).toMatchObject({ robotsDenied: 2, requests: 2 });
  });

  it("treats an unreachable robots.txt (connection refused) as the host disallowed", async () => {
    const s = await startServer(); // closed here, not after the test
    const url = s.url("/a");
    await s.close();
    const f = createFetcher(fast({ retry: { retries: 0 } }));
    const r = await f.fetch({ url, label: "listing" });
    expect(r.classification).toBe("robots-denied");
    expect(r.error).toMatch(/unreachable/);
  });

  it("honours Crawl-delay when it is larger than the minimum interval", async () => {
    const s = await server({ "/robots.txt": text("User-agent: *\nCrawl-delay: 0.12\n"), "/p": html(realPage("p")) });
    const f = createFetcher(fast({ minIntervalMs: 10 }));
    await Promise.all([1, 2, 3].map((i) => f.fetch({ url: s.url(`/p?${i}`), label: "listing" })));
    expect(s.log).toHaveLength(4);
    for (const g of gaps(s.log)) expect(g).toBeGreaterThanOrEqual(118);
  });

  it("keeps the minimum interval when Crawl-delay is smaller, and caps a huge Crawl-delay", async () => {
    const s = await server({ "/robots.txt": text("User-agent: *\nCrawl-delay: 3600\n"), "/p": html(realPage("p")) });
    const f = createFetcher(fast({ minIntervalMs: 30, maxCrawlDelayMs: 80 }));
    await Promise.all([1, 2].map((i) => f.fetch({ url: s.url(`/p?${i}`), label: "listing" })));
    const g = gaps(s.log);
    for (const x of g) expect(x).toBeGreaterThanOrEqual(78);
    for (const x of g) expect(x).toBeLessThan(1000);
  });

  it("re-reads robots.txt in a new run (a new fetcher), not within one", async () => {
    const s = await server({
      "/robots.txt": sequence(text("User-agent: *\nDisallow: /a\n"), text("User-agent: *\nAllow: /\n")),
      "/a": html(realPage("a")),
    });
    const run1 = createFetcher(fast());
    expect((await run1.fetch({ url: s.url("/a"), label: "article" })).classification).toBe("robots-denied");
    expect((await run1.fetch({ url: s.url("/a"), label: "article" })).classification).toBe("robots-denied");
    const run2 = createFetcher(fast());
    expect((await run2.fetch({ url: s.url("/a"), label: "article" })).classification).toBe("ok");
    expect(s.requests("/robots.txt")).toHaveLength(2);
  });
});
