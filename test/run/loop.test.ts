/**
 * The run loop and its per-document step (src/run/): what every stage says reaches the output
 * with its place; a failure keeps its code and reason; the step's input and output are plain data.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseBatch } from "../../src/batch.js";
import type { RunSummary, StreamedRun } from "../../src/run/index.js";
import type { AnnualReport } from "../../src/model/report.js";
import { bytesFile, readReport, runLoop, type Outcome, type ReportFile } from "../../src/run/index.js";

const root = new URL("../..", import.meta.url).pathname;
const samples = join(root, "samples");
const lines = <T>(p: string): T[] =>
  readFileSync(p, "utf8")
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => JSON.parse(l) as T);

describe("parse: what the reader noticed and why an input failed reach the output", () => {
  let dir: string;
  let out: string;
  let run: RunSummary;
  let clippedLine: number;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "nianbao-loop-"));
    out = join(dir, "out");
    // The 孟津 page with its last cell made to span 40 rows: a page cut short after a rowspan.
    const page = readFileSync(join(samples, "mengjin-czj-2022.html"), "utf8");
    const at = page.lastIndexOf("<td");
    writeFileSync(join(dir, "clipped.html"), `${page.slice(0, at)}<td rowspan="40"${page.slice(at + 3)}`);
    clippedLine = page.slice(0, at).split("\n").length;
    copyFileSync(join(root, "test/fixtures/pdf/encrypted-password.pdf"), join(dir, "encrypted.pdf"));
    run = await parseBatch([join(dir, "clipped.html"), join(dir, "encrypted.pdf")], { out });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("puts a clipped rowspan in the report's messages with its place, and on the audit page", () => {
    const [report] = lines<AnnualReport>(join(out, "reports.jsonl"));
    const clipped = report!.messages.filter((m) => m.ruleId === "ROWSPAN_CLIPPED");
    const table = clipped[0]?.place?.table ?? -1;
    expect(clipped).toEqual([
      {
        ruleId: "ROWSPAN_CLIPPED",
        severity: "warning",
        source: "read",
        place: { line: clippedLine, table, row: expect.any(Number), col: expect.any(Number) },
        reason: `表${table + 1}：有单元格跨行超出表格末行（页面可能不完整），已截短。 table ${table + 1}: a rowspan reaches past the last row (page cut short?); clipped`,
      },
    ]);
    // The place is a table the report read cells from.
    const place = clipped[0]!.place!;
    expect(report!.cells.some((c) => c.table === place.table)).toBe(true);
    const audit = readFileSync(join(out, "audit.html"), "utf8");
    expect(audit).toContain(`<td><code>ROWSPAN_CLIPPED</code></td><td>warning</td><td>read</td>`);
    expect(audit).toContain(`line ${clippedLine} · table ${place.table! + 1}, row ${place.row! + 1}, col ${place.col! + 1}`);
  });

  it("writes an encrypted PDF's failure line with its code and reason", () => {
    const failures = lines<Record<string, unknown>>(join(out, "failures.jsonl"));
    expect(failures).toEqual([
      { uri: join(dir, "encrypted.pdf"), stage: "parse", code: "PARSE_FAILED", reason: "encrypted", error: `${join(dir, "encrypted.pdf")}: the PDF is password-protected` },
    ]);
    expect(run.inputs.find((i) => i.uri.endsWith("encrypted.pdf"))).toMatchObject({ status: "failed", reportId: null, bytes: expect.any(Number) });
  });
});

describe("the per-document step and the loop", () => {
  const seed = readFileSync(join(samples, "mengjin-czj-2022.txt"));

  it("takes and gives plain data: a ReportFile and its Outcome survive structured cloning (a worker boundary)", async () => {
    const file: ReportFile = bytesFile("samples/mengjin-czj-2022.txt", new Uint8Array(seed));
    const cloned = structuredClone(file);
    const outcome = await readReport(cloned);
    expect(structuredClone(outcome)).toEqual(outcome);
    expect(outcome.status).toBe("parsed");
    expect(outcome.report?.source).toEqual({ uri: "samples/mengjin-czj-2022.txt", format: "text", sha256: file.sha256, bytes: seed.length });
    expect(outcome.input).toEqual({ uri: file.uri, sha256: file.sha256, bytes: seed.length, status: "parsed", reportId: file.sha256.slice(0, 16), reader: "text" });
  });

  it("runs a step it is given for every file, keeps known outcomes, and emits once with the earlier failures", async () => {
    const seen: string[] = [];
    const emitted: StreamedRun[] = [];
    const step = async (f: ReportFile): Promise<Outcome> => {
      seen.push(f.uri);
      return readReport(f);
    };
    const notReport = bytesFile("notice.txt", new TextEncoder().encode("关于调整办公时间的通知。"));
    const run = await runLoop(
      [{ file: bytesFile("a.txt", new Uint8Array(seed)) }, { file: notReport }],
      { failures: [{ uri: "http://a.test/gone.pdf", stage: "fetch", code: "FETCH_NOT_FOUND", error: "http://a.test/gone.pdf: HTTP 404" }], timings: { crawlMs: 1 } },
      { emit: async (r) => void emitted.push(r), step, now: () => 0 },
    );
    expect(seen).toEqual(["a.txt", "notice.txt"]);
    expect(emitted).toHaveLength(1);
    const written: string[] = [];
    for await (const r of emitted[0]!.reports()) written.push(r.source.uri);
    expect(written).toEqual(["a.txt"]);
    expect(run.reports).toBe(1);
    expect(run.failures.map((f) => [f.uri, f.code])).toEqual([
      ["http://a.test/gone.pdf", "FETCH_NOT_FOUND"],
      ["notice.txt", "NOT_A_REPORT"],
    ]);
    expect(run.inputs.map((i) => [i.uri, i.status])).toEqual([
      ["a.txt", "parsed"],
      ["notice.txt", "failed"],
    ]);
    expect(emitted[0]!.timings).toMatchObject({ crawlMs: 1, parseMs: 0 });
  });
});
