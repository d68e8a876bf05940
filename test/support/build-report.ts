/**
 * Builds small 2021-template reports as tab-separated text (the seed's shape), so each rule can
 * be tried on a real input that differs from a clean report in exactly one place.
 */
import { APPLICATION_ROWS, OTHER_DISPOSAL_PARTS, SECTION_DEFS } from "../../src/templates/index.js";

export interface ReportSpec {
  title?: string;
  /** Values for table 三 by row key: 7 printed strings (use "" for blank). Missing rows are all "0". */
  t3?: Record<string, string[]>;
  /** Row keys of table 三 to leave out. */
  omitRows?: string[];
  /** The 15 printed strings of table 四. */
  t4?: string[];
  fee?: string;
  feeHeader?: string;
  /** Sections (1..6) whose heading is left out. */
  omitSections?: number[];
  /** Leave table 三 out entirely. */
  omitTable3?: boolean;
  section6?: string;
  /** The prose of section 一 (default: one sentence about 2023). */
  section1?: string;
  /** Words between the title and section 一 (e.g. the statistics period). */
  preamble?: string;
  /** Table 二 rows 规章 / 行政规范性文件: the three printed strings (issued, repealed, in force). */
  t2?: { rules?: string[]; normativeDocuments?: string[] };
}

const HEADINGS = SECTION_DEFS.map((d) => d.canonical);

export function buildReport(spec: ReportSpec = {}): string {
  const out: string[] = [spec.title ?? "某某区某局2023年政府信息公开工作年度报告", ""];
  if (spec.preamble) out.push(spec.preamble, "");
  const heading = (n: number) => {
    if (!spec.omitSections?.includes(n)) out.push(HEADINGS[n - 1]!, "");
  };
  heading(1);
  out.push(spec.section1 ?? "2023年，本局认真贯彻落实《条例》，全年主动公开信息120条。", "");
  heading(2);
  out.push(
    "第二十条第（一）项\t\t\t",
    "信息内容\t本年制发件数\t本年废止件数\t现行有效件数",
    `规章\t${(spec.t2?.rules ?? ["0", "0", "0"]).join("\t")}`,
    `行政规范性文件\t${(spec.t2?.normativeDocuments ?? ["2", "1", "9"]).join("\t")}`,
    "第二十条第（五）项\t\t\t",
    "信息内容\t本年处理决定数量\t\t",
    "行政许可\t12\t\t",
    "第二十条第（六）项\t\t\t",
    "信息内容\t本年处理决定数量\t\t",
    "行政处罚\t3\t\t",
    "行政强制\t0\t\t",
    "第二十条第（八）项\t\t\t",
    `信息内容\t${spec.feeHeader ?? "本年收费金额（单位：万元）"}\t\t`,
    `行政事业性收费\t${spec.fee ?? "12.5"}\t\t`,
    "",
  );
  heading(3);
  if (!spec.omitTable3) {
    out.push("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况\t\t\t\t\t\t总计");
    out.push("\t自然人\t法人或其他组织\t\t\t\t\t");
    out.push("\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t");
    for (const def of APPLICATION_ROWS) {
      if (def.key === "otherDisposal") continue;
      if (spec.omitRows?.includes(def.key)) continue;
      const values = spec.t3?.[def.key] ?? ["0", "0", "0", "0", "0", "0", "0"];
      const label = OTHER_DISPOSAL_PARTS.includes(def.key) || def.specificity === 2 ? `\t\t${def.label}` : def.label;
      out.push([label, ...values].join("\t"));
    }
    out.push("");
  }
  heading(4);
  out.push("行政复议\t\t\t\t\t行政诉讼");
  out.push("结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉");
  out.push((spec.t4 ?? Array(15).fill("0")).join("\t"), "");
  heading(5);
  out.push("一是公开内容还不够全面；二是解读形式较为单一。下一步将加强培训。", "");
  heading(6);
  out.push(spec.section6 ?? "本年度未收取信息处理费。", "");
  return out.join("\n");
}

/** The zero report with one row of table 三 replaced. */
export function withRow(key: string, values: string[]): ReportSpec {
  return { t3: { [key]: values } };
}
