/**
 * The second sample report: 示例县示例局2023年政府信息公开工作年度报告 — a FICTIONAL report in the
 * 2021 template, made up for testing (its title and first paragraph say so). Every number of the
 * .txt, .docx, .doc and .pdf renditions comes from this module: countyText() writes the tab text
 * (samples/sample-county-2023.txt) and the office renditions are built from that text like the seed's.
 *
 * The numbers are non-zero in all three tables and arithmetically consistent (table 三: every 总计
 * is the sum of its six applicant columns, （七）总计 the sum of （一）…（六）, 一 + 二 = （七） + 四
 * in every column; table 四: each 总计 the sum of its four results), with ONE deliberate publisher
 * error, the kind real reports carry: table 四, 行政复议 总计 printed 6 where its four results sum
 * to 5 (COUNTY_PUBLISHER_ERRORS). A correct reader reports exactly that one T4_SUM anomaly.
 */

export const COUNTY_SOURCE = "sample-county-2023.txt";
export const COUNTY_TITLE = "示例县示例局2023年政府信息公开工作年度报告（虚构示例，用于测试）";

/** Six applicant columns: 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他. */
export type Applicants = readonly [number, number, number, number, number, number];

export interface CountyTable3Row {
  /** Printed labels, left to right (三、…, the group, the item), as the template prints them. */
  labels: { top?: string; group?: string; item: string };
  applicants: Applicants;
}

/** Table 二 of the 2021 template: 第二十条第（一）（五）（六）（八）项. */
export const COUNTY_TABLE2 = {
  rules: { issued: 0, repealed: 0, inForce: 0 },
  normativeDocuments: { issued: 4, repealed: 2, inForce: 17 },
  licensing: 1268,
  punishment: 85,
  coercion: 6,
  /** 万元, printed with the four decimals the header asks for. */
  fees: "35.2600",
} as const;

const T3_HEADER = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";

/** Table 三 in printed order, without the （七）总计 and 四、结转 rows (they are derived, see below). */
export const COUNTY_TABLE3_INPUT: readonly CountyTable3Row[] = [
  { labels: { item: "一、本年新收政府信息公开申请数量" }, applicants: [46, 5, 1, 2, 3, 1] },
  { labels: { item: "二、上年结转政府信息公开申请数量" }, applicants: [3, 1, 0, 0, 0, 0] },
  { labels: { top: "三、本年度办理结果", item: "（一）予以公开" }, applicants: [18, 2, 0, 1, 1, 0] },
  { labels: { item: "（二）部分公开（区分处理的，只计这一情形，不计其他情形）" }, applicants: [6, 1, 0, 0, 1, 0] },
  { labels: { group: "（三）不予公开", item: "1.属于国家秘密" }, applicants: [1, 0, 0, 0, 0, 0] },
  { labels: { item: "2.其他法律行政法规禁止公开" }, applicants: [0, 0, 0, 0, 0, 0] },
  { labels: { item: "3.危及“三安全一稳定”" }, applicants: [1, 0, 0, 0, 0, 0] },
  { labels: { item: "4.保护第三方合法权益" }, applicants: [2, 1, 0, 0, 0, 0] },
  { labels: { item: "5.属于三类内部事务信息" }, applicants: [1, 0, 0, 0, 0, 0] },
  { labels: { item: "6.属于四类过程性信息" }, applicants: [2, 0, 0, 0, 0, 0] },
  { labels: { item: "7.属于行政执法案卷" }, applicants: [1, 0, 0, 0, 0, 0] },
  { labels: { item: "8.属于行政查询事项" }, applicants: [0, 0, 0, 0, 0, 0] },
  { labels: { group: "（四）无法提供", item: "1.本机关不掌握相关政府信息" }, applicants: [7, 1, 1, 0, 0, 1] },
  { labels: { item: "2.没有现成信息需要另行制作" }, applicants: [2, 0, 0, 0, 0, 0] },
  { labels: { item: "3.补正后申请内容仍不明确" }, applicants: [1, 0, 0, 0, 0, 0] },
  { labels: { group: "（五）不予处理", item: "1.信访举报投诉类申请" }, applicants: [2, 0, 0, 0, 0, 0] },
  { labels: { item: "2.重复申请" }, applicants: [1, 0, 0, 0, 0, 0] },
  { labels: { item: "3.要求提供公开出版物" }, applicants: [0, 0, 0, 0, 0, 0] },
  { labels: { item: "4.无正当理由大量反复申请" }, applicants: [0, 0, 0, 0, 0, 0] },
  { labels: { item: "5.要求行政机关确认或重新出具已获取信息" }, applicants: [1, 0, 0, 0, 0, 0] },
  { labels: { group: "（六）其他处理", item: "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请" }, applicants: [1, 0, 0, 1, 0, 0] },
  { labels: { item: "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请" }, applicants: [0, 0, 0, 0, 0, 0] },
  { labels: { item: "3.其他" }, applicants: [0, 0, 0, 0, 1, 0] },
];

