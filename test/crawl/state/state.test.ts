import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { requestKey } from "../../../src/crawl/state/keys.js";
import { memoryState, openState } from "../../../src/crawl/state/state.js";
import type { FetchRequest, FetchResult } from "../../../src/crawl/types.js";
import { tempDir } from "../tmp.js";

function result(req: FetchRequest, over: Partial<FetchResult> = {}): FetchResult {
  return {
    request: req,
    finalUrl: req.url,
    redirects: [],
    status: 200,
    classification: "ok",
    text: null,
    charset: null,
    contentType: "text/html",
    file: null,
    fetchedAt: "2024-03-01T00:00:00.000Z",
    error: null,
    reason: null,
    ...over,
  };
}

const page: FetchRequest = { url: "http://trs-a.test/zfxxgk/nb/index.html", label: "listing" };

describe("crawl state", () => {
  it("records a page with its validators, body text and hash, and calls it done", () => {
    const st = memoryState();
    const change = st.record({
      result: result(page, { text: "<html>年报</html>", charset: "gb18030" }),
      etag: '"e1"',
      lastModified: "Mon, 30 Jan 2023 08:00:00 GMT",
      body: { sha256: "ab".repeat(32), kind: "html", bytes: 17 },
      siteId: "ordos",
      runId: 1,
    });
    expect(change).toBe("new");
    expect(st.get(page.url)).toMatchObject({
      url: page.url,
      label: "listing",
      siteId: "ordos",
      classification: "ok",
      etag: '"e1"',
      lastModified: "Mon, 30 Jan 2023 08:00:00 GMT",
      sha256: "ab".repeat(32),
      kind: "html",
      charset: "gb18030",
      changedAt: "2024-03-01T00:00:00.000Z",
      errors: [],
    });
    expect(st.text("ab".repeat(32))).toBe("<html>年报</html>");
    expect(st.done(page.url)).toBe(true);
    expect(st.done(page.url, "2024-03-01T00:00:00.000Z")).toBe(true);
    expect(st.done(page.url, "2024-03-02T00:00:00.000Z")).toBe(false);
    expect(st.storedResult(page)).toMatchObject({ classification: "ok", text: "<html>年报</html>", charset: "gb18030" });
  });

  it("says unchanged / changed when the content hash stays / moves", () => {
    const st = memoryState();
    const body = (c: string) => ({ sha256: c.repeat(64), kind: "html" as const, bytes: 1 });
    expect(st.record({ result: result(page, { text: "a" }), body: body("a") })).toBe("new");
    expect(st.record({ result: result(page, { text: "a", fetchedAt: "2024-04-01T00:00:00.000Z" }), body: body("a") })).toBe("unchanged");
    expect(st.get(page.url)!.changedAt).toBe("2024-03-01T00:00:00.000Z");
    expect(st.record({ result: result(page, { text: "b", fetchedAt: "2024-05-01T00:00:00.000Z" }), body: body("b") })).toBe("changed");
    expect(st.get(page.url)!.changedAt).toBe("2024-05-01T00:00:00.000Z");
  });

  it("keeps the content and validators through an error, and an error history; an error is not done", () => {
    const st = memoryState();
    st.record({ result: result(page, { text: "x" }), etag: '"e"', body: { sha256: "c".repeat(64), kind: "html", bytes: 1 } });
    st.record({ result: result(page, { classification: "error", status: 503, error: "HTTP 503", fetchedAt: "2024-03-02T00:00:00.000Z" }) });
    st.record({ result: result(page, { classification: "error", status: null, error: "timeout after 20000 ms", fetchedAt: "2024-03-03T00:00:00.000Z" }) });
    const rec = st.get(page.url)!;
    expect(rec).toMatchObject({ classification: "error", etag: '"e"', sha256: "c".repeat(64) });
    expect(rec.errors.map((e) => e.error)).toEqual(["HTTP 503", "timeout after 20000 ms"]);
    expect(st.done(page.url)).toBe(false);
  });

  it("drops the validators when the page is gone", () => {
    const st = memoryState();
    st.record({ result: result(page, { text: "x" }), etag: '"e"', body: { sha256: "d".repeat(64), kind: "html", bytes: 1 } });
    st.record({ result: result(page, { classification: "not-found", status: 404, error: "HTTP 404" }) });
    expect(st.get(page.url)).toMatchObject({ classification: "not-found", etag: null, sha256: null });
    expect(st.done(page.url)).toBe(true);
  });

  it("records stored files once by hash, with every URL they came from", () => {
    const st = memoryState();
    const file = { sha256: "e".repeat(64), bytes: 10, kind: "pdf" as const, path: "/store/ee/" + "e".repeat(64), suggestedName: "年报.pdf" };
    const a: FetchRequest = { url: "http://a.test/P1.pdf", label: "attachment", toStore: true };
    const b: FetchRequest = { url: "http://b.test/P2.pdf", label: "attachment", toStore: true };
    st.record({ result: result(a, { file }) });
    st.record({ result: result(b, { file, fetchedAt: "2024-03-05T00:00:00.000Z" }) });
    expect(st.file(file.sha256)).toMatchObject({ ...file, firstUrl: a.url, urls: [a.url, b.url] });
    expect(st.storedResult(b)!.file).toEqual(file);
    expect(st.get(b.url)).toMatchObject({ kind: "pdf", sha256: file.sha256, bytes: 10 });
  });

  it("keys POST requests by their form, so two dataproxy pages are two records", () => {
    const p2: FetchRequest = { url: "http://hanweb.test/module/web/jpage/dataproxy.jsp", label: "listing", form: { startrecord: "46", endrecord: "90", columnid: "1" } };
    const p1: FetchRequest = { ...p2, form: { columnid: "1", startrecord: "1", endrecord: "45" } };
    expect(requestKey(p1)).toBe("POST http://hanweb.test/module/web/jpage/dataproxy.jsp columnid=1&endrecord=45&startrecord=1");
    expect(requestKey(p1)).not.toBe(requestKey(p2));
    expect(requestKey({ url: "http://x.test/a" })).toBe("http://x.test/a");
    const st = memoryState();
    st.record({ result: result(p1, { text: "<datastore/>" }), body: { sha256: "1".repeat(64), kind: "text", bytes: 12 } });
    expect(st.get(requestKey(p1))).toMatchObject({ method: "POST", form: p1.form });
    expect(st.get(requestKey(p2))).toBeNull();
  });

  it("gives the resume window: the first of the killed runs since the last finished one", () => {
    const st = memoryState();
    const r1 = st.beginRun("2024-03-01T00:00:00.000Z");
    st.finishRun(r1.id, "2024-03-01T01:00:00.000Z");
    expect(st.unfinishedRun()).toBeNull();
    const r2 = st.beginRun("2024-03-02T00:00:00.000Z");
    expect(st.unfinishedRun()).toEqual({ id: r2.id, startedAt: "2024-03-02T00:00:00.000Z", finishedAt: null });
    // Killed again while resuming: the window still starts at the first killed run.
    st.beginRun("2024-03-02T05:00:00.000Z");
    expect(st.unfinishedRun()!.id).toBe(r2.id);
    const r4 = st.beginRun("2024-03-02T06:00:00.000Z");
    st.finishRun(r4.id);
    expect(st.unfinishedRun()).toBeNull();
  });

  it("persists to a file in WAL mode and reads back after reopening", () => {
    const path = join(tempDir("nianbao-state-"), "state.sqlite");
    const st = openState(path);
    st.record({ result: result(page, { text: "持久" }), body: { sha256: "f".repeat(64), kind: "html", bytes: 6 } });
    st.close();
    const raw = new Database(path, { readonly: true });
    expect(raw.pragma("journal_mode", { simple: true })).toBe("wal");
    raw.close();
    const again = openState(path);
    expect(again.storedResult(page)!.text).toBe("持久");
    again.close();
  });
});
