/**
 * Rulings → table grids. Rulings that touch form a table; the distinct x of its vertical
 * rulings and y of its horizontal ones cut it into slots, and two neighbouring slots with no
 * ruling between them belong to one merged cell (a missing internal border is a span). Merged
 * cells are rectangles, as in every table model (HTML, OOXML); a non-rectangular union of
 * slots is widened to its bounding rectangle.
 */
import { clusterValues, type Box } from "./geometry.js";
import { coverage } from "./rulings.js";
import type { Segment } from "./types.js";
import { DEFAULT_LIMITS, tooManyCells } from "../limits.js";

/** Rulings closer than this (points) at their ends touch. */
const TOUCH = 3;
/** Edges closer than this (points) are one edge. */
const EDGE_SNAP = 2.5;
/** Slots narrower or lower than this (points) are a double line, not a row or column. */
const MIN_SLOT = 4;
/** A border exists where rulings cover this share of the slot's side. */
const BORDER_COVERAGE = 0.5;

/** A cell of a grid: slots [r0, r1) × [c0, c1). */
export interface CellGeom {
  r0: number;
  r1: number;
  c0: number;
  c1: number;
}

export interface Grid {
  /** Column edges (ascending x) and row edges (ascending y): slots are between neighbours. */
  xs: number[];
  ys: number[];
  cells: CellGeom[];
  /** Slot (r, c) → index in `cells`, at r * (xs.length - 1) + c. */
  slotCell: Int32Array;
  box: Box;
  /** The rulings the grid was built from (sorted by `at`), kept to rebuild it with more borders. */
  horizontals: readonly Segment[];
  verticals: readonly Segment[];
}

export const cellBox = (g: Grid, c: CellGeom): Box => ({ x0: g.xs[c.c0]!, y0: g.ys[c.r0]!, x1: g.xs[c.c1]!, y1: g.ys[c.r1]! });
export const cellAt = (g: Grid, r: number, c: number): number => g.slotCell[r * (g.xs.length - 1) + c] ?? -1;

export interface RulingGroups {
  /** Groups of touching rulings with at least two horizontals and two verticals. */
  ruled: { horizontals: Segment[]; verticals: Segment[] }[];
  /** Horizontal rulings that touch no vertical one (three-line tables, separators, underlines). */
  bare: Segment[];
}

/** Partition rulings into touching groups. */
export function groupRulings(horizontals: readonly Segment[], verticals: readonly Segment[]): RulingGroups {
  const n = horizontals.length + verticals.length;
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  horizontals.forEach((h, i) => {
    verticals.forEach((v, j) => {
      if (v.at >= h.from - TOUCH && v.at <= h.to + TOUCH && h.at >= v.from - TOUCH && h.at <= v.to + TOUCH) {
        parent[find(i)] = find(horizontals.length + j);
      }
    });
  });
  const groups = new Map<number, { horizontals: Segment[]; verticals: Segment[] }>();
  horizontals.forEach((h, i) => {
    const k = find(i);
    const g = groups.get(k) ?? { horizontals: [], verticals: [] };
    g.horizontals.push(h);
    groups.set(k, g);
  });
  verticals.forEach((v, j) => {
    const k = find(horizontals.length + j);
    const g = groups.get(k) ?? { horizontals: [], verticals: [] };
    g.verticals.push(v);
    groups.set(k, g);
  });
  const ruled: RulingGroups["ruled"] = [];
  const bare: Segment[] = [];
  for (const g of groups.values()) {
    if (g.horizontals.length >= 2 && g.verticals.length >= 2) ruled.push(g);
    else if (g.verticals.length === 0) bare.push(...g.horizontals);
  }
  return { ruled, bare };
}

/** The grid of one group of touching rulings. */
export function gridOf(horizontals: readonly Segment[], verticals: readonly Segment[], maxCells = DEFAULT_LIMITS.maxTableCells): Grid {
  const hs = [...horizontals].sort((a, b) => a.at - b.at);
  const vs = [...verticals].sort((a, b) => a.at - b.at);
  const left = Math.min(...hs.map((h) => h.from));
  const right = Math.max(...hs.map((h) => h.to));
  const top = Math.min(...vs.map((v) => v.from));
  const bottom = Math.max(...vs.map((v) => v.to));
  const xs = dropThin(clusterValues([left, right, ...vs.map((v) => v.at)], EDGE_SNAP));
  const ys = dropThin(clusterValues([top, bottom, ...hs.map((h) => h.at)], EDGE_SNAP));
  return buildGrid(xs, ys, hs, vs, false, maxCells);
}

