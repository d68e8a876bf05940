/**
 * Tables of a page from its rulings (and, failing those, from the alignment of its text), and
 * tables of the document: a table that runs over a page break is one table. Its continuation
 * may repeat the header rows (Word's "repeat as header row"), which are dropped; a merged cell
 * cut by the page break (WPS prints "（四）无" at the foot of one page and "法提供" at the head
 * of the next; the vertical group label's cell goes on empty) is joined again.
 */
import { position, type GridCell, type Table } from "../model/document.js";
import { bboxOf, clusterValues, nearestIndex, type Box } from "./geometry.js";
import { assignRuns, cellText } from "./cells.js";
import { cellBox, gridOf, groupRulings, type Grid } from "./grid.js";
import { inferTables } from "./infer.js";
import { mergeSegments } from "./rulings.js";
import { DEFAULT_LIMITS, tooManyCells } from "../limits.js";
import { startsWithEnumerator } from "./text.js";
import type { PageGraphics, TextRun } from "./types.js";

/** The part of a table printed on one page. */
export interface PageTable {
  page: number;
  grid: Grid;
  /** Text of each cell of `grid.cells`. */
  texts: string[];
  /** Columns guessed from the text, not read from rulings. */
  inferred: boolean;
}

/** The ruled grids of a page (before any text is placed). */
export function ruledGrids(graphics: PageGraphics, maxCells?: number): { grids: Grid[]; bare: ReturnType<typeof groupRulings>["bare"] } {
  const horizontals = mergeSegments(graphics.horizontals);
  const verticals = mergeSegments(graphics.verticals);
  const { ruled, bare } = groupRulings(horizontals, verticals);
  const grids = ruled.map((g) => gridOf(g.horizontals, g.verticals, maxCells)).filter((g) => g.xs.length >= 2 && g.ys.length >= 2);
  return { grids, bare };
}

/**
 * Place the runs of a page into its grids. A grid that holds a single cell is a frame around
 * text, not a table: its runs stay running text. Returns the tables and the runs left over.
 */
export function tablesOfPage(page: number, grids: readonly Grid[], bare: ReturnType<typeof groupRulings>["bare"], runs: readonly TextRun[], maxCells?: number): { tables: PageTable[]; rest: TextRun[] } {
  let rest: TextRun[] = [...runs];
  const tables: PageTable[] = [];
  for (const grid of [...grids].sort((a, b) => a.box.y0 - b.box.y0)) {
    const { perCell, outside } = assignRuns(grid, rest);
    if (grid.cells.length < 2) continue; // a framed paragraph: leave its text alone
    const inferred = inferTables.splitUnruled(grid, perCell, maxCells);
    if (inferred) {
      const again = assignRuns(inferred, perCell.flat());
      tables.push(pageTable(page, inferred, again.perCell, true));
      rest = [...outside, ...again.outside];
      continue;
    }
    tables.push(pageTable(page, grid, perCell, false));
    rest = outside;
  }
  // Tables drawn with horizontal rules only (三线表): columns from the text's alignment.
  for (const grid of inferTables.fromBareRules(bare, rest, maxCells)) {
    const { perCell, outside } = assignRuns(grid, rest);
    tables.push(pageTable(page, grid, perCell, true));
    rest = outside;
  }
  tables.sort((a, b) => a.grid.box.y0 - b.grid.box.y0);
  return { tables, rest };
}

function pageTable(page: number, grid: Grid, perCell: TextRun[][], inferred: boolean): PageTable {
  return { page, grid, texts: grid.cells.map((c, i) => cellText(perCell[i] ?? [], cellBox(grid, c))), inferred };
}

// ---------------------------------------------------------------------------------------------
// Tables over page breaks
// ---------------------------------------------------------------------------------------------

/** Edges of two pages' parts closer than this (points) are the same column edge. */
const EDGE_MATCH = 3.5;
/** Outer edges of a continuation within this (points) of the table's. */
const FRAME_MATCH = 6;
/** Header rows compared for repetition. */
const MAX_HEADER_ROWS = 6;

/** A document table: its parts on consecutive pages. */
export interface TableDraft {
  parts: PageTable[];
}

/** True when `next` (first on its page) continues `draft` (last on the previous page). */
export function continues(draft: TableDraft, next: PageTable): boolean {
  const last = draft.parts[draft.parts.length - 1]!;
  if (next.page !== last.page + 1) return false;
  const a = last.grid.box;
  const b = next.grid.box;
  if (Math.abs(a.x0 - b.x0) > FRAME_MATCH || Math.abs(a.x1 - b.x1) > FRAME_MATCH) return false;
  // The continuation's column edges are among the table's (blocks of table 二 use fewer columns).
  const edges = draft.parts.flatMap((p) => p.grid.xs);
  const inner = next.grid.xs.slice(1, -1);
  if (inner.length === 0) return true;
  const matched = inner.filter((x) => edges.some((e) => Math.abs(e - x) <= EDGE_MATCH)).length;
  return matched >= 0.6 * inner.length;
}

interface Placed {
  r0: number;
  r1: number;
  c0: number;
  c1: number;
  text: string;
  page: number;
  box: Box;
}

