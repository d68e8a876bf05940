/**
 * Reading order of a page's pieces (line fragments and tables) by recursive cuts (XY-cut,
 * Nagy & Seth 1984): a vertical gutter that no piece crosses splits a block into columns read
 * left then right; otherwise the block is read band by band from the top, where a band is a
 * run of pieces that overlap vertically. Consecutive bands that share one gutter are one
 * two-column stretch, so a full-width title above and a footnote below do not break the
 * columns into rows.
 *
 * A gutter between a column of labels and a column of numbers is not a text column (a table
 * printed without rulings reads row by row), so a side made mostly of numbers vetoes the cut.
 */
import type { Box } from "./geometry.js";

export interface Piece extends Box {
  /** Text of a line fragment; null for a table. */
  text: string | null;
  size: number;
}

const NUMERIC = /^[\d\s.,，%+\-−/／—（）()]+$/;

/** Pieces in reading order, each with the id of the column block it was read in. */
export function readingOrder<T extends Piece>(pieces: readonly T[]): { piece: T; block: number }[] {
  const out: { piece: T; block: number }[] = [];
  let blocks = 0;
  const emit = (ps: T[]): void => {
    const b = blocks++;
    for (const p of ps) out.push({ piece: p, block: b });
  };
  const walk = (ps: T[]): void => {
    if (ps.length === 0) return;
    if (ps.length === 1) return emit(ps);
    const cut = verticalCut(ps);
    if (cut) {
      walk(cut.left);
      walk(cut.right);
      return;
    }
    const bands = horizontalBands(ps);
    if (bands.length === 1) return emit(sortBand(bands[0]!));
    // Group consecutive multi-piece bands that share a gutter; read such a stretch by columns.
    // A band of one piece that keeps to one side of the gutter (a column's last, short line;
    // a column that starts a line higher) belongs to the stretch too.
    let stretch: T[][] = [];
    let gutters: [number, number][] = [];
    let single: T[][] = [];
    const flushStretch = (): void => {
      if (stretch.length >= 2) {
        const c = verticalCut(stretch.flat());
        if (c) {
          walk(c.left);
          walk(c.right);
        } else for (const b of stretch) emit(sortBand(b));
      } else for (const b of stretch) emit(sortBand(b));
      stretch = [];
      gutters = [];
    };
    const flushSingle = (): void => {
      if (single.length) emit(single.flatMap(sortBand));
      single = [];
    };
    const oneSide = (band: T[], g: [number, number][]): boolean => g.some(([a, b]) => band.every((p) => p.x1 <= a + 1 || p.x0 >= b - 1));
    for (const band of bands) {
      const g = band.length >= 2 ? gaps(band) : [];
      if (g.length === 0) {
        if (stretch.length && oneSide(band, gutters)) {
          stretch.push(band);
          continue;
        }
        flushStretch();
        single.push(band);
        continue;
      }
      const shared = stretch.length ? intersect(gutters, g) : g;
      if (stretch.length && shared.length === 0) flushStretch();
      if (stretch.length === 0) {
        // Bands just above that keep to one side of this gutter start the stretch.
        const lead: T[][] = [];
        while (single.length && oneSide(single[single.length - 1]!, g)) lead.unshift(single.pop()!);
        flushSingle();
        stretch.push(...lead);
        gutters = g;
      } else gutters = shared;
      stretch.push(band);
    }
    flushStretch();
    flushSingle();
  };
  walk([...pieces]);
  return out;
}

/** The widest gutter through all pieces, if it parts two columns of text. */
function verticalCut<T extends Piece>(ps: T[]): { left: T[]; right: T[] } | null {
  const g = gaps(ps);
  if (g.length === 0) return null;
  const best = g.reduce((a, b) => (b[1] - b[0] > a[1] - a[0] ? b : a));
  const x = (best[0] + best[1]) / 2;
  const left = ps.filter((p) => p.x1 <= x);
  const right = ps.filter((p) => p.x0 >= x);
  if (left.length < 2 || right.length < 2) return null;
  const numeric = (side: T[]): boolean => side.filter((p) => p.text !== null && NUMERIC.test(p.text)).length * 2 > side.length;
  if (numeric(left) || numeric(right)) return null;
  // Side by side, not one above the other.
  const span = (side: T[]): [number, number] => [Math.min(...side.map((p) => p.y0)), Math.max(...side.map((p) => p.y1))];
  const [l0, l1] = span(left);
  const [r0, r1] = span(right);
  if (Math.min(l1, r1) - Math.max(l0, r0) < 0.3 * Math.min(l1 - l0, r1 - r0)) return null;
  return { left, right };
}

/** x-intervals no piece covers, between the leftmost and rightmost piece, wide enough for a gutter. */
function gaps(ps: readonly Piece[]): [number, number][] {
  const sorted = [...ps].sort((a, b) => a.x0 - b.x0);
  const sizes = ps.map((p) => p.size).sort((a, b) => a - b);
  const minGap = Math.max(6, sizes[sizes.length >> 1] ?? 10);
  const out: [number, number][] = [];
  let reach = -Infinity;
  for (const p of sorted) {
    if (reach > -Infinity && p.x0 - reach >= minGap) out.push([reach, p.x0]);
    reach = Math.max(reach, p.x1);
  }
  return out;
}

function intersect(a: [number, number][], b: [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  for (const [a0, a1] of a) for (const [b0, b1] of b) if (Math.min(a1, b1) - Math.max(a0, b0) > 2) out.push([Math.max(a0, b0), Math.min(a1, b1)]);
  return out;
}

/** Runs of pieces chained by vertical overlap, top to bottom. */
function horizontalBands<T extends Piece>(ps: T[]): T[][] {
  const sorted = [...ps].sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0);
  const bands: T[][] = [];
  let bottom = -Infinity;
  for (const p of sorted) {
    // Pieces that overlap by less than a fifth of their height are on different lines.
    const last = bands[bands.length - 1];
    if (last && p.y0 < bottom - 0.2 * (p.y1 - p.y0)) {
      last.push(p);
      bottom = Math.max(bottom, p.y1);
    } else {
      bands.push([p]);
      bottom = p.y1;
    }
  }
  return bands;
}

/** A band's pieces: left to right when they share a line, else top to bottom. */
function sortBand<T extends Piece>(band: T[]): T[] {
  const level = band.every((p) => band.every((q) => Math.min(p.y1, q.y1) - Math.max(p.y0, q.y0) >= 0.5 * Math.min(p.y1 - p.y0, q.y1 - q.y0)));
  return [...band].sort(level ? (a, b) => a.x0 - b.x0 : (a, b) => a.y0 - b.y0 || a.x0 - b.x0);
}
