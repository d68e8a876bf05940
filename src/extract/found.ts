/** What extraction found, before it becomes the contract's model: cells with their reading, and facts the checks need. */
import type { Position } from "../model/document.js";
import type { CellRecord } from "../model/report.js";
import { statOf, type CellValue } from "./numbers.js";

/** The three statistics tables, by the contract's key of each. */
export type TableKey = "activeDisclosure" | "applications" | "reviewLitigation";

/**
 * Where a value goes in the model: its table, row and column, kept apart. Row keys of table 三
 * contain dots ("denied.stateSecret"), so the contract's dotted `path` is written from the key
 * and never split again.
 */
export interface CellKey {
  table: TableKey;
  /** Table 二: the block ("rules"); 三: the RowKey ("denied.stateSecret"); 四: the group ("review"). */
  row: string;
  /** The ColumnKey, or the column of the block or group ("issued", "total", "upheld"). */
  col: string;
}

/** The contract's path of a cell (data-contract.md §3 CellRecord): "applications.rows.denied.stateSecret.total". */
export function pathOf(key: CellKey): string {
  return key.table === "applications" ? `applications.rows.${key.row}.${key.col}` : `${key.table}.${key.row}.${key.col}`;
}

/** The contract's path of a whole row ("applications.rows.newReceived", "activeDisclosure.rules"). */
export function rowPathOf(table: TableKey, row: string): string {
  return table === "applications" ? `applications.rows.${row}` : `${table}.${row}`;
}

export interface FoundCell {
  key: CellKey;
  /** pathOf(key), the contract's name of the cell. */
  path: string;
  raw: string;
  value: CellValue;
  pos: Position | null;
  rowLabel: string | null;
  /** The value was read with less than full confidence (guessed alignment, order-only row match). */
  uncertain: boolean;
}

/** A found cell whose value was read (once) where its text was met. */
export function foundCell(key: CellKey, raw: string, value: CellValue, pos: Position | null, rowLabel: string | null, uncertain = false): FoundCell {
  return { key, path: pathOf(key), raw: raw.trim(), value, pos, rowLabel, uncertain };
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
  /** Template rows not printed (paths of whole rows): see expected-rows.ts, the one rule. */
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

/** What every table reader returns: its cells in printed order, and the facts the checks need. */
export interface TableRead {
  cells: FoundCell[];
  facts: TableFacts;
}

export function toCellRecord(c: FoundCell): CellRecord {
  const rec: CellRecord = { path: c.path, value: statOf(c.value), raw: c.raw };
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
