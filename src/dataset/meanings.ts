/**
 * What every field means, in Chinese and English (issue 12): the words of the field dictionary.
 * Labels as printed come from the template data (src/templates); this file holds only the
 * meanings the templates do not print. dictionary.ts joins the two for the JSON Schema, the Data
 * Package and docs/dataset.md, so the three never disagree.
 */
export interface Meaning {
  /** A short Chinese name, or the label as the template prints it. */
  label: string;
  zh: string;
  en: string;
}

const m = (label: string, zh: string, en: string): Meaning => ({ label, zh, en });

/** The record's own fields, by contract path ("[]" = each item of an array). */
export const RECORD_MEANINGS: Record<string, Meaning> = {
  schemaVersion: m("数据契约版本", "数据契约版本，现为 \"1\"", "data-contract version, now \"1\""),
  id: m("报告标识", "来源文件 sha256 的前 16 位十六进制", "first 16 hex characters of the source's sha256"),
  source: m("来源", "报告从何而来", "where the report came from"),
  "source.uri": m("来源地址", "网址，或命令行给出的路径", "URL, or the path as given on the command line"),
  "source.format": m("格式", "读取的格式：html、pdf、docx、doc 或 text", "the format read: html, pdf, docx, doc or text"),
  "source.sha256": m("来源哈希", "来源文件字节的 sha256", "sha256 of the source bytes"),
  "source.bytes": m("字节数", "来源文件大小（字节）", "size of the source in bytes"),
  "source.retrievedAt": m("采集时间", "首次采集到此内容的时间（ISO 8601，仅采集所得）", "when this content was first fetched (ISO 8601; crawled reports only)"),
  "source.publishedAt": m("发布日期", "发布者标示的日期（YYYY-MM-DD）", "the date the publisher shows (YYYY-MM-DD)"),
  "source.attachments": m("附件", "文章页所链接的附件地址", "attachment URIs the article page links"),
  "source.attachments[]": m("附件地址", "一个附件的地址", "one attachment URI"),
  title: m("标题", "报告标题（原样）", "the report's title as printed"),
  agency: m("发布机关", "标题中所称的发布机关", "the issuing body as the title names it"),
  year: m("报告年度", "报告所述年度（非发布年份）", "the year reported on (not the year of publication)"),
  template: m("模板", "所依格式：2021、2019、legacy（2019年前）或 unknown，依表格内容判定", "the format followed: 2021, 2019, legacy (before 2019) or unknown, judged from the tables"),
  sections: m("正文六部分", "六个部分，序号 1–6，按序", "the six sections, numbers 1–6, in order"),
  "sections[]": m("部分", "正文的一个部分", "one section of the report"),
  "sections[].number": m("序号", "部分序号 1–6", "section number 1–6"),
  "sections[].key": m("键", "部分的键：overview、activeDisclosure、applications、reviewLitigation、problems、other", "section key: overview, activeDisclosure, applications, reviewLitigation, problems, other"),
  "sections[].heading": m("标题（原样）", "印出的部分标题；未印出为 null", "the heading as printed; null when absent"),
  "sections[].text": m("正文", "该部分文字（不含表格），段落以换行相接", "the section's prose, tables excluded, paragraphs joined by a line break"),
  activeDisclosure: m("表二 主动公开政府信息情况", "第二十条各项；键依报告所用模板", "table 二 (第二十条): the keys of the report's own template"),
  applications: m("表三 收到和处理政府信息公开申请情况", "申请的收到与办理", "table 三: applications received and how they were handled"),
  "applications.rows": m("表三各行", "行键 → 列键 → 数值", "RowKey → ColumnKey → value"),
  reviewLitigation: m("表四 行政复议、行政诉讼情况", "因政府信息公开引起的复议与诉讼", "table 四: reconsiderations and lawsuits over information disclosure"),
  region: m("行政区划", "发布机关所属行政区划（GB/T 2260），由机关名称、标题及采集站点判定；无从判定为 null", "the administrative division of the agency (GB/T 2260), from its name, the title and the crawled site; null when none is named"),
  "region.provinceCode": m("省级代码", "省级区划代码，六位，如 410000", "province-level code, six digits, e.g. 410000"),
  "region.provinceName": m("省级名称", "如 河南省", "province-level name, e.g. 河南省"),
  "region.cityCode": m("地级代码", "地级区划代码，如 410300；直辖市为 x10100；省直辖县为 null", "prefecture-level code, e.g. 410300; a municipality's is x10100; null for a county under its province"),
  "region.cityName": m("地级名称", "如 洛阳市；直辖市为其本名", "prefecture-level name, e.g. 洛阳市; a municipality's own name"),
  "region.countyCode": m("县级代码", "县级区划代码，如 410308", "county-level code, e.g. 410308"),
  "region.countyName": m("县级名称", "如 孟津区", "county-level name, e.g. 孟津区"),
  "region.source": m("判定依据", "定出最深一级的文字：agency（机关名称）、title（标题）、site（采集站点的机关）", "the text that fixed the deepest level: agency, title, or site (the crawled site's agency)"),
  cells: m("单元格溯源", "上述每个数字的出处", "provenance of every number above"),
  "cells[]": m("单元格", "一个单元格：路径、数值、原文与位置", "one cell: path, value, printed text and place"),
  "cells[].path": m("路径", "数值所在的契约路径，如 applications.rows.newReceived.total", "the contract path of the value, e.g. applications.rows.newReceived.total"),
  "cells[].value": m("数值", "读出的数值；空白、占位符或无法判定为 null", "the value read; null for blank, placeholder or undetermined"),
  "cells[].raw": m("原文", "单元格印出的文字（原样）", "the cell's text exactly as printed"),
  "cells[].rowLabel": m("行标签（原样）", "该行印出的标签", "the row label as printed"),
  "cells[].page": m("页码", "PDF 页码（从 1 起）", "PDF page, 1-based"),
  "cells[].bbox": m("位置框", "PDF 中的位置 x0,y0,x1,y1（磅，左上为原点）", "place in the PDF: x0, y0, x1, y1 in points, origin top-left"),
  "cells[].line": m("行号", "文本格式中解码后文字的行号（从 1 起）", "text formats: 1-based line of the decoded text"),
  "cells[].table": m("表序号", "文档中的表格序号（从 0 起）", "index of the table in the document, from 0"),
  "cells[].row": m("表内行", "表格网格中的行（从 0 起）", "row in the table's grid, from 0"),
  "cells[].col": m("表内列", "表格网格中的列（从 0 起）", "column in the table's grid, from 0"),
  "cells[].uncertain": m("不确定", "数值读取时有猜测（见 PARSE_UNCERTAIN）", "the value was read with a guess (see PARSE_UNCERTAIN)"),
  "cells[].unit": m("单位（原样）", "单元格内印出的单位，如“251000元”的“元”", "the unit printed inside the cell, e.g. 元 of \"251000元\""),
  anomalies: m("异常", "本报告的异常（规则见 anomalies.md）", "this report's anomalies (rules: anomalies.md)"),
  "anomalies[]": m("异常", "一条异常", "one anomaly"),
  "anomalies[].reportId": m("报告标识", "所属报告的 id", "the report's id"),
  "anomalies[].code": m("规则代码", "规则代码，如 T3_BALANCE", "rule code, e.g. T3_BALANCE"),
  "anomalies[].severity": m("严重程度", "error、warning 或 info", "error, warning or info"),
  "anomalies[].status": m("判定", "fail（证据明确）或 uncertain（可能是解析所致）", "fail (clear evidence) or uncertain (may be a parsing artefact)"),
  "anomalies[].responsibility": m("责任方", "source（发布者）或 parser（我们的解析）", "source (the publisher) or parser (our extraction)"),
  "anomalies[].message": m("说明", "先中文一句，再英文一句", "one sentence in Chinese, then the same in English"),
  "anomalies[].paths": m("涉及单元格", "涉及的单元格路径，首个为所指单元格", "the cells involved; the first is the one the anomaly is about"),
  "anomalies[].paths[]": m("单元格路径", "一个单元格路径", "one cell path"),
  "anomalies[].expected": m("应为", "规则要求的值", "the value the rule expects"),
  "anomalies[].actual": m("实为", "印出或算出的值", "the value printed or computed"),
  "anomalies[].evidence": m("证据", "审计人员在原文中找到它的位置", "where an auditor finds it in the source"),
  "anomalies[].evidence.raw": m("原文", "印出的文字", "the printed text"),
  "anomalies[].evidence.page": m("页码", "PDF 页码", "PDF page"),
  "anomalies[].evidence.bbox": m("位置框", "PDF 位置框", "box in the PDF"),
  "anomalies[].evidence.line": m("行号", "文本行号", "line of the text"),
  "anomalies[].evidence.text": m("上下文", "相关的表头或文字", "the header or text involved"),
  "anomalies[].evidence.table": m("表序号", "表格序号", "table index"),
  "anomalies[].evidence.row": m("表内行", "网格行", "grid row"),
  "anomalies[].evidence.col": m("表内列", "网格列", "grid column"),
  parser: m("解析器", "写出本记录的程序", "the program that wrote this record"),
  "parser.name": m("名称", "恒为 nianbao", "always nianbao"),
  "parser.version": m("版本", "nianbao 的版本", "nianbao's version"),
};

