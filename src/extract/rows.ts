/**
 * Rows of a statistics table as extraction sees them, whatever the format: the printed label
 * cells, then the value positions. Merged cells count once (a colspan is one printed value, a
 * rowspan continuation belongs to the row that started it), so a row reads as it was printed.
 */
import type { Block, Position } from "../model/document.js";
import { position } from "../model/document.js";
import { readCell, type CellValue } from "./numbers.js";
import { squash } from "./normalise.js";

/**
 * Tables rebuilt from lines of one cell each (text-tables.ts), whose rows hold their values in
 * order but not their columns. Kept beside the document model, which has no word for it.
 */
const ORDER_ONLY = new WeakSet<Block>();
export const markOrderOnly = (t: Block): void => void ORDER_ONLY.add(t);
const isOrderOnly = (t: Block): boolean => ORDER_ONLY.has(t);

/** A printed cell: its text, read once into a value where it is met, and its place. */
export interface RowCell {
  text: string;
  value: CellValue;
  pos: Position;
}

export function rowCell(text: string, pos: Position): RowCell {
  return { text, value: readCell(text), pos };
}

export interface Row {
  /** Label cells joined by a space, as printed. */
  label: string;
  labelCells: RowCell[];
  values: RowCell[];
  source: "table" | "paragraph";
  tableIndex: number | null;
  /** The reader guessed this table's grid (Table.inferred): its values are uncertain. */
  inferred: boolean;
  /**
   * The row's values stand in printed order only, without their columns (a table printed one
   * cell per line, where a blank cell leaves no line): a row short of values cannot be placed.
   */
  orderOnly: boolean;
}

/**
 * Labels are Chinese words ("行政许可", "（一）予以公开"); text without a Han character after them
 * ("abc", "N/A") stands where a value is printed, and is that value: CELL_NOT_NUMBER, raw kept.
 */
const HAN = /\p{Script=Han}/u;
const isLabel = (c: RowCell): boolean => c.value.kind === "text" && HAN.test(c.text);

function splitRow(cells: RowCell[], source: Row["source"], tableIndex: number | null, inferred = false, orderOnly = false): Row {
  let last = -1;
  cells.forEach((c, i) => {
    if (isLabel(c)) last = i;
  });
  const labelCells = cells.slice(0, last + 1).filter((c) => c.text.trim() !== "");
  return {
    label: squash(labelCells.map((c) => c.text).join(" ")),
    labelCells,
    values: cells.slice(last + 1),
    source,
    tableIndex,
    inferred,
    orderOnly,
  };
}

/** "行政许可 97", "行政事业性收费 0": a label and its numbers printed as a line of text. */
const MAX_LOOSE_LABEL = 40;
const LOOSE_ROW = /^(.*[\u4e00-\u9fff）)])\s+((?:[+\-−]?[\d,.]+\s*)+)$/;

export function rowsOf(blocks: Block[]): Row[] {
  const rows: Row[] = [];
  for (const b of blocks) {
    if (b.type === "table") {
      b.rows.forEach((grid, r) => {
        const seen = new Set<string>();
        const cells: RowCell[] = [];
        grid.forEach((slot, c) => {
          if (slot.originRow !== r) return; // continuation of a rowspan from above
          const k = `${slot.originRow}:${slot.originCol}`;
          if (seen.has(k)) return;
          seen.add(k);
          cells.push(rowCell(slot.text, slot.pos ?? position({ table: b.index, row: r, col: c })));
        });
        if (cells.length > 0) rows.push(splitRow(cells, "table", b.index, b.inferred === true, isOrderOnly(b)));
      });
      continue;
    }
    const m = LOOSE_ROW.exec(squash(b.text));
    if (!m) continue;
    const label = m[1] ?? "";
    // A row label is a few words; a long run of prose that happens to end in numbers is not a row.
    if (label.length > MAX_LOOSE_LABEL) continue;
    const values = (m[2] ?? "").trim().split(/\s+/);
    rows.push({
      label,
      labelCells: [rowCell(label, b.pos)],
      values: values.map((v) => rowCell(v, b.pos)),
      source: "paragraph",
      tableIndex: null,
      inferred: false,
      orderOnly: false,
    });
  }
  return rows;
}

/** A piece of printed text and its place. */
export interface PlacedText {
  text: string;
  pos: Position;
}

/** Any cell text of the blocks, tables included, in order: for finding headers such as the fee's. */
export function allTexts(blocks: Block[]): PlacedText[] {
  const out: PlacedText[] = [];
  for (const b of blocks) {
    if (b.type === "paragraph") out.push({ text: b.text, pos: b.pos });
    else
      b.rows.forEach((grid, r) =>
        grid.forEach((slot, c) => {
          if (slot.originRow === r && slot.originCol === c) out.push({ text: slot.text, pos: slot.pos });
        }),
      );
  }
  return out;
}
