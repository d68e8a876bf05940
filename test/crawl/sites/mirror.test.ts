/**
 * The adapters against the crawl mirror's ground truth (test/crawl/mirror, crawling.md §2): its
 * pages are fetched here with plain fetch (no politeness needed: the mirror never throttles) and
 * decoded with parsers/decode.ts, then read by the pure functions under test.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeText } from "../../../parsers/decode.js";
import { canonicalUrl, readArticle, readHanwebProxy, readListing } from "../../../src/crawl/sites/index.js";
import type { PageRequest } from "../../../src/crawl/types.js";
import { startMirror, type Mirror, type RequestPattern } from "../mirror/index.js";

let mirror: Mirror;
beforeAll(async () => {
  mirror = await startMirror();
});
afterAll(async () => {
  await mirror?.close();
});

interface Got {
  status: number;
  url: string;
  text: string;
  contentType: string | null;
}

async function get(req: PageRequest): Promise<Got> {
  const init: RequestInit = req.form ? { method: "POST", body: new URLSearchParams(req.form) } : {};
  const res = await fetch(req.url, { ...init, redirect: "follow" });
  const bytes = new Uint8Array(await res.arrayBuffer());
  const contentType = res.headers.get("content-type");
  const text = bytes.length ? decodeText(bytes, { contentType, sniffMeta: true }).text : "";
  return { status: res.status, url: res.url, text, contentType };
}

function matches(req: PageRequest, p: RequestPattern): boolean {
  const u = new URL(req.url);
  if (u.origin !== mirror.hosts[p.host] || u.pathname !== p.pathname) return false;
  if (p.method && (req.method ?? "GET") !== p.method) return false;
  const have = { ...Object.fromEntries(u.searchParams), ...(req.form ?? {}) };
  return Object.entries(p.params ?? {}).every(([k, v]) => have[k] === v);
}

/** Every request the listing pages of a site declare (gkmlpt: through its shell), plus pageAfter(2..6). */
async function declared(siteId: string): Promise<PageRequest[]> {
  const site = mirror.sitesFile().sites.find((s) => s.id === siteId)!;
  const out: PageRequest[] = [];
  for (const start of site.start) {
    const page = await get({ url: start });
    const url = start.includes("#") ? start : page.url; // the gkmlpt column is in the fragment
    const r = readListing({ url, text: page.text, contentType: page.contentType });
    out.push(...(r.pages ?? []));
    for (let n = 2; n <= 6 && r.pageAfter; n++) {
      const next = r.pageAfter(n);
      if (next) out.push(next);
    }
    if (r.adapter === "gkmlpt") for (const p of r.pages ?? []) {
      const api = await get(p);
      out.push(...(readListing({ url: p.url, text: api.text, contentType: api.contentType }).pages ?? []));
    }
  }
  return out;
}

describe("the adapters on the crawl mirror", () => {
  it("declare every listing request the mirror says a correct walk makes, and none past a declared countPage", async () => {
    for (const siteId of ["trs-a", "trs-a-shtml", "trs-a-htm", "trs-b", "hanweb", "hanweb-zwgk", "gkmlpt", "gkmlpt-gd", "plain-query", "plain-num"]) {
      const reqs = await declared(siteId);
      for (const must of mirror.expected.mustRequest.filter((m) => m.siteId === siteId)) {
        expect(reqs.some((r) => must.anyOf.some((p) => matches(r, p))), `${siteId}: ${must.why}`).toBe(true);
      }
      const never = new Set(mirror.expected.neverRequest.map((n) => canonicalUrl(n.url)));
      expect(reqs.filter((r) => never.has(canonicalUrl(r.url))).map((r) => r.url), siteId).toEqual([]);
    }
  });

  it("Hanweb: the second group's repeated boundary record is dropped, leaving 47 records in all", async () => {
    const site = mirror.sitesFile().sites.find((s) => s.id === "hanweb")!;
    const col = await get({ url: site.start[0]! });
    const r = readListing({ url: col.url, text: col.text, contentType: col.contentType });
    const urls = r.items.map((i) => i.url);
    for (const group of r.pages!) {
      const answer = await get(group);
      expect(answer.status).toBe(200);
      urls.push(...readHanwebProxy(answer.text, group.url, urls).items.map((i) => i.url));
    }
    expect(r.totalRecords).toBe(47);
    expect(new Set(urls.map((u) => canonicalUrl(u))).size).toBe(urls.length);
    expect(urls).toHaveLength(47);
  });

  it("every report's article page reads as a report, with the attachments it links and its meta and URL dates", async () => {
    const checked: string[] = [];
    for (const rep of mirror.expected.reports) {
      let page = await get({ url: rep.articleUrl });
      if (page.status === 503) page = await get({ url: rep.articleUrl }); // the 503-then-200 article
      if (page.status !== 200) continue;
      const a = readArticle({ url: page.url, text: page.text, contentType: page.contentType });
      const linked = rep.attachments.filter((f) => f.linkedFrom.some((l) => canonicalUrl(l) === canonicalUrl(rep.articleUrl))).map((f) => canonicalUrl(f.linkedAs ?? f.url));
      expect({ key: rep.key, isReport: a.isReport, reason: a.reason }).toEqual({ key: rep.key, isReport: true, reason: undefined });
      expect(a.attachments.map((u) => canonicalUrl(u)), rep.key).toEqual(expect.arrayContaining(linked));
      expect({ key: rep.key, meta: a.metaDate, url: a.urlDate }).toEqual({ key: rep.key, meta: rep.dates.meta, url: rep.dates.url });
      checked.push(rep.key);
    }
    expect(checked.length).toBeGreaterThanOrEqual(mirror.expected.reports.length - 2);
  });

  it("no attachment found is an OLDSRC /protect/ path the mirror forbids", async () => {
    for (const rep of mirror.expected.reports) {
      const page = await get({ url: rep.articleUrl });
      if (page.status !== 200) continue;
      const a = readArticle({ url: page.url, text: page.text, contentType: page.contentType });
      expect(a.attachments.filter((u) => u.includes("/protect/")), rep.key).toEqual([]);
    }
  });

  it("every listed non-report reads as not a report, with a reason", async () => {
    for (const nr of mirror.expected.nonReports) {
      const page = await get({ url: nr.url });
      if (page.status !== 200) continue;
      const a = readArticle({ url: page.url, text: page.text, contentType: page.contentType });
      expect({ title: nr.title, isReport: a.isReport }).toEqual({ title: nr.title, isReport: false });
      expect(a.reason, nr.title).toBeTruthy();
    }
  });
});
