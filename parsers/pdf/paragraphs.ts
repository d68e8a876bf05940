/**
 * Lines in reading order → paragraphs. A line continues the paragraph above it when it is
 * set in the same size right under it (normal line spacing), starts at the column's left
 * margin (a new paragraph is indented, GB/T 9704-2012 §5.2.1: 首行缩进两字), the line above
 * reached the right margin (it wrapped, it did not end), and it does not open with a heading
 * or list number (一、 （二） 3.). A title set larger than the text and centred over two lines
 * ("洪泽区人民政府" / "2023年政府信息公开工作年度报告") is one paragraph too.
 */
import { lineOf } from "./text-lines.js";
import { firstChar, isWide, lastChar, ENUMERATOR } from "./text.js";
import type { Line } from "./types.js";

export interface ParagraphDraft {
  page: number;
  block: number;
  lines: Line[];
  text: string;
  /** Margins of the column block the paragraph was read in. */
  left: number;
  right: number;
}

/** Lines further apart than this many font heights (top of one to bottom of the other) are separate. */
const MAX_LEADING = 1.2;
/** A line reaching within this many font heights of the right margin has wrapped. */
const RIGHT_SLACK = 1.5;

/**
 * An item or heading number at the start of a line, unless it is a reference running on
 * ("第（一）项", "（二）款" wrap to a line start as often as headings do).
 */
export function opensItem(text: string): boolean {
  const m = ENUMERATOR.exec(text.trimStart());
  if (!m) return false;
  if (/^第/.test(m[0])) return false;
  return !/^[项款目条号]/.test(text.trimStart().slice(m[0].length));
}

/** Fragments of one baseline that ended up next to each other in reading order, as one line. */
export function rejoinFragments(ordered: { line: Line; block: number }[]): { line: Line; block: number }[] {
  const out: { line: Line; block: number }[] = [];
  for (const cur of ordered) {
    const prev = out[out.length - 1];
    if (prev && prev.block === cur.block && sameBaseline(prev.line, cur.line) && cur.line.x0 >= prev.line.x1 - 1) {
      prev.line = lineOf([...prev.line.runs, ...cur.line.runs]);
      continue;
    }
    out.push({ ...cur });
  }
  return out;
}

function sameBaseline(a: Line, b: Line): boolean {
  const ov = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
  return ov >= 0.5 * Math.min(a.y1 - a.y0, b.y1 - b.y0);
}

/**
 * Join the lines of one column block (in reading order) into paragraphs. `bodySize` is the
 * size most of the page's text is set in.
 */
export function paragraphsOf(page: number, block: number, lines: readonly Line[], bodySize: number): ParagraphDraft[] {
  if (lines.length === 0) return [];
  const left = Math.min(...lines.map((l) => l.x0));
  const right = Math.max(...lines.map((l) => l.x1));
  const out: ParagraphDraft[] = [];
  let cur: ParagraphDraft | null = null;
  for (const line of lines) {
    if (cur && (continuesParagraph(cur, line) || continuesTitle(cur, line, bodySize))) {
      cur.text += joiner(cur.text, line.text) + line.text;
      cur.lines.push(line);
      continue;
    }
    cur = { page, block, lines: [line], text: line.text, left, right };
    out.push(cur);
  }
  return out;
}

function continuesParagraph(p: ParagraphDraft, next: Line): boolean {
  const last = p.lines[p.lines.length - 1]!;
  const size = Math.max(last.size, next.size);
  if (Math.abs(last.size - next.size) > 0.15 * size) return false;
  const gap = next.y0 - last.y1;
  if (gap > MAX_LEADING * size || gap < -0.3 * size) return false;
  return wrapped(p, last) && startsAtMargin(p, next) && !opensItem(next.text);
}

/** Titles are set larger than the text by at least this factor. */
const TITLE_SIZE = 1.15;

/** The next line of a centred title: same size, larger than the text, centred, right below. */
function continuesTitle(p: ParagraphDraft, next: Line, bodySize: number): boolean {
  const last = p.lines[p.lines.length - 1]!;
  const size = Math.max(last.size, next.size);
  if (Math.abs(last.size - next.size) > 0.1 * size || size < TITLE_SIZE * bodySize) return false;
  const gap = next.y0 - last.y1;
  if (gap > MAX_LEADING * size || gap < -0.3 * size) return false;
  if (/[。！？!?；;]$/.test(last.text)) return false;
  const middle = (p.left + p.right) / 2;
  const centred = (l: Line): boolean => Math.abs((l.x0 + l.x1) / 2 - middle) <= 1.5 * l.size;
  return p.lines.every(centred) && centred(next);
}

/** The size most of the characters of these lines are set in. */
export function dominantSize(lines: readonly Line[]): number {
  const weight = new Map<number, number>();
  for (const l of lines) {
    const k = Math.round(l.size * 2) / 2;
    weight.set(k, (weight.get(k) ?? 0) + l.text.length);
  }
  let best = 0;
  let most = -1;
  for (const [k, w] of weight) if (w > most) [best, most] = [k, w];
  return best;
}

/** The line filled its column: its paragraph goes on. */
export const wrapped = (p: ParagraphDraft, last: Line): boolean => last.x1 >= p.right - RIGHT_SLACK * last.size;

/** The line starts at the column's left margin, not indented. */
export const startsAtMargin = (p: { left: number }, line: Line): boolean => line.x0 <= p.left + line.size;

/** What goes between two joined lines: nothing in Chinese, a space between Latin words. */
export function joiner(before: string, after: string): string {
  return isWide(lastChar(before)) || isWide(firstChar(after)) || before.endsWith("-") ? "" : " ";
}

/**
 * The first paragraph of a page goes on from the last one of the page before: that one
 * wrapped and did not end a sentence, and this one starts at its column's margin.
 */
export function continuesAcrossPages(prev: ParagraphDraft, next: ParagraphDraft): boolean {
  const last = prev.lines[prev.lines.length - 1]!;
  const first = next.lines[0]!;
  if (Math.abs(last.size - first.size) > 0.15 * Math.max(last.size, first.size)) return false;
  if (/[。！？!?；;：:]$/.test(last.text)) return false;
  return wrapped(prev, last) && startsAtMargin(next, first) && !opensItem(first.text);
}
