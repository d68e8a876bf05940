/** What every rule receives, and the one way an anomaly is built (evidence from the first path's cell). */
import type { Extraction } from "../extract/index.js";
import type { FoundCell } from "../extract/found.js";
import type { Anomaly, Evidence } from "../model/report.js";
import { RULES, fill, type RuleCode } from "./catalogue.js";

export interface RuleContext {
  reportId: string;
  x: Extraction;
  cell(path: string): FoundCell | undefined;
}

export function makeContext(reportId: string, x: Extraction): RuleContext {
  const index = new Map(x.cells.map((c) => [c.path, c]));
  return { reportId, x, cell: (p) => index.get(p) };
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

/** ctx: a rule's context; cross-document rules, which have no Extraction, pass only the report id and a cell look-up. */
export function anomaly(ctx: Pick<RuleContext, "reportId" | "cell">, code: RuleCode, init: AnomalyInit): Anomaly {
  const def = RULES[code];
  const a: Anomaly = {
    reportId: ctx.reportId,
    code: def.code,
    severity: def.severity,
    status: init.status ?? "fail",
    responsibility: def.responsibility,
    message: fill(def.message, init.values ?? {}),
    paths: init.paths,
    ...(init.expected !== undefined ? { expected: init.expected } : {}),
    ...(init.actual !== undefined ? { actual: init.actual } : {}),
    evidence: init.evidence ?? evidenceOf(ctx.cell(init.paths[0] ?? "")),
  };
  return a;
}
