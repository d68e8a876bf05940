/** validate: Extraction → Anomaly[]. Each rule is a pure function; their order here is the output order. */
import type { Extraction } from "../extract/index.js";
import type { ParsedDocument } from "../model/document.js";
import type { Anomaly, ReportMessage } from "../model/report.js";
import { t3Balance, t3ResultSum, t3RowSum, t4Sum } from "./arithmetic.js";
import { cellMissing, cellNotCount, cellNotNumber, feePrecision, parseUncertain, readerNotes, rowShape } from "./cells.js";
import { makeContext, type RuleContext } from "./context.js";
import { documentIdentity, withFingerprints } from "./fingerprint.js";
import { applySettings, defaultRulesConfig, type RulesConfig } from "./rules-config.js";
import { rowMissing, sectionEmpty, sectionMissing, sectionOrder, tableMissing } from "./structure.js";
import { feeUnitSuspect } from "./within/fee-unit.js";
import { t2InForce } from "./within/t2-inforce.js";
import { templateOutdated } from "./within/template-outdated.js";
import { textTableMismatch } from "./within/text-table.js";
import { yearMismatch } from "./within/year-mismatch.js";

export { RULES, RULES_VERSION } from "./catalogue.js";

export interface ValidateOptions {
  /** Decimals demanded of the fee when its header says nothing (anomalies.md: configuration; default none). */
  defaultFeePrecision?: number | null;
  /** Switches, severities and parameters of the rules (`--rules <file>`, rules-config.ts); default: all on. */
  rules?: RulesConfig;
}

/** The paragraphs' text, for rules that read words outside the six sections (the statistics period). */
function paragraphsOf(doc: ParsedDocument | undefined): string {
  return doc ? doc.blocks.flatMap((b) => (b.type === "paragraph" ? [b.text] : [])).join("\n") : "";
}

/**
 * status by rule (anomalies.md): evidence resting on a cell read with doubt is "uncertain", never
 * "fail" — whatever the rule that built it said.
 */
export function uncertainByEvidence(anomalies: Anomaly[], isUncertain: (path: string) => boolean): Anomaly[] {
  return anomalies.map((a) => (a.status === "fail" && a.paths.some(isUncertain) ? { ...a, status: "uncertain" } : a));
}

/**
 * The anomalies of one report: its extraction, what was noted while reading it (`notes`), and the
 * document itself for rules that read words outside the six sections.
 */
export function validate(reportId: string, x: Extraction, options: ValidateOptions = {}, notes: readonly ReportMessage[] = [], doc?: ParsedDocument): Anomaly[] {
  const ctx: RuleContext = makeContext(reportId, x, notes);
  const config = options.rules ?? defaultRulesConfig();
  const precision = options.defaultFeePrecision ?? config.FEE_PRECISION.params.defaultPrecision;
  const rules: ((c: RuleContext) => Anomaly[])[] = [
    sectionMissing,
    sectionEmpty,
    sectionOrder,
    tableMissing,
    rowMissing,
    (c) => templateOutdated(c, config),
    (c) => yearMismatch(c, paragraphsOf(doc)),
    t3Balance,
    t3RowSum,
    t3ResultSum,
    t4Sum,
    t2InForce,
    (c) => feePrecision(c, precision),
    (c) => feeUnitSuspect(c, config),
    textTableMismatch,
    cellMissing,
    cellNotNumber,
    cellNotCount,
    rowShape,
    parseUncertain,
    readerNotes,
  ];
  const found = uncertainByEvidence(
    rules.flatMap((r) => r(ctx)),
    (p) => ctx.cell(p)?.uncertain === true,
  );
  const self = documentIdentity(x.agency, x.year, doc?.format ?? null, reportId);
  return withFingerprints(applySettings(config, found), () => self);
}
