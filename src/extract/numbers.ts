/**
 * One reading of a printed cell, made once here and trusted everywhere after: blank, a
 * placeholder (/ — 无 …), text where a number was expected, a number with what was printed
 * around it, or — for a run of digits whose cell boundaries were lost (flattened pages) — a cell
 * that cannot be decided from the document. data-contract.md §3 "Numbers".
 */

export type CellValue =
  | { kind: "blank" }
  | { kind: "placeholder"; raw: string }
  | { kind: "text"; raw: string }
  | {
      /**
       * Printed, but which digits are this cell's cannot be decided (labels/README.md
       * "ambiguous"): null in the model, PARSE_UNCERTAIN, never CELL_NOT_NUMBER.
       */
      kind: "undetermined";
      /** The values the admissible readings give the cell (sorted); empty when none was found. */
      alternatives: number[];
    }
  | {
      kind: "number";
      value: number;
      /** Digits printed after the decimal point (FEE_PRECISION reads this). */
      decimals: number;
      /** A unit printed inside the cell ("251000元"). */
      unit: string | null;
      /** Words printed after the number ("22（其中修订 16 件）"). */
      annotation: string | null;
    };

/** Placeholders that mean "not applicable / nothing": null with the raw text kept. */
const PLACEHOLDERS = new Set(["/", "／", "\\", "-", "－", "—", "——", "--", "―", "–", "无", "暂无", "不适用", "空", "×", "x", "X", "*", "..."]);

/** Full-width digits and signs to ASCII; ideographic space to space. */
export function toHalfWidth(s: string): string {
  return s.replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, " ");
}

const UNIT = /^(万元|元|亿元|千元|件|条|个|项|次)$/;

export function readCell(printed: string): CellValue {
  const raw = printed.replace(/\u00a0/g, " ").trim();
  if (raw === "") return { kind: "blank" };
  if (PLACEHOLDERS.has(raw)) return { kind: "placeholder", raw };
  const s = toHalfWidth(raw).replace(/\s+/g, " ").trim();
  // sign, digits possibly broken by spaces or thousands separators, optional decimals
  const m = /^([+\-−])?\s*(\d[\d ,，]*)(?:\.(\d+))?\s*(.*)$/s.exec(s);
  if (!m) return { kind: "text", raw };
  const [, sign, intPart = "", frac, restRaw = ""] = m;
  const intDigits = intPart.replace(/[ ,，]/g, "");
  // A separator must sit between digit groups: "1,234" yes, "12,3" (two numbers) no.
  if (/[,，]/.test(intPart) && !/^\d{1,3}([,，]\d{3})+\s*$/.test(intPart.trim())) return { kind: "text", raw };
  const rest = restRaw.trim();
  let unit: string | null = null;
  let annotation: string | null = null;
  if (rest !== "") {
    if (UNIT.test(rest)) unit = rest;
    else if (/^[（(].*[)）]$/s.test(rest)) annotation = rest;
    else return { kind: "text", raw };
  }
  const text = `${sign === "-" || sign === "−" ? "-" : ""}${intDigits}${frac !== undefined ? "." + frac : ""}`;
  const value = Number(text);
  if (!Number.isFinite(value)) return { kind: "text", raw };
  return { kind: "number", value: value === 0 ? 0 : value, decimals: frac?.length ?? 0, unit, annotation };
}

export const BLANK: CellValue = Object.freeze({ kind: "blank" });

/** The statistic a cell holds: its number, or null for anything else. */
export function statOf(v: CellValue): number | null {
  return v.kind === "number" ? v.value : null;
}

/** A number, a blank or a placeholder: what may stand in a value position (not label text). */
export function isValueLike(v: CellValue): boolean {
  return v.kind !== "text";
}

const CN_DIGITS: Record<string, number> = { 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** "4", "４", "四" → 4. */
export function smallNumber(s: string): number | null {
  const h = toHalfWidth(s);
  if (/^\d+$/.test(h)) return Number(h);
  if (h.length === 1 && h in CN_DIGITS) return CN_DIGITS[h] ?? null;
  return null;
}
