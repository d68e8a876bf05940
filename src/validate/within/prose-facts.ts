/**
 * Numbers the prose of a report states that a table also holds (templates.md "Cross-checks" 4:
 * "section 一 often repeats the tables' numbers"), as data: each fact a pattern whose first group
 * is the number, and the cells whose sum it must equal. Every pattern needs a unit (件, 起, 条):
 * flattened tables (平潭 pages) print numbers without units, so a table run is never read as prose.
 *
 * Seen in the corpus: "全区共收到政府信息公开申请154件，共办结148件，结转至2026年6件", "本年度全区
 * 共收到70件申请", "共受理政府信息公开申请21件", "行政复议36起，行政诉讼9起", "行政诉讼案件1件、行政
 * 复议案件2件", "集中公开现行有效行政规范性文件698件，动态更新本年度制发的规范性文件88件".
 */
import type { TemplateId } from "../../model/report.js";

export interface ProseFact {
  id: string;
  /** What the number is, for the message. */
  label: string;
  labelEn: string;
  patterns: RegExp[];
  /** Cells whose sum the number states. */
  paths: string[];
  /** Templates whose tables hold those cells (default: 2021 and 2019). */
  templates?: TemplateId[];
  /** The clause must say it is the whole (共, 全年, 全区, 本年度, a year…), not a channel or a part. */
  needsScope?: boolean;
  /** A clause saying the number includes last year's carried-over requests: compare with these cells instead. */
  including?: { marker: RegExp; paths: string[] };
  /** Other sums the same words are read as by publishers, which agree with the table too. */
  alsoAccept?: string[][];
}

const APP = "(?:政府信息公开|信息公开|依申请公开|公开)?(?:的)?申请(?:件)?";
const N = "(\\d+)\\s*";

export const PROSE_FACTS: ProseFact[] = [
  {
    id: "newReceived",
    label: "本年新收申请",
    labelEn: "requests received this year",
    patterns: [new RegExp(`(?:新?收到|新?受理|新?接收)(?:各类)?${APP}(?:共计|共|合计)?${N}(?:件|个|份|宗)`), new RegExp(`(?:新?收到|新?受理)(?:共计|共)?${N}件${APP}`)],
    paths: ["applications.rows.newReceived.total"],
    needsScope: true,
    including: { marker: /含上年结转|包括上年结转|含结转/, paths: ["applications.rows.newReceived.total", "applications.rows.carriedOver.total"] },
    // 平潭综合实验区 2022: "收到政府信息公开申请75件" = 74 new + 1 carried over (the label's reading).
    alsoAccept: [["applications.rows.newReceived.total", "applications.rows.carriedOver.total"]],
  },
  {
    id: "granted",
    label: "予以公开",
    labelEn: "granted in full",
    patterns: [new RegExp(`予以公开${N}(?:件|个)`)],
    paths: ["applications.rows.granted.total"],
  },
  {
    id: "concluded",
    label: "办结申请",
    labelEn: "requests concluded",
    patterns: [new RegExp(`(?:已|共|依法)?办结(?:各类|依申请)?${APP.replace("申请(?:件)?", "(?:申请)?")}(?:共计|共)?${N}件`)],
    paths: ["applications.rows.total.total"],
    needsScope: true,
  },
  {
    id: "carriedForward",
    label: "结转下年度办理",
    labelEn: "carried forward",
    patterns: [new RegExp(`结转(?:至|到)?(?:下一?年度?|\\d{4}\\s*年度?)(?:继续)?(?:办理)?${N}件`)],
    paths: ["applications.rows.carriedForward.total"],
  },
  {
    id: "review",
    label: "行政复议",
    labelEn: "administrative reviews",
    patterns: [new RegExp(`行政复议(?:案件)?(?:共计|共)?${N}(?:起|件|宗)`)],
    paths: ["reviewLitigation.review.total"],
  },
  {
    id: "litigation",
    label: "行政诉讼",
    labelEn: "lawsuits",
    patterns: [new RegExp(`行政诉讼(?:案件)?(?:共计|共)?${N}(?:起|件|宗)`)],
    paths: ["reviewLitigation.litigationDirect.total", "reviewLitigation.litigationAfterReview.total"],
  },
  {
    id: "normativeIssued",
    label: "本年制发行政规范性文件",
    labelEn: "normative documents issued this year",
    patterns: [new RegExp(`制发(?:的)?(?:行政)?规范性文件(?:共计|共)?${N}件`)],
    paths: ["activeDisclosure.normativeDocuments.issued"],
    templates: ["2021"],
  },
  {
    id: "normativeInForce",
    label: "现行有效行政规范性文件",
    labelEn: "normative documents in force",
    patterns: [new RegExp(`现行有效(?:的)?(?:行政)?规范性文件(?:共计|共)?${N}件`)],
    paths: ["activeDisclosure.normativeDocuments.inForce"],
    templates: ["2021"],
  },
  {
    id: "rulesIssued",
    label: "本年制发规章",
    labelEn: "rules issued this year",
    patterns: [new RegExp(`(?:制发|制定|出台)(?:的)?(?:政府)?规章(?:共计|共)?${N}件`)],
    paths: ["activeDisclosure.rules.issued"],
    templates: ["2021"],
  },
];

/** Words that make a clause speak of the whole year's total, not a channel or a part of it. */
export const SCOPE = /共|全年|本年|年度|全区|全市|全县|全省|全镇|我局|我委|我办|我厅|我中心|本机关|本单位|\d{4}\s*年/;
/** Words that make a clause a part of the whole: a channel, a kind of applicant, "of which". */
export const PART = /其中|通过|网上|网络|信函|当面|传真|电子邮件|来信|涉及|自然人|法人|企业/;
