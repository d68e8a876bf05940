/**
 * Is this a government information-disclosure annual report (政府信息公开工作年度报告), or news
 * about one? Titles follow `{机构}{YYYY}年政府信息公开工作年度报告` with variants
 * (`…年度报告（2022年）`, `2022年度…`, `…年报`); 年报 columns also list meeting news, notices
 * about preparing reports and explainers (crawling.md §1, reference/sites/trs_listing_ordos_*).
 */
import { REPORT_NAME, REPORT_NAME_RE } from "../../templates/index.js";

/** Names of the report (src/templates/report-name.ts). */
const REPORT_NAMES: readonly RegExp[] = [REPORT_NAME_RE];

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
const ENDS_WITH_NAME = new RegExp(String.raw`${REPORT_NAME}\s*(?:[（(【\[][^）)】\]]{0,20}[）)】\]])?\s*$`);

/** How many of the body's first lines may hold its heading (the report's title repeated in the body). */
const BODY_HEAD_LINES = 8;

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
 * The verdict on a page. Its title names the report and is not news about it; failing that (the
 * title is the site's name, or missing), the title the listing gave the link, when the walk
 * passes it; failing that, the body's heading: one of its first lines names a report of some year
 * as a heading (not in running text), and no other line there names another (a list of reports
 * is not a report).
 */
export function classifyReport(title: string | null, bodyText: string, listingTitle?: string | null): ReportVerdict {
  const t = (title ?? "").trim();
  if (t && namesReport(t)) return verdictOn(t, "title");
  const l = (listingTitle ?? "").trim();
  if (l && namesReport(l)) return verdictOn(l, "listing title");

  const lines = bodyText
    .split("\n")
    .map((x) => x.replace(/\s+/g, " ").trim())
    .filter((x) => x !== "")
    .slice(0, BODY_HEAD_LINES);
  const naming = [...new Set(lines.filter((x) => namesReport(x) && hasYear(x)))];
  if (naming.length > 1) return { isReport: false, reason: `the body opens with ${naming.length} reports' names (a list of reports, not a report)` };
  const line = naming[0];
  if (line !== undefined) {
    const heading = headingOf(line);
    if (!heading) {
      const why = aboutAReport(line);
      const quoted = `"${line.slice(0, 60)}"`;
      return { isReport: false, reason: why ? `the body's opening ${quoted}: ${why}` : `the body names a report in running text (${quoted}), not as its heading` };
    }
    const why = aboutAReport(heading);
    return why ? { isReport: false, reason: `the body's heading "${heading}": ${why}` } : { isReport: true };
  }
  const what = t ? `title "${t}" does not name` : "no title, and the body's opening does not name";
  return { isReport: false, reason: `${what} a government information-disclosure annual report (政府信息公开工作年度报告)` };
}

function verdictOn(text: string, where: string): ReportVerdict {
  const why = aboutAReport(text);
  return why ? { isReport: false, reason: `${where} "${text}": ${why}` } : { isReport: true };
}

/**
 * The line up to the end of the report's name when the name stands as a heading: followed by a
 * space or the end of the line (its bracketed note aside), with no sentence punctuation before it.
 * What follows a heading ("本报告依据《条例》编制") is the report, not news about it.
 */
function headingOf(line: string): string | null {
  const m = HEADING_NAME.exec(line);
  if (!m) return null;
  const before = line.slice(0, m.index);
  if (/[，。；！？,;]/.test(before)) return null;
  return line.slice(0, m.index + m[0].length);
}
const HEADING_NAME = new RegExp(String.raw`${REPORT_NAME}(?:[（(【\[][^）)】\]]{0,20}[）)】\]])?(?=\s|$)`);

/** A four-digit year of the 条例's era in the text (listing titles of reports carry one). */
export function hasYear(text: string): boolean {
  return /(?<!\d)(?:19|20)\d{2}(?!\d)/.test(text);
}

/** A listing title that reads as a report of some year (for the generic adapter and stray links). */
export function looksLikeReportTitle(title: string): boolean {
  return namesReport(title) && hasYear(title) && aboutAReport(title) === null;
}
