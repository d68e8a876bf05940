/** The within-report rules beyond the arithmetic: each firing and not firing, on built reports and on the corpus. */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseReport } from "../../src/pipeline.js";
import { parseRulesConfig } from "../../src/validate/rules-config.js";
import { buildReport, type ReportSpec } from "../support/build-report.js";

const parse = (spec: ReportSpec, rules?: unknown) => {
  const config = rules === undefined ? undefined : parseRulesConfig(rules);
  if (config && !config.ok) throw new Error(config.errors.join("; "));
  return parseReport(Buffer.from(buildReport(spec)), { uri: "memory://report.txt" }, config ? { rules: config.value } : {});
};
const only = async (spec: ReportSpec, code: string, rules?: unknown) => (await parse(spec, rules)).anomalies.filter((a) => a.code === code);

const corpus = new URL("../../../shared/corpus/", import.meta.url).pathname;
const hasCorpus = existsSync(join(corpus, "txt"));
const corpusText = (name: string) => readFileSync(join(corpus, "txt", name), "utf8");
const parseText = (text: string, uri: string) => parseReport(Buffer.from(text), { uri });

describe("T2_INFORCE", () => {
  it("fires when 现行有效 is below 本年制发 − 本年废止, not when repeals explain it", async () => {
    const [a, ...rest] = await only({ t2: { normativeDocuments: ["5", "1", "3"] } }, "T2_INFORCE");
    expect(rest).toEqual([]);
    expect(a).toMatchObject({ paths: ["activeDisclosure.normativeDocuments.inForce", "activeDisclosure.normativeDocuments.issued", "activeDisclosure.normativeDocuments.repealed"], actual: 3, expected: ">= 4", status: "fail" });
    // 5 issued, 3 repealed, 2 in force: the repealed may be this year's own, so it can be reconciled.
    expect(await only({ t2: { normativeDocuments: ["5", "3", "2"] } }, "T2_INFORCE")).toEqual([]);
    expect(await only({}, "T2_INFORCE")).toEqual([]);
  });

  it("is uncertain when 本年废止 is blank (read as 0)", async () => {
    const [a] = await only({ t2: { rules: ["2", "", "1"] } }, "T2_INFORCE");
    expect(a).toMatchObject({ status: "uncertain", paths: ["activeDisclosure.rules.inForce", "activeDisclosure.rules.issued", "activeDisclosure.rules.repealed"] });
  });
});

describe("FEE_UNIT_SUSPECT", () => {
  it("fires when the cell prints 元, or the header says 单位：元", async () => {
    expect((await only({ fee: "75450元" }, "FEE_UNIT_SUSPECT")).map((a) => a.actual)).toEqual(["75450元"]);
    expect(await only({ fee: "75450", feeHeader: "本年收费金额（单位：元）" }, "FEE_UNIT_SUSPECT")).toHaveLength(1);
  });

  it("fires when the prose gives the table's number in 元, not when it gives it in 万元", async () => {
    const s6 = "本年度行政事业性收费金额共计7545元，未收取信息处理费。";
    expect(await only({ fee: "7545", section6: s6 }, "FEE_UNIT_SUSPECT")).toHaveLength(1);
    expect(await only({ fee: "7545", section6: "本年度行政事业性收费金额共计7545万元，未收取信息处理费。" }, "FEE_UNIT_SUSPECT")).toEqual([]);
    // 信息处理费 is another fee.
    expect(await only({ fee: "400", section6: "收取信息处理费400元。" }, "FEE_UNIT_SUSPECT")).toEqual([]);
  });

  it("fires on an amount beyond the agency's level, with the bound from the rules file", async () => {
    const title = "某某县财政局2023年政府信息公开工作年度报告";
    const [a] = await only({ title, fee: "96171600" }, "FEE_UNIT_SUSPECT");
    expect(a!.message).toContain("500000");
    expect(await only({ title, fee: "96171.6" }, "FEE_UNIT_SUSPECT")).toEqual([]);
    expect(await only({ title, fee: "96171600" }, "FEE_UNIT_SUSPECT", { rules: { FEE_UNIT_SUSPECT: { maxWanCounty: 1e9 } } })).toEqual([]);
  });

  it.skipIf(!hasCorpus)("stays silent on the corpus fees (淮安市 96171.6, 平潭 24252.311082, 洪泽区 7545)", async () => {
    for (const f of ["pingtan-2021-flattened.txt", "pingtan-czj-2022-flattened.txt", "mengjin-czj-2022.txt"]) {
      const r = await parseText(corpusText(f), f);
      expect(r.anomalies.filter((a) => a.code === "FEE_UNIT_SUSPECT")).toEqual([]);
    }
  });
});

