/**
 * YEAR_MISMATCH (anomalies.md): the year in the title, in the statistics period ("统计期限…"), and in
 * the prose disagree. Three readings of the prose, each a sign of a report copied from the year
 * before and not brought up to date:
 *  - the statistics period starts in another year than the title's;
 *  - the signature is dated before the reported year is over (a 2025 report signed "2025年1月…");
 *  - a sentence states the reported year's figures under the previous year ("2024年制作、获取政府信息
 *    总数467条" in 平潭综合实验区财政金融局's 2025 report): a year, a figure verb and a count in one
 *    clause, not a comparison ("较2024年"), a span ("2019年以来", "截至…") or a plan.
 */
import type { Anomaly } from "../../model/report.js";
import { plainText } from "../../extract/normalise.js";
import { anomaly, type RuleContext } from "../context.js";
import { signatureDate, statisticsPeriod, titleYear } from "./dates.js";

/** A year, then a clause stating this year's figures (verb + count), in one clause. */
const FIGURE_CLAUSE = /(\d{4})\s*年(?:度)?[，,]?([^。；;，,]{0,30}?(?:主动公开|制作、获取|收到|受理|办结|办理|发布|公开)[^。；;]{0,24}?\d+\s*(?:件|条|个))/g;
/** What turns "YYYY年" into another time than the report's: comparison, span, deadline. */
const NOT_THE_PERIOD_BEFORE = /(?:较|比|与|同|自|从|至|到|截至|截止|于|和|、|及|—|-|~)$/;
const NOT_THE_PERIOD_AFTER = /^(?:度)?(?:以来|起|以前|之前|前|底|末|初|同期|相比|比较|至今|年底)/;

export function yearMismatch(ctx: RuleContext, docText: string): Anomaly[] {
  const year = titleYear(ctx.x.title);
  if (year === null) return [];
  const out: Anomaly[] = [];
  const mk = (where: string, whereEn: string, other: number, text: string, path: string) =>
    anomaly(ctx, "YEAR_MISMATCH", { paths: [path], values: { title: year, where, whereEn, other, text }, expected: year, actual: other, evidence: { text } });

  const period = statisticsPeriod(docText);
  if (period && period.year !== year) out.push(mk("统计期限", "the statistics period", period.year, period.text, "year"));

  const sig = signatureDate(ctx.x.sections[5]?.text ?? "");
  if (sig) {
    const [y, m] = sig.date.split("-").map(Number) as [number, number];
    if (y < year || (y === year && m < 12)) out.push(mk("落款日期", "the signature's date", y, sig.text, "sections.6"));
  }

  for (const s of ctx.x.sections.slice(0, 4)) {
    const text = plainText(s.text);
    const hits: string[] = [];
    for (const m of text.matchAll(FIGURE_CLAUSE)) {
      if (Number(m[1]) !== year - 1) continue;
      const before = text.slice(Math.max(0, (m.index ?? 0) - 2), m.index ?? 0);
      const after = text.slice((m.index ?? 0) + 5, (m.index ?? 0) + 9);
      if (NOT_THE_PERIOD_BEFORE.test(before) || NOT_THE_PERIOD_AFTER.test(after)) continue;
      hits.push(m[0]);
    }
    if (hits.length > 0) out.push(mk(`第${s.number}部分正文`, `the prose of section ${s.number}`, year - 1, hits[0]!, `sections.${s.number}`));
  }
  return out;
}
