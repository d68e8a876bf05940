/**
 * Table 二 → activeDisclosure, for the template the report follows. Each row is found by its
 * label (src/templates/table2.ts) and its values placed on the block's columns in printed order:
 * Word exports often merge a value over two grid columns, so grid positions do not line up with
 * the header (上海 2019), while the printed order always does.
 */
import { TABLE2, FEE_HEADER, type Table2Block, type Table2Row } from "../templates/index.js";
import type { Position } from "../model/document.js";
import { foundCell, emptyFacts, type CellKey, type FoundCell, type TableFacts, type TableRead } from "./found.js";
import { BLANK } from "./numbers.js";
import { foldLabel } from "./normalise.js";
import { allTexts, type Row, type RowCell } from "./rows.js";
import type { Block } from "../model/document.js";

export interface Table2Result extends TableRead {
  /** The fee column's header as printed (it may demand a precision: FEE_PRECISION). */
  feeHeader: { text: string; pos: Position } | null;
}

function findRow(label: string, template: "2021" | "2019"): { block: Table2Block; row: Table2Row } | null {
  const f = foldLabel(label);
  for (const block of TABLE2[template]) {
    for (const row of block.rows) {
      if (row.match.test(f)) return { block, row };
    }
  }
  return null;
}

function place(block: Table2Block, row: Table2Row, r: Row, facts: TableFacts): FoundCell[] {
  const n = block.columns.length;
  const v: RowCell[] = [...r.values];
  while (v.length > n && v[v.length - 1]!.text.trim() === "") v.pop();
  while (v.length > n && v[0]!.text.trim() === "") v.shift();
  const key = (col: string): CellKey => ({ table: "activeDisclosure", row: row.key, col });
  const at = (col: string, c: RowCell | undefined, uncertain: boolean) =>
    foundCell(key(col), c ? c.text : "", c ? c.value : BLANK, c ? c.pos : null, r.label, uncertain);
  if (v.length === n) return block.columns.map((col, i) => at(col, v[i], false));
  const shape = {
    path: `activeDisclosure.${row.key}`,
    printed: v.length,
    expected: n,
    kept: [] as string[],
    dropped: [] as string[],
    raw: r.values.map((c) => c.text).join("\t"),
    pos: v[0]?.pos ?? null,
  };
  let cells: FoundCell[];
  if (r.orderOnly && v.length < n) {
    // Values in order, columns not printed: none can be placed (text-tables.ts).
    const unplaced = v.map((c) => c.text.trim()).join(" ");
    cells = block.columns.map((col) => foundCell(key(col), unplaced, { kind: "undetermined", alternatives: [] }, v[0]?.pos ?? null, r.label, true));
    shape.kept = [];
    shape.dropped = v.map((c) => c.text.trim());
  } else if (v.length > n) {
    cells = block.columns.map((col, i) => at(col, v[i], true));
    shape.kept = v.slice(0, n).map((c) => c.text.trim());
    shape.dropped = v.slice(n).map((c) => c.text.trim());
  } else {
    // Short row: the first value opens the row and the last closes it (上海 2025: "规章 | 22 | 235"
    // under 本年制发/本年废止/现行有效); what lies between cannot be placed.
    cells = block.columns.map((col, i) => {
      let c: RowCell | undefined;
      if (i === 0) c = v[0];
      else if (i === n - 1 && v.length > 1) c = v[v.length - 1];
      else if (i < v.length - 1) c = undefined;
      return at(col, c, c === undefined || v.length < n);
    });
    shape.kept = v.map((c) => c.text.trim());
  }
  facts.rowShapes.push(shape);
  return cells;
}

/** True when the label names a row of table 二 in either template. */
export function matchTable2Row(label: string): boolean {
  return findRow(label, "2021") !== null || findRow(label, "2019") !== null;
}

export function extractTable2(rows: Row[], blocks: Block[], template: "2021" | "2019"): Table2Result {
  const facts = emptyFacts();
  const taken = new Map<string, FoundCell[]>();
  for (const r of rows) {
    if (r.values.length === 0 || r.label === "") continue;
    const hit = findRow(r.label, template);
    if (!hit || taken.has(hit.row.key)) continue;
    if (!r.values.some((c) => c.value.kind !== "text")) continue;
    const cells = place(hit.block, hit.row, r, facts);
    if (r.inferred) for (const c of cells) c.uncertain = true;
    taken.set(hit.row.key, cells);
  }
  facts.found = taken.size > 0;
  const cells: FoundCell[] = [];
  for (const block of TABLE2[template]) for (const row of block.rows) cells.push(...(taken.get(row.key) ?? []));
  const header = allTexts(blocks).find((t) => FEE_HEADER.test(t.text));
  return { cells, facts, feeHeader: header ? { text: header.text.trim(), pos: header.pos } : null };
}
