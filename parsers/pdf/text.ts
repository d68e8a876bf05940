/**
 * Characters of Chinese report text: which are "wide" (CJK), how fragments join, and the
 * whitespace rules. Chinese is written without spaces; the spaces a PDF holds between CJK
 * characters are justification (WPS spreads "邮 编 ：" to fill a line) or pdf.js's guesses at
 * gaps, never words. Latin words and numbers keep a space between them.
 */

/** Han, CJK punctuation, kana, full-width forms, CJK compatibility, vertical forms, Chinese quotes. */
const WIDE_CLASS = String.raw`\p{Script=Han}\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u31c0-\u31ef\ufe10-\ufe1f\ufe30-\ufe4f\uff00-\uffef“”‘’…—·`;
const WIDE = new RegExp(`[${WIDE_CLASS}]`, "u");
const SPACE_AFTER_WIDE = new RegExp(`([${WIDE_CLASS}]) +`, "gu");
const SPACE_BEFORE_WIDE = new RegExp(` +(?=[${WIDE_CLASS}])`, "gu");
const INVISIBLE = /[\u0000-\u0008\u000b\u000e-\u001f\u007f\u00ad\u200b-\u200d\u2060\ufeff\ufffd]/g;

export const isWide = (ch: string | undefined): boolean => ch !== undefined && WIDE.test(ch);

/** Latin letters and digits (and the marks that sit inside numbers and words). */
export const isLatin = (ch: string | undefined): boolean => ch !== undefined && /[\p{L}\p{N}%.,;:!?)\]'"/+\-]/u.test(ch) && !isWide(ch);

/** Whitespace-only text: WPS exports emit such items by the hundred as column fillers. */
export const isBlank = (s: string): boolean => s.replace(INVISIBLE, "").trim() === "";

/**
 * Kangxi radicals (U+2F00–U+2FD5), CJK radicals and compatibility ideographs (U+F900–U+FAFF)
 * that fonts' ToUnicode maps give for ordinary characters ("⼀、总体情况", "⾏政"): pdf.js's
 * normalizeUnicode leaves these alone; NFKC maps each to the unified ideograph it stands for.
 */
const COMPATIBILITY_HAN = /[\u2e80-\u2fdf\uf900-\ufaff]/g;

/**
 * Invisible characters dropped, compatibility ideographs unified, whitespace collapsed, no
 * space next to a wide character, trimmed.
 */
export function tidy(s: string): string {
  return s
    .replace(INVISIBLE, "")
    .replace(COMPATIBILITY_HAN, (ch) => ch.normalize("NFKC"))
    .replace(/\s+/g, " ")
    .replace(SPACE_AFTER_WIDE, "$1")
    .replace(SPACE_BEFORE_WIDE, "")
    .trim();
}

export const firstChar = (s: string): string | undefined => (s.length ? String.fromCodePoint(s.codePointAt(0)!) : undefined);
export function lastChar(s: string): string | undefined {
  if (!s.length) return undefined;
  const cp = s.codePointAt(s.length - 1)!;
  // A low surrogate at the end: read the pair.
  if (cp >= 0xdc00 && cp <= 0xdfff && s.length >= 2) return String.fromCodePoint(s.codePointAt(s.length - 2)!);
  return String.fromCodePoint(cp);
}

/**
 * What goes between two fragments of one line that sit `gap` points apart: a space where the gap
 * is a column gap, or a word space between Latin letters or digits; nothing between CJK.
 */
export function separatorBetween(left: string, right: string, gap: number, size: number): string {
  if (gap >= WIDE_GAP * size) return " "; // a column gap: "行政许可      550" stays two words
  if (gap < 0.2 * size) return "";
  return isLatin(lastChar(left)) && isLatin(firstChar(right)) ? " " : "";
}

/** A gap of this many font heights between two fragments of a line separates columns. */
export const WIDE_GAP = 1;

/**
 * Markers that start a heading or a list item, in the numbering the national template and
 * Chinese official documents use (GB/T 9704-2012 §7.3.3: 一、 （一） 1. （1）).
 */
export const ENUMERATOR =
  /^(?:[一二三四五六七八九十百]+[、．.]|[（(][一二三四五六七八九十百]+[)）]|\d{1,2}[、．.](?!\d)|[（(]\d{1,2}[)）]|[①-⑳]|第[一二三四五六七八九十百\d]+[章节条部分项])/;

export const startsWithEnumerator = (s: string): boolean => ENUMERATOR.test(s.trimStart());
