import { describe, expect, it } from "vitest";
import { callArguments, literalAssignments, readLiteral, scriptConfig } from "../../../src/crawl/sites/js-config.js";
import { readArticle, readListing } from "../../../src/crawl/sites/index.js";
import { readHanwebColumn, hanwebGroupRequests } from "../../../src/crawl/sites/hanweb.js";
import { shellSid } from "../../../src/crawl/sites/gkmlpt.js";

/** How deeply a value nests (a scalar is 0). */
function depth(v: unknown): number {
  let d = 0;
  for (let x = v; typeof x === "object" && x !== null; d++) x = Array.isArray(x) ? x[0] : Object.values(x)[0];
  return d;
}

const script = (code: string) => `<html><head><title>t</title></head><body><div id="app"></div><script>${code}</script></body></html>`;

describe("JS configuration read as object literals (issue 10)", () => {
  it("reads quoted keys, bare keys, either quote, numbers, booleans, null, nested arrays, comments and trailing commas", () => {
    expect(readLiteral(`{"SID":"758019","TREE":[{"id":2000,"children":[{"id":2001}]}]}`, 0).value).toEqual({ SID: "758019", TREE: [{ id: 2000, children: [{ id: 2001 }] }] });
    const code = `{ SID: '758019', // the site
      API: "/sthjj/gkmlpt/api/", /* the list */ perPage: 15, ratio: -1.5e2, hex: 0x1F, ok: true, off: false, nil: null, 'it\\'s': 'a\\u4e2d', }`;
    expect(readLiteral(code, 0).value).toEqual({ SID: "758019", API: "/sthjj/gkmlpt/api/", perPage: 15, ratio: -150, hex: 31, ok: true, off: false, nil: null, "it's": "a中" });
  });

  it("leaves out what is not a literal and keeps the rest of the object", () => {
    const code = `{a: foo(1, "}", [2]), b: 2, c: x + 1, d: 'x' + y, e: [1, bar(), 3], f: \`t\${v}\`, g: function () { return {h: 1}; }, i: "ok"}`;
    expect(readLiteral(code, 0).value).toEqual({ b: 2, e: [1, 3], i: "ok" });
  });

  it("finds assignments of literals to globals and their keys, but not code quoted in a string", () => {
    const code = `window._CONFIG = window._CONFIG || {};
      window._CONFIG.SID = "755001";
      window._CONFIG["API"] = '/api/';
      var param_212860 = {columnid:33718,unitid:'212860'};
      var s = "window._CONFIG.SID = 9";
      if (a == b) { x = [1, 2]; }`;
    expect(literalAssignments(code)).toEqual([
      { target: ["_CONFIG", "SID"], value: "755001" },
      { target: ["_CONFIG", "API"], value: "/api/" },
      { target: ["param_212860"], value: { columnid: 33718, unitid: "212860" } },
      { target: ["s"], value: "window._CONFIG.SID = 9" },
      { target: ["x"], value: [1, 2] },
    ]);
  });

  it("merges `_CONFIG = {…}` with every `_CONFIG.KEY = …` of every script of the page, in order", () => {
    const html = `<script>window._CONFIG = {"SID":"758019","DETAIL":{"title":"甲"}};</script><p>x</p><script>window._CONFIG.DETAIL.date = 1674576000; _CONFIG.A.B = 'c';</script>`;
    expect(scriptConfig(html, "_CONFIG")).toEqual({ SID: "758019", DETAIL: { title: "甲", date: 1674576000 }, A: { B: "c" } });
    expect(scriptConfig("<script>var x = 1;</script>", "_CONFIG")).toBeNull();
  });

  it("never writes through __proto__ or constructor", () => {
    const html = `<script>window._CONFIG = {"__proto__": {"polluted": 1}}; window._CONFIG.__proto__.polluted = 2; window._CONFIG.constructor = 3;</script>`;
    const config = scriptConfig(html, "_CONFIG")!;
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(config)).toEqual([]);
  });

  it("keeps what a page cut short had already said", () => {
    expect(scriptConfig(`<script>window._CONFIG = {"SID":"7", "TREE": [1, 2`, "_CONFIG")).toBeNull(); // no </script>: no script body at all
    expect(readLiteral(`{"SID":"7", "TREE": [1, 2`, 0).value).toEqual({ SID: "7", TREE: [1, 2] });
  });

  it("reads the literal arguments of a call (Hanweb's jpage options)", () => {
    expect(callArguments(`$('#212860').jpage({totalRecord:4895,perPage:19, proxyUrl:'/module/web/jpage/dataproxy.jsp'});`, "jpage")).toEqual([
      [{ totalRecord: 4895, perPage: 19, proxyUrl: "/module/web/jpage/dataproxy.jsp" }],
    ]);
    expect(callArguments(`myjpage(1); x.jpage (  {"a": 1}, "b", c )`, "jpage")).toEqual([[{ a: 1 }, "b", undefined]]);
  });

  it("stays linear on hostile scripts: 100 000 open brackets, 100 000 assignments, an unclosed string", () => {
    const t0 = performance.now();
    // Read as deep as 64 levels, the rest skipped.
    expect(depth(readLiteral("[".repeat(100_000), 0).value)).toBe(64);
    expect(depth(readLiteral("{a:".repeat(100_000), 0).value)).toBe(64);
    expect(literalAssignments("a=b;".repeat(100_000))).toEqual([]);
    expect(literalAssignments(`x = '${"\\'".repeat(100_000)}`)).toEqual([]);
    expect(scriptConfig(script(`window._CONFIG = {${'"k": [{"v": 1}], '.repeat(50_000)}}`), "_CONFIG")).toEqual({ k: [{ v: 1 }] });
    expect(performance.now() - t0).toBeLessThan(5000);
  });
});

