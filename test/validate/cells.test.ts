import { describe, expect, it } from "vitest";
import { parseReport } from "../../src/pipeline.js";
import { buildReport, type ReportSpec } from "../support/build-report.js";

const parse = (spec: ReportSpec, feePrecision?: number) =>
  parseReport(Buffer.from(buildReport(spec)), { uri: "memory://report.txt" }, { defaultFeePrecision: feePrecision ?? null });
const only = async (spec: ReportSpec, code: string, feePrecision?: number) => (await parse(spec, feePrecision)).anomalies.filter((a) => a.code === code);

describe("the rules on cells and rows", () => {
  it("CELL_NOT_NUMBER: a placeholder where a number belongs is null, its raw text kept", async () => {
    const r = await parse({ t3: { granted: ["／", "0", "0", "0", "0", "0", "0"] } });
    expect(r.applications!.rows.granted!.naturalPerson).toBeNull();
    expect(r.cells.find((c) => c.path === "applications.rows.granted.naturalPerson")).toMatchObject({ raw: "／", value: null });
    expect(r.anomalies.filter((a) => a.code === "CELL_NOT_NUMBER").map((a) => [a.paths[0], a.actual])).toEqual([["applications.rows.granted.naturalPerson", "／"]]);
  });

  it("CELL_NOT_NUMBER: text where a number belongs (\"abc\") is that cell's value, not a label: null, raw kept, no blank", async () => {
    for (const at of [0, 3]) {
      const printed = ["0", "0", "0", "0", "0", "0", "0"];
      printed[at] = "abc";
      const r = await parse({ t3: { granted: printed } });
      const path = `applications.rows.granted.${at === 0 ? "naturalPerson" : "socialOrganization"}`;
      expect(r.cells.find((c) => c.path === path)).toMatchObject({ raw: "abc", value: null });
      expect(r.anomalies.filter((a) => a.code === "CELL_NOT_NUMBER").map((a) => [a.paths[0], a.actual])).toEqual([[path, "abc"]]);
      expect(r.anomalies.filter((a) => a.code === "CELL_MISSING" || a.code === "ROW_SHAPE")).toEqual([]);
      expect(r.applications!.rows.granted!.total).toBe(0);
    }
  });

  it("CELL_NOT_COUNT: a negative or fractional count, but never the fee amount", async () => {
    const found = await only({ t3: { granted: ["1.5", "0", "0", "0", "0", "0", "1.5"] }, fee: "0.75" }, "CELL_NOT_COUNT");
    expect(found.map((a) => a.paths[0])).toEqual(["applications.rows.granted.naturalPerson", "applications.rows.granted.total"]);
  });

  it("numbers are normalised: full-width digits, thousands separators, stray spaces", async () => {
    const r = await parse({ t3: { newReceived: ["１２", "1,234", "1 2", "0", "0", "0", "1258"], total: ["１２", "1,234", "1 2", "0", "0", "0", "1258"] } });
    expect(r.applications!.rows.newReceived).toMatchObject({ naturalPerson: 12, commercialEnterprise: 1234, researchInstitution: 12, total: 1258 });
    expect(r.cells.find((c) => c.path === "applications.rows.newReceived.researchInstitution")!.raw).toBe("1 2");
  });

  it("FEE_PRECISION only when the header demands decimals (or the configuration does)", async () => {
    expect(await only({ fee: "12.5" }, "FEE_PRECISION")).toEqual([]);
    const [a] = await only({ fee: "12.5", feeHeader: "本年收费金额（单位：万元，保留四位小数）" }, "FEE_PRECISION");
    expect(a).toMatchObject({ expected: "12.5000", actual: "12.5", severity: "warning" });
    expect(await only({ fee: "12.5000", feeHeader: "本年收费金额（单位：万元，保留4位小数）" }, "FEE_PRECISION")).toEqual([]);
    expect(await only({ fee: "12.5" }, "FEE_PRECISION", 2)).toHaveLength(1);
  });

  it("ROW_SHAPE: a row with a surplus value keeps the six applicants and the last as 总计", async () => {
    const r = await parse({ t3: { newReceived: ["2", "0", "0", "0", "0", "0", "9", "2"], granted: ["2", "0", "0", "0", "0", "0", "2"], total: ["2", "0", "0", "0", "0", "0", "2"] } });
    const [a] = r.anomalies.filter((x) => x.code === "ROW_SHAPE");
    expect(a).toMatchObject({ paths: ["applications.rows.newReceived"], expected: 7, actual: 8, status: "fail" });
    expect(a!.message).toContain("9");
    expect(r.applications!.rows.newReceived!.total).toBe(2);
  });

  it("CELL_MISSING lists the blank cells of a table in one anomaly", async () => {
    const [a, ...rest] = await only({ t3: { granted: ["", "", "0", "0", "0", "0", "0"] } }, "CELL_MISSING");
    expect(rest).toEqual([]);
    expect(a!.paths).toEqual(["applications.rows.granted.naturalPerson", "applications.rows.granted.commercialEnterprise"]);
  });
});

describe("the rules on the report's structure", () => {
  it("SECTION_MISSING names the section whose heading is absent", async () => {
    const r = await parse({ omitSections: [5] });
    expect(r.sections[4]!.heading).toBeNull();
    expect(r.anomalies.filter((a) => a.code === "SECTION_MISSING").map((a) => a.paths)).toEqual([["sections.5"]]);
  });

  it("SECTION_EMPTY for a placeholder body; a real sentence is not empty", async () => {
    expect((await only({ section6: "无。" }, "SECTION_EMPTY")).map((a) => a.paths[0])).toEqual(["sections.6"]);
    expect(await only({ section6: "暂无" }, "SECTION_EMPTY")).toHaveLength(1);
    // Issue 9: "无其他需要报告的事项" is one more way of saying nothing; what did not happen is content.
    expect(await only({ section6: "无其他需要报告的事项。" }, "SECTION_EMPTY")).toHaveLength(1);
    expect(await only({ section6: "本年度未产生信息处理费。" }, "SECTION_EMPTY")).toEqual([]);
  });

  it("TABLE_MISSING when section 三 holds no table (e.g. published as an image)", async () => {
    const r = await parse({ omitTable3: true });
    expect(r.applications).toBeNull();
    expect(r.anomalies.filter((a) => a.code === "TABLE_MISSING").map((a) => a.paths)).toEqual([["applications"]]);
  });

  it("ROW_MISSING names the template rows a table leaves out", async () => {
    const [a] = await only({ omitRows: ["notProcessed.repeated", "denied.queryMatters"] }, "ROW_MISSING");
    expect(a!.paths).toEqual(["applications.rows.denied.queryMatters", "applications.rows.notProcessed.repeated"]);
  });
});
