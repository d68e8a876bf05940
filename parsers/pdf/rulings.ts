/**
 * Ruling segments → rulings: WPS and Word draw a table's borders cell by cell, so one printed
 * line arrives as many short segments, a hair apart where the pen width moved them. Segments
 * on one line (their fixed coordinate within SNAP) that touch or nearly touch (within JOIN)
 * become one ruling.
 */
import type { Segment } from "./types.js";

/** Segments whose fixed coordinates differ by less than this (points) lie on one line. */
export const SNAP = 1.5;
/** Collinear segments closer than this (points) are one ruling. */
const JOIN = 2.5;

export function mergeSegments(segments: readonly Segment[]): Segment[] {
  const sorted = [...segments].sort((a, b) => a.at - b.at);
  const out: Segment[] = [];
  let group: Segment[] = [];
  const flush = (): void => {
    if (group.length === 0) return;
    group.sort((a, b) => a.from - b.from);
    let cur: Segment & { weight: number; sum: number } | null = null;
    for (const s of group) {
      const len = s.to - s.from;
      if (cur && s.from <= cur.to + JOIN) {
        cur.to = Math.max(cur.to, s.to);
        cur.sum += s.at * len;
        cur.weight += len;
      } else {
        if (cur) out.push(finish(cur));
        cur = { at: s.at, from: s.from, to: s.to, sum: s.at * len, weight: len };
      }
    }
    if (cur) out.push(finish(cur));
    group = [];
  };
  let last = -Infinity;
  for (const s of sorted) {
    if (s.at - last > SNAP) flush();
    group.push(s);
    last = s.at;
  }
  flush();
  return out.sort((a, b) => a.at - b.at || a.from - b.from);
}

function finish(s: { at: number; from: number; to: number; sum: number; weight: number }): Segment {
  return { at: s.weight > 0 ? s.sum / s.weight : s.at, from: s.from, to: s.to };
}

/** Length of [from, to] covered by the rulings at `at` (within SNAP). `rulings` sorted by `at`. */
export function coverage(rulings: readonly Segment[], at: number, from: number, to: number): number {
  let covered = 0;
  // Rulings on one line never overlap after mergeSegments, so their overlaps add up.
  for (const r of rulings) {
    if (r.at < at - SNAP) continue;
    if (r.at > at + SNAP) break;
    covered += Math.max(0, Math.min(to, r.to) - Math.max(from, r.from));
  }
  return covered;
}
