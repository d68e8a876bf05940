/**
 * T2_INFORCE (anomalies.md): in table 二 (2021), what is in force at the year's end cannot be
 * fewer than what was issued this year less what was repealed (the repealed may be older
 * documents, so only inForce < issued − repealed is impossible; inForce < issued alone can be
 * reconciled). A blank 本年废止 is read as 0, and the anomaly is then uncertain.
 */
import type { Anomaly } from "../../model/report.js";
import { anomaly, type RuleContext } from "../context.js";

const ROWS = [
  { key: "rules", label: "规章", en: "rules (规章)" },
  { key: "normativeDocuments", label: "行政规范性文件", en: "normative documents (行政规范性文件)" },
] as const;

export function t2InForce(ctx: RuleContext): Anomaly[] {
  if (ctx.x.template !== "2021") return [];
  const out: Anomaly[] = [];
  for (const row of ROWS) {
    const cell = (col: string) => ctx.cell(`activeDisclosure.${row.key}.${col}`);
    const num = (col: string) => {
      const c = cell(col);
      return c && c.value.kind === "number" ? c.value.value : null;
    };
    const issued = num("issued");
    const inForce = num("inForce");
    const repealed = num("repealed");
    if (issued === null || inForce === null) continue;
    const floor = issued - (repealed ?? 0);
    if (inForce >= floor) continue;
    const uncertain = repealed === null || ["issued", "repealed", "inForce"].some((c) => cell(c)?.uncertain);
    out.push(
      anomaly(ctx, "T2_INFORCE", {
        paths: [`activeDisclosure.${row.key}.inForce`, `activeDisclosure.${row.key}.issued`, `activeDisclosure.${row.key}.repealed`],
        values: { row: row.label, rowEn: row.en, inForce, issued, repealed: repealed ?? "（空）" },
        expected: `>= ${floor}`,
        actual: inForce,
        status: uncertain ? "uncertain" : "fail",
      }),
    );
  }
  return out;
}
