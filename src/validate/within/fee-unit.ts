/**
 * FEE_UNIT_SUSPECT (anomalies.md): the fee of table 二 (本年收费金额, 万元 by the 2021 template)
 * looks printed in 元. Three signs, each named in the message:
 *  - the cell itself carries 元 ("7545元"), or the column header says 单位：元;
 *  - the prose quotes the same number in 元 ("收取行政事业性收费7545元");
 *  - the amount is beyond what an agency of its level collects in a year, read in 万元 (the
 *    bounds are parameters of the rule, by the level of the agency key's last place).
 * 信息处理费 (section 六, the fee for processing applications) is another fee and is never read.
 */
import type { Anomaly } from "../../model/report.js";
import { plainText } from "../../extract/normalise.js";
import { agencyKey, type AgencyLevel } from "../agency-key.js";
import { anomaly, evidenceOf, type RuleContext } from "../context.js";
import type { RulesConfig } from "../rules-config.js";

const LEVEL_NAMES: Record<AgencyLevel, [string, string]> = {
  province: ["省级", "a province"],
  prefecture: ["地市级", "a prefecture"],
  county: ["县级", "a county"],
  township: ["乡镇级", "a township"],
  unknown: ["（级别不明，按省级）", "an agency of unknown level (taken as a province)"],
};

/** A fee sum in the prose: 收费…N元, not 万元, not 信息处理费. */
const PROSE_FEE = /(行政事业性收费|收费金额|收取[^。；，,]{0,8}?费)[^。；;信]{0,16}?(\d+(?:\.\d+)?)\s*(万?元)/g;

export function feeUnitSuspect(ctx: RuleContext, config: RulesConfig): Anomaly[] {
  const fee = ctx.cell("activeDisclosure.fees.amount");
  if (!fee || fee.value.kind !== "number") return [];
  const value = fee.value.value;
  const mk = (why: string, whyEn: string, text: string) =>
    anomaly(ctx, "FEE_UNIT_SUSPECT", { paths: [fee.path], values: { raw: fee.raw, why, whyEn }, actual: fee.raw, expected: "万元", status: fee.uncertain ? "uncertain" : "fail", evidence: { ...evidenceOf(fee), text } });

  const header = ctx.x.feeHeader?.text ?? "";
  if (fee.value.unit === "元") return [mk("单元格内印有“元”。", "the cell itself prints 元.", fee.raw)];
  if (/单位\s*[:：]?\s*元/.test(plainText(header))) return [mk("表头单位为“元”。", "the column header states 元.", header)];

  const prose = ctx.x.sections.map((s) => plainText(s.text)).join("\n");
  for (const m of prose.matchAll(PROSE_FEE)) {
    if (m[3] !== "元" || /信息处理费/.test(m[1]!)) continue;
    if (Number(m[2]) === value && value !== 0) return [mk(`正文以元为单位写出同一数字（“${m[0]}”）。`, `the prose gives the same number in 元 ("${m[0]}").`, m[0])];
  }

  const key = agencyKey(ctx.x.agency);
  const level = key?.level ?? "unknown";
  const p = config.FEE_UNIT_SUSPECT.params;
  const cap = { province: p.maxWanProvince, prefecture: p.maxWanPrefecture, county: p.maxWanCounty, township: p.maxWanTownship, unknown: p.maxWanProvince }[level];
  if (value > cap) {
    const [zh, en] = LEVEL_NAMES[level];
    return [mk(`按万元计为${value / 1e4}亿元，超出${zh}机关一年收费的合理上限（${cap}万元），更像是以元填报。`, `read in 万元 it is ${value / 1e4} 亿元, beyond what ${en} collects in a year (${cap} 万元): more likely printed in 元.`, header)];
  }
  return [];
}
