/**
 * TEMPLATE_OUTDATED (anomalies.md): a report for 2021 or later printed with the 2019 tables
 * (templates.md: "a 2023 report printed with 2019 tables exists"), or a pre-2019 outline for 2019
 * or later. The template is the one the content shows (extract/meta.ts, templates.md classifier
 * hints), never the one the year implies; "unknown" is not judged.
 */
import type { Anomaly } from "../../model/report.js";
import { anomaly, evidenceOf, type RuleContext } from "../context.js";
import type { RulesConfig } from "../rules-config.js";

const NAMES = {
  "2021": ["2021年格式（国办公开办函〔2021〕30号）", "the 2021 format (国办公开办函〔2021〕30号)"],
  "2019": ["2019年试行格式（国办公开办函〔2019〕60号）", "the 2019 trial format (国办公开办函〔2019〕60号)"],
  legacy: ["2019年以前的旧提纲", "a pre-2019 outline"],
} as const;

export function templateOutdated(ctx: RuleContext, config: RulesConfig): Anomaly[] {
  const { first2021Year, first2019Year } = config.TEMPLATE_OUTDATED.params;
  const { year, template } = ctx.x;
  if (year === null || (template !== "2019" && template !== "legacy")) return [];
  const expected = year >= first2021Year ? "2021" : year >= first2019Year ? "2019" : null;
  if (expected === null || expected === template || (template === "2019" && expected === "2019")) return [];
  const first = ctx.x.cells.find((c) => c.path.startsWith("activeDisclosure."));
  return [
    anomaly(ctx, "TEMPLATE_OUTDATED", {
      paths: ["template"],
      values: { year, used: NAMES[template][0], usedEn: NAMES[template][1], expected: NAMES[expected][0], expectedEn: NAMES[expected][1] },
      expected,
      actual: template,
      evidence: { ...evidenceOf(first), text: ctx.x.title ?? "" },
    }),
  ];
}