/** Table 四: 行政复议, 未经复议直接起诉, 复议后起诉 — each 结果维持, 结果纠正, 其他结果, 尚未审结 and the printed 总计. */
export const COUNTY_TABLE4 = {
  review: { results: [3, 1, 0, 1] as const, printedTotal: 6 },
  litigationDirect: { results: [2, 1, 0, 0] as const, printedTotal: 3 },
  litigationAfterReview: { results: [1, 0, 0, 1] as const, printedTotal: 2 },
} as const;

/** The errors the fictional publisher made on purpose, for the checks (T4_SUM). */
export const COUNTY_PUBLISHER_ERRORS = [
  { rule: "T4_SUM", path: "reviewLitigation.review.total", printed: 6, sumOfParts: 5 },
] as const;

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

/** Every row of table 三 with its seven printed values (six applicants and 总计), （七） and 四 derived. */
export function countyTable3(): { labels: CountyTable3Row["labels"]; values: number[] }[] {
  const rows = COUNTY_TABLE3_INPUT.map((r) => ({ labels: r.labels, values: [...r.applicants, sum(r.applicants)] }));
  const col = (i: number, from: number, to: number) => sum(rows.slice(from, to).map((r) => r.values[i]!));
  const results = [0, 1, 2, 3, 4, 5].map((i) => col(i, 2, rows.length));
  const carried = [0, 1, 2, 3, 4, 5].map((i) => col(i, 0, 2) - results[i]!);
  if (carried.some((v) => v < 0)) throw new Error("sample-county-2023: more applications handled than received");
  return [
    ...rows,
    { labels: { item: "（七）总计" }, values: [...results, sum(results)] },
    { labels: { item: "四、结转下年度继续办理" }, values: [...carried, sum(carried)] },
  ];
}

/** The report's paragraphs around the tables: section → paragraphs after its heading. */
const INTRO =
  "本报告为虚构示例，用于测试政府信息公开工作年度报告的解析与核对，所列机关、事项和数字均为编造，不对应任何真实机关。" +
  "本报告依据《中华人民共和国政府信息公开条例》和《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）编制，" +
  "所列数据的统计期限自2023年1月1日起至2023年12月31日止。";

const SECTIONS: { heading: string; paragraphs: string[] }[] = [
  {
    heading: "一、总体情况",
    paragraphs: [
      "2023年，示例县示例局认真贯彻落实政府信息公开工作要求，围绕中心工作，推进决策、执行、管理、服务、结果公开，各项工作有序开展。",
      "（一）主动公开",
      "全年通过示例县人民政府门户网站主动公开政府信息312条，其中政策文件17件、政策解读9篇、行政许可和行政处罚信息1353条（按事项汇总公开），通知公告46条。",
      "（二）依申请公开",
      "全年新收政府信息公开申请58件，上年结转4件；按期办结59件，结转下年度继续办理3件。未发生因政府信息公开申请答复被确认违法的情形。",
      "（三）政府信息管理",
      "落实公开前保密审查和“三审三校”制度，全年清理行政规范性文件19件，废止2件，现行有效17件，目录在门户网站同步更新。",
      "（四）平台建设",
      "完善门户网站信息公开专栏，规范栏目设置和更新频次，确保信息发布及时、准确。",
      "（五）监督保障",
      "将政府信息公开工作纳入年度目标考核，组织业务培训2次，参训人员46人次。",
    ],
  },
  { heading: "二、主动公开政府信息情况", paragraphs: [] },
  { heading: "三、收到和处理政府信息公开申请情况", paragraphs: [] },
  { heading: "四、政府信息公开行政复议、行政诉讼情况", paragraphs: [] },
  {
    heading: "五、存在的主要问题及改进情况",
    paragraphs: [
      "一是政策解读形式较为单一，图解、视频等解读方式运用不多；二是依申请公开答复的规范化水平有待提高。",
      "下一步，示例局将丰富政策解读形式，加强答复文书审核，组织依申请公开业务培训，持续提升政府信息公开工作质量。",
    ],
  },
  {
    heading: "六、其他需要报告的事项",
    paragraphs: ["本年度未收取信息处理费。本机关无其他需要报告的事项。"],
  },
];

