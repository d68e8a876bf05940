import { describe, expect, it } from "vitest";
import { parseSitesFile } from "../../../src/crawl/sites/index.js";

const minimal = { sites: [{ id: "mengjin-czj", agency: "孟津区财政局", start: ["http://www.mengjin.gov.cn/zwgk/zfxxgknb/index.html"] }] };

describe("parseSitesFile: valid files", () => {
  it("accepts the minimal form of data-contract.md §1", () => {
    expect(parseSitesFile(minimal)).toEqual({ ok: true, value: minimal });
  });

  it("accepts the optional fields, the file's text, and comment keys", () => {
    const text = JSON.stringify({
      $schema: "./sites.schema.json",
      _note: "年报 columns",
      sites: [
        {
          id: "zq-hjj",
          agency: "肇庆市生态环境局",
          start: ["https://www.zhaoqing.gov.cn/zqhjj/gkmlpt/index#21023", "https://www.zhaoqing.gov.cn/zqhjj/gkmlpt/api/all/21023?page=1&sid=758019"],
          adapter: "gkmlpt",
          maxPages: 20,
          minIntervalMs: 2000,
          allowHosts: ["Files.Zhaoqing.gov.cn"],
          _why: "SPA shell and API both",
        },
      ],
    });
    const r = parseSitesFile(text);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.sites[0]).toEqual({
      id: "zq-hjj",
      agency: "肇庆市生态环境局",
      start: ["https://www.zhaoqing.gov.cn/zqhjj/gkmlpt/index#21023", "https://www.zhaoqing.gov.cn/zqhjj/gkmlpt/api/all/21023?page=1&sid=758019"],
      adapter: "gkmlpt",
      maxPages: 20,
      minIntervalMs: 2000,
      allowHosts: ["files.zhaoqing.gov.cn"],
    });
  });
});

describe("parseSitesFile: errors name the entry and the field", () => {
  const errors = (json: unknown): string[] => {
    const r = parseSitesFile(json);
    if (r.ok) throw new Error("expected errors");
    return r.errors;
  };
  const site = (extra: Record<string, unknown>): Record<string, unknown> => ({ id: "a", agency: "甲局", start: ["http://a.gov.cn/nb/"], ...extra });

  it("a start URL that is not http(s)", () => {
    expect(errors({ sites: [site({}), site({ id: "b" }), site({ id: "c", start: ["ftp://c.gov.cn/nb/"] })] })).toEqual([
      'sites[2].start[0]: not an http(s) URL ("ftp://c.gov.cn/nb/")',
    ]);
  });

  it("missing id, agency and start, each named", () => {
    expect(errors({ sites: [{}] })).toEqual(["sites[0].id: missing", "sites[0].agency: missing", "sites[0].start: missing"]);
  });

  it("wrong types and values of every field", () => {
    expect(
      errors({ sites: [site({ id: "has space", agency: "", start: "http://a.gov.cn/", adapter: "wordpress", maxPages: 0, minIntervalMs: -1, allowHosts: ["https://x.gov.cn/"] })] }),
    ).toEqual([
      'sites[0].id: "has space" may hold only letters, digits, ".", "_" and "-" (it names files and log lines)',
      "sites[0].agency: must be a non-empty string",
      "sites[0].start: must be a list of URLs, got a string",
      'sites[0].adapter: must be one of trs, hanweb, gkmlpt, plain, generic, got "wordpress"',
      "sites[0].maxPages: must be a whole number ≥ 1, got 0",
      "sites[0].minIntervalMs: must be a number of milliseconds ≥ 0, got -1",
      'sites[0].allowHosts[0]: not a host name (like "files.example.gov.cn", no scheme or path), got "https://x.gov.cn/"',
    ]);
  });

  it("a repeated id, a repeated start URL, an empty start list", () => {
    expect(errors({ sites: [site({}), site({ start: ["http://a.gov.cn/nb/", "http://a.gov.cn/nb/"] }), site({ id: "c", start: [] })] })).toEqual([
      'sites[1].id: "a" repeats sites[0].id',
      "sites[1].start[1]: repeats start[0]",
      "sites[2].start: empty (at least one listing URL)",
    ]);
  });

  it("a misspelt field is an error, not silently ignored", () => {
    expect(errors({ sites: [site({ adaptor: "trs" })] })).toEqual(["sites[0].adaptor: unknown field (known: id, agency, start, adapter, maxPages, minIntervalMs, allowHosts)"]);
    expect(errors({ sites: [site({})], site: [] })).toEqual(["site: unknown field (known: sites)"]);
  });

  it("the wrong shape altogether", () => {
    expect(errors([])).toEqual(['the sites file must be an object { "sites": [...] }, got an array']);
    expect(errors({})).toEqual(["sites: missing (a list of sites)"]);
    expect(errors({ sites: {} })).toEqual(["sites: must be a list, got an object"]);
    expect(errors({ sites: [] })).toEqual(["sites: empty (no site to crawl)"]);
    expect(errors({ sites: ["http://a.gov.cn/"] })).toEqual(["sites[0]: must be an object with id, agency and start, got a string"]);
    expect(errors("{ sites: ")[0]).toMatch(/^not valid JSON: /);
  });
});
