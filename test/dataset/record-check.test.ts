import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { assertValidReports, reportValidator } from "../../src/dataset/record-check.js";
import { emitAll } from "../../src/emit/index.js";
import { NianbaoError } from "../../src/model/errors.js";
import type { AnnualReport } from "../../src/model/report.js";
import { parseReport } from "../../src/pipeline.js";

const root = new URL("../..", import.meta.url).pathname;
const seed = await parseReport(readFileSync(join(root, "samples/mengjin-czj-2022.txt")), { uri: "samples/mengjin-czj-2022.txt" });
const clone = (r: AnnualReport) => JSON.parse(JSON.stringify(r)) as AnnualReport;

describe("validation on write", () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it("passes the seed report as the pipeline builds it", () => {
    expect(reportValidator()(seed)).toEqual([]);
    expect(() => assertValidReports([seed])).not.toThrow();
  });

  it("names the record, the place in it and the schema rule it breaks", () => {
    const bad = clone(seed);
    (bad as unknown as { year: string }).year = "2022";
    let err: unknown;
    try {
      assertValidReports([seed, bad]);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(NianbaoError);
    const e = err as NianbaoError;
    expect(e.code).toBe("INVALID_RECORD");
    expect(e.context.reportId).toBe(seed.id);
    expect(e.message).toContain(`report ${seed.id} (samples/mengjin-czj-2022.txt) at /year: must be integer,null [#/properties/year/type]`);
  });

  it("says which key of a table is unknown, not only that no branch of oneOf matched", () => {
    const bad = clone(seed);
    (bad.activeDisclosure as Record<string, unknown>).fines = { amount: 1 };
    const v = reportValidator()(bad);
    expect(v.map((x) => x.message)).toContain('has a key the schema does not allow: "fines"');
  });

  it("fails the run before any file is written", async () => {
    const out = mkdtempSync(join(tmpdir(), "nianbao-recordcheck-"));
    dirs.push(out);
    const bad = clone(seed);
    bad.cells[0]!.raw = 6076 as unknown as string;
    await expect(emitAll(out, { reports: [bad], failures: [], inputs: [], timings: {} })).rejects.toMatchObject({ code: "INVALID_RECORD" });
    expect(existsSync(join(out, "reports.jsonl"))).toBe(false);
  });
});
