/**
 * Table 三 (收到和处理政府信息公开申请情况), shared/spec/templates.md and data-contract.md.
 * Rows are identified by meaning: each row has patterns over its printed label, and a
 * specificity so that "（六）其他处理 1.申请人无正当理由逾期不补正…" (both group and item in one
 * printed row) resolves to the item.
 */
import type { ColumnKey, RowKey } from "../model/report.js";

export const APPLICATION_COLUMNS: readonly { key: ColumnKey; label: string; match: RegExp }[] = [
  { key: "naturalPerson", label: "自然人", match: /自然人/ },
  { key: "commercialEnterprise", label: "商业企业", match: /商业\s*企业/ },
  { key: "researchInstitution", label: "科研机构", match: /科研\s*机构/ },
  { key: "socialOrganization", label: "社会公益组织", match: /社会\s*(公益\s*)?组织/ },
  { key: "legalServiceAgency", label: "法律服务机构", match: /法律\s*服务\s*机构/ },
  { key: "otherOrganization", label: "其他", match: /^其他$/ },
  { key: "total", label: "总计", match: /总计/ },
];

export const APPLICATION_COLUMN_KEYS: readonly ColumnKey[] = APPLICATION_COLUMNS.map((c) => c.key);
export const APPLICANT_COLUMN_KEYS: readonly ColumnKey[] = APPLICATION_COLUMN_KEYS.filter((k) => k !== "total");

export interface ApplicationRowDef {
  key: RowKey;
  /** The label of the 2021 template. */
  label: string;
  /** Patterns over the normalised printed label (ordinals and spaces kept, punctuation folded). */
  match: RegExp[];
  /** 2 = an item row (1. 2. …), 1 = a group row, 0 = a top row; higher wins when several match. */
  specificity: 0 | 1 | 2;
  /** The row is a result row (（一）…（六）) summed into （七）总计. */
  result: boolean;
  /** The one-row （六） and its three sub-rows are alternatives. */
  alternativeOf?: RowKey;
}

export const APPLICATION_ROWS: readonly ApplicationRowDef[] = [
  { key: "newReceived", label: "一、本年新收政府信息公开申请数量", match: [/本年新收/, /新收.*申请/], specificity: 0, result: false },
  { key: "carriedOver", label: "二、上年结转政府信息公开申请数量", match: [/上年结转/, /上年度结转/], specificity: 0, result: false },
  { key: "granted", label: "（一）予以公开", match: [/予以公开/], specificity: 1, result: true },
  { key: "partiallyGranted", label: "（二）部分公开", match: [/部分公开/], specificity: 1, result: true },
  { key: "denied.stateSecret", label: "1.属于国家秘密", match: [/国家秘密/], specificity: 2, result: true },
  {
    key: "denied.prohibitedByLaw",
    label: "2.其他法律行政法规禁止公开",
    // Real typos: "其他法律行政止公开" (洪泽区 2023/2024), "其他法律法规禁止公开" (孟津).
    match: [/禁止公开/, /其他法律.*(法规|止公开)/],
    specificity: 2,
    result: true,
  },
  { key: "denied.endangersSecurity", label: "3.危及“三安全一稳定”", match: [/三安全/, /危及/], specificity: 2, result: true },
  { key: "denied.thirdPartyRights", label: "4.保护第三方合法权益", match: [/第三方/], specificity: 2, result: true },
  { key: "denied.internalAffairs", label: "5.属于三类内部事务信息", match: [/内部事务/], specificity: 2, result: true },
  { key: "denied.processInformation", label: "6.属于四类过程性信息", match: [/过程性/], specificity: 2, result: true },
  { key: "denied.enforcementFiles", label: "7.属于行政执法案卷", match: [/执法案卷/], specificity: 2, result: true },
  { key: "denied.queryMatters", label: "8.属于行政查询事项", match: [/查询事项/], specificity: 2, result: true },
  { key: "unavailable.notHeld", label: "1.本机关不掌握相关政府信息", match: [/不掌握/], specificity: 2, result: true },
  { key: "unavailable.needsCreation", label: "2.没有现成信息需要另行制作", match: [/另行制作/, /没有现成/], specificity: 2, result: true },
  { key: "unavailable.unclear", label: "3.补正后申请内容仍不明确", match: [/补正后/, /仍不明确/], specificity: 2, result: true },
  { key: "notProcessed.complaint", label: "1.信访举报投诉类申请", match: [/信访/, /举报投诉/], specificity: 2, result: true },
  { key: "notProcessed.repeated", label: "2.重复申请", match: [/重复申请/], specificity: 2, result: true },
  { key: "notProcessed.publication", label: "3.要求提供公开出版物", match: [/出版物/], specificity: 2, result: true },
  // 反覆: the Taiwan standard's form, which machine-converted mirrors print.
  { key: "notProcessed.excessive", label: "4.无正当理由大量反复申请", match: [/大量反[复覆]/], specificity: 2, result: true },
  { key: "notProcessed.confirmation", label: "5.要求行政机关确认或重新出具已获取信息", match: [/确认或重新出具/, /重新出具/, /已获取信息/], specificity: 2, result: true },
  {
    key: "otherDisposal.overdueCorrection",
    label: "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    match: [/逾期不补正/],
    specificity: 2,
    result: true,
    alternativeOf: "otherDisposal",
  },
  {
    key: "otherDisposal.overdueFee",
    label: "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    match: [/缴纳费用/, /收费通知/],
    specificity: 2,
    result: true,
    alternativeOf: "otherDisposal",
  },
  {
    key: "otherDisposal.other",
    label: "3.其他",
    // Only a bare "3.其他" (or with a bracketed note, not the next row's "（七）"): the word alone
    // also heads columns and other rows.
    match: [/^(?:[（(]六[)）]\s*其他处理\s*)?(?:\d+\s*[.、．]?\s*)?其他(?:[（(](?![一二三四五六七八九十]{1,2}[)）])[^）)]*[)）])?$/],
    specificity: 2,
    result: true,
    alternativeOf: "otherDisposal",
  },
  { key: "otherDisposal", label: "（六）其他处理", match: [/其他处理/], specificity: 1, result: true },
  { key: "total", label: "（七）总计", match: [/[（(]七[)）]\s*总计/, /^总计$/], specificity: 1, result: false },
  { key: "carriedForward", label: "四、结转下年度继续办理", match: [/结转下年/, /下年度继续办理/], specificity: 0, result: false },
];

/** The three sub-rows that the one-row （六） replaces. */
export const OTHER_DISPOSAL_PARTS: readonly RowKey[] = [
  "otherDisposal.overdueCorrection",
  "otherDisposal.overdueFee",
  "otherDisposal.other",
];

/** Text that marks the table itself (its merged top-left header cell). */
export const TABLE3_MARKER = /勾稽关系|申请人情况/;