describe("TEMPLATE_OUTDATED", () => {
  it("does not fire for a 2021-format report", async () => {
    expect(await only({}, "TEMPLATE_OUTDATED")).toEqual([]);
  });

  it.skipIf(!hasCorpus)("fires on a 2019-format report for 2022 and a pre-2019 outline for 2019; not on the real 2020 and 2017 ones", async () => {
    const y2020 = corpusText("pingtan-2020-flattened.txt");
    expect((await parseText(y2020, "pingtan-2020.txt")).anomalies.filter((a) => a.code === "TEMPLATE_OUTDATED")).toEqual([]);
    const as2022 = await parseText(y2020.replace(/2020年度政府信息公开工作年度报告/g, "2022年度政府信息公开工作年度报告"), "as-2022.txt");
    expect(as2022.template).toBe("2019");
    expect(as2022.anomalies.filter((a) => a.code === "TEMPLATE_OUTDATED").map((a) => [a.expected, a.actual])).toEqual([["2021", "2019"]]);

    const y2017 = corpusText("pingtan-2017-flattened.txt");
    expect((await parseText(y2017, "pingtan-2017.txt")).anomalies.filter((a) => a.code === "TEMPLATE_OUTDATED")).toEqual([]);
    const as2019 = await parseText(y2017.replace(/2017年度政府信息公开工作年度报告/g, "2019年度政府信息公开工作年度报告"), "as-2019.txt");
    expect(as2019.anomalies.filter((a) => a.code === "TEMPLATE_OUTDATED").map((a) => [a.expected, a.actual])).toEqual([["2019", "legacy"]]);
  });
});

describe("YEAR_MISMATCH", () => {
  it("fires when the statistics period is another year than the title's", async () => {
    const [a] = await only({ preamble: "本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。" }, "YEAR_MISMATCH");
    expect(a).toMatchObject({ paths: ["year"], expected: 2023, actual: 2022 });
    expect(await only({ preamble: "本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。" }, "YEAR_MISMATCH")).toEqual([]);
  });

  it("fires when the report is signed before its year is over; a signature in the next year is normal", async () => {
    expect(await only({ section6: "无。\n某某区某局\n2023年1月20日" }, "YEAR_MISMATCH")).toHaveLength(1);
    expect(await only({ section6: "无。\n某某区某局\n2024年1月20日" }, "YEAR_MISMATCH")).toEqual([]);
  });

  it("fires on the previous year's figures stated as this year's, not on comparisons or spans", async () => {
    expect(await only({ section1: "2022年，本局共主动公开政府信息120条。" }, "YEAR_MISMATCH")).toHaveLength(1);
    expect(await only({ section1: "较2022年，本局共主动公开政府信息多120条。" }, "YEAR_MISMATCH")).toEqual([]);
    expect(await only({ section1: "自2022年以来，本局共主动公开政府信息120条。" }, "YEAR_MISMATCH")).toEqual([]);
  });

  it.skipIf(!hasCorpus)("finds 平潭综合实验区财政金融局 2025's \"2024年制作、获取政府信息总数467条\", and nothing in the 管委会 series", async () => {
    const czj = await parseText(corpusText("pingtan-czj-2025-flattened.txt"), "czj-2025.txt");
    expect(czj.anomalies.filter((a) => a.code === "YEAR_MISMATCH").map((a) => [a.paths[0], a.evidence.text])).toEqual([["sections.2", "2024年制作、获取政府信息总数467条"]]);
    for (const y of [2019, 2020, 2021, 2024, 2025]) {
      const r = await parseText(corpusText(`pingtan-${y}-flattened.txt`), `pingtan-${y}.txt`);
      expect(r.anomalies.filter((a) => a.code === "YEAR_MISMATCH")).toEqual([]);
    }
  });
});

