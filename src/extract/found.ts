/** What extraction found, before it becomes the contract's model: cells with their reading, and facts the checks need. */
import type { Position } from "../model/document.js";
import type { CellRecord } from "../model/report.js";
import { readCell, type CellValue } from "./numbers.js";

export interface FoundCell {
  path: string;
  raw: string;
  value: CellValue;
  pos: Position | null;
  rowLabel: string | null;
  /** The value was read with less than full confidence (guessed alignment, order-only row match). */
  uncertain: boolean;
}

export function foundCell(path: string, raw: string, pos: Position | null, rowLabel: string | null, uncertain = false): FoundCell {
  return { path, raw: raw.trim(), value: readCell(raw), pos, rowLabel, uncertain };
}

/** A row printed with more or fewer value positions than its table has columns (ROW_SHAPE). */
export interface RowShape {
  path: string;
  printed: number;
  expected: number;
  kept: string[];
  dropped: string[];
  raw: string;
  pos: Position | null;
}

export interface TableFacts {
  /** The table was found (as a table, loose rows, or a flattened run). */
  found: boolean;
  /** Template rows not printed (paths of whole rows). */
  missingRows: string[];
  rowShapes: RowShape[];
  /** Rows placed by their order alone (no readable label). */
  placedByOrder: { path: string; pos: Position | null }[];
  /** Cells the flattened-text solver could not decide. */
  notes: string[];
}

export function emptyFacts(): TableFacts {
  return { found: false, missingRows: [], rowShapes: [], placedByOrder: [], notes: [] };
}

export function toCellRecord(c: FoundCell): CellRecord {
  const rec: CellRecord = { path: c.path, value: c.value.kind === "number" ? c.value.value : null, raw: c.raw };
  if (c.rowLabel) rec.rowLabel = c.rowLabel;
  const p = c.pos;
  if (p) {
    if (p.page !== null) rec.page = p.page;
    if (p.bbox !== null) rec.bbox = p.bbox;
    if (p.line !== null) rec.line = p.line;
    if (p.table !== null) rec.table = p.table;
    if (p.row !== null) rec.row = p.row;
    if (p.col !== null) rec.col = p.col;
  }
  if (c.uncertain) rec.uncertain = true;
  if (c.value.kind === "number" && c.value.unit) rec.unit = c.value.unit;
  return rec;
}
