/**
 * Is this a government information-disclosure annual report (政府信息公开工作年度报告), or news
 * about one? Titles follow `{机构}{YYYY}年政府信息公开工作年度报告` with variants
 * (`…年度报告（2022年）`, `2022年度…`, `…年报`); 年报 columns also list meeting news, notices
 * about preparing reports and explainers (crawling.md §1, reference/sites/trs_listing_ordos_*).
 */

/** Names of the report. Up to eight characters may sit between 信息公开 and the noun ("信息公开和政务公开工作年度报告"). */
const REPORT_NAMES: readonly RegExp[] = [
  /信息公开[^，。；、,;\s]{0,8}?(?:年度(?:工作)?报告|年报|工作报告)/,
];

/**
 * Titles that name a report but are about it. Checked in order; the first match is the reason.
 * A notice that publishes the report itself (关于印发/公布《…年度报告》的通知) is let through first.
 */
const PUBLISHING_NOTICE = /关于(?:印发|公布|发布)《?[^》]*(?:年度报告|年报)》?的?通知/;
/**
 * `always`: checked even when the text ends with the report's name. Otherwise a title that ends
 * with the name ("XX市干部培训中心2022年政府信息公开工作年度报告") is a report whatever the agency
 * is called: news about a report puts its verb or noun after the name (…编制工作的通知, …工作会议).
 */
const ABOUT_A_REPORT: readonly { re: RegExp; why: string; always?: true }[] = [
  { re: /解读|图解|一图|读懂|问答|答记者问/, why: "an explainer of a report, not the report", always: true },
  { re: /编制|报送|撰写|填报|起草|格式|模板|样表|范本/, why: "about preparing or formatting reports, not a report" },
  { re: /会议|工作会|培训|座谈|部署|推进会|调度会|动员|召开|新闻发布/, why: "news of a meeting or training about reports, not a report" },
  { re: /评估|评议|考核|检查|督查|抽查|点评|排名|整改|通报/, why: "an assessment of reports, not a report" },
  { re: /关于.*(?:通知|意见|批复|函)\s*$/, why: "a notice (关于…通知), not a report", always: true },
  { re: /征求意见|意见征集/, why: "a consultation, not a report" },
];

/** The report's name closing the text, an optional bracketed note after it (（2022年）, （更正版）). */
const ENDS_WITH_NAME = /信息公开[^，。；、,;\s]{0,8}?(?:年度(?:工作)?报告|年报|工作报告)\s*(?:[（(【\[][^）)】\]]{0,20}[）)】\]])?\s*$/;

/** How many characters of the body stand in for a missing or generic title (the body's own heading). */
const BODY_HEAD_CHARS = 120;

export interface ReportVerdict {
  isReport: boolean;
  reason?: string;
}

/** True when `text` names the annual report (ignoring whether it is news about one). */
export function namesReport(text: string): boolean {
  return REPORT_NAMES.some((re) => re.test(text));
}

/** Why a text naming the report is about one rather than one, or null. */
export function aboutAReport(text: string): string | null {
  if (PUBLISHING_NOTICE.test(text)) return null;
  const endsWithName = ENDS_WITH_NAME.test(text);
  for (const { re, why, always } of ABOUT_A_REPORT) if ((always || !endsWithName) && re.test(text)) return why;
  return null;
}

/**
 * The verdict on a page: its title names the report and is not news about it; failing that (no
 * title, or a generic one such as the site name), the first characters of its body do.
 */
export function classifyReport(title: string | null, bodyText: string): ReportVerdict {
  const t = (title ?? "").trim();
  if (t && namesReport(t)) {
    const why = aboutAReport(t);
    return why ? { isReport: false, reason: `title "${t}": ${why}` } : { isReport: true };
  }
  const titleWhy = t ? aboutAReport(t) : null;
  const head = bodyText.slice(0, BODY_HEAD_CHARS);
  if (!titleWhy && namesReport(head)) {
    const sentence = sentenceAround(head, REPORT_NAMES);
    const why = aboutAReport(headingOf(sentence) ?? sentence);
    if (!why) return { isReport: true };
    return { isReport: false, reason: `the body's opening "${sentence}": ${why}` };
  }
  return {
    isReport: false,
    reason: t
      ? `title "${t}" does not name a government information-disclosure annual report (政府信息公开工作年度报告)`
      : "no title, and the body's opening does not name a government information-disclosure annual report",
  };
}

/**
 * When the report's name stands as a heading (followed by a space or the end, its bracketed note
 * aside), the text up to the end of the name: the body's first line is the report's title, and
 * what follows it ("本报告依据《条例》编制") is the report, not news about it.
 */
function headingOf(clause: string): string | null {
  const m = HEADING_NAME.exec(clause);
  return m ? clause.slice(0, m.index + m[0].trimEnd().length) : null;
}
const HEADING_NAME = /信息公开[^，。；、,;\s]{0,8}?(?:年度(?:工作)?报告|年报|工作报告)(?:[（(【\[][^）)】\]]{0,20}[）)】\]])?(?=\s|$)/;

/** The clause of `text` holding the first match (between sentence punctuation). */
function sentenceAround(text: string, res: readonly RegExp[]): string {
  for (const re of res) {
    const m = re.exec(text);
    if (!m) continue;
    const start = Math.max(...["。", "！", "？", "；", "\n"].map((p) => text.lastIndexOf(p, m.index) + 1));
    const ends = ["。", "！", "？", "；", "\n"].map((p) => text.indexOf(p, m.index + m[0].length)).filter((i) => i >= 0);
    const end = ends.length ? Math.min(...ends) : text.length;
    return text.slice(start, end).trim();
  }
  return text;
}

/** A four-digit year of the 条例's era in the text (listing titles of reports carry one). */
export function hasYear(text: string): boolean {
  return /(?<!\d)(?:19|20)\d{2}(?!\d)/.test(text);
}

/** A listing title that reads as a report of some year (for the generic adapter and stray links). */
export function looksLikeReportTitle(title: string): boolean {
  return namesReport(title) && hasYear(title) && aboutAReport(title) === null;
}
