import { describe, expect, it } from "vitest";
import { antiBotReason, isSiteRoot, metaRefreshTarget, softNotFoundReason, visibleText } from "../../../src/crawl/http/classify.js";

const filler = "政府信息公开工作年度报告正文内容。".repeat(20);

describe("classify", () => {
  it("counts visible text without scripts, styles, comments or tags", () => {
    expect(visibleText("<script>var a='很长的脚本'</script><style>p{}</style><!-- 注释 --><p>正 文</p>")).toBe("正文");
  });

  it("names 412/202/521 as anti-bot whatever the body, and not 200/403/404 alone", () => {
    for (const s of [412, 202, 521]) expect(antiBotReason(s, `<p>${filler}</p>`)).toBe(`anti-bot status ${s}`);
    for (const s of [200, 403, 404]) expect(antiBotReason(s, `<p>${filler}</p>`)).toBeNull();
  });

  it("reads challenge markers only on pages with no real body", () => {
    expect(antiBotReason(200, `<script>var __jsl_clearance_s=1</script>`)).toMatch(/__jsl_clearance/);
    expect(antiBotReason(200, `<script>document.cookie="__jsluid_s=x"</script>`)).toMatch(/__jsluid/);
    expect(antiBotReason(200, `<script>$_ts=window['$_ts'];</script><p>${filler}</p>`)).toBeNull();
    expect(antiBotReason(200, `<p>访问异常，请稍后再试</p>`)).toMatch(/访问异常/);
    expect(antiBotReason(200, `<p>${filler}访问异常</p>`)).toBeNull();
  });

  it("reads short 页面不存在 pages as soft 404s, not long pages that mention it", () => {
    expect(softNotFoundReason("<title>页面不存在</title><p>您访问的页面不存在或已被删除</p>")).toMatch(/页面不存在/);
    expect(softNotFoundReason("<title>404 Not Found</title>")).toMatch(/404/);
    expect(softNotFoundReason(`<p>${filler.repeat(3)}页面不存在</p>`)).toBeNull();
  });

  it("knows a site root", () => {
    for (const p of ["/", "/index.html", "/index.shtml", "/default.aspx"]) expect(isSiteRoot(new URL(`http://a.test${p}`))).toBe(true);
    for (const p of ["/col/", "/index.html?x=1", "/zfxxgk/index.html"]) expect(isSiteRoot(new URL(`http://a.test${p}`))).toBe(false);
  });

  it("finds a meta refresh target, but not a refresh of the page itself", () => {
    const page = "http://a.test/x/index.html";
    expect(metaRefreshTarget(`<meta http-equiv="refresh" content="0;url=../y/">`, page)).toBe("http://a.test/y/");
    expect(metaRefreshTarget(`<META HTTP-EQUIV=Refresh CONTENT="3; URL='/'">`, page)).toBe("http://a.test/");
    expect(metaRefreshTarget(`<meta http-equiv="refresh" content="300">`, page)).toBeNull();
    expect(metaRefreshTarget(`<meta http-equiv="refresh" content="5;url=index.html">`, page)).toBeNull();
  });
});
