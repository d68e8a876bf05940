/**
 * A Word table's rows of w:tc → the rectangular grid of the document model, laid out as Word
 * lays it out (ECMA-376 Part 1 §17.4):
 *
 * - the grid is w:tblGrid's columns (§17.4.48), widened when rows hold more slots than it lists;
 * - a cell covers w:gridSpan columns (§17.4.17);
 * - legacy w:hMerge (§17.4.22, written by Word 95-era converters and WPS) joins a "restart" cell
 *   and the "continue" cells after it into one cell; an absent val means continue;
 * - w:vMerge (§17.4.85) joins a "restart" cell and the "continue" cells below it at the same
 *   columns; an absent val means continue;
 * - w:gridBefore / w:gridAfter (§17.4.14/15, in w:trPr) make a row start late or end early.
 *
 * Grid convention for skipped slots (gridBefore, gridAfter, or a row shorter than the grid): each
 * slot is a blank cell of its own (text "", 1×1, its own origin), exactly as the HTML reader fills
 * a ragged row, and as an empty <td> prints. So rows[r][c] is always Word's grid slot (r, c) and
 * every row has the table's width; extraction drops blank label cells and trims blank value
 * positions beyond a row's template width.
 *
 * A continuation cell's own text is not shown by Word (the merged cell shows the restart cell's
 * content); when it is not blank, it is dropped with a warning, so a number is never lost silently.
 */
import { position, type GridCell } from "../model/document.js";
import { note, type ReaderMessage } from "../model/notes.js";
import type { Place } from "../model/message.js";
import { DEFAULT_LIMITS, tooManyCells, type ReadLimits } from "../limits.js";

export type Merge = "restart" | "continue" | null;

/** One w:tc as read from the XML: its span, merge marks and text lines. */
export interface RawCell {
  span: number;
  vMerge: Merge;
  hMerge: Merge;
  /** The cell's text, lines joined by "\n", whitespace-normalised. */
  text: string;
}

/** One w:tr: the slots it skips before and after its cells, and its cells in order. */
export interface RawRow {
  before: number;
  after: number;
  cells: RawCell[];
}

interface Origin {
  row: number;
  col: number;
  colSpan: number;
  rowSpan: number;
  text: string;
}

/** Caps against hostile spans: Word's own limit is 63 columns; HTML's colspan cap is 1000. */
const MAX_GRID_COLUMNS = 1000;

export interface BuiltGrid {
  rows: GridCell[][];
  messages: ReaderMessage[];
}

export function buildGrid(rawRows: RawRow[], gridColumns: number, tableIndex: number, limits: ReadLimits = DEFAULT_LIMITS): BuiltGrid {
  const messages: ReaderMessage[] = [];
  const dropped: string[] = [];
  /** The first slot each problem was seen at, for the message's place. */
  let droppedAt: Place | null = null;
  let unmatchedAt: Place | null = null;
  let unmatched = 0;
  let skipped = false;
  let clipped = false;

  // Pass 1: each row's logical cells with their grid columns, hMerge runs joined.
  type Placed = { col: number; span: number; vMerge: Merge; text: string };
  const placedRows: Placed[][] = rawRows.map((row, r) => {
    const out: Placed[] = [];
    let col = clampSpan(row.before);
    let inHMerge = false;
    for (const cell of row.cells) {
      const span = clampSpan(cell.span, 1);
      const prev = out[out.length - 1];
      if (cell.hMerge === "continue" && inHMerge && prev) {
        prev.span += span;
        if (cell.text !== "") {
          dropped.push(cell.text);
          droppedAt ??= { table: tableIndex, row: r, col };
        }
      } else {
        out.push({ col, span, vMerge: cell.vMerge, text: cell.text });
        inHMerge = cell.hMerge !== null; // a lone "continue" starts a run, as Word treats it
      }
      col += span;
    }
    return out;
  });

  let width = Math.min(MAX_GRID_COLUMNS, Math.max(0, gridColumns));
  placedRows.forEach((cells, r) => {
    const last = cells[cells.length - 1];
    const end = (last ? last.col + last.span : clampSpan(rawRows[r]?.before ?? 0)) + clampSpan(rawRows[r]?.after ?? 0);
    width = Math.max(width, Math.min(MAX_GRID_COLUMNS, end));
  });

  // Every row has the grid's width: the slots are rows × width, counted before one is made.
  if (placedRows.length * width > limits.maxTableCells) throw tooManyCells({ table: tableIndex, rows: placedRows.length }, limits);

  // Pass 2: vertical merges. Open merges are keyed by their first column; a continue cell joins
  // the merge open above it when it covers the same columns.
  const slots: (Origin | null)[][] = placedRows.map(() => Array.from({ length: width }, () => null));
  let open = new Map<number, Origin>();
  placedRows.forEach((cells, r) => {
    const next = new Map<number, Origin>();
    for (const cell of cells) {
      if (cell.col >= width) {
        clipped = true;
        continue;
      }
      const span = Math.min(cell.span, width - cell.col);
      if (span < cell.span) clipped = true;
      let origin: Origin | undefined;
      if (cell.vMerge === "continue") {
        const above = open.get(cell.col);
        if (above && above.colSpan === span) {
          origin = above;
          origin.rowSpan = r - origin.row + 1;
          if (cell.text !== "") {
            dropped.push(cell.text);
            droppedAt ??= { table: tableIndex, row: r, col: cell.col };
          }
        } else {
          unmatched++;
          unmatchedAt ??= { table: tableIndex, row: r, col: cell.col };
        }
      }
      origin ??= { row: r, col: cell.col, colSpan: span, rowSpan: 1, text: cell.text };
      if (cell.vMerge !== null) next.set(cell.col, origin);
      const row = slots[r]!;
      for (let c = cell.col; c < cell.col + span; c++) row[c] = origin;
    }
    open = next;
  });

  const rows: GridCell[][] = slots.map((row, r) =>
    row.map((o, c) => {
      if (!o) {
        skipped = true;
        return { text: "", originRow: r, originCol: c, rowSpan: 1, colSpan: 1, pos: position({ table: tableIndex, row: r, col: c }) };
      }
      return { text: o.text, originRow: o.row, originCol: o.col, rowSpan: o.rowSpan, colSpan: o.colSpan, pos: position({ table: tableIndex, row: r, col: c }) };
    }),
  );

  const table = tableIndex + 1;
  if (skipped) {
    const cause = { zh: "w:gridBefore/w:gridAfter，或单元格少于表格网格", en: "w:gridBefore/w:gridAfter, or fewer cells than the grid" };
    messages.push(note("TABLE_RAGGED", { table, cause }, { table: tableIndex }));
  }
  if (unmatched > 0) messages.push(note("VMERGE_UNMATCHED", { table, count: unmatched }, unmatchedAt));
  if (clipped) messages.push(note("TABLE_CLIPPED", { table, max: MAX_GRID_COLUMNS }, { table: tableIndex }));
  if (dropped.length > 0) messages.push(note("MERGED_TEXT_DROPPED", { table, texts: dropped.map((t) => JSON.stringify(t)).join(", ") }, droppedAt));
  return { rows, messages };
}

function clampSpan(n: number, min = 0): number {
  if (!Number.isFinite(n)) return min;
  return Math.max(min, Math.min(MAX_GRID_COLUMNS, Math.trunc(n)));
}
