/**
 * Validators for every URL of a redirect chain, and for JSON APIs (issue 10): a second run asks
 * each hop that carried an ETag or a Last-Modified conditionally — a `<meta refresh>` stub, a 301
 * that carries validators, a JSON list API, a POSTed dataproxy group — and a 304 to a hop means
 * the same next hop again. What carries no validators is asked in full again, by necessity.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import { createFetcher } from "../../../src/crawl/http/fetcher.js";
import { requestKey } from "../../../src/crawl/state/keys.js";
import { memoryState } from "../../../src/crawl/state/state.js";
import { reply, serversClosedAfterEach } from "../../support/http-server.js";
import { fast, realPage } from "./fast.js";

const server = serversClosedAfterEach();

interface Cached {
  status?: number;
  body?: string;
  headers?: Record<string, string>;
  etag?: string | null;
  lastModified?: string | null;
}

/** A resource that answers If-None-Match (weak comparison) or If-Modified-Since with 304, like nginx. */
function cached(o: Cached) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const inm = req.headers["if-none-match"];
    const ims = req.headers["if-modified-since"];
    const weak = (t: string) => t.replace(/^W\//, "");
    const validators = { ...(o.etag ? { etag: o.etag } : {}), ...(o.lastModified ? { "last-modified": o.lastModified } : {}) };
    if ((o.etag && inm && weak(inm) === weak(o.etag)) || (!inm && o.lastModified && ims === o.lastModified)) {
      res.writeHead(304, validators).end();
      return;
    }
    res.writeHead(o.status ?? 200, { "content-type": "text/html; charset=utf-8", ...o.headers, ...validators });
    res.end(o.body ?? "");
  };
}

const stub = (to: string) => `<html><head><meta http-equiv="refresh" content="0;url=${to}"><title>跳转</title></head><body></body></html>`;

describe("every hop of a chain is asked conditionally on the next run", () => {
  it("a <meta refresh> stub with an ETag: 304 for the stub, 304 for its target, the stored page handed back", async () => {
    const s = await server({
      "/robots.txt": reply(404),
      "/art/stub.html": cached({ body: stub("/art/real.html"), etag: '"stub1"' }),
      "/art/real.html": cached({ body: realPage("真正的报告"), etag: '"real1"' }),
    });
    const state = memoryState();
    const first = await createFetcher(fast({ state })).fetch({ url: s.url("/art/stub.html"), label: "article" });
    expect(first).toMatchObject({ classification: "ok", finalUrl: s.url("/art/real.html"), redirects: [s.url("/art/real.html")] });
    const second = await createFetcher(fast({ state })).fetch({ url: s.url("/art/stub.html"), label: "article" });
    expect(s.requests("/art/stub.html")[1]!.headers["if-none-match"]).toBe('"stub1"');
    expect(s.requests("/art/real.html")[1]!.headers["if-none-match"]).toBe('"real1"');
    expect(s.log.slice(-2).map((l) => l.status)).toEqual([304, 304]);
    expect(second).toMatchObject({ classification: "not-modified", finalUrl: s.url("/art/real.html"), redirects: [s.url("/art/real.html")] });
    expect(second.text).toBe(first.text);
  });

  it("a 301 that carries validators: its 304 leads to the same Location, asked conditionally in turn", async () => {
    const lm = "Tue, 31 Jan 2023 08:00:00 GMT";
    const s = await server({
      "/robots.txt": reply(404),
      "/old/nb.html": cached({ status: 301, headers: { location: "/new/nb.html" }, lastModified: lm }),
      "/new/nb.html": cached({ body: realPage("新址"), etag: '"n1"' }),
    });
    const state = memoryState();
    await createFetcher(fast({ state })).fetch({ url: s.url("/old/nb.html"), label: "article" });
    const again = await createFetcher(fast({ state })).fetch({ url: s.url("/old/nb.html"), label: "article" });
    expect(s.requests("/old/nb.html")[1]!.headers["if-modified-since"]).toBe(lm);
    expect(s.requests("/old/nb.html")[1]!.status).toBe(304);
    expect(s.requests("/new/nb.html")[1]!.headers["if-none-match"]).toBe('"n1"');
    expect(again).toMatchObject({ classification: "not-modified", finalUrl: s.url("/new/nb.html"), redirects: [s.url("/new/nb.html")] });
  });

  it("a 302 without validators is asked in full, the stub and the page after it conditionally", async () => {
    const s = await server({
      "/robots.txt": reply(404),
      "/go": (_q, r) => void r.writeHead(302, { location: "/stub.html" }).end(),
      "/stub.html": cached({ body: stub("/page.html"), lastModified: "Mon, 30 Jan 2023 00:00:00 GMT" }),
      "/page.html": cached({ body: realPage("页"), etag: '"p"' }),
    });
    const state = memoryState();
    await createFetcher(fast({ state })).fetch({ url: s.url("/go"), label: "article" });
    const again = await createFetcher(fast({ state })).fetch({ url: s.url("/go"), label: "article" });
    const second = s.log.slice(-3);
    expect(second.map((l) => [l.path, l.status])).toEqual([["/go", 302], ["/stub.html", 304], ["/page.html", 304]]);
    expect(second[0]!.headers["if-none-match"] ?? second[0]!.headers["if-modified-since"]).toBeUndefined();
    expect(again).toMatchObject({ classification: "not-modified", redirects: [s.url("/stub.html"), s.url("/page.html")] });
  });

  it("follows a changed redirect: a 301 whose validators no longer match is read afresh", async () => {
    let target = "/v1.html";
    const s = await server({
      "/robots.txt": reply(404),
      "/moving": (req, res) => cached({ status: 301, headers: { location: target }, etag: `"${target}"` })(req, res),
      "/v1.html": cached({ body: realPage("一"), etag: '"1"' }),
      "/v2.html": cached({ body: realPage("二"), etag: '"2"' }),
    });
    const state = memoryState();
    await createFetcher(fast({ state })).fetch({ url: s.url("/moving"), label: "article" });
    target = "/v2.html";
    const again = await createFetcher(fast({ state })).fetch({ url: s.url("/moving"), label: "article" });
    expect(again).toMatchObject({ classification: "ok", finalUrl: s.url("/v2.html") });
    expect(again.text).toContain("二");
  });

  it("drops validators a URL no longer sends: the next run asks without them", async () => {
    let etag: string | null = '"e1"';
    let body = realPage("第一版");
    const s = await server({ "/robots.txt": reply(404), "/p.html": (req, res) => cached({ body, etag })(req, res) });
    const state = memoryState();
    await createFetcher(fast({ state })).fetch({ url: s.url("/p.html"), label: "article" });
    etag = null;
    body = realPage("第二版");
    expect((await createFetcher(fast({ state })).fetch({ url: s.url("/p.html"), label: "article" })).text).toContain("第二版");
    await createFetcher(fast({ state })).fetch({ url: s.url("/p.html"), label: "article" });
    const asks = s.requests("/p.html").map((l) => l.headers["if-none-match"] ?? null);
    expect(asks).toEqual([null, '"e1"', null]);
  });
});

