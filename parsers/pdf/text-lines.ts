/**
 * Text runs → lines: runs whose vertical extents overlap share a baseline and are read left to
 * right. A run of a vertical font is a line of its own (it is read top to bottom already).
 */
import { overlap } from "./geometry.js";
import { separatorBetween, tidy } from "./text.js";
import type { Line, TextRun } from "./types.js";

export interface LineOptions {
  /**
   * Split a baseline where the gap between runs exceeds this many font heights (two text
   * columns, or a label and its value far apart). Infinity keeps every baseline whole.
   */
  splitGap?: number;
}

/** Runs on one baseline: their vertical overlap is at least half the smaller height. */
const SAME_BASELINE = 0.5;

export function buildLines(runs: readonly TextRun[], options: LineOptions = {}): Line[] {
  const splitGap = options.splitGap ?? Infinity;
  const out: Line[] = [];
  const horizontal: TextRun[] = [];
  for (const r of runs) {
    if (r.vertical) out.push(lineOf([r]));
    else horizontal.push(r);
  }
  horizontal.sort((a, b) => a.y0 + a.y1 - (b.y0 + b.y1) || a.x0 - b.x0 || a.seq - b.seq);
  // Bands of runs that overlap vertically, built in order of their centres.
  const bands: { y0: number; y1: number; runs: TextRun[] }[] = [];
  for (const r of horizontal) {
    const h = r.y1 - r.y0;
    let home: (typeof bands)[number] | undefined;
    for (let i = bands.length - 1; i >= 0 && i >= bands.length - 4; i--) {
      const b = bands[i]!;
      const bh = b.y1 - b.y0;
      if (overlap(b.y0, b.y1, r.y0, r.y1) >= SAME_BASELINE * Math.min(h, bh)) {
        home = b;
        break;
      }
    }
    if (home) {
      home.runs.push(r);
      // The band keeps the extent of its first runs' baseline, not the union, so that a tall
      // run does not swallow the next line.
      home.y0 = Math.min(home.y0, r.y0 + 0.25 * h);
      home.y1 = Math.max(home.y1, r.y1 - 0.25 * h);
    } else bands.push({ y0: r.y0, y1: r.y1, runs: [r] });
  }
  for (const band of bands) {
    band.runs.sort((a, b) => a.x0 - b.x0 || a.seq - b.seq);
    let current: TextRun[] = [];
    for (const r of band.runs) {
      const prev = current[current.length - 1];
      if (prev && r.x0 - prev.x1 > splitGap * Math.max(prev.size, r.size)) {
        out.push(lineOf(current));
        current = [];
      }
      current.push(r);
    }
    if (current.length) out.push(lineOf(current));
  }
  return out.filter((l) => l.text !== "").sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0);
}

/** One line from runs already in reading order. */
export function lineOf(runs: TextRun[]): Line {
  let text = "";
  let prev: TextRun | null = null;
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  let size = 0;
  let longest = -1;
  for (const r of runs) {
    const s = tidy(r.str);
    if (prev && s) text += separatorBetween(text, s, r.x0 - prev.x1, Math.max(prev.size, r.size));
    text += s;
    prev = r;
    x0 = Math.min(x0, r.x0); y0 = Math.min(y0, r.y0);
    x1 = Math.max(x1, r.x1); y1 = Math.max(y1, r.y1);
    if (s.length > longest) {
      longest = s.length;
      size = r.size;
    }
  }
  return { runs, text: text.trim(), x0, y0, x1, y1, size };
}
