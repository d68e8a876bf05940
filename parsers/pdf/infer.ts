/**
 * Tables whose borders are missing, in part or in whole: the columns are inferred from the
 * alignment of the text, and the table is marked `inferred` (every value read from it is
 * PARSE_UNCERTAIN downstream).
 *
 * - A ruled grid whose cells hold several words set far apart on one line (an outer frame and
 *   row rules, no column rules; or a row whose column rules were left out) is cut into columns
 *   at the gaps of its most divided row, the header as a rule.
 * - Horizontal rules alone (三线表: top rule, rule under the header, bottom rule) frame a table
 *   when at least three rows of words set far apart stand between them.
 */
import { centreY } from "./geometry.js";
import { buildGrid, type Grid } from "./grid.js";
import { buildLines } from "./text-lines.js";
import type { Line, Segment, TextRun } from "./types.js";

/** Words of one line further apart than this many font heights stand in different columns. */
const COLUMN_GAP = 1.2;
/** Rules of one three-line table start and end within this (points) of each other. */
const RULE_MATCH = 6;
const MIN_ROWS = 3;

const NUMERIC = /^[+\-−]?[\d,，.\s]+%?$/;

type Fragment = Line;

/** Fragments of the runs: lines cut where words stand far apart. */
const fragmentsOf = (runs: readonly TextRun[]): Fragment[] => buildLines(runs.filter((r) => !r.vertical), { splitGap: COLUMN_GAP });

/** Gaps between the fragments of one line, left to right: [end of one, start of the next]. */
function lineGaps(frags: readonly Fragment[]): [number, number][] {
  const sorted = [...frags].sort((a, b) => a.x0 - b.x0);
  const out: [number, number][] = [];
  for (let i = 1; i < sorted.length; i++) out.push([sorted[i - 1]!.x1, sorted[i]!.x0]);
  return out;
}

/** Fragments grouped by line (same baseline). */
function byLine(frags: readonly Fragment[]): Fragment[][] {
  const lines: Fragment[][] = [];
  for (const f of [...frags].sort((a, b) => centreY(a) - centreY(b))) {
    const last = lines[lines.length - 1];
    const ref = last?.[0];
    if (ref && Math.abs(centreY(ref) - centreY(f)) < 0.5 * Math.min(ref.size, f.size)) last.push(f);
    else lines.push([f]);
  }
  return lines;
}

/**
 * Column edges from the most divided line: the middle of each of its gaps, or an existing edge
 * when one already lies in the gap.
 */
function edgesFrom(template: readonly Fragment[], existing: readonly number[]): number[] {
  return lineGaps(template).map(([a, b]) => existing.find((x) => x > a && x < b) ?? (a + b) / 2);
}

function splitUnruled(grid: Grid, perCell: readonly TextRun[][], maxCells?: number): Grid | null {
  const nr = grid.ys.length - 1;
  // Lines of single-row cells that hold words set far apart: evidence of missing column rules.
  const divided: { row: number; frags: Fragment[] }[] = [];
  grid.cells.forEach((c, i) => {
    if (c.r1 - c.r0 !== 1) return;
    const frags = fragmentsOf(perCell[i] ?? []);
    for (const line of byLine(frags)) if (line.length >= 2) divided.push({ row: c.r0, frags: line });
  });
  if (divided.length === 0) return null;
  // Evidence: a line of a number set apart from its label (words spaced out are not evidence).
  if (!divided.some((d) => d.frags.some((f) => NUMERIC.test(f.text)))) return null;
  // The columns: the gaps of the most divided line, the topmost (the header) among equals.
  const template = divided.reduce((a, b) => (b.frags.length > a.frags.length || (b.frags.length === a.frags.length && b.row < a.row) ? b : a)).frags;
  const edges = edgesFrom(template, grid.xs);
  const xs = [...new Set([...grid.xs, ...edges])].sort((a, b) => a - b);
  // Column rules added only in the rows that show columns, and never through a word.
  const added: Segment[] = [];
  for (const r of new Set(divided.map((d) => d.row))) {
    const line = divided.filter((d) => d.row === r).flatMap((d) => d.frags);
    for (const x of edges) {
      if (line.some((f) => f.x0 < x - 0.5 && f.x1 > x + 0.5)) continue;
      added.push({ at: x, from: grid.ys[r]!, to: grid.ys[r + 1]! });
    }
  }
  if (added.length === 0 || nr < 1) return null;
  return buildGrid(xs, grid.ys, grid.horizontals, [...grid.verticals, ...added], false, maxCells);
}

/** Three-line tables among the rules that touch no vertical ruling. */
function fromBareRules(bare: readonly Segment[], runs: readonly TextRun[], maxCells?: number): Grid[] {
  const rules = [...bare].sort((a, b) => a.at - b.at);
  const stacks: Segment[][] = [];
  for (const r of rules) {
    const s = stacks.find((st) => Math.abs(st[0]!.from - r.from) <= RULE_MATCH && Math.abs(st[0]!.to - r.to) <= RULE_MATCH);
    if (s) s.push(r);
    else stacks.push([r]);
  }
  const grids: Grid[] = [];
  for (const stack of stacks) {
    if (stack.length < 3) continue;
    const left = Math.min(...stack.map((s) => s.from));
    const right = Math.max(...stack.map((s) => s.to));
    const top = stack[0]!.at;
    const bottom = stack[stack.length - 1]!.at;
    const inside = runs.filter((r) => !r.vertical && centreY(r) > top && centreY(r) < bottom && r.x0 >= left - 2 && r.x1 <= right + 2);
    // Rows: the bands between rules, each cut into its lines when it holds several.
    const ys: number[] = [top];
    for (let i = 1; i < stack.length; i++) {
      const y0 = stack[i - 1]!.at;
      const y1 = stack[i]!.at;
      const lines = byLine(fragmentsOf(inside.filter((r) => centreY(r) > y0 && centreY(r) < y1)));
      for (let j = 1; j < lines.length; j++) {
        const above = Math.max(...lines[j - 1]!.map((f) => f.y1));
        const below = Math.min(...lines[j]!.map((f) => f.y0));
        ys.push((above + below) / 2);
      }
      ys.push(y1);
    }
    const rowLines: Fragment[][] = [];
    for (let i = 1; i < ys.length; i++) {
      const band = inside.filter((r) => centreY(r) > ys[i - 1]! && centreY(r) < ys[i]!);
      rowLines.push(fragmentsOf(band));
    }
    const dividedRows = rowLines.filter((l) => l.length >= 2);
    if (dividedRows.length < MIN_ROWS) continue;
    if (dividedRows.filter((l) => l.some((f) => NUMERIC.test(f.text))).length < 2) continue;
    const template = dividedRows.reduce((a, b) => (b.length > a.length ? b : a));
    const xs = [left, ...edgesFrom(template, []), right].sort((a, b) => a - b);
    grids.push(buildGrid(xs, ys, [], [], true, maxCells));
  }
  return grids;
}

export const inferTables = { splitUnruled, fromBareRules };
