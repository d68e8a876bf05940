/**
 * Text runs → cells of a grid: every run goes to the cell holding its centre; a run drawn
 * across a column border (pdf.js joins glyphs it finds close enough) is cut at the border
 * first. A cell's lines are joined the way a reader reads them: a label wrapped inside its
 * cell, or printed one character per line down a tall merged cell (三\n、\n本\n年…), is one
 * label; a line break stays "\n" only between Latin or digit lines that do not fill the cell.
 */
import { centreX, centreY, intervalIndex, type Box } from "./geometry.js";
import { cellAt, type Grid } from "./grid.js";
import { buildLines } from "./text-lines.js";
import { firstChar, isWide, lastChar } from "./text.js";
import type { Line, TextRun } from "./types.js";

/** Runs falling in `grid` (by centre) per cell, and the runs outside it. */
export function assignRuns(grid: Grid, runs: readonly TextRun[]): { perCell: TextRun[][]; outside: TextRun[] } {
  const perCell: TextRun[][] = grid.cells.map(() => []);
  const outside: TextRun[] = [];
  const { box } = grid;
  for (const run of runs) {
    const cx = centreX(run);
    const cy = centreY(run);
    if (cx < box.x0 || cx > box.x1 || cy < box.y0 || cy > box.y1) {
      outside.push(run);
      continue;
    }
    for (const piece of cutAtBorders(grid, run)) {
      const r = intervalIndex(grid.ys, centreY(piece));
      const c = intervalIndex(grid.xs, centreX(piece));
      const k = r >= 0 && c >= 0 ? cellAt(grid, r, c) : -1;
      if (k >= 0) perCell[k]!.push(piece);
      else outside.push(piece);
    }
  }
  return { perCell, outside };
}

/**
 * A horizontal run whose glyphs fall into different cells, cut into one run per cell. pdf.js
 * gives no glyph positions, so characters are placed by their share of the run's width.
 */
function cutAtBorders(grid: Grid, run: TextRun): TextRun[] {
  if (run.vertical) return [run];
  const r = intervalIndex(grid.ys, centreY(run));
  if (r < 0) return [run];
  const c0 = Math.max(0, intervalIndex(grid.xs, run.x0 + 0.5));
  const c1 = intervalIndex(grid.xs, run.x1 - 0.5);
  if (c1 < 0 || c0 === c1 || cellAt(grid, r, c0) === cellAt(grid, r, c1)) return [run];
  // Wide characters take one em, the others half of one: the run's width shared out by weight.
  const chars = [...run.str];
  const weights = chars.map((ch) => (isWide(ch) ? 2 : 1));
  const unit = (run.x1 - run.x0) / Math.max(1, weights.reduce((a, b) => a + b, 0));
  const pieces: TextRun[] = [];
  let cur: TextRun | null = null;
  let curCell = -2;
  let at = run.x0;
  chars.forEach((ch, i) => {
    const x0 = at;
    const x1 = (at += weights[i]! * unit);
    const c = intervalIndex(grid.xs, (x0 + x1) / 2);
    const k = c >= 0 ? cellAt(grid, r, c) : -1;
    if (cur && k === curCell) {
      cur.str += ch;
      cur.x1 = x1;
    } else {
      cur = { ...run, str: ch, x0, x1 };
      curCell = k;
      pieces.push(cur);
    }
  });
  return pieces.filter((p) => p.str.trim() !== "");
}

/** The text of one cell from its runs. */
export function cellText(runs: readonly TextRun[], box: Box): string {
  if (runs.length === 0) return "";
  const lines = buildLines(runs).sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0);
  return joinCellLines(lines, box);
}

export function joinCellLines(lines: readonly Line[], box: Box): string {
  let text = "";
  let prev: Line | null = null;
  for (const l of lines) {
    if (prev) text += lineBreak(prev, l, box);
    text += l.text;
    prev = l;
  }
  return text;
}

/** What stands between two lines of one cell. */
function lineBreak(prev: Line, next: Line, box: Box): string {
  if (isWide(lastChar(prev.text)) || isWide(firstChar(next.text))) return "";
  // Latin or digits on both sides: wrapped when the line filled the cell.
  return prev.x1 >= box.x1 - 1.5 * prev.size ? "" : "\n";
}