describe("JSON APIs and POSTed groups keep their validators too", () => {
  it("a gkmlpt-style JSON list with only a weak ETag (as nginx gzip sends it): 304 and the stored JSON", async () => {
    const json = JSON.stringify({ total: 1, articles: [{ id: 1, title: "甲2022年政府信息公开工作年度报告", url: "/gkmlpt/content/0/1/post_1.html", date: 1674576000 }] });
    const s = await server({
      "/robots.txt": reply(404),
      "/gkmlpt/api/all/21023": cached({ body: json, headers: { "content-type": "application/json;charset=UTF-8" }, etag: 'W/"63d0-1"' }),
    });
    const state = memoryState();
    const url = s.url("/gkmlpt/api/all/21023?page=1&sid=758019");
    await createFetcher(fast({ state })).fetch({ url, label: "listing" });
    const again = await createFetcher(fast({ state })).fetch({ url, label: "listing" });
    expect(s.requests("/gkmlpt/api/all/21023")[1]!.headers["if-none-match"]).toBe('W/"63d0-1"');
    expect(again).toMatchObject({ classification: "not-modified", status: 304, contentType: "application/json;charset=UTF-8" });
    expect(JSON.parse(again.text!)).toEqual(JSON.parse(json));
  });

  it("a Hanweb dataproxy group POSTed with its form, with only Last-Modified: If-Modified-Since, 304, the stored XML", async () => {
    const lm = "Wed, 01 Feb 2023 00:00:00 GMT";
    const xml = "<datastore><totalrecord>47</totalrecord><recordset><record><![CDATA[<li><a href='/art/2023/1/20/art_12377_1.html'>甲</a></li>]]></record></recordset></datastore>";
    const s = await server({ "/robots.txt": reply(404), "/module/web/jpage/dataproxy.jsp": cached({ body: xml, headers: { "content-type": "text/xml;charset=UTF-8" }, lastModified: lm }) });
    const state = memoryState();
    const req = { url: s.url("/module/web/jpage/dataproxy.jsp?startrecord=46&endrecord=47&perpage=15"), label: "listing" as const, form: { columnid: "12377", startrecord: "46" } };
    await createFetcher(fast({ state })).fetch(req);
    const again = await createFetcher(fast({ state })).fetch(req);
    const [, second] = s.requests("/module/web/jpage/dataproxy.jsp");
    expect(second).toMatchObject({ method: "POST", body: "columnid=12377&startrecord=46" });
    expect(second!.headers["if-modified-since"]).toBe(lm);
    expect(again).toMatchObject({ classification: "not-modified" });
    expect(again.text).toBe(xml);
    // Another group of the same URL is another request: it is asked in full.
    await createFetcher(fast({ state })).fetch({ ...req, form: { columnid: "12377", startrecord: "1" } });
    expect(s.requests("/module/web/jpage/dataproxy.jsp")[2]!.headers["if-modified-since"]).toBeUndefined();
  });
});

describe("a state written before hops were remembered", () => {
  it("still asks a chain's end conditionally from the chain's record", async () => {
    const s = await server({ "/robots.txt": reply(404), "/a.html": cached({ body: realPage("旧状态"), etag: '"old"' }) });
    const state = memoryState();
    const url = s.url("/a.html");
    const text = realPage("旧状态");
    state.record({
      result: { request: { url, label: "article" }, finalUrl: url, redirects: [], status: 200, classification: "ok", text, charset: "utf-8", contentType: "text/html; charset=utf-8", file: null, fetchedAt: new Date().toISOString(), error: null, reason: null },
      etag: '"old"',
      body: { sha256: "a".repeat(64), kind: "html", bytes: text.length },
    });
    expect(state.answerFor(requestKey({ url }))).toBeNull();
    const r = await createFetcher(fast({ state })).fetch({ url, label: "article" });
    expect(s.requests("/a.html")[0]!.headers["if-none-match"]).toBe('"old"');
    expect(r).toMatchObject({ classification: "not-modified", text });
  });
});
