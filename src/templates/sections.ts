/**
 * The six sections of the 2019 and 2021 national templates (shared/spec/templates.md, "The six
 * sections"), held as data. A heading is recognised by meaning: the numeral may be wrong (reports
 * renumber their parts), the words vary.
 */
import type { SectionKey, SectionNumber } from "../model/report.js";

export interface SectionDef {
  number: SectionNumber;
  key: SectionKey;
  /** The usual heading of the 2021 template, numeral included. */
  canonical: string;
  /**
   * Heading texts (numeral stripped, compared after `foldLabel`: no spaces, simplified characters)
   * that name this section outright. Each is a pattern for the start of the heading: where its
   * match ends, the heading ends, which is what finds an inline heading in a page a crawler
   * flattened to one line ("四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼…").
   */
  heads: RegExp[];
  /** Looser patterns, numeral stripped: a heading matching only these is a weaker candidate. */
  loose: RegExp[];
  /** Headings of pre-2019 outlines that stand where this section stands (weakest; legacy reports). */
  legacy?: string[];
}

/*
 * The heading variants below are those real reports print (issue 9, shared/spec/templates.md):
 * 四 as "…行政复议、行政诉讼情况", "…行政复议与行政诉讼情况", "…行政复议和行政诉讼情况", with the
 * typo "行政法复议" (平潭综合实验区 2022), or "因政府信息公开工作被申请行政复议、提起行政诉讼情况";
 * 五 as "存在的主要问题及改进情况/措施" with "…及下一年度工作计划" (平潭海坛片区 2025: 措施);
 * 六 as "其他需要报告的事项" or "其他需报告的事项" (平潭海坛片区 2025).
 */
const REVIEW = String.raw`(?:被申请)?行政法?复议`;
const LITIGATION = String.raw`(?:提起)?行政诉讼`;

export const SECTION_DEFS: readonly SectionDef[] = [
  {
    number: 1,
    key: "overview",
    canonical: "一、总体情况",
    heads: [/^(?:政府信息公开(?:工作)?)?总体(?:公开)?情况/, /^总体概述/, /^主要工作概述/, /^概述/, /^基本情况/],
    loose: [/^总体/, /概述$/],
  },
  {
    number: 2,
    key: "activeDisclosure",
    canonical: "二、主动公开政府信息情况",
    heads: [/^主动公开政府信息的?情况/, /^主动公开情况/],
    loose: [/^主动公开/],
  },
  {
    number: 3,
    key: "applications",
    canonical: "三、收到和处理政府信息公开申请情况",
    heads: [
      /^收到(?:和|及|与|并)处理政府信息公开申请的?情况/,
      /^依申请公开政府信息(?:工作)?的?情况/,
      /^政府信息依申请公开(?:工作)?的?情况/,
    ],
    loose: [/依申请公开/, /收到.*申请/, /公开申请情况/],
  },
  {
    number: 4,
    key: "reviewLitigation",
    canonical: "四、政府信息公开行政复议、行政诉讼情况",
    heads: [
      new RegExp(String.raw`^(?:因)?政府信息公开(?:工作)?(?:申请)?${REVIEW}(?:[、,，和与及]|以及)?${LITIGATION}(?:工作)?的?情况`),
      new RegExp(String.raw`^因政府信息公开(?:工作)?(?:申请)?${REVIEW}(?:[、,，和与及]|以及)?${LITIGATION}的?情况`),
      new RegExp(String.raw`^${REVIEW}(?:[、,，和与及]|以及)?${LITIGATION}的?情况`),
    ],
    loose: [/复议.*诉讼/],
  },
  {
    number: 5,
    key: "problems",
    canonical: "五、存在的主要问题及改进情况",
    heads: [
      /^(?:政府信息公开(?:工作)?)?存在的?(?:主要)?问题(?:[及和与、]|以及)(?:改进|整改)(?:情况|措施|方向|计划)(?:[及和与]下一?年度?(?:的)?工作(?:计划|打算|安排))?/,
    ],
    loose: [/问题.*(改进|整改)/, /存在.*问题/],
  },
  {
    number: 6,
    key: "other",
    canonical: "六、其他需要报告的事项",
    heads: [/^其他需要?报告的?事项/, /^其他需要说明的?事项/],
    loose: [/^其他.*事项/],
    // 平潭 2017 (福建 2008-era outline): 六 is the statistics form.
    legacy: ["政府信息公开情况统计表", "其他需要说明的事项"],
  },
];

/** Any heading of a section anywhere in a (folded) text: the crawler's "does this page hold the report" test. */
export function mentionsSection(def: SectionDef, folded: string): boolean {
  return def.heads.some((re) => new RegExp(re.source.replace(/^\^/, "")).test(folded));
}

/** Chinese numerals that open a top-level heading ("一、"), in the order a report counts. */
export const HEADING_NUMERALS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"] as const;

/**
 * Bodies that mean "nothing to report" (SECTION_EMPTY), and only those: 无, 暂无, 没有, 无其他需要报告
 * 的事项, 本年度无其他需要报告的事项, 无相关情况 — each with its punctuation. A body that says what
 * did not happen ("本年度未产生信息处理费", "2022年，无收取信息处理费情况。") is content.
 */
export const EMPTY_SECTION_TEXT =
  /^(?:(?:本年度|本年|今年|报告期内)[，,]?)?(?:无|暂无|没有|均无)(?:其他|其它)?(?:需要?|需|应当|应)?(?:报告|说明)?的?(?:事项|情况|相关情况|内容)?[。.；;！!]?$/;

/**
 * A signature closing the report: the agency and the date, printed after section 六's body in
 * reports and crawler dumps ("无 平潭综合实验区公安局 2020年1月17日"). Not part of the section's text
 * when it is judged empty.
 */
export const SIGNATURE_TAIL = /(?:^|[\s。；;])(?:[\p{Script=Han}（）()]{2,40}\s*)?(?:\d{4}|[〇零一二三四五六七八九]{4})\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*$/u;
