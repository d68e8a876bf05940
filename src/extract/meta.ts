/**
 * Title, agency, reported year and template, read from the document's own words, each with
 * where it came from (issue 9). The sources, in the order they are trusted:
 * - title: the printed title (one line, or two or three: agency / year + name), a `标题|…`
 *   metadata line or table, then the page's <title> without the site's name;
 * - agency: the title, the preamble (现公布…), the signature, the page's info box, its meta
 *   tags, the crawler's site entry — never a column name, a breadcrumb, a site name glued to the
 *   agency or what a hijacked mirror wrote in its place (src/templates/metadata.ts);
 * - year: the title, the statistics period, the first lines (`2022年度，我局…`), the signature's
 *   or publication date minus one.
 */
import type { ParsedDocument } from "../model/document.js";
import type { AgencySource, TemplateBasis, TemplateId, TitleSource, YearSource } from "../model/report.js";
import {
  AGENCY_SUFFIX,
  NOT_IN_AGENCY,
  REPORT_NAME,
  SHORT_NAME_NOTE,
  SPAM_WORDS,
  STATISTICS_PERIOD,
  TEMPLATE_HINTS,
  TITLE_ENDS_WITH_NAME,
  TITLE_LABEL,
  TITLE_SEPARATORS,
  YEAR_OPENING,
  simplifyChars,
} from "../templates/index.js";
import { squash } from "./normalise.js";
import { toHalfWidth } from "./numbers.js";

export interface Sourced<T, S> {
  value: T;
  source: S;
}

const TITLE_MAX = 70;
/** A piece of a title printed over several lines is short and has no sentence punctuation. */
const TITLE_PIECE_MAX = 32;
/** How many blocks from the start a printed title may stand at (chrome and a 标题 table come first). */
const TITLE_WINDOW = 30;
const NAME_G = new RegExp(REPORT_NAME, "g");

/** Text with the spaces that PDF/text extraction inserts ("2024 年") removed: the output form. */
function cleanTitle(s: string): string {
  return squash(s).replace(/\s+/g, "");
}

/** The same text folded for matching, character for character (offsets stay valid): half-width, simplified. */
export function matchForm(s: string): string {
  return simplifyChars(toHalfWidth(s));
}

/** "……3", ".......12": a table of contents' leader and page number (a flipbook's contents page). */
const TOC_TAIL = /(?:\.{2,}|…+|·{2,}|-{3,}|_{3,})\s*\d{0,4}$/;
/** "标题：", "标题|" before a title in a metadata line. */
const LABEL_PREFIX = /^(?:文章)?(?:标题|题名|名称|文件名称|信息名称)[:：|｜]/;
const SENTENCE = /[。；;！？!?，,：:]/;

interface TitleLine {
  text: string;
  block: number;
}

function titleLines(doc: ParsedDocument, limit: number): TitleLine[] {
  const out: TitleLine[] = [];
  doc.blocks.slice(0, limit).forEach((b, block) => {
    if (b.type !== "paragraph") return;
    let t = cleanTitle(b.text).replace(LABEL_PREFIX, "");
    t = t.replace(TOC_TAIL, "");
    if (t !== "") out.push({ text: t, block });
  });
  return out;
}

const hasYear = (q: string) => /(?:19|20)\d{2}(?:年|[）)])/.test(q);

/** The agency part a title names (before its year and the report's name), or null. */
function namesAgency(title: string): boolean {
  return agencyInTitle(title) !== null;
}

/** A line that names the report as a title does: the name, nothing after it but a bracketed note. */
function isTitleLine(t: string): boolean {
  const q = matchForm(t);
  const body = q.replace(BRACKET_NOTE, "");
  return t.length <= TITLE_MAX && TITLE_ENDS_WITH_NAME.test(q) && !SENTENCE.test(body) && !/^(?:现|根据|按照|依据|本)/.test(q) && !hijacked(q);
}

/** A title whose words before the report's name are what a hijacked mirror injects (gambling SEO) is no title. */
function hijacked(q: string): boolean {
  const name = [...q.matchAll(NAME_G)].at(-1);
  return SPAM_WORDS.test(name ? q.slice(0, name.index) : q);
}

/** "（2022年）", "（虚构示例，用于测试）" closing a title. */
const BRACKET_NOTE = /[（(【\[][^）)】\]]{0,20}[）)】\]]$/;