/**
 * The grid on given edges, with borders where `hs`/`vs` (sorted by `at`) cover a slot's side.
 * Pass every internal border as present (empty `hs`/`vs` with `allBorders`) for inferred grids.
 * A grid of more than `maxCells` slots (a page of thousands of rulings) fails (too-many-cells)
 * before its slots are made.
 */
export function buildGrid(xs: number[], ys: number[], hs: readonly Segment[], vs: readonly Segment[], allBorders = false, maxCells = DEFAULT_LIMITS.maxTableCells): Grid {
  const nc = xs.length - 1;
  const nr = ys.length - 1;
  if (nr * nc > maxCells) throw tooManyCells({ rows: nr }, { maxTableCells: maxCells });
  hs = [...hs].sort((a, b) => a.at - b.at);
  vs = [...vs].sort((a, b) => a.at - b.at);
  const parent = Array.from({ length: nr * nc }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  const join = (a: number, b: number): void => {
    parent[find(a)] = find(b);
  };
  if (!allBorders) {
    for (let r = 0; r < nr; r++) {
      const y0 = ys[r]!, y1 = ys[r + 1]!;
      for (let c = 1; c < nc; c++) {
        if (coverage(vs, xs[c]!, y0, y1) < BORDER_COVERAGE * (y1 - y0)) join(r * nc + c - 1, r * nc + c);
      }
    }
    for (let r = 1; r < nr; r++) {
      for (let c = 0; c < nc; c++) {
        const x0 = xs[c]!, x1 = xs[c + 1]!;
        if (coverage(hs, ys[r]!, x0, x1) < BORDER_COVERAGE * (x1 - x0)) join((r - 1) * nc + c, r * nc + c);
      }
    }
  }
  // Bounding rectangles of the slot groups; overlapping rectangles merge until none overlap.
  let rects = new Map<number, CellGeom>();
  for (let r = 0; r < nr; r++) {
    for (let c = 0; c < nc; c++) {
      const k = find(r * nc + c);
      const g = rects.get(k);
      if (!g) rects.set(k, { r0: r, r1: r + 1, c0: c, c1: c + 1 });
      else {
        g.r0 = Math.min(g.r0, r); g.r1 = Math.max(g.r1, r + 1);
        g.c0 = Math.min(g.c0, c); g.c1 = Math.max(g.c1, c + 1);
      }
    }
  }
  for (let changed = true; changed; ) {
    changed = false;
    const owner = new Int32Array(nr * nc).fill(-1);
    const list = [...rects.entries()];
    outer: for (const [k, g] of list) {
      for (let r = g.r0; r < g.r1; r++) {
        for (let c = g.c0; c < g.c1; c++) {
          const o = owner[r * nc + c]!;
          if (o >= 0 && o !== k) {
            const other = rects.get(o)!;
            g.r0 = Math.min(g.r0, other.r0); g.r1 = Math.max(g.r1, other.r1);
            g.c0 = Math.min(g.c0, other.c0); g.c1 = Math.max(g.c1, other.c1);
            rects.delete(o);
            changed = true;
            break outer;
          }
          owner[r * nc + c] = k;
        }
      }
    }
    if (changed) rects = new Map(rects);
  }
  const cells = [...rects.values()].sort((a, b) => a.r0 - b.r0 || a.c0 - b.c0);
  const slotCell = new Int32Array(nr * nc).fill(-1);
  cells.forEach((g, i) => {
    for (let r = g.r0; r < g.r1; r++) for (let c = g.c0; c < g.c1; c++) slotCell[r * nc + c] = i;
  });
  return { xs, ys, cells, slotCell, box: { x0: xs[0]!, y0: ys[0]!, x1: xs[nc]!, y1: ys[nr]! }, horizontals: hs, verticals: vs };
}

/** Drop edges that make slots thinner than MIN_SLOT (double rules), keeping the outer edges. */
function dropThin(edges: number[]): number[] {
  const out: number[] = [];
  for (const e of edges) {
    const last = out[out.length - 1];
    if (last !== undefined && e - last < MIN_SLOT) {
      // Keep the outermost edge at the end; otherwise keep the first of the pair.
      if (e === edges[edges.length - 1]) out[out.length - 1] = e;
      continue;
    }
    out.push(e);
  }
  return out;
}

