/**
 * audit.html in a real browser: Debian's chromium (headless), driven by playwright-core. Skips,
 * saying why, when /usr/bin/chromium is not installed (`.ci/run` installs chromium and
 * fonts-noto-cjk; locally `apt-get install -y chromium fonts-noto-cjk`).
 *
 * The run: the samples' 示例县 PDF and 孟津 text, and — when the shared corpus is there — the two
 * 洪泽区 PDFs and four 平潭 pages, parsed into a temporary output folder; the page is opened from
 * disk and must show every anomaly of anomalies.jsonl, filter by code and by agency, make no
 * network request, and carry an auditor's decision out (export) and back in (`nianbao audit
 * --reviews`). A screenshot goes to test-results/audit.png (git-ignored).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { parseBatch } from "../../src/batch.js";
import { rebuildAudit } from "../../src/emit/audit-html.js";
import type { AuditData } from "../../src/emit/audit/model.js";
import { auditPage } from "../../src/emit/audit/page.js";
import type { Anomaly, AnnualReport } from "../../src/model/report.js";

const CHROMIUM = "/usr/bin/chromium";
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`audit.html browser tests skipped: ${CHROMIUM} is not installed (apt-get install -y chromium fonts-noto-cjk)`);
// The flags of /work/.library/env/machines/node.md: headless, no sandbox as root, no background networking.
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

const root = new URL("../..", import.meta.url).pathname;
const corpus = join(root, "../shared/corpus");
const resultsDir = join(root, "test-results");

const jsonl = <T>(file: string): T[] => readFileSync(file, "utf8").split("\n").filter((l) => l !== "").map((l) => JSON.parse(l) as T);

describe.skipIf(!hasChromium)("audit.html in headless Chromium", () => {
  let dir: string;
  let out: string;
  let browser: Browser;
  let anomalies: Anomaly[];
  let reports: AnnualReport[];
  const requests: string[] = [];

  async function open(file: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, acceptDownloads: true });
    const page = await context.newPage();
    page.on("request", (r) => requests.push(r.url()));
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`file://${file}`);
    await page.waitForSelector("html[data-ready=true]");
    expect(errors).toEqual([]);
    return page;
  }
  const visibleFps = (page: Page) => page.$$eval("#rows > [role=row]:not([hidden])", (rows) => rows.map((r) => r.getAttribute("data-fp")));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "nianbao-audit-"));
    out = join(dir, "out");
    const inputs = [join(root, "samples/sample-county-2023.pdf"), join(root, "samples/mengjin-czj-2022.txt")];
    for (const f of ["pdf/huaian-hongze-2023-quzhengfu.pdf", "pdf/huaian-hongze-2024-quzhengfu.pdf", "txt/pingtan-czj-2022-flattened.txt", "txt/pingtan-czj-2025-flattened.txt", "txt/pingtan-haitan-2025-flattened.txt", "txt/pingtan-2021-flattened.txt"])
      if (existsSync(join(corpus, f))) inputs.push(join(corpus, f));
    await parseBatch(inputs, { out });
    anomalies = jsonl<Anomaly>(join(out, "anomalies.jsonl"));
    reports = jsonl<AnnualReport>(join(out, "reports.jsonl"));
    const { chromium } = await import("playwright-core");
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("shows every anomaly of anomalies.jsonl, and makes no network request", async () => {
    const page = await open(join(out, "audit.html"));
    expect(anomalies.length).toBeGreaterThan(5);
    expect((await visibleFps(page)).sort()).toEqual(anomalies.map((a) => a.fingerprint).sort());
    expect(requests.filter((u) => !u.startsWith("file://") && !u.startsWith("data:"))).toEqual([]);
    expect(await page.textContent("#count")).toContain(`${anomalies.length} / ${anomalies.length}`);
    await page.context().close();
  });

  it("filters by code and by agency, and sorts", async () => {
    const page = await open(join(out, "audit.html"));
    await page.selectOption("#f-code", "T4_SUM");
    const t4 = anomalies.filter((a) => a.code === "T4_SUM").map((a) => a.fingerprint).sort();
    expect(t4.length).toBeGreaterThan(0);
    expect((await visibleFps(page)).sort()).toEqual(t4);
    await page.click("#reset");
    const agency = reports.find((r) => r.id === anomalies[0]!.reportId)!.agency!;
    await page.selectOption("#f-agency", agency);
    const ids = new Set(reports.filter((r) => r.agency === agency).map((r) => r.id));
    expect((await visibleFps(page)).sort()).toEqual(anomalies.filter((a) => ids.has(a.reportId)).map((a) => a.fingerprint).sort());
    await page.click("#reset");
    await page.click('#anoms .head button[data-sort="code"]');
    const codes = await page.$$eval("#rows > [role=row]:not([hidden]) > .code", (tds) => tds.map((t) => t.textContent ?? ""));
    expect(codes).toEqual([...codes].sort());
    await page.context().close();
  });

  it("is usable with the keyboard: ↓ moves the selection, / goes to the search", async () => {
    const page = await open(join(out, "audit.html"));
    await page.focus("#rows > [role=row]:not([hidden])");
    await page.keyboard.press("Enter");
    const first = await page.textContent("#fp");
    await page.keyboard.press("ArrowDown");
    expect(await page.textContent("#fp")).not.toBe(first);
    await page.keyboard.press("/");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("f-q");
    await page.keyboard.type("YEAR_MISMATCH");
    await page.waitForFunction(() => !/^显示 (\d+) \/ \1 /.test(document.getElementById("count")!.textContent ?? ""));
    expect((await visibleFps(page)).length).toBe(anomalies.filter((a) => a.code === "YEAR_MISMATCH" || a.message.includes("YEAR_MISMATCH")).length);
    await page.context().close();
  });

  it("shows the evidence: cells with printed text, the row, a PDF region image, the lines of a text source", async () => {
    const page = await open(join(out, "audit.html"));
    const pdfReport = reports.find((r) => r.source.uri.endsWith("sample-county-2023.pdf"))!;
    const t4 = anomalies.find((a) => a.reportId === pdfReport.id && a.code === "T4_SUM")!;
    await page.click(`#rows > [role=row][data-fp="${t4.fingerprint}"]`);
    expect(await page.textContent("#detail")).toContain("reviewLitigation.review.total");
    const img = await page.$eval("#detail img", (i) => ({ src: (i as HTMLImageElement).src.slice(0, 22), w: (i as HTMLImageElement).naturalWidth }));
    expect(img).toEqual({ src: "data:image/png;base64,", w: expect.any(Number) });
    expect(img.w).toBeGreaterThan(300);
    expect(await page.textContent("#detail")).toContain("Row as printed");
    const text = reports.find((r) => r.source.uri.endsWith("mengjin-czj-2022.txt"))!;
    const fee = anomalies.find((a) => a.reportId === text.id && a.code === "FEE_PRECISION")!;
    await page.click(`#rows > [role=row][data-fp="${fee.fingerprint}"]`);
    expect(await page.textContent("#detail pre .hit")).toContain("6076");
    mkdirSync(resultsDir, { recursive: true });
    await page.click(`#rows > [role=row][data-fp="${t4.fingerprint}"]`);
    await page.screenshot({ path: join(resultsDir, "audit.png"), fullPage: true });
    await page.context().close();
  });

  it("a review decision goes out as JSON and comes back with `nianbao audit --reviews`", async () => {
    const page = await open(join(out, "audit.html"));
    const target = anomalies.find((a) => a.code === "FEE_PRECISION") ?? anomalies[0]!;
    await page.click(`#rows > [role=row][data-fp="${target.fingerprint}"]`);
    await page.fill("#note", "表头要求4位小数，但原件即如此印刷 — printed so in the original");
    await page.click("#dismiss");
    expect(await page.textContent(`#rows > [role=row][data-fp="${target.fingerprint}"] .rv`)).toContain("dismissed");
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#export")]);
    const file = join(dir, "reviews-export.json");
    await download.saveAs(file);
    await page.context().close();
    const exported = JSON.parse(readFileSync(file, "utf8")) as { nianbao: string; reviews: { fingerprint: string; decision: string; note: string }[] };
    expect(exported.nianbao).toBe("reviews/1");
    expect(exported.reviews).toEqual([expect.objectContaining({ fingerprint: target.fingerprint, decision: "dismissed", note: expect.stringContaining("4位小数") })]);

    const result = await rebuildAudit(out, { reviewsFile: file });
    expect(result).toMatchObject({ reviews: 1, unmatched: 0 });
    // A fresh browser profile: the decision comes from the page, not from the browser's storage.
    const again = await open(join(out, "audit.html"));
    expect(await again.textContent(`#rows > [role=row][data-fp="${target.fingerprint}"] .rv`)).toContain("dismissed");
    await again.selectOption("#f-review", "dismissed");
    expect(await visibleFps(again)).toEqual([target.fingerprint]);
    await again.click(`#rows > [role=row][data-fp="${target.fingerprint}"]`);
    expect(await again.inputValue("#note")).toContain("4位小数");
    await again.context().close();
  });

  it("stays quick with 10 000 anomalies: all drawn, a filter answers", async () => {
    const docs = Array.from({ length: 200 }, (_, i) => ({ id: i.toString(16).padStart(16, "0"), uri: `r/${i}.txt`, title: `某某${i}局2023年政府信息公开工作年度报告`, agency: `某某${i}局`, year: 2019 + (i % 7), format: "text", template: "2021", source: "found" }));
    const codes = ["T3_BALANCE", "CELL_MISSING", "TEXT_TABLE_MISMATCH", "REPORT_REUSED"];
    const items = Array.from({ length: 10_000 }, (_, i) => ({
      fp: i.toString(16).padStart(16, "0"), doc: i % 200, code: codes[i % 4]!, severity: ["error", "warning", "warning", "info"][i % 4]!, status: i % 3 ? "fail" : "uncertain", responsibility: "source",
      message: `第${i}项 anomaly number ${i}`, paths: [`applications.rows.total.total`], expected: i, actual: i + 1, place: `line ${i}`, evidenceText: "", cells: [], row: null, lines: null, images: [], notes: [],
    }));
    const data: AuditData = { docs, notes: [], items, images: [], reviews: {} };
    const file = join(dir, "big.html");
    writeFileSync(file, auditPage(data, { rulesVersion: "1" }));
    const t0 = Date.now();
    const page = await open(file);
    const loaded = Date.now() - t0;
    expect(await page.$$eval("#rows > [role=row]", (r) => r.length)).toBe(10_000);
    const t1 = Date.now();
    await page.selectOption("#f-code", "REPORT_REUSED");
    expect(await page.textContent("#count")).toContain("2500 / 10000");
    await page.fill("#f-q", "anomaly number 9999");
    await page.waitForFunction(() => document.querySelectorAll("#rows > [role=row]:not([hidden])").length === 1);
    expect(await visibleFps(page)).toEqual(["000000000000270f"]);
    console.info(`audit.html with 10 000 anomalies: opened in ${loaded} ms, two filters in ${Date.now() - t1} ms`);
    await page.context().close();
  });
});