describe("TEXT_TABLE_MISMATCH", () => {
  const received = (n: number) => ({ newReceived: [String(n), "0", "0", "0", "0", "0", String(n)], granted: [String(n), "0", "0", "0", "0", "0", String(n)], total: [String(n), "0", "0", "0", "0", "0", String(n)] });

  it("fires when the prose's count of requests contradicts the table, not when it agrees", async () => {
    const [a] = await only({ t3: received(3), section1: "2023年，本局共收到政府信息公开申请2件，均按时答复。" }, "TEXT_TABLE_MISMATCH");
    expect(a).toMatchObject({ paths: ["applications.rows.newReceived.total"], expected: 2, actual: 3, status: "fail" });
    expect(await only({ t3: received(3), section1: "2023年，本局共收到政府信息公开申请3件，均按时答复。" }, "TEXT_TABLE_MISMATCH")).toEqual([]);
  });

  it("reads 行政复议/行政诉讼 against table 四 (诉讼 = both litigation groups)", async () => {
    const t4 = ["1", "0", "0", "0", "1", "0", "0", "0", "1", "1", "1", "0", "0", "0", "1"];
    expect(await only({ t4, section1: "全年发生行政复议1起，行政诉讼2起。" }, "TEXT_TABLE_MISMATCH")).toEqual([]);
    const found = await only({ t4, section1: "全年发生行政复议3起，行政诉讼1起。" }, "TEXT_TABLE_MISMATCH");
    expect(found.map((a) => [a.paths, a.expected, a.actual])).toEqual([
      [["reviewLitigation.review.total"], 3, 1],
      [["reviewLitigation.litigationDirect.total", "reviewLitigation.litigationAfterReview.total"], 1, 2],
    ]);
  });

  it("never reads a channel or a part as the whole, and a prose-only fact never fills a blank cell", async () => {
    expect(await only({ t3: received(3), section1: "其中通过网络收到政府信息公开申请2件。" }, "TEXT_TABLE_MISMATCH")).toEqual([]);
    const r = await parse({ t2: { normativeDocuments: ["", "0", "9"] }, section1: "本年度制发行政规范性文件62件。" });
    expect(r.anomalies.filter((a) => a.code === "TEXT_TABLE_MISMATCH")).toEqual([]);
    expect(r.activeDisclosure!.normativeDocuments!.issued).toBeNull();
  });

  it.skipIf(!hasCorpus)("on the corpus: 海坛片区管理局 2025 says 受理2件 where 总计 is 0; 平潭 2025's 154/148/6 and 36起/9起 agree", async () => {
    const haitan = await parseText(corpusText("pingtan-haitan-2025-flattened.txt"), "haitan.txt");
    expect(haitan.anomalies.filter((a) => a.code === "TEXT_TABLE_MISMATCH").map((a) => [a.paths[0], a.expected, a.actual])).toEqual([["applications.rows.newReceived.total", 2, 0]]);
    for (const f of ["pingtan-2025-flattened.txt", "pingtan-2021-flattened.txt", "pingtan-guanweihui-2022-flattened.txt", "pingtan-czj-2025-flattened.txt"]) {
      const r = await parseText(corpusText(f), f);
      expect(r.anomalies.filter((a) => a.code === "TEXT_TABLE_MISMATCH"), f).toEqual([]);
    }
  });
});

describe("the rules file", () => {
  it("switches a rule off and changes a severity", async () => {
    const spec: ReportSpec = { t2: { normativeDocuments: ["5", "1", "3"] } };
    expect(await only(spec, "T2_INFORCE", { rules: { T2_INFORCE: false } })).toEqual([]);
    expect((await only(spec, "T2_INFORCE", { rules: { T2_INFORCE: { severity: "error" } } }))[0]!.severity).toBe("error");
  });

  it("is validated at the boundary, every error naming its field", () => {
    const r = parseRulesConfig({ rules: { REPORT_REUSED: { threshold: 2, shingles: 5 }, NOPE: true, PUBLISHED_LATE: { departmentDeadline: "1-31" }, T3_BALANCE: { severity: "fatal" } }, extra: 1 });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors).toEqual([
      "extra: unknown field (known: rules)",
      "rules.REPORT_REUSED.threshold: must be a number from 0 to 1, got 2",
      "rules.REPORT_REUSED.shingles: unknown field (known: enabled, severity, threshold, maxYearGap)",
      "rules.NOPE: unknown rule code (known: T3_BALANCE, T3_ROW_SUM, T3_RESULT_SUM, T4_SUM, FEE_PRECISION, CELL_MISSING, CELL_NOT_NUMBER, CELL_NOT_COUNT, ROW_SHAPE, SECTION_MISSING, SECTION_ORDER, SECTION_EMPTY, TABLE_MISSING, ROW_MISSING, SCANNED_PAGES, PARSE_UNCERTAIN, T2_INFORCE, FEE_UNIT_SUSPECT, TEMPLATE_OUTDATED, YEAR_MISMATCH, PUBLISHED_LATE, TEXT_TABLE_MISMATCH, CARRYOVER_MISMATCH, INFORCE_MISMATCH, REPORT_REUSED, DUPLICATE_REPORT, RENDITION_MISMATCH)",
      'rules.PUBLISHED_LATE.departmentDeadline: must be a month and day "MM-DD" (e.g. "01-31"), got "1-31"',
      'rules.T3_BALANCE.severity: must be one of error, warning, info, got "fatal"',
    ]);
    expect(parseRulesConfig("{ not json")).toMatchObject({ ok: false });
    expect(parseRulesConfig({ _note: "comment", rules: {} })).toMatchObject({ ok: true });
  });
});

describe("status by rule", () => {
  it.skipIf(!hasCorpus)("an anomaly resting on a cell read with doubt is uncertain, never fail", async () => {
    // 平潭 2024's 行政规范性文件 run "6233440" cannot be split: its cells are uncertain and null.
    const r = await parseText(corpusText("pingtan-2024-flattened.txt"), "pingtan-2024.txt");
    const doubtful = new Set(r.cells.filter((c) => c.uncertain).map((c) => c.path));
    expect(doubtful.size).toBeGreaterThan(0);
    for (const a of r.anomalies) if (a.paths.some((p) => doubtful.has(p))) expect(a.status, a.code).toBe("uncertain");
  });
});
