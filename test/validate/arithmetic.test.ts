import { describe, expect, it } from "vitest";
import { parseReport } from "../../src/pipeline.js";
import { buildReport, type ReportSpec } from "../support/build-report.js";

const parse = (spec: ReportSpec) => parseReport(Buffer.from(buildReport(spec)), { uri: "memory://report.txt" });
const only = async (spec: ReportSpec, code: string) => (await parse(spec)).anomalies.filter((a) => a.code === code);
const seven = (...v: number[]) => v.map(String);

describe("the arithmetic rules of table 三 and 四", () => {
  it("a clean report raises no anomaly at all", async () => {
    expect((await parse({})).anomalies).toEqual([]);
  });

  it("T3_ROW_SUM: a row whose 总计 is not the sum of its six applicant columns", async () => {
    const spec: ReportSpec = {
      t3: {
        newReceived: seven(3, 1, 0, 0, 0, 0, 5),
        granted: seven(3, 1, 0, 0, 0, 0, 4),
        total: seven(3, 1, 0, 0, 0, 0, 4),
      },
    };
    const [a, ...rest] = await only(spec, "T3_ROW_SUM");
    expect(rest).toEqual([]);
    expect(a).toMatchObject({ paths: expect.arrayContaining(["applications.rows.newReceived.total"]), expected: 4, actual: 5, status: "fail", severity: "error" });
    expect(a!.paths[0]).toBe("applications.rows.newReceived.total");
    expect(a!.evidence.raw).toBe("5");
    expect(a!.evidence.line).toBeGreaterThan(0);
  });

  it("T3_RESULT_SUM: （七）总计 that is not the sum of （一）…（六）", async () => {
    const spec: ReportSpec = {
      t3: { newReceived: seven(2, 0, 0, 0, 0, 0, 2), granted: seven(1, 0, 0, 0, 0, 0, 1), total: seven(2, 0, 0, 0, 0, 0, 2) },
    };
    const found = await only(spec, "T3_RESULT_SUM");
    expect(found.map((a) => a.paths[0])).toEqual(["applications.rows.total.naturalPerson", "applications.rows.total.total"]);
    expect(found[0]).toMatchObject({ expected: 1, actual: 2, status: "fail" });
  });

  it("T3_BALANCE: 一 + 二 ≠ 三（七）+ 四 in a column", async () => {
    const spec: ReportSpec = {
      t3: { newReceived: seven(2, 0, 0, 0, 0, 0, 2), granted: seven(1, 0, 0, 0, 0, 0, 1), total: seven(1, 0, 0, 0, 0, 0, 1) },
    };
    const found = await only(spec, "T3_BALANCE");
    expect(found.map((a) => a.paths[0])).toEqual(["applications.rows.newReceived.naturalPerson", "applications.rows.newReceived.total"]);
    expect(found[0]).toMatchObject({ expected: 2, actual: 1, status: "fail" });
  });

  it("T4_SUM: a group whose 总计 is not its four results (洪泽区 2023: 0 under 10 + 1)", async () => {
    const t4 = ["10", "1", "0", "0", "0", "0", "0", "0", "0", "0", "5", "0", "0", "0", "0"];
    const found = await only({ t4 }, "T4_SUM");
    expect(found.map((a) => [a.paths[0], a.expected, a.actual])).toEqual([
      ["reviewLitigation.review.total", 11, 0],
      ["reviewLitigation.litigationAfterReview.total", 5, 0],
    ]);
  });

  it("a check whose operands are blank is not evaluated; one leaning on a blank is uncertain, never fail", async () => {
    // 总计 printed, applicants all blank: nothing to add up.
    expect(await only({ t3: { granted: ["", "", "", "", "", "", "0"] } }, "T3_ROW_SUM")).toEqual([]);
    // 总计 printed 3, one applicant printed 1 and the rest blank: counts blanks as 0 → uncertain.
    const [a, ...rest] = await only({ t3: { granted: ["1", "", "", "", "", "", "3"], total: seven(3, 0, 0, 0, 0, 0, 3), newReceived: seven(3, 0, 0, 0, 0, 0, 3) } }, "T3_ROW_SUM");
    expect(rest).toEqual([]);
    expect(a!.paths[0]).toBe("applications.rows.granted.total");
    expect(a).toMatchObject({ status: "uncertain", expected: 1, actual: 3 });
  });
});
