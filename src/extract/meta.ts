/** Title, agency, reported year and template, read from the document's own words. */
import type { Block, ParsedDocument } from "../model/document.js";
import type { TemplateId } from "../model/report.js";
import { REPORT_NAME_RE, TEMPLATE_HINTS } from "../templates/index.js";
import { squash } from "./normalise.js";
import { toHalfWidth } from "./numbers.js";

const REPORT_TITLE = REPORT_NAME_RE;
const TITLE_MAX = 70;

/** Title text with the spaces that PDF/text extraction inserts ("2024 年") removed. */
function cleanTitle(s: string): string {
  return squash(s).replace(/\s+/g, "");
}

/**
 * The printed title: the first short line before the first section heading that names the
 * report; a title wrapped over two lines ("…政府信息公开工作" / "年度报告") is joined.
 */
export function findTitle(doc: ParsedDocument, firstHeadingBlock: number): string | null {
  const limit = Math.min(firstHeadingBlock < 0 ? doc.blocks.length : firstHeadingBlock, 30);
  const paras = doc.blocks.slice(0, limit).map((b: Block, i) => ({ b, i })).filter((x) => x.b.type === "paragraph");
  for (let k = 0; k < paras.length; k++) {
    const t = squash((paras[k]!.b as { text: string }).text);
    if (t.length > TITLE_MAX) continue;
    if (REPORT_TITLE.test(t.replace(/\s+/g, "")) && /年/.test(t)) return cleanTitle(t);
    const next = paras[k + 1];
    if (next && /^(年度)?(工作)?(年度)?报告$/.test(squash((next.b as { text: string }).text).replace(/\s+/g, ""))) {
      const joined = cleanTitle(t + (next.b as { text: string }).text);
      if (REPORT_TITLE.test(joined)) return joined;
    }
  }
  if (doc.metaTitle && REPORT_TITLE.test(doc.metaTitle.replace(/\s+/g, ""))) {
    const m = cleanTitle(doc.metaTitle);
    // A generic container title ("政府信息公开工作年度报告") names nobody: a printed one would have.
    if (/\d{4}/.test(m)) return m;
  }
  return null;
}

export function agencyFromTitle(title: string | null): string | null {
  if (!title) return null;
  const t = toHalfWidth(title);
  const m = /^(.*?)(\d{4})\s*年度?(.*?)(关于)?(政府信息公开|政务公开)/.exec(t);
  if (!m) return null;
  const before = (m[1] ?? "").replace(/关于$/, "").trim();
  const after = (m[3] ?? "").trim();
  const agency = before !== "" ? before : after;
  return agency !== "" ? agency : null;
}

export function yearFrom(title: string | null, text: string): number | null {
  const t = title ? toHalfWidth(title) : "";
  const m = /(\d{4})\s*年/.exec(t);
  if (m) return Number(m[1]);
  // "统计期限自2021年1月1日起至2021年12月31日止"
  const p = /(?:统计期限|统计周期|统计时限)[^。]*?(\d{4})\s*年\s*1\s*月\s*1\s*日/.exec(toHalfWidth(text));
  if (p) return Number(p[1]);
  return null;
}

/** Template from the content of table 二 (templates.md, "Classifier hints"). */
export function detectTemplate(sectionTwoText: string, wholeText: string, hasSixSections: boolean): TemplateId {
  const hits = (s: string) => TEMPLATE_HINTS.filter((h) => h.match.test(s)).map((h) => h.template);
  const local = hits(sectionTwoText);
  const found = local.length > 0 ? local : hits(wholeText);
  if (found.length === 1) return found[0]!;
  if (found.length > 1) {
    // Both vocabularies: the one with more distinct hint words wins; a tie stays unknown.
    const count = (re: RegExp) => (sectionTwoText.match(new RegExp(re.source, "g")) ?? []).length;
    const a = count(TEMPLATE_HINTS.find((h) => h.template === "2021")!.match);
    const b = count(TEMPLATE_HINTS.find((h) => h.template === "2019")!.match);
    return a > b ? "2021" : b > a ? "2019" : "unknown";
  }
  if (!/第二十条/.test(wholeText) && /一\s*[、.]\s*概述/.test(wholeText)) return "legacy";
  return hasSixSections ? "unknown" : "legacy";
}
