/**
 * Plane geometry for the PDF reader: affine matrices in the PDF/pdf.js convention and boxes in
 * the document model's page convention (points, origin at the top-left corner, y growing down).
 */

/** [a, b, c, d, e, f]: a point (x, y) maps to (a·x + c·y + e, b·x + d·y + f) (PDF 32000-1 §8.3.4). */
export type Matrix = readonly [number, number, number, number, number, number];

export const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** The matrix that applies `first`, then `then` (PDF's `first × then`; `cm` is concat(m, ctm)). */
export function concat(first: Matrix, then: Matrix): Matrix {
  const [a, b, c, d, e, f] = first;
  const [A, B, C, D, E, F] = then;
  return [a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F];
}

export function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

/** The factor by which m scales lengths (geometric mean of its axes), for line widths and font sizes. */
export function scaleOf(m: Matrix): number {
  return Math.sqrt(Math.abs(m[0] * m[3] - m[1] * m[2]));
}

/** An axis-aligned box in page points, top-left origin: x0 < x1, y0 < y1. */
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** The box around points given as a flat [x, y, x, y, …] list. */
export function boxOfPoints(xy: readonly number[]): Box {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (let i = 0; i + 1 < xy.length; i += 2) {
    const x = xy[i]!;
    const y = xy[i + 1]!;
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  return { x0, y0, x1, y1 };
}

/** The box that `m` maps the rectangle [x0, x1] × [y0, y1] onto. */
export function transformBox(m: Matrix, x0: number, y0: number, x1: number, y1: number): Box {
  return boxOfPoints([...apply(m, x0, y0), ...apply(m, x1, y0), ...apply(m, x1, y1), ...apply(m, x0, y1)]);
}

export function union(a: Box, b: Box): Box {
  return { x0: Math.min(a.x0, b.x0), y0: Math.min(a.y0, b.y0), x1: Math.max(a.x1, b.x1), y1: Math.max(a.y1, b.y1) };
}

export function unionAll(boxes: readonly Box[]): Box | null {
  let out: Box | null = null;
  for (const b of boxes) out = out ? union(out, b) : { x0: b.x0, y0: b.y0, x1: b.x1, y1: b.y1 };
  return out;
}

/** Length of the overlap of [a0, a1] and [b0, b1] (0 when they do not meet). */
export function overlap(a0: number, a1: number, b0: number, b1: number): number {
  return Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
}

export const centreX = (b: Box): number => (b.x0 + b.x1) / 2;
export const centreY = (b: Box): number => (b.y0 + b.y1) / 2;

export function contains(outer: Box, x: number, y: number, tolerance = 0): boolean {
  return x >= outer.x0 - tolerance && x <= outer.x1 + tolerance && y >= outer.y0 - tolerance && y <= outer.y1 + tolerance;
}

/** Rounded to 0.01 pt, as positions are reported. */
export function bboxOf(b: Box): [number, number, number, number] {
  const r = (v: number) => Math.round(v * 100) / 100;
  return [r(b.x0), r(b.y0), r(b.x1), r(b.y1)];
}

/**
 * Cluster sorted-or-not values into groups no wider than `tolerance` between neighbours, and
 * return each group's mean, ascending. Used to snap ruling positions drawn a hair apart.
 */
export function clusterValues(values: readonly number[], tolerance: number): number[] {
  const v = [...values].sort((a, b) => a - b);
  const out: number[] = [];
  let sum = 0;
  let n = 0;
  let last = -Infinity;
  for (const x of v) {
    if (n > 0 && x - last > tolerance) {
      out.push(sum / n);
      sum = 0;
      n = 0;
    }
    sum += x;
    n++;
    last = x;
  }
  if (n > 0) out.push(sum / n);
  return out;
}

/** Index of the interval of sorted `edges` containing v: i with edges[i] <= v < edges[i+1]; -1 outside. */
export function intervalIndex(edges: readonly number[], v: number): number {
  if (edges.length < 2 || v < edges[0]! || v > edges[edges.length - 1]!) return -1;
  let lo = 0;
  let hi = edges.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (edges[mid]! <= v) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Index of the value of sorted `values` nearest to v. */
export function nearestIndex(values: readonly number[], v: number): number {
  let best = 0;
  let bestD = Infinity;
  for (let i = 0; i < values.length; i++) {
    const d = Math.abs(values[i]! - v);
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  }
  return best;
}