/** Table 二: what each row key (block) and column key means; the labels come from the templates. */
export const TABLE2_ROW_MEANINGS: Record<string, Omit<Meaning, "label">> = {
  rules: { zh: "规章", en: "rules (规章) made by the government" },
  normativeDocuments: { zh: "行政规范性文件", en: "administrative normative documents" },
  licensing: { zh: "行政许可", en: "administrative licensing" },
  otherServices: { zh: "其他对外管理服务事项", en: "other external administrative services" },
  punishment: { zh: "行政处罚", en: "administrative penalties" },
  coercion: { zh: "行政强制", en: "administrative coercive measures" },
  fees: { zh: "行政事业性收费", en: "administrative fees" },
  procurement: { zh: "政府集中采购", en: "centralised government procurement" },
};

export const TABLE2_COLUMN_MEANINGS: Record<string, Omit<Meaning, "label">> = {
  issued: { zh: "本年制发的件数", en: "documents issued this year" },
  repealed: { zh: "本年废止的件数", en: "documents repealed this year" },
  inForce: { zh: "年末现行有效的件数", en: "documents in force at the year's end" },
  decisions: { zh: "本年作出的处理决定数", en: "decisions made this year" },
  "fees.amount": { zh: "本年收费金额，单位万元，按印出的数", en: "fees collected this year, in 万元 (10,000 yuan), as printed" },
  newlyMade: { zh: "本年新制作的数量", en: "newly made this year" },
  newlyPublished: { zh: "本年新公开的数量", en: "newly published this year" },
  totalPublished: { zh: "累计对外公开的总数", en: "total published to date" },
  previousItems: { zh: "上一年的项目数量", en: "items in the previous year" },
  change: { zh: "本年增减，带符号（+19、-8）", en: "change this year, signed (+19, -8)" },
  items: { zh: "采购项目数量", en: "number of procurement items" },
  "procurement.amount": { zh: "采购总金额，按印出的数与单位保留（单位见 cells[].unit 与 CSV 的 unit 列）", en: "total procurement amount, kept as printed in the printed unit (the unit is in cells[].unit and the CSV's unit column)" },
};