describe("the readers that use it", () => {
  it("gkmlpt: the shell's SID in a quoted-key `window._CONFIG = {\"SID\":…}` (missed before: the column listed nothing)", () => {
    const url = "https://www.example.gov.cn/zqhjj/gkmlpt/index#21023";
    const shell = script(`window._CONFIG = {"SID":"758019","API":"/zqhjj/gkmlpt/api/","TREE":[{"id":21023,"name":"政府信息公开年报"}]};`);
    expect(readListing({ url, text: shell, contentType: "text/html" }).pages).toEqual([{ url: "https://www.example.gov.cn/zqhjj/gkmlpt/api/all/21023?page=1&sid=758019" }]);
    expect(shellSid(script(`window._CONFIG = { SID: '758019' };`))).toBe("758019");
    expect(shellSid(script(`window._CONFIG.SID = 758019;`))).toBe("758019");
    expect(shellSid(script(`var sid = "758019";`))).toBe("758019");
    expect(shellSid(script(`var SID = getSid();`))).toBeNull();
  });

  it("gkmlpt: an article whose DETAIL has bare keys and single-quoted strings", () => {
    const content = `<p>${"本机关2023年政府信息公开工作年度报告，全年主动公开政府信息1024条。".repeat(8)}</p><p><a class="nfw-cms-attachment" href="/attachment/0/306/306724/4100002.pdf">报告.pdf</a></p>`;
    const page = script(`window._CONFIG = { SID: '758019', DETAIL: { id: 4100002, title: '某局2023年政府信息公开工作年度报告', date: 1706745600, content: '${content.replace(/'/g, "\\'")}' } };`);
    const a = readArticle({ url: "https://www.example.gov.cn/zqhjj/gkmlpt/content/4/4100/post_4100002.html", text: page, contentType: "text/html" }, { listingTitle: "某局2023年政府信息公开工作年度报告" });
    expect(a.bodyText).toContain("全年主动公开政府信息1024条");
    expect(a.metaDate).toBe("2024-02-01");
    expect(a.attachments).toEqual(["https://www.example.gov.cn/attachment/0/306/306724/4100002.pdf"]);
  });

  it("Hanweb: jpage options and param_ objects with quoted keys, and the form nested in ajaxParam", () => {
    const page = `<div id="1"><script type="text/xml"><datastore><recordset></recordset></datastore></script></div>
      <script>var param_1 = {"columnid":"12377","unitid":"1"}; $('#1').jpage({"totalRecord":47,"perPage":15,"groupSize":3,"ajaxParam":{"webid":"44","webname":"某市"}});</script>`;
    const col = readHanwebColumn(page, "https://www.example.gov.cn/col/col12377/index.html");
    expect(col).toMatchObject({ totalRecord: 47, perPage: 15, groupSize: 3 });
    expect(col.form).toMatchObject({ columnid: "12377", unitid: "1", webid: "44", webname: "某市" });
    expect(hanwebGroupRequests(col).map((r) => r.form!.startrecord)).toEqual(["1", "46"]);
  });
});
