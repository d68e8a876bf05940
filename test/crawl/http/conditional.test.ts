import { rmSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import { createFetcher } from "../../../src/crawl/http/fetcher.js";
import { memoryState } from "../../../src/crawl/state/state.js";
import { html, reply, startServer, type TestServer, serversClosedAfterEach } from "../../support/http-server.js";
import { tempDir } from "../tmp.js";
import { fast, realPage } from "./fast.js";
import { pdf } from "./files.js";

const server = serversClosedAfterEach();

/** A resource that honours If-None-Match / If-Modified-Since like a static file server. */
function cached(body: string | Buffer, contentType: string, etag: string | null, lastModified: string | null) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const inm = req.headers["if-none-match"];
    const ims = req.headers["if-modified-since"];
    if ((etag && inm === etag) || (!etag && lastModified && ims === lastModified)) {
      res.writeHead(304, { ...(etag ? { etag } : {}) }).end();
      return;
    }
    res.writeHead(200, { "content-type": contentType, ...(etag ? { etag } : {}), ...(lastModified ? { "last-modified": lastModified } : {}) });
    res.end(body);
  };
}

describe("conditional requests and resuming from the state", () => {
  it("sends If-None-Match from the state; a 304 is not-modified with the stored text", async () => {
    const s = await server({ "/robots.txt": reply(404), "/nb/index.html": cached(realPage("年报栏目"), "text/html; charset=utf-8", '"abc123"', null) });
    const state = memoryState();
    const run1 = createFetcher(fast({ state }));
    const first = await run1.fetch({ url: s.url("/nb/index.html"), label: "listing" });
    expect(first.classification).toBe("ok");
    expect(state.get(s.url("/nb/index.html"))).toMatchObject({ etag: '"abc123"', classification: "ok" });

    const run2 = createFetcher(fast({ state }));
    const second = await run2.fetch({ url: s.url("/nb/index.html"), label: "listing" });
    expect(s.requests("/nb/index.html")[1]!.headers["if-none-match"]).toBe('"abc123"');
    expect(second).toMatchObject({ classification: "not-modified", status: 304, charset: "utf-8" });
    expect(second.text).toBe(first.text);
    expect(run2.hostStats()[s.host]).toMatchObject({ notModified: 1, ok: 0 });
    expect(state.get(s.url("/nb/index.html"))).toMatchObject({ classification: "not-modified", etag: '"abc123"' });
  });

  it("sends If-Modified-Since for a stored file; a 304 hands back the stored file", async () => {
    const lm = "Mon, 30 Jan 2023 08:00:00 GMT";
    const s = await server({ "/robots.txt": reply(404), "/P0.pdf": cached(pdf(), "application/pdf", null, lm) });
    const state = memoryState();
    const dir = tempDir("nianbao-store-");
    const first = await createFetcher(fast({ state, storeDir: dir })).fetch({ url: s.url("/P0.pdf"), label: "attachment", toStore: true });
    const second = await createFetcher(fast({ state, storeDir: dir })).fetch({ url: s.url("/P0.pdf"), label: "attachment", toStore: true });
    expect(s.requests("/P0.pdf")[1]!.headers["if-modified-since"]).toBe(lm);
    expect(second.classification).toBe("not-modified");
    expect(second.file).toEqual(first.file);
  });

  it("fetches in full when the stored file is gone from the store, instead of trusting a 304", async () => {
    const s = await server({ "/robots.txt": reply(404), "/P1.pdf": cached(pdf("x"), "application/pdf", '"v1"', null) });
    const state = memoryState();
    const dir = tempDir("nianbao-store-");
    const first = await createFetcher(fast({ state, storeDir: dir })).fetch({ url: s.url("/P1.pdf"), label: "attachment", toStore: true });
    rmSync(first.file!.path);
    const second = await createFetcher(fast({ state, storeDir: dir })).fetch({ url: s.url("/P1.pdf"), label: "attachment", toStore: true });
    expect(s.requests("/P1.pdf")[1]!.headers["if-none-match"]).toBeUndefined();
    expect(second.classification).toBe("ok");
  });

  it("sends the validators to the final URL of a redirect, not to the first", async () => {
    const s = await server({
      "/robots.txt": reply(404),
      "/old": (_q, r) => void r.writeHead(301, { location: "/new" }).end(),
      "/new": cached(realPage("新"), "text/html; charset=utf-8", '"n1"', null),
    });
    const state = memoryState();
    await createFetcher(fast({ state })).fetch({ url: s.url("/old"), label: "article" });
    const again = await createFetcher(fast({ state })).fetch({ url: s.url("/old"), label: "article" });
    expect(s.requests("/old")[1]!.headers["if-none-match"]).toBeUndefined();
    expect(s.requests("/new")[1]!.headers["if-none-match"]).toBe('"n1"');
    expect(again).toMatchObject({ classification: "not-modified", finalUrl: s.url("/new") });
  });

  it("answers finished work from the state within the resume window, with no request at all", async () => {
    const s = await server({ "/robots.txt": reply(404), "/a.html": html(realPage("甲")), "/gone.html": reply(404), "/down.html": reply(500) });
    const state = memoryState();
    const run = state.beginRun();
    const killed = createFetcher(fast({ state, runId: run.id, retry: { retries: 0 } }));
    await killed.fetch({ url: s.url("/a.html"), label: "article" });
    await killed.fetch({ url: s.url("/gone.html"), label: "article" });
    await killed.fetch({ url: s.url("/down.html"), label: "article" });
    const before = s.log.length;

    // The restart: the killed run never finished, so its start is the resume window.
    const since = state.unfinishedRun()!.startedAt;
    const resumed = createFetcher(fast({ state, resumeSince: since, retry: { retries: 0 } }));
    const a = await resumed.fetch({ url: s.url("/a.html"), label: "article" });
    const gone = await resumed.fetch({ url: s.url("/gone.html"), label: "article" });
    expect(a.classification).toBe("ok");
    expect(a.text).toContain("甲");
    expect(gone.classification).toBe("not-found");
    expect(s.log.length).toBe(before); // not even robots.txt
    // An error is not finished work: it is tried again.
    await resumed.fetch({ url: s.url("/down.html"), label: "article" });
    expect(s.requests("/down.html")).toHaveLength(2);
    expect(resumed.hostStats()[s.host]).toMatchObject({ resumed: 2, errors: 1 });
  });
});