/** Table 三: the meaning of each row (RowKey) and column (ColumnKey). */
export const TABLE3_ROW_MEANINGS: Record<string, Omit<Meaning, "label">> = {
  newReceived: { zh: "本年新收到的申请", en: "applications newly received this year" },
  carriedOver: { zh: "上年结转的申请", en: "applications carried over from the previous year" },
  granted: { zh: "予以公开", en: "granted in full" },
  partiallyGranted: { zh: "部分公开（区分处理）", en: "granted in part" },
  "denied.stateSecret": { zh: "不予公开：属于国家秘密", en: "refused: a state secret" },
  "denied.prohibitedByLaw": { zh: "不予公开：其他法律行政法规禁止公开", en: "refused: barred by other laws or administrative regulations" },
  "denied.endangersSecurity": { zh: "不予公开：危及国家安全、公共安全、经济安全和社会稳定", en: "refused: would endanger national, public or economic security or social stability" },
  "denied.thirdPartyRights": { zh: "不予公开：保护第三方合法权益", en: "refused: protects a third party's lawful rights" },
  "denied.internalAffairs": { zh: "不予公开：属于三类内部事务信息", en: "refused: internal-affairs information" },
  "denied.processInformation": { zh: "不予公开：属于四类过程性信息", en: "refused: process (deliberative) information" },
  "denied.enforcementFiles": { zh: "不予公开：属于行政执法案卷", en: "refused: administrative enforcement case files" },
  "denied.queryMatters": { zh: "不予公开：属于行政查询事项", en: "refused: matters of administrative query" },
  "unavailable.notHeld": { zh: "无法提供：本机关不掌握相关政府信息", en: "cannot be provided: the agency does not hold it" },
  "unavailable.needsCreation": { zh: "无法提供：没有现成信息需要另行制作", en: "cannot be provided: it would have to be created" },
  "unavailable.unclear": { zh: "无法提供：补正后申请内容仍不明确", en: "cannot be provided: still unclear after correction" },
  "notProcessed.complaint": { zh: "不予处理：信访举报投诉类申请", en: "not processed: petitions, reports and complaints" },
  "notProcessed.repeated": { zh: "不予处理：重复申请", en: "not processed: a repeated application" },
  "notProcessed.publication": { zh: "不予处理：要求提供公开出版物", en: "not processed: asks for a publication" },
  "notProcessed.excessive": { zh: "不予处理：无正当理由大量反复申请", en: "not processed: many repeated applications without good reason" },
  "notProcessed.confirmation": { zh: "不予处理：要求行政机关确认或重新出具已获取信息", en: "not processed: asks to confirm or reissue information already obtained" },
  "otherDisposal.overdueCorrection": { zh: "其他处理：申请人逾期不补正", en: "other: the applicant did not complete the application in time" },
  "otherDisposal.overdueFee": { zh: "其他处理：申请人逾期未缴纳费用", en: "other: the applicant did not pay the fee in time" },
  "otherDisposal.other": { zh: "其他处理：其他", en: "other: other" },
  otherDisposal: { zh: "其他处理，印作一行（2019 模板，或如此印出的 2021 报告）", en: "other disposal printed as one row (2019 template, or a 2021 report that did so)" },
  total: { zh: "办理结果总计（（一）至（六）之和）", en: "total of the results, rows （一）–（六）" },
  carriedForward: { zh: "结转下年度继续办理", en: "carried forward to the next year" },
};

