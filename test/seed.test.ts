import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseReport } from "../src/pipeline.js";

// The 孟津区财政局 2022 report, the project's first sample (issue 2, "Done when").
const bytes = readFileSync(new URL("../samples/mengjin-czj-2022.txt", import.meta.url));
const report = await parseReport(bytes, { uri: "samples/mengjin-czj-2022.txt" });
const codes = (code: string) => report.anomalies.filter((a) => a.code === code);

describe("the seed report (孟津区财政局 2022, tab-separated text)", () => {
  it("reads title, agency, year and template from the document", () => {
    expect(report.title).toBe("孟津区财政局2022年政府信息公开工作年度报告");
    expect(report.agency).toBe("孟津区财政局");
    expect(report.year).toBe(2022);
    expect(report.template).toBe("2021");
  });

  it("finds all six sections, 六 present but holding only 无", () => {
    expect(report.sections.map((s) => s.heading)).toEqual([
      "一、总体情况",
      "二、主动公开政府信息情况",
      "三、收到和处理政府信息公开申请情况",
      "四、政府信息公开行政复议、行政诉讼情况",
      "五、存在的主要问题及改进情况",
      "六、其他需要报告的事项",
    ]);
    expect(report.sections[5]!.text).toBe("无");
    expect(report.sections[0]!.text).toContain("区财政局在区政府门户网站共公开各类信息220条");
  });

  it("reads table 二 as printed, the fee as 6076", () => {
    expect(report.activeDisclosure).toEqual({
      rules: { issued: 1, repealed: 0, inForce: 1 },
      normativeDocuments: { issued: 1, repealed: 0, inForce: 1 },
      licensing: { decisions: 0 },
      punishment: { decisions: 0 },
      coercion: { decisions: 0 },
      fees: { amount: 6076 },
    });
  });

  it("keeps the blank applicant cells of （一）（二）（三）1 as null and their 总计 as 0", () => {
    for (const key of ["granted", "partiallyGranted", "denied.stateSecret"] as const) {
      const row = report.applications!.rows[key]!;
      expect(row.total).toBe(0);
      expect([row.naturalPerson, row.commercialEnterprise, row.researchInstitution, row.socialOrganization, row.legalServiceAgency, row.otherOrganization]).toEqual(
        Array(6).fill(null),
      );
    }
    expect(Object.keys(report.applications!.rows)).toHaveLength(25);
    expect(report.applications!.rows["otherDisposal.other"]!.total).toBe(0);
    expect(Object.values(report.reviewLitigation!).flatMap((g) => Object.values(g))).toEqual(Array(15).fill(0));
  });

  it("flags FEE_PRECISION on the fee: the header demands 4 decimals, 6076 has none", () => {
    const [a, ...rest] = codes("FEE_PRECISION");
    expect(rest).toHaveLength(0);
    expect(a!.paths).toEqual(["activeDisclosure.fees.amount"]);
    expect(a!.expected).toBe("6076.0000");
    expect(a!.evidence).toMatchObject({ raw: "6076", line: 36 });
    expect(a!.evidence.text).toContain("保留4位小数");
  });

  it("flags ROW_SHAPE on rows 一 and 二 of table 三 (eight values under seven columns)", () => {
    expect(codes("ROW_SHAPE").map((a) => a.paths[0])).toEqual(["applications.rows.newReceived", "applications.rows.carriedOver"]);
    expect(codes("ROW_SHAPE")[0]!.evidence.line).toBe(43);
  });

  it("flags CELL_MISSING for the 18 blank applicant cells, and SECTION_EMPTY for 六", () => {
    const missing = codes("CELL_MISSING");
    expect(missing).toHaveLength(1);
    expect(missing[0]!.paths).toHaveLength(18);
    expect(missing[0]!.paths[0]).toBe("applications.rows.granted.naturalPerson");
    expect(codes("SECTION_EMPTY").map((a) => a.paths)).toEqual([["sections.6"]]);
  });

  it("raises no arithmetic false alarm and nothing else", () => {
    expect(report.anomalies.map((a) => a.code).sort()).toEqual(["CELL_MISSING", "FEE_PRECISION", "ROW_SHAPE", "ROW_SHAPE", "SECTION_EMPTY"]);
  });

  it("traces every number to the line that printed it", () => {
    const numbers = report.cells.filter((c) => c.value !== null);
    expect(numbers.length).toBe(200 - 18);
    for (const c of numbers) {
      expect(c.line).toBeGreaterThan(0);
      const printed = bytes.toString("utf8").split("\n")[c.line! - 1]!;
      expect(printed.split("\t").map((s) => s.trim())).toContain(c.raw);
    }
    expect(report.cells.find((c) => c.path === "activeDisclosure.fees.amount")).toMatchObject({ raw: "6076", line: 36, rowLabel: "行政事业性收费" });
  });
});
