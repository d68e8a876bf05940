/**
 * The audit page's PDF region images and their budget (src/emit/audit/page-images.ts): the first
 * band that does not fit closes the budget, and no PDF after it is read or rendered — a large PDF
 * run would otherwise render every region's page for images the page has no room for. Rendered in
 * a pool of threads or in this one, the model is the same.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildAuditModel } from "../../src/emit/audit/model.js";
import { parseReport } from "../../src/pipeline.js";

const samples = new URL("../../samples/", import.meta.url).pathname;

describe("audit page images under a budget", async () => {
  const reports = await Promise.all(["sample-county-2023.pdf", "mengjin-czj-2022-pagebreaks.pdf"].map((f) => parseReport(readFileSync(join(samples, f)), { uri: join(samples, f) })));
  const anomalies = reports.flatMap((r) => r.anomalies);
  const model = async (imageBudget?: number) => {
    let rendered = -1;
    const data = await buildAuditModel(reports, anomalies, { ...(imageBudget !== undefined ? { imageBudget } : {}), onRendered: (n) => (rendered = n) });
    return { data, rendered };
  };

  it("renders the regions' pages and embeds their images within the default budget", async () => {
    const { data, rendered } = await model();
    expect(data.images.length).toBeGreaterThan(1);
    expect(rendered).toBeGreaterThan(1);
    const bytes = data.images.reduce((n, i) => n + Buffer.from(i.uri.split(",")[1]!, "base64").length, 0);
    expect(bytes).toBeLessThanOrEqual(24_000_000);
  });

  it("stops at the first image past the budget: that one and every later one left out, no later PDF rendered", async () => {
    const whole = await model();
    const first = Buffer.from(whole.data.images[0]!.uri.split(",")[1]!, "base64").length;
    const { data } = await model(first); // room for the first image only
    expect(data.images).toHaveLength(1);
    const spent = data.items.filter((i) => i.notes.some((n) => n.includes("budget is spent")));
    expect(spent.length).toBeGreaterThan(0);
    expect(data.items.every((i) => i.images.every((k) => k === 0))).toBe(true);
    // No room at all: the first PDF's region pages are rendered (a PDF is rendered whole), no other's.
    const none = await model(1);
    expect(none.data.images).toEqual([]);
    const firstDoc = whole.data.images[0]!.doc;
    expect(new Set(whole.data.images.map((i) => i.doc)).size).toBe(2);
    expect(none.rendered).toBe(new Set(whole.data.images.filter((i) => i.doc === firstDoc).map((i) => i.page)).size);
    expect(none.rendered).toBeLessThan(whole.rendered);
  });

  it("gives the same model rendered in a pool of threads as in this thread", async () => {
    const pool = await buildAuditModel(reports, anomalies, { renderThreads: 2 });
    const here = await buildAuditModel(reports, anomalies, { renderThreads: 1 });
    expect(pool).toEqual(here);
  });
});
