import { describe, expect, it } from "vitest";
import { createFetcher } from "../../../src/crawl/http/fetcher.js";
import { delayed, html, reply, startServer, type TestServer, serversClosedAfterEach } from "../../support/http-server.js";
import { fast, gaps, realPage } from "./fast.js";

const server = serversClosedAfterEach();

describe("politeness", () => {
  it("never has two requests in flight to one host, and keeps the minimum interval between them", async () => {
    const s = await server({ "/robots.txt": reply(404), "/page": delayed(10, html(realPage("列表"))) });
    const f = createFetcher(fast({ minIntervalMs: 40 }));
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => f.fetch({ url: s.url(`/page?i=${i}`), label: "listing" })));
    expect(results.map((r) => r.classification)).toEqual(Array(8).fill("ok"));
    expect(s.maxInFlight).toBe(1);
    expect(s.log).toHaveLength(9); // robots.txt + 8 pages
    for (const g of gaps(s.log)) expect(g).toBeGreaterThanOrEqual(38);
    expect(f.hostStats()[s.host]).toMatchObject({ requests: 9, ok: 8, errors: 0 });
  });

  it("queues hosts apart: one host's interval does not hold another back", async () => {
    const a = await server({ "/robots.txt": reply(404), "/p": html(realPage("A")) });
    const b = await server({ "/robots.txt": reply(404), "/p": html(realPage("B")) });
    const f = createFetcher(fast({ minIntervalMs: 60 }));
    await Promise.all([
      ...[1, 2, 3].map((i) => f.fetch({ url: a.url(`/p?i=${i}`), label: "article" })),
      ...[1, 2, 3].map((i) => f.fetch({ url: b.url(`/p?i=${i}`), label: "article" })),
    ]);
    expect(a.maxInFlight).toBe(1);
    expect(b.maxInFlight).toBe(1);
    // The two hosts' requests interleave: B did not wait for A to finish, nor A for B.
    const [aPages, bPages] = [a.requests("/p"), b.requests("/p")];
    expect(bPages[0]!.start).toBeLessThan(aPages.at(-1)!.start);
    expect(aPages[0]!.start).toBeLessThan(bPages.at(-1)!.start);
  });

  it("sends one stable User-Agent, with no cookies and no rotation", async () => {
    const s = await server({ "/robots.txt": reply(404), "/p": html(realPage("x")) });
    const f = createFetcher(fast({ userAgent: "nianbao/test (+https://example.org/bot; research crawler)" }));
    await f.fetch({ url: s.url("/p?1"), label: "listing" });
    await f.fetch({ url: s.url("/p?2"), label: "attachment" });
    const agents = new Set(s.log.map((r) => r.headers["user-agent"]));
    expect([...agents]).toEqual(["nianbao/test (+https://example.org/bot; research crawler)"]);
    expect(f.userAgent).toBe("nianbao/test (+https://example.org/bot; research crawler)");
  });

  it("has a default User-Agent that names the tool, its version and its purpose", () => {
    const f = createFetcher();
    expect(f.userAgent).toMatch(/^nianbao\/\d+\.\d+\.\d+ \(research crawler/);
  });

  it("logs every fetch with url, final URL, status, bytes, charset and classification", async () => {
    const s = await server({ "/robots.txt": reply(404), "/p": html(realPage("日志")) });
    const lines: Record<string, unknown>[] = [];
    const logger = { info: (o: object) => void lines.push(o as Record<string, unknown>), warn: (o: object) => void lines.push(o as Record<string, unknown>) };
    const f = createFetcher(fast({ logger }));
    await f.fetch({ url: s.url("/p"), label: "article" });
    const fetchLine = lines.find((l) => l.url === s.url("/p"));
    expect(fetchLine).toMatchObject({ url: s.url("/p"), finalUrl: s.url("/p"), status: 200, charset: "utf-8", classification: "ok", label: "article" });
    expect(fetchLine?.bytes).toBeGreaterThan(200);
  });
});
