import { describe, expect, it } from "vitest";
import { createFetcher } from "../../../src/crawl/http/fetcher.js";
import { html, reply, startServer, type TestServer, serversClosedAfterEach } from "../../support/http-server.js";
import { tempDir } from "../tmp.js";
import { fast, realPage } from "./fast.js";

const server = serversClosedAfterEach();

/** The body of shared/reference/sites/antibot_412_ruishu_skeleton.http (synthetic placeholders). */
const RUISHU = `<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<meta id="PLACEHOLDERid" content="PLACEHOLDER_SEED_CONTENT" r='m'><!--[if lt IE 9]><script r='m'>document.createElement("section")</script><![endif]--><script type="text/javascript" r='m'>$_ts=window['$_ts'];if(!$_ts)$_ts={};$_ts.nsd=12345;$_ts.cd="PLACEHOLDER_OBFUSCATED_STRING";if($_ts.lcd)$_ts.lcd();</script><script type="text/javascript" charset="utf-8" src="/PLACEHOLDERdir/PLACEHOLDER.b4c45da.js" r='m'></script>
</head><body></body></html><script type="text/javascript" r='m'>_$PLACEHOLDER();</script>`;
const RUISHU_HEADERS = {
  "content-type": "text/html; charset=utf-8",
  "set-cookie": ["acw_tc=PLACEHOLDER; path=/; HttpOnly; Max-Age=1800", "NfBCSins2OywS=60PLACEHOLDERSEED; path=/; HttpOnly"],
};
/** The body of shared/reference/sites/antibot_521_jsl_skeleton.http, stage 1. */
const JSL = `<script>document.cookie=('_')+('_')+('j')+('s')+('l')+('_')+('c')+('l')+('e')+('a')+('r')+('a')+('n')+('c')+('e')+('_')+('s')+('=')+('PLACEHOLDER')+';max-age=3600;path=/';location.href=location.pathname+location.search</script>`;

const open = { "/robots.txt": reply(404) };

describe("anti-bot answers", () => {
  it("classifies 瑞数's 412 as blocked after exactly one request, and stops the host for the run", async () => {
    const s = await server({ ...open, "/index_24.shtml": reply(412, RUISHU, RUISHU_HEADERS), "/index.shtml": html(realPage("列表")) });
    const f = createFetcher(fast());
    const results = await Promise.all([
      f.fetch({ url: s.url("/index_24.shtml"), label: "listing" }),
      f.fetch({ url: s.url("/index.shtml"), label: "listing" }),
      f.fetch({ url: s.url("/a.html"), label: "article" }),
    ]);
    expect(results.map((r) => r.classification)).toEqual(["blocked", "blocked", "blocked"]);
    expect(results[0]).toMatchObject({ status: 412, error: "anti-bot status 412" });
    expect(results[1]!.error).toMatch(/blocked this run/);
    expect(s.log.map((l) => l.path)).toEqual(["/robots.txt", "/index_24.shtml"]);
    expect(f.hostStats()[s.host]).toMatchObject({ blocked: 3, requests: 2, errors: 0, retries: 0 });
    // Later fetches in the run do not knock either.
    expect((await f.fetch({ url: s.url("/index.shtml"), label: "listing" })).classification).toBe("blocked");
    expect(s.log).toHaveLength(2);
  });

  it("classifies 加速乐's 521 as blocked and never retries it", async () => {
    const s = await server({ ...open, "/": reply(521, JSL, { "content-type": "text/html", "set-cookie": "__jsluid_s=PLACEHOLDER; path=/" }) });
    const f = createFetcher(fast());
    const r = await f.fetch({ url: s.url("/"), label: "listing" });
    expect(r).toMatchObject({ classification: "blocked", status: 521 });
    expect(s.requests("/")).toHaveLength(1);
  });

  it("classifies the 202 variant as blocked", async () => {
    const s = await server({ ...open, "/p": reply(202, RUISHU, RUISHU_HEADERS) });
    const f = createFetcher(fast());
    expect((await f.fetch({ url: s.url("/p"), label: "listing" })).classification).toBe("blocked");
  });

  it("classifies a 200 challenge page (markers, no real body) as blocked", async () => {
    const s = await server({ ...open, "/p": html(RUISHU) });
    const f = createFetcher(fast());
    const r = await f.fetch({ url: s.url("/p"), label: "article" });
    expect(r.classification).toBe("blocked");
    expect(r.error).toMatch(/challenge markers \$_ts, r='m'/);
  });

  it("classifies a 200 访问异常 block page as blocked", async () => {
    const s = await server({ ...open, "/p": html("<html><head><title>访问异常</title></head><body><h2>访问异常</h2><p>您的访问过于频繁，请稍后再试。</p></body></html>") });
    const f = createFetcher(fast());
    expect((await f.fetch({ url: s.url("/p"), label: "article" })).classification).toBe("blocked");
  });

  it("keeps a normal 200 page that embeds $_ts next to real content as ok", async () => {
    const page = realPage("某区2022年政府信息公开工作年度报告", `<script type="text/javascript" r='m'>$_ts=window['$_ts'];if(!$_ts)$_ts={};$_ts.nsd=1;</script>`);
    const s = await server({ ...open, "/t.html": html(page) });
    const f = createFetcher(fast());
    const r = await f.fetch({ url: s.url("/t.html"), label: "article" });
    expect(r.classification).toBe("ok");
    expect(r.text).toContain("年度报告");
  });

  it("stops a host whose robots.txt itself answers with a challenge, before any page request", async () => {
    const s = await server({ "/robots.txt": reply(412, RUISHU, RUISHU_HEADERS), "/p": html(realPage("p")) });
    const f = createFetcher(fast());
    const r = await f.fetch({ url: s.url("/p"), label: "listing" });
    expect(r.classification).toBe("blocked");
    expect(s.log.map((l) => l.path)).toEqual(["/robots.txt"]);
  });

  it("classifies a challenge served at an attachment URL as blocked, not as a wrong-type file", async () => {
    const s = await server({ ...open, "/P020230101.pdf": html(RUISHU) });
    const f = createFetcher(fast({ storeDir: tempDir("nianbao-store-") }));
    const r = await f.fetch({ url: s.url("/P020230101.pdf"), label: "attachment", toStore: true });
    expect(r.classification).toBe("blocked");
    expect(r.file).toBeNull();
  });
});

