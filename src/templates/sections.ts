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
  /** Heading texts (numeral stripped) that name this section outright. */
  variants: string[];
  /** Looser patterns, numeral stripped: a heading matching only these is a weaker candidate. */
  loose: RegExp[];
  /** Headings of pre-2019 outlines that stand where this section stands (weakest; legacy reports). */
  legacy?: string[];
}

export const SECTION_DEFS: readonly SectionDef[] = [
  {
    number: 1,
    key: "overview",
    canonical: "一、总体情况",
    variants: ["总体情况", "总体概述", "主要工作概述", "概述", "基本情况"],
    loose: [/^总体/, /概述$/],
  },
  {
    number: 2,
    key: "activeDisclosure",
    canonical: "二、主动公开政府信息情况",
    variants: ["主动公开政府信息情况", "主动公开政府信息的情况", "主动公开情况"],
    loose: [/^主动公开/],
  },
  {
    number: 3,
    key: "applications",
    canonical: "三、收到和处理政府信息公开申请情况",
    variants: [
      "收到和处理政府信息公开申请情况",
      "收到和处理政府信息公开申请的情况",
      "依申请公开政府信息情况",
      "政府信息依申请公开工作情况",
    ],
    loose: [/依申请公开/, /收到.*申请/, /公开申请情况/],
  },
  {
    number: 4,
    key: "reviewLitigation",
    canonical: "四、政府信息公开行政复议、行政诉讼情况",
    variants: [
      "政府信息公开行政复议、行政诉讼情况",
      "因政府信息公开工作被申请行政复议和提起行政诉讼情况",
      "因政府信息公开工作被申请行政复议、提起行政诉讼情况",
      "政府信息公开行政复议和行政诉讼情况",
      "因政府信息公开申请行政复议、提起行政诉讼的情况",
    ],
    loose: [/复议.*诉讼/],
  },
  {
    number: 5,
    key: "problems",
    canonical: "五、存在的主要问题及改进情况",
    variants: [
      "存在的主要问题及改进情况",
      "政府信息公开工作存在的主要问题及改进情况",
      "存在的主要问题和改进措施",
      "存在问题及改进情况",
      "存在的主要问题及改进措施",
    ],
    loose: [/问题.*(改进|整改)/, /存在.*问题/],
  },
  {
    number: 6,
    key: "other",
    canonical: "六、其他需要报告的事项",
    variants: ["其他需要报告的事项", "其他需要报告事项"],
    loose: [/^其他.*事项/],
    // 平潭 2017 (福建 2008-era outline): 六 is the statistics form.
    legacy: ["政府信息公开情况统计表", "其他需要说明的事项"],
  },
];

/** Chinese numerals that open a top-level heading ("一、"), in the order a report counts. */
export const HEADING_NUMERALS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"] as const;

/** Bodies that mean "nothing to report" (SECTION_EMPTY): 无, 无。, 暂无, and their punctuation. */
export const EMPTY_SECTION_TEXT = /^(无|暂无|没有|无相关情况)[。.；;]?$/;