/** A line that may be one piece of a title printed over several lines. */
function isTitlePiece(t: string): boolean {
  const q = matchForm(t);
  return t.length <= TITLE_PIECE_MAX && !SENTENCE.test(q) && !/\d{4}[-/.]\d{1,2}|发布|来源|日期|时间|浏览|字号|当前位置|首页/.test(q);
}

/**
 * The printed title: a line before the first section heading that names the report. When it
 * lacks the agency or the year, the short lines just above it are the rest of it (a title
 * printed as agency / year / name); a line that stops inside the name ("…政府信息公开工作") is
 * completed by the next ("年度报告").
 */
function printedTitle(doc: ParsedDocument, firstHeadingBlock: number): string | null {
  const limit = Math.min(firstHeadingBlock < 0 ? doc.blocks.length : firstHeadingBlock, TITLE_WINDOW);
  const lines = titleLines(doc, limit);
  // A name broken over two lines: join them first.
  const joined: TitleLine[] = [];
  for (let i = 0; i < lines.length; i++) {
    const cur = lines[i]!;
    const next = lines[i + 1];
    if (next && !isTitleLine(cur.text) && /^(?:年度)?(?:工作)?(?:年度)?(?:报告|報告)(?:[（(].{0,20}[）)])?$/.test(next.text) && isTitleLine(cur.text + next.text)) {
      joined.push({ text: cur.text + next.text, block: cur.block });
      i++;
    } else joined.push(cur);
  }
  // Complete titles first: one line with the agency and the year.
  for (const l of joined) if (isTitleLine(l.text) && hasYear(matchForm(l.text)) && namesAgency(l.text)) return l.text;
  for (let i = 0; i < joined.length; i++) {
    const l = joined[i]!;
    if (!isTitleLine(l.text)) continue;
    let title = l.text;
    // Up to two short lines above it, while the title still lacks its agency or year.
    for (let k = i - 1; k >= Math.max(0, i - 2); k--) {
      if (hasYear(matchForm(title)) && namesAgency(title)) break;
      const above = joined[k]!;
      if (!isTitlePiece(above.text) || isTitleLine(above.text)) break;
      title = above.text + title;
    }
    // A year printed on the line below ("（2022年）").
    const below = joined[i + 1];
    if (!hasYear(matchForm(title)) && below && /^[（(]?\d{4}年度?[）)]?$/.test(matchForm(below.text))) title += below.text;
    return title;
  }
  return null;
}

/** A metadata table or line before the body ("标题 | XX局2022年…报告"). */
function metadataTitle(doc: ParsedDocument, limit: number): string | null {
  for (const b of doc.blocks.slice(0, limit)) {
    if (b.type !== "table") continue;
    for (const row of b.rows) {
      for (let c = 0; c + 1 < row.length; c++) {
        if (!TITLE_LABEL.test(matchForm(cleanTitle(row[c]!.text)))) continue;
        const next = row.slice(c + 1).find((x) => x.originCol !== row[c]!.originCol);
        const t = next ? cleanTitle(next.text) : "";
        if (isTitleLine(t)) return t;
      }
    }
  }
  return null;
}

/**
 * The page's own title (<title>, a crawler header) without the site's name around it
 * (`…年度报告_武陵区人民政府`, `… - 站点名`) and without a column name glued in front
 * (`溪山市人民政府信息公开年报溪山市商务局2023年…`): the segment that names the report, from the
 * end of any earlier name in it.
 */
export function pageTitle(metaTitle: string | null): string | null {
  if (!metaTitle) return null;
  for (const seg of metaTitle.split(TITLE_SEPARATORS)) {
    const t = cleanTitle(seg);
    const q = matchForm(t);
    const names = [...q.matchAll(NAME_G)];
    const last = names.at(-1);
    if (!last) continue;
    const from = names.length > 1 ? names[names.length - 2]!.index! + names[names.length - 2]![0].length : 0;
    let title = t.slice(from);
    if (!TITLE_ENDS_WITH_NAME.test(matchForm(title))) {
      // A site's name glued after the name without a separator is cut off; anything else after
      // the name ("…年度报告编制工作的通知") makes the page about a report, not one.
      const end = last.index! + last[0].length - from;
      if (!looksLikeAgency(title.slice(end))) continue;
      title = title.slice(0, end);
    }
    // A generic container title ("政府信息公开工作年度报告") names nobody: a printed one would have.
    if (!/\d{4}/.test(matchForm(title)) || hijacked(matchForm(title))) continue;
    return title;
  }
  return null;
}

