import { describe, expect, it } from "vitest";
import { readText } from "../../parsers/text.js";
import { extract } from "../../src/extract/index.js";
import { matchApplicationRow } from "../../src/extract/table3.js";

const key = (label: string) => matchApplicationRow(label).map((d) => d.key);

describe("matching table 三's rows by meaning", () => {
  it.each([
    ["2.其他法律行政止公开", "denied.prohibitedByLaw"], // 洪泽区 2023/2024 typo
    ["2. 其他法律法规禁止公开", "denied.prohibitedByLaw"], // 孟津 2022
    ["3.危及\"三安全一稳定\"", "denied.endangersSecurity"],
    ["3、危及“三安全一稳定”", "denied.endangersSecurity"],
    ["（五）不予处理 1、信访举报投诉类申请", "notProcessed.complaint"],
    ["(六) 其他处理 1. 申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "otherDisposal.overdueCorrection"],
    ["缴纳费用、 行政机关不再处理其政", "otherDisposal.overdueFee"], // 上海 2025 md, label wrapped mid-phrase
    ["3.其他", "otherDisposal.other"],
    ["（六）其他处理", "otherDisposal"],
    ["（七）总计", "total"],
    ["三、本年度办理结果 (一) 予以公开", "granted"],
    ["（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "partiallyGranted"],
    ["四、结转下年度继续办理", "carriedForward"],
    ["1.屬於國家秘密", "denied.stateSecret"], // traditional characters
    ["4.無正當理由大量反覆申請", "notProcessed.excessive"], // Taiwan-standard 反覆 (OpenCC cn→tw mirrors)
    ["3.其他（单位：件）", "otherDisposal.other"], // an annotated label
  ])("%s → %s", (label, expected) => {
    expect(key(label)).toEqual([expected]);
  });

  it("does not take a column header row for a data row", () => {
    expect(key("自然人 法人或其他组织 总计")).not.toContain("granted");
  });
});

describe("reading table 三 from a table", () => {
  const header = ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况", "\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计"];
  const doc = (rows: string[]) =>
    extract(readText(Buffer.from(["某局2023年政府信息公开工作年度报告", "二、主动公开政府信息情况", "信息内容\t本年制发件数\t本年废止件数\t现行有效件数", "规章\t0\t0\t0", "三、收到和处理政府信息公开申请情况", ...header, ...rows, "", "四、政府信息公开行政复议、行政诉讼情况"].join("\n"))).value);

  it("reads a row printed without a label as the next row the template expects", () => {
    const x = doc(["一、本年新收政府信息公开申请数量\t5\t0\t0\t0\t0\t0\t5", "3\t0\t0\t0\t0\t0\t3", "（一）予以公开\t4\t0\t0\t0\t0\t0\t4"]);
    expect(x.applications!.rows.carriedOver).toMatchObject({ naturalPerson: 3, total: 3 });
    expect(x.facts.applications.placedByOrder.map((p) => p.path)).toEqual(["applications.rows.carriedOver"]);
    expect(x.applications!.rows.granted!.total).toBe(4);
  });

  it("takes a one-row （六）其他处理 and leaves its three sub-rows out", () => {
    const x = doc(["（六）其他处理\t1\t0\t0\t0\t0\t0\t1", "（七）总计\t1\t0\t0\t0\t0\t0\t1"]);
    expect(x.applications!.rows.otherDisposal!.total).toBe(1);
    expect(x.applications!.rows["otherDisposal.other"]).toBeUndefined();
    expect(x.facts.applications.missingRows).not.toContain("applications.rows.otherDisposal.other");
  });

  it("names a short row as ROW_SHAPE and places none of the numbers whose columns it does not print", () => {
    const x = doc(["一、本年新收政府信息公开申请数量\t5\t1\t6"]);
    expect(x.facts.applications.rowShapes[0]).toMatchObject({ path: "applications.rows.newReceived", printed: 3, expected: 7 });
    const applicants = x.cells.filter((c) => c.path.startsWith("applications.rows.newReceived.") && c.key.col !== "total");
    expect(applicants.map((c) => [c.value.kind, c.uncertain])).toEqual(Array(6).fill(["undetermined", true]));
    expect(Object.values(x.applications!.rows.newReceived!)).toEqual([null, null, null, null, null, null, 6]);
  });
});
