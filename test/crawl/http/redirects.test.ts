import { describe, expect, it } from "vitest";
import { createFetcher } from "../../../src/crawl/http/fetcher.js";
import { html, redirect, reply, startServer, type TestServer, serversClosedAfterEach } from "../../support/http-server.js";
import { fast, realPage } from "./fast.js";

const server = serversClosedAfterEach();

const open = { "/robots.txt": reply(404) };

describe("redirects", () => {
  it("follows a 301 to another host (port), records the final URL and checks that host's robots.txt", async () => {
    const b = await server({ ...open, "/new/report.html": html(realPage("新址")) });
    const a = await server({ ...open, "/old/report.html": redirect(301, b.url("/new/report.html")) });
    const f = createFetcher(fast());
    const r = await f.fetch({ url: a.url("/old/report.html"), label: "article" });
    expect(r).toMatchObject({ classification: "ok", status: 200, finalUrl: b.url("/new/report.html"), redirects: [b.url("/new/report.html")] });
    expect(b.requests("/robots.txt")).toHaveLength(1);
    expect(r.text).toContain("新址");
  });

  it("ends a redirect loop as an error, without going round it", async () => {
    const s = await server({ ...open, "/a": redirect(302, "/b"), "/b": redirect(302, "/a") });
    const f = createFetcher(fast());
    const r = await f.fetch({ url: s.url("/a"), label: "listing" });
    expect(r.classification).toBe("error");
    expect(r.error).toMatch(/redirect loop/);
    expect(s.requests("/a")).toHaveLength(1);
    expect(s.requests("/b")).toHaveLength(1);
  });

  it("follows five hops but not six", async () => {
    const routes: Record<string, ReturnType<typeof redirect>> = { ...open };
    for (let i = 1; i <= 7; i++) routes[`/r${i}`] = redirect(302, `/r${i + 1}`);
    routes["/r6"] = html(realPage("第六"));
    routes["/s1"] = redirect(301, "/s2");
    for (let i = 2; i <= 7; i++) routes[`/s${i}`] = redirect(301, `/s${i + 1}`);
    routes["/s7"] = html(realPage("第七"));
    const s = await server(routes);
    const f = createFetcher(fast());
    const five = await f.fetch({ url: s.url("/r1"), label: "article" });
    expect(five).toMatchObject({ classification: "ok", finalUrl: s.url("/r6") });
    expect(five.redirects).toHaveLength(5);
    const six = await f.fetch({ url: s.url("/s1"), label: "article" });
    expect(six.classification).toBe("error");
    expect(six.error).toMatch(/more than 5 redirects/);
    expect(s.requests("/s7")).toHaveLength(0);
  });

  it("reads a redirect from a deep URL to the site root as not-found (a removed column), without fetching the home page", async () => {
    const s = await server({ ...open, "/col/col123/index.html": redirect(302, "/"), "/": html(realPage("首页")) });
    const f = createFetcher(fast());
    const r = await f.fetch({ url: s.url("/col/col123/index.html"), label: "listing" });
    expect(r.classification).toBe("not-found");
    expect(r.error).toMatch(/site root/);
    expect(s.requests("/")).toHaveLength(0);
  });

  it("reads a meta refresh to / from a deep URL as not-found, and follows one to a real page", async () => {
    const stub = (to: string) => html(`<html><head><meta http-equiv="refresh" content="0; url=${to}"></head><body></body></html>`);
    const s = await server({ ...open, "/gone/index.html": stub("/"), "/moved/index.html": stub("/zfxxgk/nb/index.html"), "/zfxxgk/nb/index.html": html(realPage("年报")) });
    const f = createFetcher(fast());
    const gone = await f.fetch({ url: s.url("/gone/index.html"), label: "listing" });
    expect(gone.classification).toBe("not-found");
    expect(gone.error).toMatch(/meta refresh to the site root/);
    const moved = await f.fetch({ url: s.url("/moved/index.html"), label: "listing" });
    expect(moved).toMatchObject({ classification: "ok", finalUrl: s.url("/zfxxgk/nb/index.html") });
  });

  it("re-checks robots.txt after a hop: a redirect into a disallowed path sends no request there", async () => {
    const b = await server({ "/robots.txt": reply(200, "User-agent: *\nDisallow: /private/\n"), "/private/x.html": html(realPage("x")) });
    const a = await server({ ...open, "/go": redirect(301, b.url("/private/x.html")) });
    const f = createFetcher(fast());
    const r = await f.fetch({ url: a.url("/go"), label: "article" });
    expect(r).toMatchObject({ classification: "robots-denied", finalUrl: b.url("/private/x.html") });
    expect(b.log.map((l) => l.path)).toEqual(["/robots.txt"]);
  });

  it("re-checks the host allow-list after a hop (海淀 → another host)", async () => {
    const other = await server({ ...open, "/x": html(realPage("x")) });
    const a = await server({ ...open, "/nb/": redirect(301, other.url("/x")) });
    const f = createFetcher(fast({ allowHost: (u) => u.host === a.host }));
    const r = await f.fetch({ url: a.url("/nb/"), label: "listing" });
    expect(r.classification).toBe("not-found");
    expect(r.error).toMatch(/off the allowed hosts/);
    expect(other.log).toHaveLength(0);
  });

  it("turns a POST into a GET after a 302, as browsers do", async () => {
    const s = await server({ ...open, "/dataproxy.jsp": redirect(302, "/list.xml"), "/list.xml": reply(200, "<datastore><totalrecord>0</totalrecord></datastore>", { "content-type": "text/xml" }) });
    const f = createFetcher(fast());
    const r = await f.fetch({ url: s.url("/dataproxy.jsp"), label: "listing", form: { columnid: "1", page: "2" } });
    expect(r.classification).toBe("ok");
    expect(s.requests("/dataproxy.jsp")[0]).toMatchObject({ method: "POST", body: "columnid=1&page=2" });
    expect(s.requests("/list.xml")[0]!.method).toBe("GET");
  });
});
