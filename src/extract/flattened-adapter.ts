/**
 * Tables of a page flattened to one line (cells run together without separators) are read by
 * the solver in flattened.ts; this adapter hands it the section's text and gives its results the
 * shape of the other readers': the same cell values, read by the same reader of numbers
 * (numbers.ts `readCell`) from the digits the solver proved to be the cell's, and `undetermined`
 * where it proved nothing; each value with its line in the source.
 */
import type { Block, Position } from "../model/document.js";
import { position } from "../model/document.js";
import { readFlattenedTable2, readFlattenedTable3, readFlattenedTable4, type FlatCell, type FlatResult } from "./flattened.js";
import { emptyFacts, foundCell, type FoundCell, type TableFacts, type TableRead } from "./found.js";
import { BLANK, readCell, type CellValue } from "./numbers.js";

interface Joined {
  text: string;
  /** Start offset of each paragraph in `text`, with its position. */
  starts: { at: number; pos: Position }[];
}

function join(blocks: Block[]): Joined {
  const starts: Joined["starts"] = [];
  let text = "";
  for (const b of blocks) {
    if (b.type !== "paragraph") continue;
    if (text !== "") text += "\n";
    starts.push({ at: text.length, pos: b.pos });
    text += b.text;
  }
  return { text, starts };
}

function posAt(j: Joined, offset: number): Position | null {
  let found: Position | null = null;
  for (const s of j.starts) if (s.at <= offset) found = s.pos;
  return found ? position({ line: found.line ?? undefined, page: found.page ?? undefined }) : null;
}

/** The value of a solved cell: its own digits (and the unit printed after them) read as any cell is. */
function valueOf(c: FlatCell): CellValue {
  if (c.value === null) return c.uncertain ? { kind: "undetermined", alternatives: c.alternatives ?? [] } : BLANK;
  const v = readCell(c.raw + (c.unit ?? ""));
  // The solver cuts cells that are numbers by construction (splits.ts CELL_PATTERN); anything else is a defect.
  if (v.kind !== "number" || v.value !== c.value) throw new Error(`flattened cell ${c.path}: "${c.raw}" does not read as ${c.value}`);
  return v;
}

function toFound(c: FlatCell, j: Joined, label: string | null): FoundCell {
  return foundCell(c.key, c.raw, valueOf(c), posAt(j, c.offset), label, c.uncertain);
}

function facts(result: FlatResult): TableFacts {
  const f = emptyFacts();
  f.found = result.cells.length > 0;
  f.notes.push(...result.notes);
  return f;
}

function read(blocks: Block[], solve: (text: string) => FlatResult | null, labelled: boolean): TableRead | null {
  const j = join(blocks);
  const r = solve(j.text);
  if (!r || r.cells.length === 0) return null;
  const labels = new Map(r.rows.map((row) => [row.key, row.label]));
  return { cells: r.cells.map((c) => toFound(c, j, labelled ? (labels.get(c.key.row) ?? null) : null)), facts: facts(r) };
}

export const readFlattened = {
  table2: (blocks: Block[], template: "2021" | "2019"): TableRead | null => read(blocks, (t) => readFlattenedTable2(t, template), true),
  table3: (blocks: Block[]): TableRead | null => read(blocks, readFlattenedTable3, true),
  table4: (blocks: Block[]): TableRead | null => read(blocks, readFlattenedTable4, false),
};
