/** validate: Extraction → Anomaly[]. Each rule is a pure function; their order here is the output order. */
import type { Extraction } from "../extract/index.js";
import type { Anomaly, ReportMessage } from "../model/report.js";
import { t3Balance, t3ResultSum, t3RowSum, t4Sum } from "./arithmetic.js";
import { cellMissing, cellNotCount, cellNotNumber, feePrecision, parseUncertain, readerNotes, rowShape } from "./cells.js";
import { makeContext, type RuleContext } from "./context.js";
import { rowMissing, sectionEmpty, sectionMissing, sectionOrder, tableMissing } from "./structure.js";

export { RULES, RULES_VERSION } from "./catalogue.js";

export interface ValidateOptions {
  /** Decimals demanded of the fee when its header says nothing (anomalies.md: configuration; default none). */
  defaultFeePrecision?: number | null;
}

/** The anomalies of one report: its extraction, and what was noted while reading it (`notes`). */
export function validate(reportId: string, x: Extraction, options: ValidateOptions = {}, notes: readonly ReportMessage[] = []): Anomaly[] {
  const ctx: RuleContext = makeContext(reportId, x, notes);
  const rules: ((c: RuleContext) => Anomaly[])[] = [
    sectionMissing,
    sectionEmpty,
    sectionOrder,
    tableMissing,
    rowMissing,
    t3Balance,
    t3RowSum,
    t3ResultSum,
    t4Sum,
    (c) => feePrecision(c, options.defaultFeePrecision ?? null),
    cellMissing,
    cellNotNumber,
    cellNotCount,
    rowShape,
    parseUncertain,
    readerNotes,
  ];
  return rules.flatMap((r) => r(ctx));
}
