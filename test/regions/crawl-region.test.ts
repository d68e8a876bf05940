/**
 * The crawl hands the site's agency to the region resolver (src/crawl/crawl.ts): on the local
 * mirror, a site whose reports name no real place takes its region from the site, and one whose
 * reports name their county keeps it.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCrawl } from "../../src/crawl/crawl.js";
import { startMirror } from "../crawl/mirror/index.js";
import type { Mirror } from "../crawl/mirror/types.js";
import { reportsIn } from "../support/reports.js";
import type { AnnualReport } from "../../src/model/report.js";

describe("regions of crawled reports", () => {
  let m: Mirror;
  let out: string;
  let reports: AnnualReport[];
  beforeAll(async () => {
    m = await startMirror({ slowMs: 1500 });
    out = mkdtempSync(join(tmpdir(), "nianbao-crawl-region-"));
    const all = m.sitesFile({ minIntervalMs: m.expected.limits.minIntervalMs });
    // The fictional 示例市 site, configured as if it were 淮安市's; and 孟津区's own site as it is.
    const sites = all.sites.filter((s) => s.id === "hanweb-zwgk" || s.id === "trs-a").map((s) => (s.id === "hanweb-zwgk" ? { ...s, agency: "淮安市人民政府办公室" } : s));
    await runCrawl({ sites }, { out, fetcher: { timeoutMs: m.expected.limits.requestTimeoutMs, retry: { retries: 0 } } });
    reports = reportsIn(out);
  }, 240_000);
  afterAll(async () => {
    await m?.close();
    if (out) rmSync(out, { recursive: true, force: true });
  });

  it("takes the region from the site when the report names no place", () => {
    // The mirror's 示例县/示例市 bodies are no real division.
    const hanweb = reports.filter((r) => r.agency?.startsWith("示例"));
    expect(hanweb.length).toBeGreaterThan(0);
    for (const r of hanweb) expect([r.agency, r.region?.cityCode, r.region?.source]).toEqual([r.agency, "320800", "site"]);
  });

  it("keeps the county a report names itself", () => {
    const mengjin = reports.filter((r) => r.agency?.includes("孟津区"));
    expect(mengjin.length).toBeGreaterThan(0);
    for (const r of mengjin) expect([r.agency, r.region?.countyCode, r.region?.source]).toEqual([r.agency, "410308", "agency"]);
  });
});