/** Table 二 in the seed's tab layout: clause rows alone, (一) rows over four fields, others label + value. */
function table2Lines(): string[] {
  const t = COUNTY_TABLE2;
  return [
    "第二十条第（一）项\t\t\t",
    "信息内容\t本年制发件数\t本年废止件数\t现行有效件数",
    `规章\t${t.rules.issued}\t${t.rules.repealed}\t${t.rules.inForce}`,
    `行政规范性文件\t${t.normativeDocuments.issued}\t${t.normativeDocuments.repealed}\t${t.normativeDocuments.inForce}`,
    "第二十条第（五）项\t\t\t",
    "信息内容\t本年处理决定数量\t\t",
    `行政许可\t${t.licensing}\t\t`,
    "第二十条第（六）项\t\t\t",
    "信息内容\t本年处理决定数量\t\t",
    `行政处罚\t${t.punishment}\t\t`,
    `行政强制\t${t.coercion}\t\t`,
    "第二十条第（八）项\t\t\t",
    "信息内容\t本年收费金额（单位：万元，保留4位小数）\t\t",
    `行政事业性收费\t${t.fees}\t\t`,
  ];
}

/** Table 三: three header lines, then label fields 三、 | group | item and seven values. */
function table3Lines(): string[] {
  const head = [
    `${T3_HEADER}\t申请人情况\t\t\t\t\t\t\t总计`,
    "\t自然人\t法人或其他组织\t\t\t\t\t\t",
    "\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t\t",
  ];
  const rows = countyTable3().map(({ labels, values }) => {
    // Three label fields (三、 | group | item) so the values line up under the header; a label
    // printed alone across them stands in the first (一、二、四、) or second (（二）, （七）) field.
    const fields =
      labels.top !== undefined
        ? [labels.top, labels.item, ""]
        : labels.group !== undefined
          ? ["", labels.group, labels.item]
          : /^[一二四]、/.test(labels.item)
            ? [labels.item, "", ""]
            : ["", labels.item, ""];
    return [...fields, ...values.map(String)].join("\t");
  });
  return [...head, ...rows];
}

function table4Lines(): string[] {
  const results = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];
  const values = Object.values(COUNTY_TABLE4).flatMap((g) => [...g.results, g.printedTotal]);
  return [
    `行政复议\t\t\t\t\t行政诉讼${"\t".repeat(9)}`,
    `${results.join("\t")}\t未经复议直接起诉\t\t\t\t\t复议后起诉\t\t\t\t`,
    `\t\t\t\t\t${[...results, ...results].join("\t")}`,
    values.join("\t"),
  ];
}

/** samples/sample-county-2023.txt: the report in the seed's tab-separated text form. */
export function countyText(): string {
  const out: string[] = [COUNTY_TITLE, "", INTRO, ""];
  for (const s of SECTIONS) {
    out.push(s.heading, "");
    for (const p of s.paragraphs) out.push(p, "");
    if (s.heading.startsWith("二、")) out.push(...table2Lines(), "");
    if (s.heading.startsWith("三、")) out.push(...table3Lines(), "");
    if (s.heading.startsWith("四、")) out.push(...table4Lines(), "");
  }
  while (out[out.length - 1] === "") out.pop();
  return out.join("\n") + "\n";
}