export const TABLE3_COLUMN_MEANINGS: Record<string, Omit<Meaning, "label">> = {
  naturalPerson: { zh: "申请人为自然人", en: "applicants who are natural persons" },
  commercialEnterprise: { zh: "法人或其他组织：商业企业", en: "legal persons or organisations: commercial enterprises" },
  researchInstitution: { zh: "法人或其他组织：科研机构", en: "legal persons or organisations: research institutions" },
  socialOrganization: { zh: "法人或其他组织：社会公益组织", en: "legal persons or organisations: social-welfare organisations" },
  legalServiceAgency: { zh: "法人或其他组织：法律服务机构", en: "legal persons or organisations: legal-service agencies" },
  otherOrganization: { zh: "法人或其他组织：其他", en: "legal persons or organisations: other" },
  total: { zh: "各类申请人总计", en: "all applicants together" },
};

/** Table 四. */
export const TABLE4_GROUP_MEANINGS: Record<string, Omit<Meaning, "label">> = {
  review: { zh: "行政复议", en: "administrative reconsideration" },
  litigationDirect: { zh: "行政诉讼：未经复议直接起诉", en: "lawsuits filed directly, without reconsideration" },
  litigationAfterReview: { zh: "行政诉讼：复议后起诉", en: "lawsuits filed after reconsideration" },
};

