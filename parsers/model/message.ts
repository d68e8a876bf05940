/**
 * The one shape of everything a stage says about a document, in the manner of vfile-message
 * (unified): a catalogued code (`ruleId`), a severity, the place in the source it concerns, a
 * sentence (`reason`), optionally the values involved (`actual`, `expected`) and structured
 * context. Readers' notes (./notes.ts), the crawler's notes, anomalies (src/validate, which add
 * the report's paths) and failures (./errors.ts, fatal) are all Messages; what differs is their
 * catalogue, i.e. the union `Code`.
 *
 * Severities follow vfile's fail / message / info: "error" means the input cannot be used (a
 * failure) or, for an anomaly, a rule the publisher broke; "warning" something an auditor should
 * know; "info" a note on how the input was read.
 */
import type { Position } from "./document.js";
import type { Stage } from "./errors.js";

export type Severity = "error" | "warning" | "info";

/**
 * Where in the source: page and box (PDF), line (text formats and HTML source), table/row/col
 * (grids; 0-based like CellRecord's). Absent keys are not known; keys are written in this order.
 */
export interface Place {
  page?: number;
  bbox?: [number, number, number, number];
  line?: number;
  table?: number;
  row?: number;
  col?: number;
}

/** Facts a message carries for machines; plain values only, so a message is serialisable as is. */
export type MessageContext = Readonly<Record<string, unknown>>;

export interface Message<Code extends string = string, P extends Place = Place> {
  /** The catalogued code: which rule or note this is. */
  ruleId: Code;
  severity: Severity;
  /** The stage that said it. */
  source: Stage;
  /** Where in the source it stands; null when it concerns the whole input. */
  place: P | null;
  /** What happened, one sentence in Chinese then the same in English (the catalogue's text, filled). */
  reason: string;
  actual?: number | string;
  expected?: number | string;
  context?: MessageContext;
}

/** The place of a document position: its known coordinates, in Place's order. */
export function placeOf(p: Partial<Position> | null | undefined): Place | null {
  if (!p) return null;
  const out: Place = {};
  if (p.page != null) out.page = p.page;
  if (p.bbox != null) out.bbox = [...p.bbox];
  if (p.line != null) out.line = p.line;
  if (p.table != null) out.table = p.table;
  if (p.row != null) out.row = p.row;
  if (p.col != null) out.col = p.col;
  return Object.keys(out).length > 0 ? out : null;
}

/** A value for a message template: the same in both languages, or one for each. */
export type TemplateValue = string | number | { zh: string; en: string };

/** Fill {placeholders}; a placeholder without a value stays as it is, so a missing value shows. */
export function fill(template: string, values: Readonly<Record<string, TemplateValue>>, lang: "zh" | "en" = "en"): string {
  return template.replace(/\{(\w+)\}/g, (whole, k: string) => {
    const v = values[k];
    if (v === undefined) return whole;
    return typeof v === "object" ? v[lang] : String(v);
  });
}