export function findTitle(doc: ParsedDocument, firstHeadingBlock: number): Sourced<string, TitleSource> | null {
  const printed = printedTitle(doc, firstHeadingBlock);
  if (printed) return { value: printed, source: "printed" };
  const meta = metadataTitle(doc, TITLE_WINDOW);
  if (meta) return { value: meta, source: "metadata" };
  const page = pageTitle(doc.metaTitle);
  if (page) return { value: page, source: "page" };
  return null;
}

// ------------------------------------------------------------------------------------- agency

/**
 * A name that can be an issuing body's: a few Han characters (brackets allowed) ending as bodies'
 * names end, with no column, site or report word and nothing a hijacked mirror writes.
 */
export function looksLikeAgency(name: string): boolean {
  const q = matchForm(name);
  if (q.length < 2 || q.length > 40) return false;
  if (!/^[\p{Script=Han}（）()]+$/u.test(q)) return false;
  if (NOT_IN_AGENCY.test(q) || SPAM_WORDS.test(q)) return false;
  // A suffix alone ("政府", "办公室") names no body: at least two characters must stand before it.
  const suffix = AGENCY_SUFFIX.exec(q);
  return suffix !== null && q.length - suffix[0].length >= 2;
}

/**
 * "武陵区人民政府武陵区教育局", "溪山市人民政府信息公开年报溪山市商务局": a site's or column's name
 * glued before the agency repeats the place the agency's name starts with; the agency is the
 * last repetition. A column word (信息公开, 年报 …) cuts too.
 */
function unglue(name: string): string {
  let s = name;
  const q = matchForm(s);
  const words = [...q.matchAll(new RegExp(NOT_IN_AGENCY.source, "g"))];
  const lastWord = words.at(-1);
  if (lastWord) s = s.slice(lastWord.index! + lastWord[0].length);
  const place = /^[\p{Script=Han}]{2,8}?[省市区县州盟旗]/u.exec(matchForm(s))?.[0];
  if (place) {
    const again = matchForm(s).lastIndexOf(place);
    if (again > 0 && looksLikeAgency(s.slice(again))) s = s.slice(again);
  }
  return s;
}

/** The agency a title names: what stands before its year and the report's name. */
export function agencyInTitle(title: string): string | null {
  const q = matchForm(title);
  const names = [...q.matchAll(NAME_G)];
  const m = names.at(-1);
  if (!m) return null;
  const prefix = title.slice(0, m.index);
  // "…2022年政府信息公开": 政府 is the name's; "XX县人民政府信息公开…": it is the agency's.
  const strip = (s: string) =>
    s
      .replace(/[（(]?(?:19|20)\d{2}\s*年?度?[）)]?/g, "")
      .replace(/[０-９]{4}\s*年?度?/g, "")
      .replace(/(?:关于|的)+$/, "")
      .replace(/^(?:关于)/, "");
  const options: string[] = [];
  if (/政府$/.test(matchForm(prefix))) options.push(strip(prefix.slice(0, -2)));
  options.push(strip(prefix));
  for (const o of options) {
    const name = unglue(o.trim());
    if (looksLikeAgency(name)) return name;
  }
  return null;
}

/** Dates written in Chinese numerals ("二〇二三年一月十日") to digits, character for character where possible. */
function chineseDate(s: string): string {
  const d: Record<string, string> = { 〇: "0", 零: "0", 一: "1", 二: "2", 三: "3", 四: "4", 五: "5", 六: "6", 七: "7", 八: "8", 九: "9" };
  return s
    .replace(/[〇零一二三四五六七八九]{4}(?=年)/g, (y) => [...y].map((c) => d[c] ?? c).join(""))
    .replace(/(?<=年)([一二三四五六七八九十]{1,3})(?=月)|(?<=月)([一二三四五六七八九十]{1,3})(?=日)/g, (n) => {
      const v = n === "十" ? 10 : n.startsWith("十") ? 10 + Number(d[n[1]!] ?? 0) : n.includes("十") ? Number(d[n[0]!]) * 10 + Number(d[n[2] ?? ""] ?? 0) : Number(d[n] ?? 0);
      return String(v);
    });
}

export interface Signature {
  agency: string | null;
  /** YYYY-MM-DD */
  date: string;
  line: number | null;
}

