/**
 * What a report says about itself, as data: how it names itself (title, statutory preamble,
 * announcement), what other documents of the same columns call themselves, how an issuing body's
 * name ends, and what a hijacked mirror writes where a name should be. Read by src/extract/meta.ts
 * and src/extract/recognise.ts; every pattern is over text folded by `foldLabel` (simplified
 * characters, half-width digits, no spaces) unless it says otherwise.
 */
import { REPORT_NAME } from "./report-name.js";

/**
 * The report's name ending a title, with an optional bracketed note after it ("（2022年）",
 * "（更正版）"): a title that ends so is the report's own; one that goes on ("…年度报告编制工作的通知")
 * is about a report.
 */
export const TITLE_ENDS_WITH_NAME = new RegExp(String.raw`${REPORT_NAME}(?:[（(【\[][^）)】\]]{0,20}[）)】\]])?$`);

/**
 * The statutory preamble most reports open with (国办公开办函〔2021〕30号 asks for it):
 * "本年度报告根据《中华人民共和国政府信息公开条例》…编制", "根据《…条例》（以下简称《条例》）规定，特编制本报告".
 */
export const PREAMBLE: readonly RegExp[] = [
  /本(?:年度)?报告[^。]{0,16}?(?:根据|依据|按照)[^。]{0,20}?《(?:中华人民共和国)?政府信息公开条例》/,
  /(?:根据|依据|按照)[^。]{0,20}?《(?:中华人民共和国)?政府信息公开条例》[^。]{0,160}?(?:编制|制作|发布|公布|形成|撰写)(?:了)?本(?:年度)?报告/,
];

/** "现公布…年度报告", "现将…年度报告予以公布" — the report announcing itself. */
export const ANNOUNCEMENT: readonly RegExp[] = [
  /现(?:予|将|向社会)?公布[^。]{0,60}?(?:年度报告|年报)/,
  /现将[^。]{0,60}?(?:年度报告|年报)[^。]{0,10}?(?:予以)?(?:公布|发布)/,
];

/**
 * Documents of the same columns that are not the report (crawling.md §1): by the last words of
 * their title. A title that ends with the report's name is never one of these.
 */
export const OTHER_DOCUMENT_KINDS: readonly { match: RegExp; kind: string }[] = [
  { match: /工作要点$/, kind: "工作要点" },
  { match: /(?:公开|工作)指南$/, kind: "公开指南" },
  { match: /法治政府建设[^，。]{0,20}(?:报告|情况)$/, kind: "法治政府建设年度报告" },
  { match: /(?:通知|公告|通告|通报|意见|批复|函|方案|办法|规定|目录|计划|规划|总结)$/, kind: "notice or other document" },
];

/**
 * How the name of an issuing body ends (the characters before the year in a title): a government,
 * its office, a department, a commission, a centre, or a place standing for its government
 * ("平潭综合实验区"). A candidate name that does not end so is not taken for an agency.
 */
export const AGENCY_SUFFIX =
  /(?:政府|办公厅|办公室|办事处|委员会|管委会|中心|海关|监狱|气象台|学校|大学|学院|[局委厅办署院会处所室部站队社馆行团庭场]|实验区|开发区|新区|片区|园区|街道|[省市区县州盟旗镇乡村])$/;

/** Words that belong to a column, a site or the report's name, never to an agency's. */
export const NOT_IN_AGENCY = /信息公开|政务公开|年度报告|年报|报告|专栏|栏目|首页|当前位置|网站|门户|官网|发布|[>»›|_]/;

/**
 * What hijacked mirror pages inject where a name should stand (gambling SEO): a name holding
 * any of these is no agency's, and the agency is then null or taken from another source.
 */
export const SPAM_WORDS =
  /博彩|赌|娱乐城|娱乐场|娱乐平台|彩票|彩金|时时彩|六合彩|快三|百家乐|真人视讯|棋牌|投注|下注|开户|注册送|老虎机|捕鱼|足彩|竞彩|威尼斯人|葡京|新濠|澳门|亚博|开云|体育(?:平台|投注|官网|app)|官网|下载|登录|网址|入口|bet\d*|casino|app/i;

/** "（以下简称区政府办公室）" after a name in the preamble. */
export const SHORT_NAME_NOTE = /[（(]以下简称[^）)]{1,20}[）)]/;

/** The statistics period: "本年度报告中所列数据统计期限为2022年1月1日至12月31日", "统计期限自2021年1月1日起至…". */
export const STATISTICS_PERIOD: readonly RegExp[] = [
  /(?:统计期限|统计周期|统计时限|统计时段|统计区间|统计时间|统计期间|统计范围)[^。]{0,24}?(\d{4})年1月1日/,
  /(?:数据|统计)[^。]{0,30}?(?:自|从|为)?(\d{4})年1月1日(?:起)?(?:至|到|-|—|～|~)(?:\1年)?12月31日/,
];

/** "2022年度，我局…", "2022年，区财政局…": the year a report's first lines speak of. */
export const YEAR_OPENING = /^(\d{4})年度?[，,]/;

/** Separators a page title puts between the report's title and the site's name (`_站点名`, `-站点名`, ` - 站点名`, `|`). */
export const TITLE_SEPARATORS = /\s*(?:[_|｜]|\s[-–—－]\s|[-–—－]{1,2}|——)\s*/;

/** Labels of a metadata line or table that gives the title ("标题：…", "| 标题 | … |"). */
export const TITLE_LABEL = /^(?:文章)?(?:标题|题名|名称|文件名称|信息名称)$/;
