/** What every rule receives, and the one way an anomaly is built (evidence from the first path's cell). */
import type { Extraction } from "../extract/index.js";
import type { FoundCell } from "../extract/found.js";
import type { Anomaly, Evidence, ReportMessage } from "../model/report.js";
import type { Message } from "../../parsers/model/message.js";
import { RULES, fill, type RuleCode } from "./catalogue.js";

export interface RuleContext {
  reportId: string;
  x: Extraction;
  /** What the reader (and the crawler) noted about the input. */
  notes: readonly ReportMessage[];
  cell(path: string): FoundCell | undefined;
}

export function makeContext(reportId: string, x: Extraction, notes: readonly ReportMessage[] = []): RuleContext {
  const index = new Map(x.cells.map((c) => [c.path, c]));
  return { reportId, x, notes, cell: (p) => index.get(p) };
}

export interface AnomalyInit {
  paths: string[];
  values?: Record<string, string | number>;
  expected?: number | string;
  actual?: number | string;
  status?: "fail" | "uncertain";
  evidence?: Evidence;
}

export function evidenceOf(c: FoundCell | undefined): Evidence {
  if (!c) return {};
  const e: Evidence = { raw: c.raw };
  const p = c.pos;
  if (p) {
    if (p.page !== null) e.page = p.page;
    if (p.bbox !== null) e.bbox = [...p.bbox];
    if (p.line !== null) e.line = p.line;
    if (p.table !== null) e.table = p.table;
    if (p.row !== null) e.row = p.row;
    if (p.col !== null) e.col = p.col;
  }
  return e;
}

/**
 * An anomaly before it is written: a message (parsers/model/message.ts) of the rule catalogue,
 * said by the validate stage, with the report's paths, its status and who is responsible. Its
 * place is the evidence: where the cell stands, with the text printed there.
 */
export interface AnomalyMessage extends Message<RuleCode, Evidence> {
  place: Evidence;
  paths: string[];
  status: "fail" | "uncertain";
  responsibility: "source" | "parser";
}

/** ctx: a rule's context; cross-document rules, which have no Extraction, pass only the report id and a cell look-up. */
export function ruleMessage(ctx: Pick<RuleContext, "reportId" | "cell">, code: RuleCode, init: AnomalyInit): AnomalyMessage {
  const def = RULES[code];
  const m: AnomalyMessage = {
    ruleId: def.code,
    severity: def.severity,
    source: "validate",
    place: init.evidence ?? evidenceOf(ctx.cell(init.paths[0] ?? "")),
    reason: fill(def.message, init.values ?? {}),
    paths: init.paths,
    status: init.status ?? "fail",
    responsibility: def.responsibility,
  };
  if (init.expected !== undefined) m.expected = init.expected;
  if (init.actual !== undefined) m.actual = init.actual;
  return m;
}

/** The message written with the contract's names (data-contract.md §4): code, message, evidence. */
export function toAnomaly(reportId: string, m: AnomalyMessage): Anomaly {
  return {
    reportId,
    code: m.ruleId,
    severity: m.severity,
    status: m.status,
    responsibility: m.responsibility,
    message: m.reason,
    paths: m.paths,
    ...(m.expected !== undefined ? { expected: m.expected } : {}),
    ...(m.actual !== undefined ? { actual: m.actual } : {}),
    evidence: m.place,
  };
}

export function anomaly(ctx: Pick<RuleContext, "reportId" | "cell">, code: RuleCode, init: AnomalyInit): Anomaly {
  return toAnomaly(ctx.reportId, ruleMessage(ctx, code, init));
}
