/**
 * pdf.js text content → text runs with boxes in page points (top-left origin).
 *
 * An item's `transform` is its text rendering matrix in user space: the origin (e, f) is the
 * baseline start, (a, b) the writing direction and (c, d) the glyphs' up direction, so the
 * font height is hypot(c, d) (as pdf.js text_layer.js computes it). The box spans the item's
 * advance `width` along the baseline and the font height across, 0.8 above the baseline and
 * 0.2 below (a uniform ascent keeps the centres of one line level whatever the fonts report).
 */
import { apply, boxOfPoints, type Matrix } from "./geometry.js";
import { isBlank } from "./text.js";
import type { TextRun } from "./types.js";

export interface PdfTextItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
  fontName: string;
}

export interface PdfTextContent {
  items: ReadonlyArray<PdfTextItem | { type: string }>;
  styles: Record<string, { vertical?: boolean } | undefined>;
}

const ASCENT = 0.8;
const DESCENT = 0.2;
/** Direction cosines within this of an axis (about 2°) count as on the axis. */
const AXIS = 0.035;

/** Fonts in vertical writing mode: their items are rebuilt from the operator list. */
export function verticalFonts(content: PdfTextContent): Set<string> {
  return new Set(Object.entries(content.styles).filter(([, s]) => s?.vertical).map(([name]) => name));
}

/** Text runs of a page, whitespace-only filler items dropped, vertical-font items left out. */
export function textRuns(content: PdfTextContent, toPage: Matrix): TextRun[] {
  const runs: TextRun[] = [];
  let seq = 0;
  for (const raw of content.items) {
    if (!("str" in raw)) continue; // marked-content delimiters, not text
    const item = raw;
    seq++;
    if (isBlank(item.str)) continue;
    if (content.styles[item.fontName]?.vertical) continue;
    const [a = 1, b = 0, c = 0, d = 1, e = 0, f = 0] = item.transform;
    const size = Math.hypot(c, d);
    if (!(size > 0)) continue;
    const along = Math.hypot(a, b) || 1;
    const ux = a / along;
    const uy = b / along;
    // Text set at a slant is a watermark ("内部资料", a site's name across the page), never
    // the report; text turned a quarter (a rotated group label) reads as a column.
    const turned = Math.abs(ux) < AXIS && Math.abs(Math.abs(uy) - 1) < AXIS;
    if (!turned && !(Math.abs(uy) < AXIS && Math.abs(Math.abs(ux) - 1) < AXIS)) continue;
    const vx = c / size;
    const vy = d / size;
    const width = item.width > 0 ? item.width : estimateWidth(item.str, size);
    const corner = (s: number, t: number): [number, number] => apply(toPage, e + ux * s + vx * t, f + uy * s + vy * t);
    const box = boxOfPoints([...corner(0, -DESCENT * size), ...corner(width, -DESCENT * size), ...corner(width, ASCENT * size), ...corner(0, ASCENT * size)]);
    runs.push({ str: item.str, ...box, size: size * Math.hypot(toPage[2], toPage[3]), vertical: turned, seq });
  }
  return dropOverprints(runs);
}

/** A width for items pdf.js gives none: CJK characters are one em, others half. */
function estimateWidth(s: string, size: number): number {
  let w = 0;
  for (const ch of s) w += /[\u2e80-\uffef]/.test(ch) ? size : size / 2;
  return w;
}

/**
 * The same text drawn twice at (almost) the same place: fake bold, or a shadow. One copy is
 * kept, or "一、" would read "一一、、".
 */
function dropOverprints(runs: TextRun[]): TextRun[] {
  const seen = new Map<string, TextRun[]>();
  const out: TextRun[] = [];
  for (const r of runs) {
    const key = r.str;
    const same = seen.get(key);
    const tol = 0.25 * r.size;
    if (same?.some((s) => Math.abs(s.x0 - r.x0) < tol && Math.abs(s.y0 - r.y0) < tol && Math.abs(s.x1 - r.x1) < tol)) continue;
    if (same) same.push(r);
    else seen.set(key, [r]);
    out.push(r);
  }
  return out;
}