export const TABLE4_COLUMN_MEANINGS: Record<string, Omit<Meaning, "label">> = {
  upheld: { zh: "结果维持", en: "the decision was upheld" },
  corrected: { zh: "结果纠正", en: "the decision was corrected" },
  other: { zh: "其他结果", en: "another outcome" },
  pending: { zh: "尚未审结", en: "not yet concluded" },
  total: { zh: "总计", en: "total" },
};

/** Columns of the tidy CSV tables (and their Parquet twins), by "<resource>.<field>". */
export const CSV_MEANINGS: Record<string, Meaning> = {
  "reports.id": RECORD_MEANINGS.id!,
  "reports.uri": RECORD_MEANINGS["source.uri"]!,
  "reports.format": RECORD_MEANINGS["source.format"]!,
  "reports.agency": RECORD_MEANINGS.agency!,
  "reports.year": RECORD_MEANINGS.year!,
  "reports.template": RECORD_MEANINGS.template!,
  "reports.title": RECORD_MEANINGS.title!,
  "reports.publishedAt": RECORD_MEANINGS["source.publishedAt"]!,
  "reports.sha256": RECORD_MEANINGS["source.sha256"]!,
  "reports.anomalies_error": m("错误数", "严重程度为 error 的异常数", "anomalies of severity error"),
  "reports.anomalies_warning": m("警告数", "严重程度为 warning 的异常数", "anomalies of severity warning"),
  "reports.anomalies_info": m("提示数", "严重程度为 info 的异常数", "anomalies of severity info"),
  "*.report_id": m("报告标识", "所属报告的 id（reports.id）", "the report's id (reports.id)"),
  "*.value": m("数值", "统计数；空＝空白、缺失或无法判定，印出的 0 为 0", "the statistic; empty = blank, absent or undetermined; a printed 0 is 0"),
  "applications.row": m("行键", "表三的行键（RowKey）", "row key of table 三 (RowKey)"),
  "applications.column": m("列键", "表三的列键（ColumnKey）", "column key of table 三 (ColumnKey)"),
  "active_disclosure.template": m("模板", "所用键的模板：2021 或 2019", "template whose keys apply: 2021 or 2019"),
  "active_disclosure.block": m("行键", "表二的行键，如 rules、fees", "row key of table 二, e.g. rules, fees"),
  "active_disclosure.column": m("列键", "表二的列键，如 issued、amount", "column key of table 二, e.g. issued, amount"),
  "active_disclosure.unit": m("单位（原样）", "单元格内印出的单位（如 2019 年采购总金额“251000元”的“元”）；空＝未印单位", "the unit printed in the cell (元 of the 2019 procurement amount \"251000元\"); empty when none is printed"),
  "review_litigation.group": m("组", "表四的组：review、litigationDirect、litigationAfterReview", "group of table 四: review, litigationDirect, litigationAfterReview"),
  "review_litigation.column": m("列键", "表四的列：upheld、corrected、other、pending、total", "column of table 四: upheld, corrected, other, pending, total"),
  "anomalies.code": RECORD_MEANINGS["anomalies[].code"]!,
  "anomalies.severity": RECORD_MEANINGS["anomalies[].severity"]!,
  "anomalies.status": RECORD_MEANINGS["anomalies[].status"]!,
  "anomalies.responsibility": RECORD_MEANINGS["anomalies[].responsibility"]!,
  "anomalies.paths": m("涉及单元格", "涉及的单元格路径，以 ; 分隔", "the cells involved, separated by ;"),
  "anomalies.message": RECORD_MEANINGS["anomalies[].message"]!,
  "regions.province_code": RECORD_MEANINGS["region.provinceCode"]!,
  "regions.province_name": RECORD_MEANINGS["region.provinceName"]!,
  "regions.city_code": RECORD_MEANINGS["region.cityCode"]!,
  "regions.city_name": RECORD_MEANINGS["region.cityName"]!,
  "regions.county_code": RECORD_MEANINGS["region.countyCode"]!,
  "regions.county_name": RECORD_MEANINGS["region.countyName"]!,
  "regions.source": RECORD_MEANINGS["region.source"]!,
};
