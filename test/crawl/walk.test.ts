/**
 * The walk of one site against the mirror: what it exposes for the run loop beyond the summary —
 * every URL each document was reached at (listed or linked, asked, each redirect hop, final), so
 * that a report published at two URLs can be one report with both URLs kept (crawling.md §2.10).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFetcher } from "../../src/crawl/http/index.js";
import { walkSite } from "../../src/crawl/walk.js";
import { startMirror, type Mirror } from "./mirror/index.js";
import { tempDir } from "./tmp.js";

let m: Mirror;
beforeAll(async () => {
  m = await startMirror();
});
afterAll(async () => {
  await m?.close();
});

const fetcherFor = () => createFetcher({ minIntervalMs: m.expected.limits.minIntervalMs, timeoutMs: m.expected.limits.requestTimeoutMs, storeDir: tempDir("nianbao-store-"), retry: { retries: 0 } });
const site = (id: string) => m.sitesFile().sites.find((s) => s.id === id)!;

describe("walkSite", () => {
  it("lists every URL a document was reached at: the 302, the <meta refresh> stub and the article; the linked 301 and the file", async () => {
    const f = fetcherFor();
    const w = await walkSite(site("hops"), f);
    await f.close();
    const byKey = (key: string) => m.expected.reports.find((r) => r.key === key)!;
    const edu = byKey("hops/edu-2023");
    const pdf = w.documents.find((d) => d.sha256 === edu.documentSha256)!;
    expect(pdf.urls).toEqual([edu.attachments[0]!.url, edu.attachments[0]!.linkedAs!].sort());
    const fin = byKey("hops/finance-2023");
    const page = w.documents.find((d) => d.url === fin.articleUrl)!;
    expect(page.urls).toEqual([fin.articleUrl, ...fin.alsoAt].sort());
    expect(w.reportArticles.sort()).toEqual([edu.articleUrl, fin.articleUrl].sort());
  });

  it("gives each copy of one stored file every URL it was found at (hanweb: the same PDF bytes on two hosts)", async () => {
    const f = fetcherFor();
    const w = await walkSite({ ...site("hanweb"), minIntervalMs: m.expected.limits.minIntervalMs }, f);
    await f.close();
    const same = m.expected.duplicateGroups.filter((g) => g.kind === "same-report" && g.reportKeys.some((k) => k.startsWith("hanweb/")));
    expect(same.length).toBeGreaterThan(0);
    const twoHosts = w.documents.filter((d) => d.sha256 && new Set(d.urls.map((u) => new URL(u).host)).size > 1);
    expect(twoHosts.length).toBeGreaterThanOrEqual(2); // both copies, each with both URLs
    expect(new Set(twoHosts.map((d) => d.sha256)).size).toBe(1);
    expect(twoHosts[0]!.urls).toEqual(twoHosts[1]!.urls);
    for (const d of w.documents) expect(d.urls).toContain(d.url);
  });
});
