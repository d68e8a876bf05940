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
} as const satisfies { [C in RuleCode]: RuleDef<C> };

/** The rule's message with its {placeholders} filled (the template holds both languages). */
export function fill(template: string, values: Record<string, string | number>): string {
  return fillTemplate(template, values);
}
