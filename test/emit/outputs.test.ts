import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseBatch } from "../../src/batch.js";
import { csvField } from "../../src/emit/csv.js";
import type { AnnualReport } from "../../src/model/report.js";
import { reportsIn } from "../support/reports.js";

const root = new URL("../..", import.meta.url).pathname;
const corpusMd = join(root, "../shared/corpus/md");

describe("the output folder", () => {
  let out: string;
  let run: { reports: AnnualReport[] };
  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), "nianbao-emit-"));
    const inputs = [join(root, "samples")];
    if (existsSync(corpusMd)) inputs.push(corpusMd);
    await parseBatch(inputs, { out });
    run = { reports: reportsIn(out) };
  }, 120_000); // samples/ holds .doc files: LibreOffice starts cold for each
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it("every report satisfies the JSON Schema we publish beside it", () => {
    const schema = JSON.parse(readFileSync(join(out, "schema/annual-report.schema.json"), "utf8")) as object;
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    const valid = ajv.compile(schema);
    const lines = readFileSync(join(out, "reports.jsonl"), "utf8").trim().split("\n");
    expect(lines.length).toBe(run.reports.length);
    for (const l of lines) {
      const ok = valid(JSON.parse(l));
      expect(valid.errors ?? [], l.slice(0, 80)).toEqual([]);
      expect(ok).toBe(true);
    }
  });

  it("the schema rejects a report with a key the contract does not have", () => {
    const schema = JSON.parse(readFileSync(join(out, "schema/annual-report.schema.json"), "utf8")) as object;
    const valid = new Ajv2020({ strict: false }).compile(schema);
    const r = JSON.parse(readFileSync(join(out, "reports.jsonl"), "utf8").split("\n")[0]!) as { applications: { rows: Record<string, unknown> } };
    r.applications.rows["granted "] = r.applications.rows["granted"];
    expect(valid(r)).toBe(false);
  });

  it("writes the tidy CSV tables in long format, one line per cell", () => {
    const apps = readFileSync(join(out, "tables/applications.csv"), "utf8").split("\r\n").filter(Boolean);
    expect(apps[0]).toBe("report_id,row,column,value");
    const cells = run.reports.reduce((n, r) => n + Object.keys(r.applications?.rows ?? {}).length * 7, 0);
    expect(apps.length - 1).toBe(cells);
    const seedId = run.reports.find((r) => r.source.uri.endsWith(".txt"))!.id;
    expect(apps).toContain(`${seedId},granted,naturalPerson,`);
    expect(apps).toContain(`${seedId},granted,total,0`);
    const ad = readFileSync(join(out, "tables/active_disclosure.csv"), "utf8");
    expect(ad).toContain(`${seedId},2021,fees,amount,6076`);
    const reports = readFileSync(join(out, "tables/reports.csv"), "utf8").split("\r\n").filter(Boolean);
    expect(reports).toHaveLength(run.reports.length + 1);
    expect(readFileSync(join(out, "tables/reports.csv")).subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(false);
  });

  it("describes every resource of the folder in datapackage.json", () => {
    const dp = JSON.parse(readFileSync(join(out, "datapackage.json"), "utf8")) as { resources: { path: string; schema?: unknown }[] };
    for (const r of dp.resources) expect(existsSync(join(out, r.path)), r.path).toBe(true);
    expect(dp.resources.map((r) => r.path)).toContain("tables/applications.csv");
  });

  it("writes audit.html: every anomaly with its printed value and where to find it", () => {
    const html = readFileSync(join(out, "audit.html"), "utf8");
    // Self-contained: no network (the policy forbids it), no reference outside the file.
    expect(html).toContain(`content="default-src 'none'; img-src data:;`);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//i);
    const data = JSON.parse(/<script type="application\/json" id="data">(.*?)<\/script>/s.exec(html)![1]!) as { docs: { uri: string }[]; items: { code: string; doc: number; cells: { raw: string; place: string }[] }[] };
    const ids = new Set<string>();
    const expected = run.reports.filter((r) => !ids.has(r.id) && ids.add(r.id)).reduce((n, r) => n + r.anomalies.length, 0);
    expect(data.items.length).toBe(expected);
    const fee = data.items.find((i) => i.code === "FEE_PRECISION" && data.docs[i.doc]!.uri.endsWith("mengjin-czj-2022.txt"))!;
    expect(fee.cells).toEqual([expect.objectContaining({ raw: "6076", place: "line 36 · table 1, row 14, col 2" })]);
  });

  it("lists the reader's notes on the audit page, each with where it stands, apart from the anomalies", () => {
    const html = readFileSync(join(out, "audit.html"), "utf8");
    const notes = run.reports.flatMap((r) => r.messages);
    expect(notes.length).toBeGreaterThan(0);
    expect(html.match(/<tr class="note /g)?.length).toBe(notes.length);
    // The PDF whose tables break across pages: the note names the page and box of the table.
    const across = notes.find((m) => m.ruleId === "TABLE_ACROSS_PAGES")!;
    expect(across.place).toMatchObject({ page: expect.any(Number), bbox: expect.any(Array), table: expect.any(Number) });
    expect(html).toContain(`<td><code>TABLE_ACROSS_PAGES</code></td><td>info</td><td>read</td><td>${across.reason}</td><td>p. ${across.place!.page}`);
  });

  it("quotes CSV fields as RFC 4180 asks", () => {
    expect(csvField('说"明",a')).toBe('"说""明"",a"');
    expect(csvField("line\nbreak")).toBe('"line\nbreak"');
    expect(csvField(null)).toBe("");
    expect(csvField(0)).toBe("0");
  });
});