/** A document table from its parts: one grid over the union of the parts' column edges. */
export function toTable(draft: TableDraft, index: number, maxCells = DEFAULT_LIMITS.maxTableCells): { table: Table; droppedHeaderRows: number } {
  const parts = draft.parts;
  const xs = clusterValues(parts.flatMap((p) => p.grid.xs), EDGE_MATCH);
  // A table stitched over many pages is one grid: its rows × columns stay under the cell cap.
  const slotRows = parts.reduce((n, p) => n + p.grid.ys.length - 1, 0);
  if (slotRows * (xs.length - 1) > maxCells) throw tooManyCells({ table: index, rows: slotRows, page: parts[0]?.page ?? null }, { maxTableCells: maxCells });
  const placed: Placed[] = [];
  let offset = 0;
  let dropped = 0;
  let prevLastRow: Placed[] = [];
  parts.forEach((part, k) => {
    const g = part.grid;
    const nr = g.ys.length - 1;
    const drop = k === 0 ? 0 : repeatedHeaderRows(parts[0]!, part);
    dropped += drop;
    const mapX = g.xs.map((x) => nearestIndex(xs, x));
    const first: Placed[] = [];
    const last: Placed[] = [];
    g.cells.forEach((c, i) => {
      if (c.r1 <= drop) return;
      const p: Placed = {
        r0: offset + Math.max(c.r0, drop) - drop,
        r1: offset + c.r1 - drop,
        c0: mapX[c.c0]!,
        c1: mapX[c.c1]!,
        text: part.texts[i] ?? "",
        page: part.page,
        box: cellBox(g, c),
      };
      if (p.c1 <= p.c0) return;
      if (Math.max(c.r0, drop) === drop && k > 0) first.push(p);
      if (c.r1 === nr) last.push(p);
      placed.push(p);
    });
    // A merged cell cut by the page break goes on in the same columns at the top of the next part.
    for (const p of first) {
      const above = prevLastRow.find((q) => q.c0 === p.c0 && q.c1 === p.c1);
      if (above && continuesCell(above, p)) {
        above.r1 = p.r1;
        above.text = above.text + p.text;
        placed.splice(placed.indexOf(p), 1);
        const j = last.indexOf(p);
        if (j >= 0) last[j] = above;
      }
    }
    prevLastRow = last;
    offset += nr - drop;
  });
  const nrows = offset;
  const ncols = xs.length - 1;
  const first = parts[0]!;
  const slots: (Placed | null)[][] = Array.from({ length: nrows }, () => Array<Placed | null>(ncols).fill(null));
  for (const p of placed) for (let r = p.r0; r < p.r1; r++) for (let c = p.c0; c < p.c1; c++) if (slots[r] && !slots[r]![c]) slots[r]![c] = p;
  const rows: GridCell[][] = slots.map((row, r) =>
    row.map((p, c): GridCell => {
      if (!p) return { text: "", originRow: r, originCol: c, rowSpan: 1, colSpan: 1, pos: position({ page: pageOfRow(placed, r) ?? first.page, table: index, row: r, col: c }) };
      return {
        text: p.text,
        originRow: p.r0,
        originCol: p.c0,
        rowSpan: p.r1 - p.r0,
        colSpan: p.c1 - p.c0,
        pos: position({ page: p.page, bbox: bboxOf(p.box), table: index, row: p.r0, col: p.c0 }),
      };
    }),
  );
  const table: Table = {
    type: "table",
    index,
    rows,
    pos: position({ page: first.page, bbox: bboxOf(first.grid.box), table: index }),
  };
  if (parts.some((p) => p.inferred)) table.inferred = true;
  return { table, droppedHeaderRows: dropped };
}

function pageOfRow(placed: readonly Placed[], r: number): number | null {
  return placed.find((p) => p.r0 <= r && r < p.r1)?.page ?? null;
}

const NUMERIC = /^[+\-−]?[\d,，.\s]+%?$/;

/**
 * The top cell of a continuation goes on from the cell above the page break. Only a vertically
 * merged label is ever cut this way (one of the two parts spans several rows): either the
 * continuation is empty (the merged cell's text fitted on the first page), or the label is an
 * item ("（四）无") whose rest ("法提供") starts no item of its own. Two labels one row each
 * ("行政处罚" | "行政强制") are two rows.
 */
function continuesCell(above: Placed, below: Placed): boolean {
  if (above.r1 - above.r0 < 2 && below.r1 - below.r0 < 2) return false;
  const a = above.text.trim();
  const b = below.text.trim();
  if (a === "" || NUMERIC.test(a)) return false;
  if (b === "") return true;
  return !NUMERIC.test(b) && startsWithEnumerator(a) && !startsWithEnumerator(b);
}

/** How many top rows of `part` repeat the top rows of the table's first part. */
function repeatedHeaderRows(head: PageTable, part: PageTable): number {
  const max = Math.min(MAX_HEADER_ROWS, head.grid.ys.length - 2, part.grid.ys.length - 2);
  for (let k = max; k >= 1; k--) {
    let same = true;
    for (let r = 0; r < k && same; r++) same = rowText(head, r) !== "" && rowText(head, r) === rowText(part, r);
    // The rows must end cleanly: no cell of the part runs on below the header.
    if (same && part.grid.cells.every((c) => c.r0 >= k || c.r1 <= k)) return k;
  }
  return 0;
}

function rowText(t: PageTable, r: number): string {
  return t.grid.cells
    .map((c, i) => (c.r0 === r ? t.texts[i] ?? "" : ""))
    .filter((s) => s !== "")
    .join("\u0001");
}