const SIGNATURE_DATE = /(\d{4})年(\d{1,2})月(\d{1,2})日$/;

/**
 * The signature closing the report: the agency and a date on the last line, or the agency on the
 * line before a last line that is only the date ("平潭综合实验区公安局 2020年1月17日").
 */
export function findSignature(doc: ParsedDocument): Signature | null {
  const paras = doc.blocks.filter((b) => b.type === "paragraph").slice(-3);
  for (let i = paras.length - 1; i >= 0; i--) {
    const p = paras[i]!;
    const t = chineseDate(matchForm(squash(p.text)));
    const m = SIGNATURE_DATE.exec(t);
    if (!m) continue;
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (y < 1990 || y > 2100 || mo < 1 || mo > 12 || d < 1 || d > 31) return null;
    const date = `${y}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
    const before = t.slice(0, m.index).trimEnd();
    // The agency: the words just before the date, after the last sentence mark or space.
    const run = /([\p{Script=Han}（）()]{2,40})$/u.exec(before.split(/[\s。；;！!，,：:]/).at(-1) ?? "")?.[1] ?? "";
    let agency: string | null = run !== "" && looksLikeAgency(run) ? originalSlice(p.text, run) : null;
    if (!agency && before === "" && i > 0) {
      const prev = squash(paras[i - 1]!.text);
      if (looksLikeAgency(prev)) agency = prev;
    }
    return { agency, date, line: p.pos.line };
  }
  return null;
}

/** The printed characters of `folded` inside `printed` (same length by matchForm), or the folded form. */
function originalSlice(printed: string, folded: string): string {
  const p = squash(printed);
  const at = chineseDate(matchForm(p)).lastIndexOf(folded);
  return at >= 0 && chineseDate(matchForm(p)).length === p.length ? p.slice(at, at + folded.length) : folded;
}

/** "现公布清远市清新区人民政府办公室（以下简称区政府办公室）2022年…", "本报告由XX局编制". */
function agencyInPreamble(doc: ParsedDocument): string | null {
  const texts = doc.blocks
    .slice(0, 40)
    .filter((b) => b.type === "paragraph")
    .map((b) => squash(b.text));
  const patterns = [
    /现(?:予|将|向社会)?公布([\p{Script=Han}（）()]{2,40}?)(?:[（(]以下简称[^）)]{1,20}[）)])?(?:(?:19|20)\d{2}年度?)(?:政府信息公开|政务公开)/u,
    /现将([\p{Script=Han}（）()]{2,40}?)(?:[（(]以下简称[^）)]{1,20}[）)])?(?:(?:19|20)\d{2}年度?)(?:政府信息公开|政务公开)/u,
    /本(?:年度)?报告由([\p{Script=Han}（）()]{2,40}?)(?:负责)?(?:编制|制作|发布|撰写)/u,
  ];
  for (const t of texts) {
    const q = matchForm(t).replace(/\s+/g, "");
    const printed = t.replace(/\s+/g, "");
    for (const re of patterns) {
      const m = re.exec(q);
      if (!m?.[1]) continue;
      const start = (m.index ?? 0) + m[0].indexOf(m[1]);
      const name = printed.slice(start, start + m[1].length).replace(SHORT_NAME_NOTE, "");
      if (looksLikeAgency(name)) return name;
    }
  }
  return null;
}

export interface AgencyInputs {
  title: string | null;
  signature: Signature | null;
  /** The crawler's site entry (sites.json `agency`), the last resort. */
  siteAgency?: string | null;
}

export function findAgency(doc: ParsedDocument, inputs: AgencyInputs): Sourced<string, AgencySource> | null {
  const fromTitle = inputs.title ? agencyInTitle(inputs.title) : null;
  if (fromTitle) return { value: fromTitle, source: "title" };
  const fromPreamble = agencyInPreamble(doc);
  if (fromPreamble) return { value: fromPreamble, source: "preamble" };
  if (inputs.signature?.agency) return { value: inputs.signature.agency, source: "signature" };
  const info = doc.pageInfo;
  for (const v of [info?.publisher, info?.source]) {
    const name = v ? unglue(cleanTitle(v)) : "";
    if (name && looksLikeAgency(name)) return { value: name, source: "infoBox" };
  }
  for (const v of [info?.contentSource, info?.siteName]) {
    const name = v ? unglue(cleanTitle(v)) : "";
    if (name && looksLikeAgency(name)) return { value: name, source: "meta" };
  }
  const site = inputs.siteAgency?.trim();
  if (site) return { value: site, source: "site" };
  return null;
}

// --------------------------------------------------------------------------------------- year

const plausibleYear = (y: number) => y >= 1990 && y <= 2100;

/** "现公布…2022年政府信息公开工作年度报告", "本报告是…2022年度政府信息公开工作年度报告": the report naming itself with its year. */
const PREAMBLE_YEAR = new RegExp(String.raw`^(?:现|本|根据|按照|依据)[^。]{0,80}?((?:19|20)\d{2})年度?[^。，,]{0,12}?${REPORT_NAME}`);

export interface YearInputs {
  title: string | null;
  allText: string;
  /** The first paragraphs of the body (after the title), where "2022年度，我局…" opens. */
  openings: string[];
  signature: Signature | null;
  publishedAt: string | null;
}

export function findYear(inputs: YearInputs): Sourced<number, YearSource> | null {
  if (inputs.title) {
    const m = /((?:19|20)\d{2})(?:年|[）)])/.exec(matchForm(inputs.title));
    if (m && plausibleYear(Number(m[1]))) return { value: Number(m[1]), source: "title" };
  }
  const text = matchForm(inputs.allText).replace(/[ \t\u00a0]+/g, "");
  for (const re of STATISTICS_PERIOD) {
    const m = re.exec(text);
    if (m && plausibleYear(Number(m[1]))) return { value: Number(m[1]), source: "period" };
  }
  for (const o of inputs.openings) {
    for (const sentence of matchForm(o).replace(/\s+/g, "").split("。")) {
      const m = PREAMBLE_YEAR.exec(sentence);
      if (m && plausibleYear(Number(m[1]))) return { value: Number(m[1]), source: "preamble" };
    }
  }
  for (const o of inputs.openings) {
    const m = YEAR_OPENING.exec(matchForm(o).replace(/\s+/g, ""));
    if (m && plausibleYear(Number(m[1]))) return { value: Number(m[1]), source: "prose" };
  }
  if (inputs.signature) return { value: Number(inputs.signature.date.slice(0, 4)) - 1, source: "signature" };
  if (inputs.publishedAt) return { value: Number(inputs.publishedAt.slice(0, 4)) - 1, source: "published" };
  return null;
}

// ----------------------------------------------------------------------------------- template

export interface TemplateInputs {
  sectionTwoText: string;
  wholeText: string;
  /** Sections whose heading was found. */
  foundSections: number;
  year: number | null;
}

/**
 * The template from the content of table 二 (templates.md, "Classifier hints"); when the tables
 * are not there (images, left out), from the outline and the year: 2021 onward → 2021, 2019–2020
 * → 2019, earlier → legacy; a pre-2019 outline (一、概述, no 第二十条 table) → legacy.
 */
export function detectTemplate(t: TemplateInputs): { template: TemplateId; basis: TemplateBasis | null } {
  const hits = (s: string) => TEMPLATE_HINTS.filter((h) => h.match.test(s)).map((h) => h.template);
  const local = hits(matchForm(t.sectionTwoText));
  const found = local.length > 0 ? local : hits(matchForm(t.wholeText));
  if (found.length === 1) return { template: found[0]!, basis: "tables" };
  if (found.length > 1) {
    // Both vocabularies: the one with more distinct hint words wins; a tie stays unknown.
    const count = (re: RegExp) => (matchForm(t.sectionTwoText).match(new RegExp(re.source, "g")) ?? []).length;
    const a = count(TEMPLATE_HINTS.find((h) => h.template === "2021")!.match);
    const b = count(TEMPLATE_HINTS.find((h) => h.template === "2019")!.match);
    return a > b ? { template: "2021", basis: "tables" } : b > a ? { template: "2019", basis: "tables" } : { template: "unknown", basis: null };
  }
  const whole = matchForm(t.wholeText);
  if (!/第二十条/.test(whole) && /一\s*[、.]\s*概述/.test(whole)) return { template: "legacy", basis: "outline" };
  if (t.year !== null) {
    const template: TemplateId = t.year >= 2021 ? "2021" : t.year >= 2019 ? "2019" : "legacy";
    return { template, basis: "outlineAndYear" };
  }
  return t.foundSections >= 4 ? { template: "unknown", basis: null } : { template: "legacy", basis: "outline" };
}

