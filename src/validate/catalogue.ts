/**
 * The rule catalogue (shared/spec/anomalies.md, rules v1) as data: code, severity, who is
 * responsible by default, and the bilingual message template. Rules themselves are pure functions
 * in this folder; they look their code up here, so an auditor's catalogue and the code agree.
 */
import { fill as fillTemplate } from "../../parsers/model/message.js";
import type { RuleCode, Severity } from "../model/report.js";

export type { RuleCode } from "../model/report.js";

export const RULES_VERSION = "1";

export interface RuleDef<C extends RuleCode = RuleCode> {
  code: C;
  severity: Severity;
  responsibility: "source" | "parser";
  /** One sentence in Chinese, then English; {placeholders} filled by the rule. */
  message: string;
}

export const RULES = {
  T3_BALANCE: { code: "T3_BALANCE", severity: "error", responsibility: "source", message: "表三{column}列：一、本年新收加二、上年结转为{left}，但三（七）总计加四、结转下年为{right}。 Table 3, column {column}: new + carried over = {left}, but total + carried forward = {right}." },
  T3_ROW_SUM: { code: "T3_ROW_SUM", severity: "error", responsibility: "source", message: "表三“{row}”行：总计印为{actual}，六类申请人之和为{expected}。 Table 3 row {row}: total printed {actual}, the six applicant columns sum to {expected}." },
  T3_RESULT_SUM: { code: "T3_RESULT_SUM", severity: "error", responsibility: "source", message: "表三{column}列：（七）总计印为{actual}，（一）至（六）之和为{expected}。 Table 3, column {column}: (7) total printed {actual}, rows (1)–(6) sum to {expected}." },
  T4_SUM: { code: "T4_SUM", severity: "error", responsibility: "source", message: "表四{group}：总计印为{actual}，维持、纠正、其他、尚未审结之和为{expected}。 Table 4, {group}: total printed {actual}, but its four results sum to {expected}." },
  FEE_PRECISION: { code: "FEE_PRECISION", severity: "warning", responsibility: "source", message: "收费金额表头要求保留{expected}位小数，但印为“{raw}”（{actual}位）。 The fee header demands {expected} decimals, but the value is printed \"{raw}\" ({actual})." },
  CELL_MISSING: { code: "CELL_MISSING", severity: "warning", responsibility: "source", message: "{table}有{count}个应填数字的单元格为空。 {count} cell(s) of {tableEn} that the template expects are blank or absent." },
  CELL_NOT_NUMBER: { code: "CELL_NOT_NUMBER", severity: "warning", responsibility: "source", message: "单元格{path}印为“{raw}”，不是数字。 Cell {path} holds \"{raw}\" where a number is expected." },
  CELL_NOT_COUNT: { code: "CELL_NOT_COUNT", severity: "error", responsibility: "source", message: "单元格{path}为{raw}，件数应为非负整数。 Cell {path} is {raw}; a count must be a whole number, not negative." },
  ROW_SHAPE: { code: "ROW_SHAPE", severity: "warning", responsibility: "source", message: "“{row}”行印有{printed}个值，但表格只有{expected}列；保留{kept}，舍去{dropped}。 Row {row} prints {printed} values under {expected} columns; kept {kept}, dropped {dropped}." },
  SECTION_MISSING: { code: "SECTION_MISSING", severity: "error", responsibility: "source", message: "缺少第{number}部分“{heading}”。 Section {number} ({heading}) is missing." },
  SECTION_ORDER: { code: "SECTION_ORDER", severity: "warning", responsibility: "source", message: "各部分的编号或顺序与模板不符：{detail}。 Sections are out of the template's order or numbered twice: {detail}." },
  SECTION_EMPTY: { code: "SECTION_EMPTY", severity: "warning", responsibility: "source", message: "第{number}部分“{heading}”没有内容（{raw}）。 Section {number} ({heading}) holds nothing but \"{raw}\"." },
  TABLE_MISSING: { code: "TABLE_MISSING", severity: "error", responsibility: "source", message: "第{number}部分应有统计表，但未找到（可能以图片发布）。 Section {number} must hold a table, and none was found (it may have been published as an image)." },
  ROW_MISSING: { code: "ROW_MISSING", severity: "warning", responsibility: "source", message: "{table}缺少模板中的行：{rows}。 {tableEn} lacks template row(s): {rows}." },
  SCANNED_PAGES: { code: "SCANNED_PAGES", severity: "warning", responsibility: "parser", message: "第{pages}页没有文字层（扫描件），其内容未读取。 Page(s) {pages} have no text layer (scanned); their content was not read." },
  PARSE_UNCERTAIN: { code: "PARSE_UNCERTAIN", severity: "warning", responsibility: "parser", message: "{what}：{why} {whatEn}: {whyEn}" },
  // Within one report, beyond the arithmetic (anomalies.md "Values and units", "Structure and template").
  T2_INFORCE: { code: "T2_INFORCE", severity: "warning", responsibility: "source", message: "表二“{row}”：现行有效{inForce}件，少于本年制发{issued}件减本年废止{repealed}件。 Table 2, {rowEn}: {inForce} in force, fewer than {issued} issued minus {repealed} repealed." },
  FEE_UNIT_SUSPECT: { code: "FEE_UNIT_SUSPECT", severity: "warning", responsibility: "source", message: "收费金额印为“{raw}”（单位应为万元）：{why} The fee is printed \"{raw}\" (the unit should be 万元): {whyEn}" },
  TEMPLATE_OUTDATED: { code: "TEMPLATE_OUTDATED", severity: "warning", responsibility: "source", message: "{year}年度报告使用{used}，应使用{expected}。 The report for {year} uses {usedEn}, not {expectedEn}." },
  YEAR_MISMATCH: { code: "YEAR_MISMATCH", severity: "warning", responsibility: "source", message: "标题年份为{title}年，但{where}为{other}年：“{text}”。 The title's year is {title}, but {whereEn} says {other}: \"{text}\"." },
  PUBLISHED_LATE: { code: "PUBLISHED_LATE", severity: "warning", responsibility: "source", message: "{year}年度报告{when}为{date}，晚于《条例》第四十九条规定的{deadline}（{who}）。 The {year} report was {whenEn} {date}, after the statutory deadline {deadline} ({whoEn})." },
  TEXT_TABLE_MISMATCH: { code: "TEXT_TABLE_MISMATCH", severity: "warning", responsibility: "source", message: "正文称“{text}”（{prose}），但表中{cell}为{table}。 The prose says \"{text}\" ({prose}), but the table's {cellEn} holds {table}." },
  // Across documents: the same agency's reports of other years, and other renditions of one report.
  CARRYOVER_MISMATCH: { code: "CARRYOVER_MISMATCH", severity: "error", responsibility: "source", message: "表三{column}列：二、上年结转为{actual}，但{prevYear}年度报告的四、结转下年度继续办理为{expected}。 Table 3, column {column}: carried over {actual}, but the {prevYear} report carried forward {expected}." },
  INFORCE_MISMATCH: { code: "INFORCE_MISMATCH", severity: "warning", responsibility: "source", message: "表二“{row}”：{prevYear}年现行有效{prev}件＋本年制发{issued}件－本年废止{repealed}件＝{expected}件，但现行有效印为{actual}件。 Table 2, {rowEn}: {prev} in force in {prevYear} + {issued} issued − {repealed} repealed = {expected}, but {actual} are printed in force." },
  REPORT_REUSED: { code: "REPORT_REUSED", severity: "info", responsibility: "source", message: "正文有{share}与{prevYear}年度报告相同（{prevUri}），疑似沿用上年文字。 {share} of the prose is the same as the {prevYear} report's ({prevUri}): text carried over from the previous report." },
  DUPLICATE_REPORT: { code: "DUPLICATE_REPORT", severity: "info", responsibility: "source", message: "同一报告出现不止一次：{others}。 The same report was found more than once: {others}." },
  RENDITION_MISMATCH: { code: "RENDITION_MISMATCH", severity: "error", responsibility: "source", message: "同一报告的两个版本不一致：{what}在{uriA}为“{a}”，在{uriB}为“{b}”。 Two renditions of one report disagree on {whatEn}: \"{a}\" in {uriA}, \"{b}\" in {uriB}." },
} as const satisfies { [C in RuleCode]: RuleDef<C> };

/** The rule's message with its {placeholders} filled (the template holds both languages). */
export function fill(template: string, values: Record<string, string | number>): string {
  return fillTemplate(template, values);
}
