/**
 * Finding template row labels in flattened text: the printed label (numeral stripped) with any
 * whitespace between its characters, or one of the row's own patterns from src/templates.
 */
import { simplifyChars } from "../../templates/index.js";
import { toHalfWidth } from "../numbers.js";

export interface LabelHit {
  start: number;
  end: number;
}

/** Same length as the input, so offsets stay valid: full-width forms to ASCII, traditional characters to simplified, odd spaces to " ". */
export function normalizeFlat(text: string): string {
  return simplifyChars(toHalfWidth(text)).replace(/[\u00a0\u2002-\u200a\u202f\u205f]/g, " ").replace(/\u2212/g, "-");
}

const ORDINAL_PREFIX = /^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d+\s*[.．、])\s*/;

/** "（二）部分公开" → "部分公开"; "2.其他法律行政法规禁止公开" → "其他法律行政法规禁止公开". */
export function labelBody(label: string): string {
  let s = toHalfWidth(label);
  for (let i = 0; i < 3; i++) {
    const m = ORDINAL_PREFIX.exec(s);
    if (!m || m[0] === "") break;
    s = s.slice(m[0].length);
  }
  return s.trim();
}

/** The arabic ordinal a label opens with ("2.其他…" → "2"), or null. */
export function labelOrdinal(label: string): string | null {
  const m = /^\s*(\d+)\s*[.．、]/.exec(toHalfWidth(label));
  return m?.[1] ?? null;
}

const QUOTES = /["“”„'‘’「」『』]/;

function escapeChar(ch: string): string {
  return /[\\^$.*+?()[\]{}|/-]/.test(ch) ? `\\${ch}` : ch;
}

/** A pattern for the label body that tolerates spaces between characters and any quote style. */
export function bodyPattern(body: string): RegExp | null {
  const chars = [...body].filter((ch) => !/\s/.test(ch));
  if (chars.length === 0) return null;
  const src = chars.map((ch) => (QUOTES.test(ch) ? `["“”„'‘’「」『』]?` : escapeChar(ch))).join("\\s*");
  return new RegExp(src, "g");
}

/**
 * A template pattern made usable for searching inside a long line: anchors dropped, and ".*"
 * kept from running across cell values (it may not cross a digit).
 */
export function searchPattern(re: RegExp): RegExp {
  let src = re.source;
  if (src.startsWith("^")) src = src.slice(1);
  if (src.endsWith("$") && !src.endsWith("\\$")) src = src.slice(0, -1);
  src = src.replace(/\.\*\??/g, "[^\\d]*?");
  return new RegExp(src, re.flags.replace(/[gy]/g, "") + "g");
}

/** The earliest hit of any pattern at or after `from` (ties: the longest). Leading digits are not label. */
export function findLabel(text: string, patterns: readonly RegExp[], from: number, to = text.length): LabelHit | null {
  let best: LabelHit | null = null;
  for (const re of patterns) {
    re.lastIndex = from;
    const m = re.exec(text);
    if (!m || m[0] === "") continue;
    let start = m.index;
    const end = m.index + m[0].length;
    // A pattern with an optional ordinal ("(?:\d+\.)?其他") may start inside the previous row's digits.
    const lead = /^[\d\s.、]*/.exec(m[0])?.[0].length ?? 0;
    start += lead;
    if (start >= end || end > to) continue;
    if (!best || start < best.start || (start === best.start && end > best.end)) best = { start, end };
  }
  return best;
}

export function labelPatterns(label: string, match: readonly RegExp[]): RegExp[] {
  const out: RegExp[] = [];
  const body = bodyPattern(labelBody(label));
  if (body) out.push(body);
  for (const re of match) out.push(searchPattern(re));
  return out;
}
